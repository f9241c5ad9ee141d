// Evidence: the runs a grade is decided on, made when a property first asks.
//
// A check runs the candidate (the learner's variant, or any variant of the
// bug) once per seed, in real mode under the runner's watchdog; and, only if
// some property compares against it, the reference fix once per seed with
// the same settings, in the same process, right after. Properties read the
// runs through this class and never start runs of their own, except those
// that need a different kind of run (a property that explores schedules
// under the controlled scheduler would take bug() and candidate_variant()
// and run them its own way).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "locklab/run/catalogue.h"
#include "locklab/run/runner.h"
#include "locklab/trace/trace.h"
#include "boundary_scan.h"

namespace locklab::exercises {

struct RunPlan {
  std::vector<std::uint64_t> seeds;  // one run per seed and variant
  RunConfig config;                  // threads, duration, params, watchdog (seed overwritten)
  /// Where a property that finds a failing controlled schedule saves it
  /// ("" : nowhere), and the command that replays such a file (the
  /// exercise binary's path and "--replay"; the file's path is appended).
  std::string schedule_file;
  std::string replay_command;
};

/// Where the learner's compiled file is, for the properties that read the
/// object instead of the runs (sealed-boundary, no-added-sleep). Empty when
/// the candidate is a catalogue variant rather than the learner's file.
struct CandidateBuild {
  std::string object;             // the candidate's object file (compiled with -g)
  std::string catalogue_objects;  // the list file of the catalogue's objects (catalogue_symbols.h)
  std::string source_dir;         // the repository
};

/// The boundary scan of the candidate's object, made once.
struct BoundaryScan {
  bool scanned = false;          // false: no object (a catalogue variant), or it could not be read
  std::string error;             // why it was not scanned, when it should have been
  std::vector<Crossing> crossings;
};

/// Called before each run: (1-based index, how many runs are planned so
/// far, what runs). Progress for the terminal.
using RunObserver = std::function<void(std::size_t k, std::size_t n, const std::string& what)>;

class Evidence {
 public:
  /// `bug` must contain both variants. `candidate_files` are the source
  /// files of the candidate: absolute paths, or names relative to the bug's
  /// folder (VariantInfo::files); sites in them are "the candidate's code".
  Evidence(BugInfo bug, std::string candidate, std::vector<std::string> candidate_files, std::string reference,
           RunPlan plan, RunObserver observer = {});

  const BugInfo& bug() const noexcept { return bug_; }
  const VariantInfo& candidate_variant() const;
  const VariantInfo& reference_variant() const;
  const RunPlan& plan() const noexcept { return plan_; }
  const std::vector<std::string>& candidate_files() const noexcept { return candidate_files_; }

  /// The candidate's runs, one per seed (run on the first call).
  const std::vector<Trace>& candidate_runs();
  /// The reference fix's runs, one per seed (run on the first call).
  const std::vector<Trace>& reference_runs();
  bool reference_ran() const noexcept { return reference_done_; }

  /// Sets where the learner's object is (main.cpp does, for the "exercise" candidate).
  void set_build(CandidateBuild build) { build_ = std::move(build); }
  const CandidateBuild& build() const noexcept { return build_; }
  /// The candidate's object scanned at the boundary (boundary_scan.h), on the first call.
  const BoundaryScan& boundary();

  /// Progress for work a property does itself (a search over schedules):
  /// counts as one more planned step and tells the observer `what`.
  void note(const std::string& what);

  /// Is `site` of `run` a line of the candidate's files / the reference's?
  bool in_candidate(const Trace& run, std::uint32_t site) const;
  bool in_reference(const Trace& run, std::uint32_t site) const;

 private:
  std::vector<Trace> run_all(const std::string& variant);

  BugInfo bug_;
  std::string candidate_name_, reference_name_;
  std::vector<std::string> candidate_files_;
  RunPlan plan_;
  RunObserver observer_;
  std::vector<Trace> candidate_runs_, reference_runs_;
  CandidateBuild build_;
  BoundaryScan boundary_;
  bool boundary_done_ = false;
  bool candidate_done_ = false, reference_done_ = false;
  std::size_t runs_done_ = 0;
};

/// Does a recorded site's file name `file` (as the compiler was given it:
/// absolute, or relative to its working directory) name `wanted` (an
/// absolute path, or a path relative to bug `bug_id`'s folder)?
bool same_source(const std::string& file, const std::string& wanted, const std::string& bug_id);

}  // namespace locklab::exercises
