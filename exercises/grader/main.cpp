// The exercise binary (build/bin/locklab-exercise-<id>): grades one
// candidate variant of one exercise and prints the result as JSON on stdout,
// progress on stderr. `locklab check <id>` builds it, runs it and presents
// the result; it can also be run by hand:
//
//   locklab-exercise-<id> [--candidate VARIANT] [--runs N] [--seed S]
//                         [--duration MS] [--quiet]
//
//   --candidate  grade a catalogue variant ("buggy", "fixed", ...) instead of
//                the learner's file (the variant "exercise", the default)
//   --runs N     N seeds (S, S+1, ...) instead of the settings' seeds
//   --seed S     the first seed when --runs is given (default 1)
//   --duration   each run's duration in ms instead of the settings'
//
// Exit codes: 0 pass, 1 fail, 2 bad usage or unusable settings.
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "grade.h"
#include "harness.h"
#include "locklab/catalogue.h"

namespace le = locklab::exercises;

namespace {

struct Options {
  std::string candidate = "exercise";
  std::uint64_t runs = 0, seed = 1, duration_ms = 0;
  bool quiet = false;
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
    if (a == "--candidate") o.candidate = value();
    else if (a == "--runs") o.runs = whole(value(), "--runs", 1, 100);
    else if (a == "--seed") o.seed = whole(value(), "--seed", 0, UINT64_MAX / 2);
    else if (a == "--duration") o.duration_ms = whole(value(), "--duration", 10, 600'000);
    else if (a == "--quiet") o.quiet = true;
    else if (a == "--help" || a == "-h") {
      std::cout << "usage: locklab-exercise-" << le::kExerciseId
                << " [--candidate VARIANT] [--runs N] [--seed S] [--duration MS] [--quiet]\n"
                   "Grades the learner's variant (or VARIANT) of this exercise; prints JSON.\n";
      std::exit(0);
    } else usage("unknown option '" + a + "'");
  }
  return o;
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
  le::Evidence evidence(bug, o.candidate, files, settings.reference, plan,
                        [&](std::size_t k, std::size_t n, const std::string& what) {
                          if (!o.quiet) std::cerr << "[" << k << "/" << n << "] running " << what << "\n";
                        });
  const le::GradeResult result = le::grade(settings, evidence);
  std::cout << le::to_json(result, settings, evidence).dump(2) << "\n";
  return result.pass ? 0 : 1;
}
