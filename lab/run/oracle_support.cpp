#include "locklab/run/oracle_support.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>

#include "locklab/core/site.h"

namespace locklab {

std::string text_format(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  va_list again;
  va_copy(again, args);
  const int n = std::vsnprintf(nullptr, 0, fmt, args);
  va_end(args);
  std::string out(n > 0 ? static_cast<std::size_t>(n) : 0, '\0');
  if (n > 0) std::vsnprintf(out.data(), out.size() + 1, fmt, again);
  va_end(again);
  return out;
}

bool site_in_function(const Trace& trace, std::uint32_t site, std::string_view name) {
  if (site == 0 || site >= trace.sites.size()) return false;
  const std::string f = short_function(trace.sites[site].function);
  return f == name || f.ends_with("::" + std::string(name));
}

LatencySummary op_latency(const Trace& run, std::string_view op) {
  for (const LatencySummary& s : latency(run))
    if (s.op == op) return s;
  return LatencySummary{std::string(op)};
}

double run_param(const Trace& run, const std::string& name) {
  const auto it = run.info.params.find(name);
  return it == run.info.params.end() ? 0.0 : std::strtod(it->second.c_str(), nullptr);
}

OracleVerdict compare_p99(const Trace& buggy, const Trace& fixed, std::string_view op, double min_ratio,
                          std::string_view what) {
  const double slow = static_cast<double>(op_latency(buggy, op).p99_ns);
  const double fast = static_cast<double>(op_latency(fixed, op).p99_ns);
  const double ratio = fast > 0 ? slow / fast : 0.0;
  OracleVerdict v;
  v.symptom = ratio >= min_ratio;
  v.explanation = text_format("%.*s p99: %s %.3f ms, %s %.3f ms: the buggy %.*s is %.0fx slower (the symptom needs %.0fx)",
                              static_cast<int>(op.size()), op.data(), buggy.info.variant.c_str(), slow / 1e6,
                              fixed.info.variant.c_str(), fast / 1e6, static_cast<int>(what.size()), what.data(),
                              ratio, min_ratio);
  return v;
}

}  // namespace locklab
