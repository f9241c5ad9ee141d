// LoadedRun: a run ready to show: the model (trace, analyses, lanes) and the
// CLI's summary of it (verdict, the bug's oracle judged now, main operation,
// event coverage), so the GUI states the same figures as `locklab run`.
//
// load_run() reads a .lltrace file; it never throws and never crashes on a
// bad file: a file that cannot be used gives `error`, a partial one gives a
// model and a `warning`. start_load() does the same on a worker thread so
// the GUI keeps drawing while a big trace loads.
#pragma once

#include <future>
#include <memory>
#include <string>

#include "locklab/present/run_summary.h"
#include "run_model.h"

namespace locklab::viz {

struct LoadedRun {
  RunModelPtr model;
  std::shared_ptr<const present::RunSummary> summary;
  std::string error;    // nothing usable (model empty)
  std::string warning;  // usable, but part of the file was lost
  std::string path;     // where it came from ("" if made in memory)
  bool ok() const noexcept { return model != nullptr; }
};

/// Builds the model and summary of a trace already in memory.
LoadedRun make_loaded_run(Trace trace);

/// Reads `path` and builds the run.
LoadedRun load_run(const std::string& path);

/// load_run on a worker thread.
std::future<LoadedRun> start_load(const std::string& path);

/// True when the variant of `run` is its bug's buggy variant (by the
/// catalogue; for an unknown bug, by the name "buggy").
bool is_buggy_run(const Trace& trace);

}  // namespace locklab::viz
