// Small queries over a Trace that oracles (and later graders) share, so each
// bug module's oracle.cpp states its rule and nothing else.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "locklab/analysis/analyses.h"
#include "locklab/run/catalogue.h"
#include "locklab/trace/trace.h"

namespace locklab {

/// printf-style formatting into a std::string (any length).
std::string text_format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

/// Is trace site `site` a line of a function called `name` (of any class)?
/// "inc" matches "Counter::inc" and "inc".
bool site_in_function(const Trace& trace, std::uint32_t site, std::string_view name);

/// The latency summary of operation `op`; an empty one (count 0) if the run
/// has none.
LatencySummary op_latency(const Trace& run, std::string_view op);

/// A parameter of the run as a number (RunInfo::params holds every
/// parameter, defaults included); 0 if the run has no such parameter.
double run_param(const Trace& run, const std::string& name);

/// The compare() of a latency bug: the symptom is there when the buggy run's
/// p99 of `op` is at least `min_ratio` times the fixed run's. `what` names
/// the thing that got slower in the explanation ("store", "config").
OracleVerdict compare_p99(const Trace& buggy, const Trace& fixed, std::string_view op, double min_ratio,
                          std::string_view what);

}  // namespace locklab
