// locklab explore: the controlled scheduler hunts for a failing interleaving.
//
//   locklab explore BUG [--variant V] [--strategy random|pct|dfs] [--depth D]
//                   [--preemptions P] [--budget N | --time S] [--seed S]
//                   [--save FILE] [--json] [--rates] [--small]
//
// Prints the failing schedule's steps in words, the deadlock report, and
// the command that replays it; on a clean variant, how much was searched
// ("no failure within P preemptions, N schedules" for an exhausted dfs).
// --small explores the bug's small bounded workload (the one the trigger-rate
// table runs, BugInfo::rates) instead of its controlled settings: small
// enough that dfs certifies a fixed variant, every schedule, in seconds.
// Exit 0 when the result is what the variant should show (buggy: a failure
// found; fixed: none), 1 otherwise, 130 on Ctrl-C.
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "explore_output.h"
#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified
#include "locklab/sched/explore.h"
#include "locklab/sched/rates.h"
#include "progress.h"
#include "run_options.h"

namespace locklab::cli {
namespace {

struct ExploreCliOptions {
  std::string bug;
  std::string variant = "buggy";
  std::string strategy = "pct";
  std::string depth = "3", preemptions = "2", seed = "1";
  std::optional<std::string> budget, time_s;
  std::string save;
  RunOptions run;
  bool json = false;
  bool rates = false;
  bool small = false;
};

int run_explore(const ExploreCliOptions& o, Io io) {
  const BugInfo& bug = find_bug(o.bug);
  const auto variants = select_variants(bug, o.variant);
  if (variants.size() != 1) throw UsageError("--variant: explore runs one variant; name one (buggy, fixed, ...)");
  const VariantInfo& variant = *variants.front();
  sched::ExploreOptions options;
  options.strategy = o.strategy;
  options.depth = static_cast<std::uint32_t>(parse_whole(o.depth, "--depth", 1, 16));
  options.preemptions = static_cast<std::uint32_t>(parse_whole(o.preemptions, "--preemptions", 0, 16));
  options.seed = parse_whole(o.seed, "--seed", 0, ~0ull);
  if (o.budget && o.time_s) throw UsageError("--budget and --time: give one of them");
  if (o.budget) options.budget = parse_whole(*o.budget, "--budget", 1, 100'000'000);
  if (o.time_s) options.time_s = static_cast<double>(parse_whole(*o.time_s, "--time", 1, 86'400));
  options.run = make_config(o.run, &bug);
  if (o.small) {  // the rates workload, with the --threads, --duration and --param values given
    RunConfig small = sched::rates_config(bug);
    for (const auto& [name, value] : options.run.params) small.params[name] = value;
    if (options.run.threads) small.threads = options.run.threads;
    if (options.run.duration_ms) small.duration_ms = options.run.duration_ms;
    small.seed = options.run.seed;
    options.run = small;
  }
  options.run.events_per_thread = std::size_t{1} << 14;
  (void)sched::make_strategy(options);  // an unknown strategy is a usage error before any run
  if (bug.cause == SymptomCause::kRealTime) {
    // Searching interleavings cannot find such a symptom, and a controlled
    // run's oracle on virtual time would only pretend to judge it.
    const std::string why = bug.id + "'s symptom is " + bug.cause_note +
                            ": no interleaving causes it, and a controlled run's virtual time cannot measure it, "
                            "so explore does not search for it";
    if (o.json) {
      print_json(io.out, {{"bug", bug.id}, {"variant", variant.name}, {"searched", false}, {"reason", why},
                          {"instead", "locklab run " + bug.id}});
    } else {
      io.out << "explore " << bug.id << " / " << variant.name << ": not searched\n  " << why
             << ".\n  See it on real threads, buggy beside fixed:\n    locklab run " << bug.id << "\n";
    }
    return kExitOk;
  }

  InterruptScope interrupt;
  std::uint64_t last_report = 0;
  options.on_progress = [&](std::uint64_t n) {
    if (n - last_report >= 4096) {
      io.err << "explore: " << thousands(n) << " schedules...\n";
      last_report = n;
    }
    return !interrupt.interrupted();
  };
  const sched::ExploreResult result = sched::explore(bug, variant.name, options);
  std::optional<sched::TriggerRates> rates;
  if (o.rates && !interrupt.interrupted()) {
    sched::RatesOptions ro;
    ro.run = sched::rates_config(bug);  // the bug's small bounded workload, with the --param values given
    for (const auto& [name, value] : options.run.params) ro.run.params[name] = value;
    if (options.run.threads) ro.run.threads = options.run.threads;
    ro.seed = options.seed;
    ro.on_progress = [&](const std::string& what) {
      io.err << "rates: " << what << "...\n";
      return !interrupt.interrupted();
    };
    rates = sched::trigger_rates(bug, ro);
  }
  if (result.found && !o.save.empty()) {
    std::vector<std::string> words;
    for (std::size_t i = 0; i < result.failing.steps.size(); ++i)
      words.push_back(std::to_string(i + 1) + ". " + sched::describe_step(result.failing.trace, result.failing.steps[i]));
    try {
      sched::save_schedule(o.save, result.schedule, words);
    } catch (const sched::ScheduleError& e) {
      throw UsageError(e.what());
    }
  }
  ExploreReport report{bug, variant, options, result, o.save, rates};
  if (o.json) print_json(io.out, explore_json(report));
  else print_explore(io.out, report);
  if (result.interrupted || interrupt.interrupted()) return kExitInterrupted;
  return result.found == variant.buggy ? kExitOk : kExitNotExpected;
}

}  // namespace

void add_explore(CLI::App& app, Io io, Action& action) {
  auto o = std::make_shared<ExploreCliOptions>();
  CLI::App* sub = app.add_subcommand(
      "explore", "Search interleavings with the controlled scheduler until the bug shows; print and save the schedule");
  sub->add_option("bug", o->bug, "The bug's id (see 'locklab list')")->required()->type_name("ID");
  sub->add_option("--variant,-v", o->variant, "The variant to explore")->type_name("V")->capture_default_str();
  sub->add_option("--strategy,-s", o->strategy, "random (random walk), pct (priorities with change points) or dfs "
                                                "(exhaustive within a preemption bound)")
      ->type_name("S")->capture_default_str();
  sub->add_option("--depth", o->depth, "pct: the bug depth to aim at, 1 to 16")->type_name("D")->capture_default_str();
  sub->add_option("--preemptions", o->preemptions, "dfs: the preemption bound, 0 to 16")
      ->type_name("P")->capture_default_str();
  sub->add_option("--budget,-n", o->budget, "Schedules to try at most (default 10,000)")->type_name("N");
  sub->add_option("--time", o->time_s, "Seconds to search at most (instead of --budget)")->type_name("SECONDS");
  sub->add_option("--seed", o->seed, "The strategy's seed")->type_name("S")->capture_default_str();
  sub->add_option("--save", o->save, "Write the failing schedule to FILE (replay it with 'locklab replay')")
      ->type_name("FILE");
  add_run_options(*sub, o->run, false);
  sub->add_option("--param,-p", o->run.params, "A parameter as name=value (repeatable; or a=1,b=2)")
      ->allow_extra_args(false)
      ->type_name("NAME=VALUE");
  sub->add_flag("--rates", o->rates,
                "Also measure how often each method triggers the bug: real threads, chaos, random walk, pct "
                "depth 1-3, dfs (slower: a few seconds)");
  sub->add_flag("--small", o->small,
                "Explore the bug's small bounded workload (the one --rates runs: few threads, a few operations "
                "each) instead of its controlled settings; with --strategy dfs it certifies a fixed variant in "
                "seconds");
  sub->add_flag("--json", o->json, "Print JSON");
  sub->footer("Controlled runs use virtual time: --duration is virtual milliseconds (default: the bug's "
              "controlled setting, else 20 ms), --threads defaults to at most 3.");
  sub->callback([o, io, &action] { action = [o, io] { return run_explore(*o, io); }; });
}

}  // namespace locklab::cli
