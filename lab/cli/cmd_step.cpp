// locklab step <bug> [--variant V] [--goal G] [--script "1 2 2 u 3"] [--save FILE]:
// play the scheduler in the terminal. Prints the threads that can take the
// next step, reads a choice (a thread number, u undo, f fork, b N back to a
// fork, r run to the end, s FILE save, q quit, ? help) and shows the goal's
// status; --script plays the same words without a prompt (tests, demos).
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "step_print.h"

namespace locklab::cli {
namespace {

struct StepOptions {
  std::string bug;
  std::string variant = "buggy";
  std::optional<std::string> goal;
  std::optional<std::string> script;
  std::optional<std::string> save;
  std::vector<std::string> params;
};

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::optional<std::uint64_t> number(const std::string& w) {
  if (w.empty() || w.size() > 6 || w.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoull(w);
}

std::string challenge_list(const std::vector<const sched::Challenge*>& list) {
  std::string out;
  for (const sched::Challenge* c : list) out += (out.empty() ? "" : ", ") + c->name + " (" + c->title() + ")";
  return out.empty() ? "none" : out;
}

const sched::Challenge* pick_challenge(const BugInfo& bug, const StepOptions& o) {
  const auto list = sched::challenges_for(bug.id);
  if (!o.goal) return o.params.empty() && !list.empty() ? list.front() : nullptr;
  if (*o.goal == "none") return nullptr;
  if (const sched::Challenge* c = sched::find_challenge(bug.id, *o.goal)) return c;
  throw UsageError("no goal '" + *o.goal + "' for " + bug.id + " (goals: " + challenge_list(list) +
                   "; 'none' for free play)");
}

void print_steps(std::ostream& out, const sched::StepSession& s) {
  if (s.steps().empty()) out << "no steps yet\n";
  for (std::size_t i = 0; i < s.steps().size(); ++i) out << "  " << (i + 1) << ". " << s.describe(s.steps()[i]) << "\n";
}

void print_forks(std::ostream& out, const sched::StepSession& s) {
  if (s.branches().empty()) out << "no forks yet (f keeps the steps so far as one)\n";
  for (std::size_t i = 0; i < s.branches().size(); ++i)
    out << "  fork " << (i + 1) << ": " << s.branches()[i].picks.size() << " steps, " << s.branches()[i].outcome << "\n";
}

// Applies the command at words[i] (and its argument, if it takes one);
// returns the index of the next word, or nullopt on quit. Throws StepError
// or UsageError for a choice that cannot be made.
std::optional<std::size_t> apply(sched::StepSession& s, const std::vector<std::string>& words, std::size_t i,
                                 std::ostream& out, bool& show_state) {
  const std::string& w = words[i];
  show_state = true;
  if (const auto n = number(w)) {
    if (*n == 0 || *n > 0xFFFF) throw sched::StepError("there is no thread T" + w);
    s.step(static_cast<std::uint16_t>(*n));
    print_last_step(out, s);
    return i + 1;
  }
  if (w == "u" || w == "undo") {
    if (!s.undo()) throw sched::StepError("nothing to undo: no steps taken yet");
    out << "undone: back to " << s.picks().size() << (s.picks().size() == 1 ? " step\n" : " steps\n");
    return i + 1;
  }
  if (w == "f" || w == "fork") {
    const std::size_t k = s.fork();
    out << "fork " << k << " keeps these " << s.picks().size() << " steps; 'b " << k << "' comes back here\n";
    show_state = false;
    return i + 1;
  }
  if (w == "b" || w == "back") {
    if (i + 1 < words.size()) {
      if (const auto n = number(words[i + 1])) {
        s.switch_to(static_cast<std::size_t>(*n));
        out << "back to fork " << *n << ": " << s.picks().size() << " steps\n";
        return i + 2;
      }
    }
    print_forks(out, s);
    show_state = false;
    return i + 1;
  }
  if (w == "r" || w == "run") {
    const std::size_t before = s.picks().size();
    s.finish();
    out << "ran to the end with no more preemptions: " << (s.picks().size() - before) << " more steps\n";
    return i + 1;
  }
  if (w == "s" || w == "save") {
    if (i + 1 >= words.size()) throw UsageError("'s' needs a file name: s FILE");
    s.save(words[i + 1]);
    out << "saved " << s.picks().size() << " steps to " << words[i + 1] << " (replay: locklab replay " << s.bug().id
        << " " << words[i + 1] << ")\n";
    show_state = false;
    return i + 2;
  }
  if (w == "l" || w == "list") {
    print_steps(out, s);
    show_state = false;
    return i + 1;
  }
  if (w == "?" || w == "h" || w == "help") {
    print_step_help(out);
    show_state = false;
    return i + 1;
  }
  if (w == "q" || w == "quit") return std::nullopt;
  throw UsageError("'" + w + "' is not a choice: a thread number, u, f, b N, r, s FILE, l, q or ?");
}

int run_script(sched::StepSession& s, const std::string& script, Io io) {
  const std::vector<std::string> words = words_of(script);
  for (std::size_t i = 0; i < words.size();) {
    bool show = false;
    std::optional<std::size_t> next;
    try {
      next = apply(s, words, i, io.out, show);
    } catch (const std::exception& e) {
      throw UsageError("--script word " + std::to_string(i + 1) + " ('" + words[i] + "'): " + e.what());
    }
    if (!next) break;
    i = *next;
  }
  print_step_state(io.out, s);
  return kExitOk;
}

int run_interactive(sched::StepSession& s, Io io) {
  print_step_state(io.out, s);
  io.out << "\n(? for help)\n";
  for (std::string line;;) {
    io.out << "step> " << std::flush;
    if (!std::getline(std::cin, line)) {
      io.out << "\n";
      return kExitOk;
    }
    std::vector<std::string> words = words_of(line);
    if (words.empty()) {
      const auto r = s.runnable();
      if (r.size() != 1) {
        io.err << "locklab: " << r.size() << " threads can step: type the number of one (? for help)\n";
        continue;
      }
      words.push_back(std::to_string(r.front()->id));
    }
    bool show = false;
    for (std::size_t i = 0; i < words.size();) {
      try {
        const auto next = apply(s, words, i, io.out, show);
        if (!next) return kExitOk;
        i = *next;
      } catch (const std::exception& e) {
        io.err << "locklab: " << e.what() << "\n";
        break;
      }
    }
    if (show) print_step_state(io.out, s);
  }
}

int run_step(const StepOptions& o, Io io) {
  const BugInfo& bug = find_bug(o.bug);
  const sched::Challenge* challenge = pick_challenge(bug, o);
  if (challenge && !o.params.empty())
    throw UsageError("--param cannot be combined with a goal (the challenge fixes its settings); use --goal none");
  std::unique_ptr<sched::StepSession> s;
  try {
    if (challenge) {
      s = std::make_unique<sched::StepSession>(bug, *challenge, o.variant == "buggy" ? "" : o.variant);
    } else {
      RunConfig config;
      config.params = parse_params(o.params);
      s = std::make_unique<sched::StepSession>(bug, o.variant, config);
    }
  } catch (const ConfigError& e) {
    throw UsageError(e.what());
  }
  if (!challenge && !sched::challenges_for(bug.id).empty() && !o.goal)
    io.out << "goals for " << bug.id << ": " << challenge_list(sched::challenges_for(bug.id)) << "\n";
  const int rc = o.script ? run_script(*s, *o.script, io) : run_interactive(*s, io);
  if (o.save) {
    try {
      s->save(*o.save);
    } catch (const std::exception& e) {
      throw UsageError(e.what());
    }
    io.out << "saved " << s->picks().size() << " steps to " << *o.save << " (replay: locklab replay " << bug.id << " "
           << *o.save << ")\n";
  }
  if (rc == kExitOk && o.script && challenge && !(s->goal().reached && s->goal().within_limit)) return kExitNotExpected;
  return rc;
}

}  // namespace

void add_step(CLI::App& app, Io io, Action& action) {
  auto o = std::make_shared<StepOptions>();
  CLI::App* sub = app.add_subcommand("step", "Play the scheduler: pick which thread takes each next step");
  sub->add_option("bug", o->bug, "The bug's id (see 'locklab list')")->required()->type_name("ID");
  sub->add_option("--variant", o->variant, "The variant to step through (default: buggy)")->type_name("NAME");
  sub->add_option("--goal", o->goal, "The challenge to play (default: the bug's first; 'none': free play)")
      ->type_name("NAME");
  sub->add_option("--script", o->script, "Play these choices without a prompt, e.g. \"1 2 2 u 3\"")
      ->type_name("WORDS");
  sub->add_option("--save", o->save, "Save the steps as a schedule when done")->type_name("FILE");
  sub->add_option("--param", o->params, "Free play only: a parameter, name=value (repeatable)")->type_name("K=V");
  sub->callback([o, io, &action] { action = [o, io] { return run_step(*o, io); }; });
}

}  // namespace locklab::cli
