// locklab show <bug> [--json]: a bug's metadata, parameters, variants and story.
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified

namespace locklab::cli {
namespace {

struct ShowOptions {
  std::string bug;
  bool json = false;
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

nlohmann::json show_json(const BugInfo& bug) {
  nlohmann::json params = nlohmann::json::array();
  for (const ParamSpec& p : bug.params)
    params.push_back({{"name", p.name},
                      {"default", p.default_value},
                      {"min", p.min},
                      {"max", p.max},
                      {"integer", p.integer},
                      {"help", p.help}});
  nlohmann::json variants = nlohmann::json::array();
  for (const VariantInfo& v : bug.variants)
    variants.push_back({{"name", v.name}, {"summary", v.summary}, {"buggy", v.buggy}, {"files", v.files}});
  return {{"id", bug.id},
          {"title", bug.title},
          {"family", bug.family},
          {"blocking", bug.blocking == Blocking::kBlocking},
          {"sharing", bug.sharing == Sharing::kSharedMemory ? "shared_memory" : "message_passing"},
          {"seed", bug.seed},
          {"symptom", bug.symptom},
          {"default_threads", bug.default_threads},
          {"default_duration_ms", bug.default_duration_ms},
          {"has_compare", static_cast<bool>(bug.compare)},
          {"params", params},
          {"variants", variants},
          {"story", Catalogue::get().story(bug.id)}};
}

void show_text(std::ostream& out, const BugInfo& bug) {
  out << bug.id << ": " << bug.title << "\n\n";
  auto line = [&](std::string_view name, const std::string& value) {
    if (!value.empty()) out << fmt::format("  {:<10}{}\n", name, value);
  };
  line("family", bug.family);
  line("kind", fmt::format("{}, {}", to_string(bug.blocking), to_string(bug.sharing)));
  line("seed", bug.seed);
  line("symptom", bug.symptom);
  line("defaults", fmt::format("{} threads, {}", bug.default_threads, human_ms(bug.default_duration_ms)));
  if (bug.compare) line("compare", "judges buggy against fixed runs of the same settings");

  out << "\nparameters (--param name=value):\n";
  if (bug.params.empty()) {
    out << "  none\n";
  } else {
    Table t({"NAME", "DEFAULT", "RANGE", "HELP"});
    t.right(1);
    for (const ParamSpec& p : bug.params)
      t.add({p.name, fmt::format("{}", p.default_value),
             fmt::format("[{}, {}]{}", p.min, p.max, p.integer ? "" : " (decimal)"), p.help});
    t.print(out, "  ");
  }

  out << "\nvariants (--variant name):\n";
  Table v({"NAME", "KIND", "SUMMARY", "FILES"});
  for (const VariantInfo& x : bug.variants) v.add({x.name, x.buggy ? "buggy" : "fixed", x.summary, join(x.files)});
  v.print(out, "  ");

  const std::string story = Catalogue::get().story(bug.id);
  out << "\n";
  if (story.empty()) out << "(no story: the module has no README.md)\n";
  else out << story << (story.back() == '\n' ? "" : "\n");
}

int run_show(const ShowOptions& o, Io io) {
  const BugInfo& bug = find_bug(o.bug);
  if (o.json) print_json(io.out, show_json(bug));
  else show_text(io.out, bug);
  return kExitOk;
}

}  // namespace

void add_show(CLI::App& app, Io io, Action& action) {
  auto o = std::make_shared<ShowOptions>();
  CLI::App* sub = app.add_subcommand("show", "Show a bug: metadata, parameters, variants and story");
  sub->add_option("bug", o->bug, "The bug's id (see 'locklab list')")->required()->type_name("ID");
  sub->add_flag("--json", o->json, "Print JSON");
  sub->callback([o, io, &action] { action = [o, io] { return run_show(*o, io); }; });
}

}  // namespace locklab::cli
