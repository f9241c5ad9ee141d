// locklab replay: runs a saved schedule again, step for step.
//
//   locklab replay BUG FILE [--variant V] [--trace OUT.lltrace] [--json]
//
// On the schedule's own variant the run repeats exactly. On another one (the
// fix) the schedule is followed as far as it applies, then the run goes on
// deterministically; the output says where it left the schedule. Exit 0 when
// the result is what the variant should show (buggy: it fails; fixed: it
// completes), 1 otherwise.
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "explore_output.h"
#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified
#include "locklab/sched/explore.h"
#include "locklab/trace/trace_file.h"

namespace locklab::cli {
namespace {

struct ReplayCliOptions {
  std::string bug, file;
  std::string variant;  // "": the schedule's own
  std::string trace;
  bool json = false;
};

int run_replay(const ReplayCliOptions& o, Io io) {
  const BugInfo& bug = find_bug(o.bug);
  sched::Schedule schedule;
  try {
    schedule = sched::load_schedule(o.file);
  } catch (const sched::ScheduleError& e) {
    throw UsageError(e.what());
  }
  if (!schedule.bug.empty() && schedule.bug != bug.id)
    throw UsageError(o.file + " is a schedule of " + schedule.bug + ", not of " + bug.id);
  std::string variant = o.variant.empty() ? schedule.variant : o.variant;
  if (variant.empty()) variant = "buggy";
  const auto variants = select_variants(bug, variant);
  if (variants.size() != 1) throw UsageError("--variant: replay runs one variant; name one (buggy, fixed, ...)");
  const VariantInfo& v = *variants.front();
  const sched::ReplayResult r = sched::replay(bug, schedule, v.name);
  if (!o.trace.empty()) {
    const std::string error = save_trace(r.run.trace, o.trace);
    if (!error.empty()) throw UsageError("cannot save trace '" + o.trace + "': " + error);
  }
  const Trace& t = r.run.trace;
  if (o.json) {
    print_json(io.out, {{"bug", bug.id},
                        {"variant", v.name},
                        {"schedule", o.file},
                        {"recorded_variant", schedule.variant},
                        {"recorded_steps", schedule.steps.size()},
                        {"steps", steps_json(r.run)},
                        {"preemptions", r.run.preemptions},
                        {"diverged", r.diverged},
                        {"divergence", r.divergence},
                        {"failed", r.failed},
                        {"verdict", {{"kind", json_word(t.verdict.kind)}, {"summary", t.verdict.summary},
                                     {"detail", t.verdict.detail}}},
                        {"oracle", {{"symptom", r.oracle.symptom}, {"explanation", r.oracle.explanation}}},
                        {"trace", o.trace.empty() ? nlohmann::json() : nlohmann::json(o.trace)}});
  } else {
    io.out << "replay " << o.file << " (" << schedule.steps.size() << " steps, recorded on " << bug.id << " / "
           << (schedule.variant.empty() ? "?" : schedule.variant) << ") against " << v.name << "\n";
    if (r.diverged)
      io.out << "the threads left the recorded schedule: " << r.divergence
             << "; from there the run went on deterministically (the running thread continues, else the lowest id)\n";
    else
      io.out << "every recorded step applied\n";
    io.out << "\nthe run, step by step:\n";
    print_steps(io.out, r.run);
    io.out << "\n";
    print_outcome(io.out, t, r.oracle);
    if (!r.failed) io.out << "\nthe " << v.name << " variant runs this interleaving to completion\n";
    if (!o.trace.empty()) io.out << "trace saved to " << o.trace << "\n";
  }
  return r.failed == v.buggy ? kExitOk : kExitNotExpected;
}

}  // namespace

void add_replay(CLI::App& app, Io io, Action& action) {
  auto o = std::make_shared<ReplayCliOptions>();
  CLI::App* sub = app.add_subcommand("replay", "Run a saved schedule again, step for step (on its variant or another)");
  sub->add_option("bug", o->bug, "The bug's id")->required()->type_name("ID");
  sub->add_option("file", o->file, "A schedule saved by 'locklab explore --save'")->required()->type_name("FILE");
  sub->add_option("--variant,-v", o->variant, "The variant to run (default: the schedule's own)")->type_name("V");
  sub->add_option("--trace", o->trace, "Save the run's trace to this .lltrace file")->type_name("FILE");
  sub->add_flag("--json", o->json, "Print JSON");
  sub->callback([o, io, &action] { action = [o, io] { return run_replay(*o, io); }; });
}

}  // namespace locklab::cli
