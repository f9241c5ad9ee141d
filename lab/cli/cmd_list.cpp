// locklab list [--json]: the catalogue, one bug a line.
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "format.h"

namespace locklab::cli {
namespace {

std::string variant_list(const BugInfo& bug) {
  std::string out;
  for (const VariantInfo& v : bug.variants) out += (out.empty() ? "" : ", ") + v.name;
  return out;
}

nlohmann::json bug_json(const BugInfo& bug) {
  nlohmann::json variants = nlohmann::json::array();
  for (const VariantInfo& v : bug.variants) variants.push_back(v.name);
  return {{"id", bug.id},
          {"title", bug.title},
          {"family", bug.family},
          {"blocking", bug.blocking == Blocking::kBlocking},
          {"sharing", bug.sharing == Sharing::kSharedMemory ? "shared_memory" : "message_passing"},
          {"variants", variants}};
}

int run_list(bool json, Io io) {
  const auto bugs = Catalogue::get().all();
  if (json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const BugInfo* b : bugs) arr.push_back(bug_json(*b));
    print_json(io.out, {{"bugs", arr}});
    return kExitOk;
  }
  if (bugs.empty()) {
    io.out << "The catalogue is empty: no bug modules were built into this locklab.\n";
    return kExitOk;
  }
  Table t({"ID", "TITLE", "FAMILY", "BLOCKING", "SHARING", "VARIANTS"});
  for (const BugInfo* b : bugs)
    t.add({b->id, b->title, b->family, std::string(to_string(b->blocking)), std::string(to_string(b->sharing)),
           variant_list(*b)});
  t.print(io.out);
  io.out << "\n" << bugs.size() << (bugs.size() == 1 ? " bug" : " bugs")
         << ". 'locklab show <id>' tells a bug's story; 'locklab run <id>' runs it buggy and fixed.\n";
  return kExitOk;
}

}  // namespace

void add_list(CLI::App& app, Io io, Action& action) {
  auto json = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand("list", "List the catalogue of bugs");
  sub->add_flag("--json", *json, "Print JSON instead of a table");
  sub->callback([json, io, &action] { action = [json, io] { return run_list(*json, io); }; });
}

}  // namespace locklab::cli
