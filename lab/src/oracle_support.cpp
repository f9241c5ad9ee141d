#include "locklab/oracle_support.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>

#include "locklab/site.h"

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

}  // namespace locklab
