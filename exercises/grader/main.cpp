// The exercise binary (build/bin/locklab-exercise-<id>): grades one
// candidate variant of one exercise and prints the result as JSON on stdout,
// progress on stderr. `locklab check <id>` builds it, runs it and presents
// the result; it can also be run by hand:
//
//   locklab-exercise-<id> [--candidate VARIANT] [--runs N] [--seed S]
//                         [--duration MS] [--save-schedule FILE] [--quiet]
//   locklab-exercise-<id> --replay FILE [--candidate VARIANT]
//   locklab-exercise-<id> --trace FILE [--candidate VARIANT] [--seed S]
//                         [--duration MS] [--chaos]
//
//   --candidate  grade a catalogue variant ("buggy", "fixed", ...) instead of
//                the learner's file (the variant "exercise", the default)
//   --runs N     N seeds (S, S+1, ...) instead of the settings' seeds
//   --seed S     the first seed when --runs is given (default 1)
//   --duration   each run's duration in ms instead of the settings'
//   --save-schedule  where the `explored` property saves a failing schedule
//                (default: <build>/exercises/<id>/<this binary's name>.schedule)
//   --replay     replays a saved schedule on the candidate (the schedule's
//                own variant unless --candidate is given), prints its steps
//                in words and how it ended; exit 1 when it fails
//   --trace      one real run of the candidate with the settings (seed S,
//                chaos with --chaos), its trace streamed to FILE as
//                `locklab run --trace` does (the visualizer follows it);
//                prints the verdict and the oracle's words; exit 0 when it
//                ends well with no symptom, 1 otherwise
//
// Exit codes: 0 pass, 1 fail, 2 bad usage or unusable settings.
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "grade.h"
#include "harness.h"
#include "locklab/run/catalogue.h"
#include "locklab/sched/explore.h"
#include "locklab/trace/trace_stream.h"
#include "schedule_words.h"

namespace le = locklab::exercises;

namespace {

struct Options {
  std::string candidate = "exercise";
  bool candidate_given = false;
  std::uint64_t runs = 0, seed = 1, duration_ms = 0;
  bool quiet = false, chaos = false;
  std::string save_schedule, replay, trace;
};

[[noreturn]] void usage(const std::string& what) {
  std::cerr << "locklab-exercise-" << le::kExerciseId << ": " << what << "\n";
  std::exit(2);
}

std::uint64_t whole(const char* text, const char* what, std::uint64_t min, std::uint64_t max) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text, &end, 10);
  if (!*text || *end || v < min || v > max)
    usage(std::string(what) + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  return v;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) usage(a + " needs a value");
      return argv[++i];
    };
    if (a == "--candidate") {
      o.candidate = value();
      o.candidate_given = true;
    } else if (a == "--save-schedule") o.save_schedule = value();
    else if (a == "--replay") o.replay = value();
    else if (a == "--trace") o.trace = value();
    else if (a == "--chaos") o.chaos = true;
    else if (a == "--runs") o.runs = whole(value(), "--runs", 1, 100);
    else if (a == "--seed") o.seed = whole(value(), "--seed", 0, UINT64_MAX / 2);
    else if (a == "--duration") o.duration_ms = whole(value(), "--duration", 10, 600'000);
    else if (a == "--quiet") o.quiet = true;
    else if (a == "--help" || a == "-h") {
      std::cout << "usage: locklab-exercise-" << le::kExerciseId
                << " [--candidate VARIANT] [--runs N] [--seed S] [--duration MS] [--save-schedule FILE] [--quiet]\n"
                << "       locklab-exercise-" << le::kExerciseId << " --replay FILE [--candidate VARIANT]\n"
                << "       locklab-exercise-" << le::kExerciseId
                << " --trace FILE [--candidate VARIANT] [--seed S] [--duration MS] [--chaos]\n"
                   "Grades the learner's variant (or VARIANT) of this exercise and prints JSON; or replays a\n"
                   "schedule the grader saved; or runs the variant once, streaming its trace to FILE.\n";
      std::exit(0);
    } else usage("unknown option '" + a + "'");
  }
  if (!o.replay.empty() && !o.trace.empty()) usage("--replay and --trace: give one of them");
  return o;
}

// The default --save-schedule: next to the cached checks of `locklab check`
// (<build>/exercises/<id>/), named after this binary.
std::string default_schedule_file(const char* argv0) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path self = fs::canonical("/proc/self/exe", ec);
  if (ec) self = fs::absolute(argv0, ec);
  return (self.parent_path().parent_path() / "exercises" / le::kExerciseId / (self.filename().string() + ".schedule"))
      .string();
}

std::string self_path(const char* argv0) {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::canonical("/proc/self/exe", ec);
  return ec ? std::string(argv0) : self.string();
}

int replay_schedule(const locklab::BugInfo& bug, const Options& o) {
  locklab::sched::Schedule schedule;
  try {
    schedule = locklab::sched::load_schedule(o.replay);
  } catch (const locklab::sched::ScheduleError& e) {
    usage(e.what());
  }
  if (schedule.bug != bug.id) usage(o.replay + " is a schedule of " + schedule.bug + ", not of " + bug.id);
  const std::string variant = o.candidate_given ? o.candidate : schedule.variant;
  if (!bug.variant(variant)) usage("no variant '" + variant + "' of " + bug.id);
  const locklab::sched::ReplayResult r = locklab::sched::replay(bug, schedule, variant);
  std::cout << "replaying " << o.replay << " (" << schedule.steps.size() << " steps) on " << variant << ":\n";
  for (const std::string& line : le::steps_in_words(r.run)) std::cout << "  " << line << "\n";
  if (r.diverged) std::cout << "note: " << r.divergence << "\n";
  const locklab::Verdict& v = r.run.trace.verdict;
  std::cout << "\n" << variant << " " << (r.failed ? "FAILS" : "holds") << " on this interleaving: "
            << locklab::to_string(v.kind) << (v.summary.empty() ? "" : ", " + v.summary) << "\n";
  if (locklab::is_failure(v.kind) && !v.detail.empty()) std::cout << v.detail << "\n";
  if (!r.oracle.explanation.empty()) std::cout << "oracle: " << r.oracle.explanation << "\n";
  return r.failed ? 1 : 0;
}

int traced_run(const locklab::BugInfo& bug, const Options& o, locklab::RunConfig config) {
  config.seed = o.seed;
  config.chaos = o.chaos;
  locklab::TraceStreamWriter stream(o.trace);
  if (const std::string error = stream.open(); !error.empty()) usage(error);
  config.observer = &stream;
  if (!o.quiet) std::cerr << "running " << o.candidate << (o.chaos ? " with chaos" : "") << ", seed " << o.seed << "\n";
  const locklab::Trace trace = locklab::run_bug(bug, o.candidate, config);
  const std::string error = stream.finish(trace);
  const locklab::OracleVerdict oracle = bug.oracle ? bug.oracle(trace) : locklab::OracleVerdict{};
  std::cout << o.candidate << ": " << locklab::to_string(trace.verdict.kind)
            << (trace.verdict.summary.empty() ? "" : ", " + trace.verdict.summary) << "\n";
  if (!oracle.explanation.empty()) std::cout << "oracle: " << (oracle.symptom ? "SYMPTOM: " : "") << oracle.explanation << "\n";
  if (!error.empty()) {
    std::cerr << "locklab-exercise-" << le::kExerciseId << ": " << error << "\n";
    return 2;
  }
  std::cout << "trace: " << o.trace << "\n";
  return locklab::is_failure(trace.verdict.kind) || oracle.symptom ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  le::ExerciseSettings settings;
  try {
    settings = le::load_settings(le::kSettingsPath, le::kExerciseId);
    for (const le::PropertySpec& p : settings.properties) (void)le::make_property(p);  // all errors first
  } catch (const le::SettingsError& e) {
    usage(e.what());
  }
  const locklab::BugInfo* found = locklab::Catalogue::get().find(settings.bug);
  if (!found) usage("settings name bug '" + settings.bug + "', which is not in this build's catalogue");
  locklab::BugInfo bug = *found;
  bug.variants.push_back({"exercise", "the learner's variant", false, {le::kCandidateFile}, &le::run_candidate});

  le::RunPlan plan;
  plan.seeds = settings.seeds;
  if (o.runs) {
    plan.seeds.clear();
    for (std::uint64_t i = 0; i < o.runs; ++i) plan.seeds.push_back(o.seed + i);
  }
  plan.config.threads = settings.threads;
  plan.config.duration_ms = o.duration_ms ? o.duration_ms : settings.duration_ms;
  plan.config.watchdog_ms = settings.watchdog_ms;
  plan.config.params = settings.params;
  plan.config.spurious_wakeups = settings.spurious_wakeups;
  try {
    (void)locklab::resolve_params(bug, plan.config);
  } catch (const locklab::ConfigError& e) {
    usage(std::string("settings: ") + e.what());
  }
  const std::vector<std::string> files =
      o.candidate == "exercise" ? std::vector<std::string>{le::kCandidateFile} : std::vector<std::string>{};
  if (!bug.variant(o.candidate)) usage("no variant '" + o.candidate + "' of " + bug.id);
  if (!o.replay.empty()) return replay_schedule(bug, o);
  if (!o.trace.empty()) return traced_run(bug, o, plan.config);
  plan.schedule_file = o.save_schedule.empty() ? default_schedule_file(argv[0]) : o.save_schedule;
  plan.replay_command = self_path(argv[0]) + " --replay";
  le::Evidence evidence(bug, o.candidate, files, settings.reference, plan,
                        [&](std::size_t k, std::size_t n, const std::string& what) {
                          if (!o.quiet) std::cerr << "[" << k << "/" << n << "] running " << what << "\n";
                        });
  if (o.candidate == "exercise") evidence.set_build({le::kCandidateObject, le::kCatalogueObjects, le::kSourceDir});
  const le::GradeResult result = le::grade(settings, evidence);
  std::cout << le::to_json(result, settings, evidence).dump(2) << "\n";
  return result.pass ? 0 : 1;
}
