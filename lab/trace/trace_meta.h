// The JSON chunks of a .lltrace file (internal to lab/):
//   META    everything in a Trace but its events (the run's final summary);
//   HEAD    the RunInfo, written when a streamed run starts;
//   UPDATE  what a streamed run added since the last update: threads,
//           objects, sites, operation and gauge names, annotations (each
//           list appended in order), one progress sample, and the time.
// An UPDATE uses META's keys for its lists, so one reader checks both.
//
// Reading checks every field's type before use; a missing field keeps its
// default; a field of the wrong type throws BadMeta (or nlohmann's
// json::exception for text that is not JSON) naming the field.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "locklab/trace/trace.h"

namespace locklab::detail {

struct BadMeta : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Renumbers sites when META is written: site index i of the trace is
/// written as index[i], and `sites` replaces the trace's list. The streaming
/// writer numbers sites as they appear during the run, so the final META
/// must use its numbering, not the one the runner built afterwards.
struct SiteRemap {
  std::vector<std::uint32_t> index;
  std::vector<SiteInfo> sites;
};

nlohmann::json meta_json(const Trace& trace, const SiteRemap* remap = nullptr);
/// Fills everything but the events. `event_count` gets the number of events
/// the writer saved, if the chunk says.
void read_meta(const nlohmann::json& meta, Trace& trace, std::optional<std::uint64_t>& event_count);

nlohmann::json info_json(const RunInfo& info);
void read_info(const nlohmann::json& v, RunInfo& info);

/// What one UPDATE chunk adds.
struct TraceUpdate {
  std::uint64_t t_ns = 0;                  // run time when it was written
  std::vector<TraceThread> threads;        // id, name, lab_thread
  std::vector<ObjectInfo> objects;
  std::vector<SiteInfo> sites;             // appended to the trace's sites
  std::vector<std::string> op_names, gauge_names, annotations;
  std::optional<ProgressSample> sample;
};
nlohmann::json update_json(const TraceUpdate& update);
TraceUpdate read_update(const nlohmann::json& v);

/// JSON text for a chunk: invalid UTF-8 in a name is replaced, never thrown.
std::string json_text(const nlohmann::json& v);

}  // namespace locklab::detail
