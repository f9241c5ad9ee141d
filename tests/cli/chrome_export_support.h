// The Chrome trace exporter run in memory, for the export tests: a trace in,
// the parsed JSON document out; and the checks importers make of it
// (catapult's: a flow binds to a slice enclosing its ts on its thread;
// DevTools': to a slice whose ts and cat equal its own).
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "chrome_trace.h"
#include "export_scope.h"
#include "export_sink.h"
#include "trace_event_writer.h"

namespace locklab::testing {

/// The JSON text `locklab export` writes for `trace` as asked.
inline std::string export_text(const Trace& trace, const cli::ExportRequest& request = {}) {
  std::ostringstream out;
  std::string error;
  auto sink = cli::open_output_sink("-", out, error);
  const cli::ExportScope scope = cli::make_export_scope(trace, request);
  cli::TraceEventWriter writer(*sink);
  const cli::ExportStats stats = cli::write_chrome_trace(trace, scope, writer);
  EXPECT_EQ(writer.finish(cli::chrome_trace_metadata(trace, scope, stats)), "");
  return out.str();
}

inline nlohmann::json export_json(const Trace& trace, const cli::ExportRequest& request = {}) {
  return nlohmann::json::parse(export_text(trace, request));
}

/// Microseconds (as exported) back to nanoseconds.
inline std::uint64_t ns(const nlohmann::json& us) { return static_cast<std::uint64_t>(std::llround(us.get<double>() * 1000.0)); }

struct Slice {
  std::uint64_t begin = 0, end = 0;
  std::string name, cat;
  nlohmann::json args;
};

/// The complete events ("X") per thread id.
inline std::map<int, std::vector<Slice>> slices_by_thread(const nlohmann::json& doc) {
  std::map<int, std::vector<Slice>> out;
  for (const nlohmann::json& e : doc["traceEvents"]) {
    if (e["ph"] != "X") continue;
    out[e["tid"].get<int>()].push_back({ns(e["ts"]), ns(e["ts"]) + ns(e["dur"]), e["name"], e.value("cat", ""),
                                        e.value("args", nlohmann::json::object())});
  }
  return out;
}

/// Every flow event ("s", "f") binds as catapult and DevTools bind it: a
/// slice on its thread encloses its ts, and one starts at its ts with its cat.
inline void expect_flows_bind(const nlohmann::json& doc) {
  const auto slices = slices_by_thread(doc);
  for (const nlohmann::json& e : doc["traceEvents"]) {
    if (e["ph"] != "s" && e["ph"] != "f") continue;
    const int tid = e["tid"].get<int>();
    const std::uint64_t t = ns(e["ts"]);
    bool enclosed = false, exact = false;
    if (auto it = slices.find(tid); it != slices.end()) {
      for (const Slice& s : it->second) {
        enclosed = enclosed || (s.begin <= t && t <= s.end);
        exact = exact || (s.begin == t && s.cat == e["cat"]);
      }
    }
    EXPECT_TRUE(enclosed) << "flow end outside any slice: " << e.dump();
    EXPECT_TRUE(exact) << "flow end with no slice of its ts and cat: " << e.dump();
  }
}

/// Complete events on one thread nest: each starts after the open ones end,
/// or ends inside the innermost open one.
inline void expect_slices_nest(const nlohmann::json& doc) {
  for (auto [tid, list] : slices_by_thread(doc)) {
    std::sort(list.begin(), list.end(), [](const Slice& a, const Slice& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    std::vector<std::uint64_t> open;
    for (const Slice& s : list) {
      while (!open.empty() && open.back() <= s.begin) open.pop_back();
      if (!open.empty()) {
        EXPECT_LE(s.end, open.back()) << "thread " << tid << ": " << s.name << " straddles at " << s.begin;
      }
      open.push_back(s.end);
    }
  }
}

}  // namespace locklab::testing
