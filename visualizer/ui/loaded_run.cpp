#include "loaded_run.h"

#include <exception>

#include "locklab/run/catalogue.h"
#include "locklab/trace/trace_file.h"

namespace locklab::viz {

LoadedRun make_loaded_run(Trace trace) {
  LoadedRun out;
  try {
    const BugInfo* bug = Catalogue::get().find(trace.info.bug);
    out.summary = std::make_shared<const present::RunSummary>(present::summarize(trace, bug));
    out.model = std::make_shared<const RunModel>(std::move(trace));
  } catch (const std::exception& e) {
    // A trace that parses but whose contents break an analysis must not take
    // the window down with it.
    out.model.reset();
    out.error = std::string("cannot analyse the trace: ") + e.what();
  }
  return out;
}

LoadedRun load_run(const std::string& path) {
  LoadedRun out;
  TraceReadResult r;
  try {
    r = load_trace(path);
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  if (!r.trace) {
    out.error = "cannot read trace '" + path + "': " + (r.error.empty() ? "no usable data" : r.error);
    out.path = path;
    return out;
  }
  out = make_loaded_run(std::move(*r.trace));
  out.path = path;
  if (out.ok() && !r.warning.empty()) out.warning = path + " is partial: " + r.warning;
  return out;
}

std::future<LoadedRun> start_load(const std::string& path) {
  return std::async(std::launch::async, [path] { return load_run(path); });
}

bool is_buggy_run(const Trace& trace) {
  if (const BugInfo* bug = Catalogue::get().find(trace.info.bug)) {
    if (const VariantInfo* v = bug->variant(trace.info.variant)) return v->buggy;
  }
  return trace.info.variant.find("buggy") != std::string::npos;
}

}  // namespace locklab::viz
