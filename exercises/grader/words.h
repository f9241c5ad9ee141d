// Small helpers the properties share to put figures into words.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "locklab/run/oracle_support.h"
#include "locklab/trace/trace.h"

namespace locklab::exercises {

/// "12.3 ms", "840 µs", "1.20 s".
inline std::string duration_text(double ns) {
  if (ns >= 1e9) return text_format("%.2f s", ns / 1e9);
  if (ns >= 1e6) return text_format("%.1f ms", ns / 1e6);
  if (ns >= 1e3) return text_format("%.0f µs", ns / 1e3);
  return text_format("%.0f ns", ns);
}

/// "2.41 M/s", "12.5 k/s", "830/s".
inline std::string rate_text(double per_sec) {
  if (per_sec >= 1e6) return text_format("%.2f M/s", per_sec / 1e6);
  if (per_sec >= 1e3) return text_format("%.1f k/s", per_sec / 1e3);
  return text_format("%.0f/s", per_sec);
}

/// "1 run" / "3 runs".
inline std::string count_text(std::uint64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// "the run with seed 2".
inline std::string run_text(const Trace& run) { return "the run with seed " + std::to_string(run.info.seed); }

/// The name of lab thread `id` in `run` ("T3" if unknown).
inline std::string thread_text(const Trace& run, std::uint16_t id) {
  const TraceThread* t = run.thread(id);
  return t ? t->name : "T" + std::to_string(id);
}

inline double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace locklab::exercises
