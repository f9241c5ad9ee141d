// explored: the candidate survives the interleavings that real runs on a
// quiet machine rarely produce. Two kinds of run, each its own search:
//
//   1. the controlled scheduler (lab/include/locklab/sched/): `schedules`
//      schedules chosen by `strategy` (pct with `depth`, random, or dfs with
//      `preemptions`), each a run of the candidate with the bug's controlled
//      defaults (BugInfo::controlled: few threads, short runs, virtual
//      time), or `threads` and `params` given over them. A schedule fails as `locklab explore` judges it: a bad verdict
//      or the bug's oracle seeing its symptom. The first failing schedule is
//      saved (RunPlan::schedule_file) and told step by step, with the
//      command that replays it.
//   2. chaos: `chaos_runs` real runs (the first seeds of the plan) with
//      random yields and short sleeps at every scheduling point
//      (RunConfig::chaos), judged like `completes` and `oracle` together.
//
// This is what catches a fix that narrows the window instead of closing it
// (a check-then-act on the pool's room, a lock order that flips on a rare
// path): real runs pass it by luck, a search over schedules does not.
#include <algorithm>
#include <filesystem>

#include "locklab/sched/explore.h"
#include "property.h"
#include "schedule_words.h"
#include "words.h"

namespace locklab::exercises {
namespace {

constexpr std::size_t kStepsShown = 16;

class Explored final : public Property {
 public:
  explicit Explored(ExploredOptions o) : o_(std::move(o)) {}
  std::string_view id() const noexcept override { return "explored"; }
  std::string what() const override {
    return "no failure over " + std::to_string(o_.schedules) + " controlled schedules (" + strategy_text() + ")" +
           (o_.chaos_runs ? " nor in real runs with chaos" : "");
  }

  PropertyResult check(Evidence& evidence) const override {
    PropertyResult r;
    r.figures = {{"strategy", o_.strategy},
                 {"max_schedules", o_.schedules},
                 {"chaos_runs_planned", o_.chaos_runs}};
    if (!controlled(evidence, r)) return r;
    if (!chaos(evidence, r)) return r;
    r.pass = true;
    r.reason = "no failure in " + std::to_string(r.figures["schedules"].get<std::uint64_t>()) +
               " schedules under the controlled scheduler (" + strategy_text() + ")";
    if (r.figures.contains("chaos_runs") && r.figures["chaos_runs"].get<std::size_t>() > 0)
      r.reason += " nor in " + count_text(r.figures["chaos_runs"].get<std::size_t>(), "real run", "real runs") +
                  " with chaos";
    return r;
  }

 private:
  std::string strategy_text() const {
    if (o_.strategy == "pct") return "pct, depth " + std::to_string(o_.depth);
    if (o_.strategy == "dfs") return "dfs, at most " + std::to_string(o_.preemptions) + " preemptions";
    return o_.strategy;
  }

  // The search over schedules; false (with r filled) when one failed.
  bool controlled(Evidence& evidence, PropertyResult& r) const {
    const std::string& variant = evidence.candidate_variant().name;
    evidence.note("exploring " + std::to_string(o_.schedules) + " schedules of " + variant + " (" +
                  strategy_text() + ")");
    sched::ExploreOptions options;
    options.strategy = o_.strategy;
    options.depth = o_.depth;
    options.preemptions = o_.preemptions;
    options.budget = o_.schedules;
    options.seed = o_.seed;
    options.run.seed = evidence.plan().seeds.front();
    options.run.threads = o_.threads;
    options.run.params = o_.params;
    options.run.spurious_wakeups = evidence.plan().config.spurious_wakeups;
    options.run.events_per_thread = std::size_t{1} << 14;
    const sched::ExploreResult found = sched::explore(evidence.bug(), variant, options);
    r.figures["schedules"] = found.schedules;
    r.figures["exhausted"] = found.exhausted;
    r.figures["search_ms"] = static_cast<std::uint64_t>(found.seconds * 1000);
    if (!found.found) return true;

    const std::vector<std::string> words = steps_in_words(found.failing);
    const Trace& run = found.failing.trace;
    r.figures["failing_schedule"] = found.schedules;
    r.figures["failing_steps"] = found.failing.steps.size();
    r.figures["verdict"] = std::string(to_string(run.verdict.kind));
    r.figures["steps"] = found.schedule.steps;

    std::string saved;
    const std::string& file = evidence.plan().schedule_file;
    if (!file.empty()) {
      try {
        std::filesystem::create_directories(std::filesystem::path(file).parent_path());
        std::vector<std::string> comments;
        if (!evidence.plan().replay_command.empty())
          comments.push_back("the variant '" + variant + "' lives in its exercise binary: replay with `" +
                             evidence.plan().replay_command + " FILE`, not `locklab replay`");
        comments.insert(comments.end(), words.begin(), words.end());
        sched::save_schedule(file, found.schedule, comments);
        saved = file;
        r.figures["schedule_file"] = file;
      } catch (const std::exception& e) {
        r.figures["schedule_file_error"] = e.what();
      }
    }

    r.reason = "under the controlled scheduler, schedule " + std::to_string(found.schedules) + " of at most " +
               std::to_string(o_.schedules) + " (" + strategy_text() + ") fails after " +
               count_text(found.failing.steps.size(), "step", "steps") + ": ";
    if (is_failure(run.verdict.kind))
      r.reason += std::string(to_string(run.verdict.kind)) + ", " + run.verdict.summary;
    else
      r.reason += "the bug's symptom: " + found.oracle.explanation;
    r.reason += ". Real runs can pass this by luck; this interleaving is always there. Its last steps:\n" +
                last_steps_text(words, kStepsShown, "    ");
    if (is_failure(run.verdict.kind) && !run.verdict.detail.empty()) r.reason += run.verdict.detail + "\n";
    if (!saved.empty() && !evidence.plan().replay_command.empty())
      r.reason += "Replay it step by step: " + evidence.plan().replay_command + " " + saved +
                  "  (add --candidate " + evidence.reference_variant().name +
                  " to watch the reference fix on the same interleaving)";
    return false;
  }

  // Real runs with chaos; false (with r filled) when one failed.
  bool chaos(Evidence& evidence, PropertyResult& r) const {
    const std::vector<std::uint64_t>& seeds = evidence.plan().seeds;
    const std::size_t n = std::min<std::size_t>(o_.chaos_runs, seeds.size());
    r.figures["chaos_runs"] = n;
    for (std::size_t i = 0; i < n; ++i) {
      evidence.note(evidence.candidate_variant().name + " with chaos, seed " + std::to_string(seeds[i]));
      RunConfig c = evidence.plan().config;
      c.seed = seeds[i];
      c.chaos = true;
      const Trace run = run_bug(evidence.bug(), evidence.candidate_variant().name, c);
      OracleVerdict v;
      if (evidence.bug().oracle) v = evidence.bug().oracle(run);
      if (!is_failure(run.verdict.kind) && !v.symptom) continue;
      r.figures["chaos_seed"] = seeds[i];
      r.figures["verdict"] = std::string(to_string(run.verdict.kind));
      r.reason = "in a real run with chaos (seed " + std::to_string(seeds[i]) +
                 ": every thread yields or sleeps a few microseconds at random scheduling points), ";
      if (is_failure(run.verdict.kind)) {
        r.reason += "the run ended in " + std::string(to_string(run.verdict.kind)) + " after " +
                    duration_text(static_cast<double>(run.verdict.at_ns)) + ": " + run.verdict.summary;
        if (!run.verdict.detail.empty()) r.reason += "\n" + run.verdict.detail;
      } else {
        r.reason += "the bug's symptom showed: " + v.explanation;
      }
      if (!evidence.plan().replay_command.empty()) {
        std::string bin = evidence.plan().replay_command;
        bin = bin.substr(0, bin.rfind(" --replay"));
        r.reason += "\nWatch such a run: " + bin + " --trace chaos.lltrace --chaos --seed " + std::to_string(seeds[i]) +
                    ", then locklab-viz chaos.lltrace";
      }
      return false;
    }
    return true;
  }

  ExploredOptions o_;
};

}  // namespace

std::unique_ptr<Property> make_explored(ExploredOptions options) {
  return std::make_unique<Explored>(std::move(options));
}

}  // namespace locklab::exercises
