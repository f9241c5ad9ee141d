// TraceAssembler: chunks in, a Trace out (see trace_assembler.h).
#include "trace_assembler.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <map>
#include <tuple>
#include <utility>

#include "trace_format.h"
#include "trace_meta.h"

namespace locklab::detail {

namespace {

using nlohmann::json;

// " (M of N events lost)" when the META chunk tells how many there were.
std::string lost_text(std::uint64_t kept, const std::optional<std::uint64_t>& expected) {
  if (!expected || *expected <= kept) return {};
  return " (" + std::to_string(*expected - kept) + " of " + std::to_string(*expected) + " events lost)";
}

bool by_time(const Event& a, const Event& b) { return a.time < b.time; }

// The exact counters are written with the final summary, which a run that
// did not finish never wrote. Rebuild what the events so far can tell: lock
// waits by (thread, site, object, mode) from each acquisition's wait, and
// per-operation latencies from kOpEnd, so the contention table, latency
// figures and oracles have the part of the run that was recorded.
void derive_counters(Trace& t) {
  const double ns_per_tick = t.info.ns_per_tick > 0 ? t.info.ns_per_tick : 1.0;
  std::map<std::tuple<std::uint16_t, std::uint64_t, std::uint32_t, LockMode>, CounterRow> waits;
  std::map<std::pair<std::uint16_t, std::uint64_t>, Histogram> latencies;
  for (const Event& e : t.events) {
    if (e.kind == EventKind::kLockAcquire && e.arg > 0) {
      CounterRow& r = waits[{e.thread, e.site, e.object, e.mode}];
      const auto ns = static_cast<std::uint64_t>(static_cast<double>(e.arg) * ns_per_tick);
      r.thread = e.thread;
      r.site = static_cast<std::uint32_t>(e.site);
      r.object = e.object;
      r.mode = e.mode;
      ++r.count;
      r.total_ns += ns;
      r.max_ns = std::max(r.max_ns, ns);
    } else if (e.kind == EventKind::kOpEnd && e.arg < t.op_names.size()) {
      latencies[{e.thread, e.arg}].add(e.object);  // kOpEnd's object is the latency in ns
    }
  }
  t.waits.clear();
  for (auto& [key, row] : waits) t.waits.push_back(row);
  t.latencies.clear();
  for (auto& [key, h] : latencies) t.latencies.push_back(LatencyRecord{key.first, static_cast<std::uint32_t>(key.second), std::move(h)});
}

}  // namespace

std::uint32_t check_file_header(const unsigned char* data, std::size_t size, std::string& error) {
  error.clear();
  const std::size_t magic_seen = std::min(size, sizeof kMagic);
  if (std::memcmp(data, kMagic, magic_seen) != 0) {
    error = "not a locklab trace (bad magic)";
    return 0;
  }
  if (size < kFileHeaderBytes) return 0;
  const auto version = load_le<std::uint32_t>(data + sizeof kMagic);
  if (version > kTraceFormatVersion) {
    error = "written by a newer locklab: format version " + std::to_string(version) + ", this build reads up to " +
            std::to_string(kTraceFormatVersion);
    return 0;
  }
  if (version == 0) error = "not a locklab trace (format version 0)";
  return version;
}

TraceAssembler::TraceAssembler(std::uint32_t version, std::size_t total_bytes)
    : version_(version), total_bytes_(total_bytes) {}

std::size_t TraceAssembler::feed(const unsigned char* data, std::size_t size) {
  std::size_t pos = 0;
  while (!stopped()) {
    if (size - pos < kChunkHeaderBytes) break;  // the chunk header is not whole yet
    const auto type = load_le<std::uint32_t>(data + pos);
    const auto length = load_le<std::uint64_t>(data + pos + 4);
    const auto crc = load_le<std::uint32_t>(data + pos + 12);
    // Compare against what is there before touching the payload: a damaged
    // length may be huge, and must read as "not here (yet)", not as an
    // allocation.
    if (length > size - pos - kChunkHeaderBytes) break;
    const unsigned char* payload = data + pos + kChunkHeaderBytes;
    const auto payload_size = static_cast<std::size_t>(length);
    pos += kChunkHeaderBytes + payload_size;

    const bool streamed_type = type == kHeadChunk || type == kUpdateChunk;
    const bool known = type == kMetaChunk || type == kEventsChunk || type == kEndChunk ||
                       (streamed_type && version_ >= kStreamVersion);
    if (!known) continue;  // skip unknown chunks
    ++chunks_;
    if (crc32(payload, payload_size) != crc) {
      const bool first = (type == kMetaChunk && !have_meta_ && !have_head_) || (type == kHeadChunk && !have_head_);
      if (first) {
        corrupt_first_ = true;
        first_damaged_ = chunk_name(type);
      }
      stop_reason_ = std::string("corrupt ") + chunk_name(type) + " chunk (crc mismatch)";
      break;
    }
    if (type == kEndChunk) {
      ended_ = true;
      break;
    }
    if (type == kEventsChunk) {
      if (payload_size % kEventBytes != 0) {
        stop_reason_ = "malformed EVENTS chunk (" + std::to_string(payload_size) +
                       " bytes is not a whole number of events)";
        break;
      }
      read_events(payload, payload_size);
      continue;
    }
    if (!read_json_chunk(type, payload, payload_size)) break;
  }
  return pos;
}

bool TraceAssembler::read_json_chunk(std::uint32_t type, const unsigned char* payload, std::size_t size) {
  if (type == kMetaChunk && have_meta_) return true;  // only the first META counts
  if (type == kHeadChunk && (have_head_ || have_meta_)) return true;
  const std::string name = chunk_name(type);
  try {
    const json v = json::parse(payload, payload + size);
    if (type == kMetaChunk) {
      Trace t;
      read_meta(v, t, expected_events_);
      t.events = std::move(trace_.events);
      trace_ = std::move(t);
      have_meta_ = true;
      if (expected_events_ && total_bytes_ > 0) {
        // Reserve what the file can actually hold, whatever META claims.
        trace_.events.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(
            *expected_events_, total_bytes_ / kEventBytes)));
      }
    } else if (type == kHeadChunk) {
      if (!v.is_object()) throw BadMeta("the HEAD chunk should be an object");
      read_info(v, trace_.info);
      have_head_ = true;
    } else if (have_head_ && !have_meta_) {  // an UPDATE: ignored once META has the full picture
      TraceUpdate u = read_update(v);
      last_update_ns_ = std::max(last_update_ns_, u.t_ns);
      auto append = [](auto& to, auto& from) { to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end())); };
      append(trace_.threads, u.threads);
      append(trace_.objects, u.objects);
      if (trace_.sites.empty()) trace_.sites.push_back(SiteInfo{});  // index 0: unknown
      append(trace_.sites, u.sites);
      append(trace_.op_names, u.op_names);
      append(trace_.gauge_names, u.gauge_names);
      append(trace_.annotations, u.annotations);
      if (u.sample) trace_.progress.push_back(std::move(*u.sample));
    }
    return true;
  } catch (const json::exception& e) {
    if (type == kUpdateChunk) stop_reason_ = "bad UPDATE chunk (" + std::string(e.what()) + ")";
    else if (!have_head_ || type == kHeadChunk) error_ = "corrupt trace: bad " + name + " chunk: " + e.what();
    else stop_reason_ = "bad " + name + " chunk (" + e.what() + ")";
  } catch (const BadMeta& e) {
    if (type == kUpdateChunk) stop_reason_ = "bad UPDATE chunk (" + std::string(e.what()) + ")";
    else if (!have_head_ || type == kHeadChunk) error_ = "corrupt trace: bad " + name + " chunk: " + e.what();
    else stop_reason_ = "bad " + name + " chunk (" + e.what() + ")";
  }
  return false;
}

void TraceAssembler::read_events(const unsigned char* payload, std::size_t size) {
  if (size == 0) return;  // an empty EVENTS chunk holds nothing (found by fuzzing)
  std::vector<Event>& events = trace_.events;
  const std::size_t count = size / kEventBytes;
  const std::size_t at = events.size();
  if constexpr (std::endian::native == std::endian::little) {
    // The file layout is the struct's layout on a little-endian host.
    events.resize(at + count);
    std::memcpy(static_cast<void*>(events.data() + at), payload, size);
  } else {
    for (std::size_t off = 0; off < size; off += kEventBytes) events.push_back(decode_event(payload + off));
  }
  if (version_ < kStreamVersion) return;  // version 1 wrote one sorted sequence: keep it as written

  // A streamed chunk is sorted by time (a damaged file may not be), and may
  // begin before the previous chunk ended: merge it into place. Both runs
  // are stable, so each thread's events keep their order.
  const auto first = events.begin() + static_cast<std::ptrdiff_t>(at);
  if (!std::is_sorted(first, events.end(), by_time)) std::stable_sort(first, events.end(), by_time);
  if (at > 0 && first->time < events[at - 1].time) {
    const auto from = std::upper_bound(events.begin(), first, first->time, [](std::uint64_t t, const Event& e) {
      return t < e.time;
    });
    std::inplace_merge(from, first, events.end(), by_time);
  }
  for (std::size_t i = at; i < at + count; ++i) {
    // After a merge the new events are not all at the end: count them from
    // the payload instead (the same events).
    const Event e = decode_event(payload + (i - at) * kEventBytes);
    if (e.thread >= seen_.size()) seen_.resize(static_cast<std::size_t>(e.thread) + 1);
    ThreadSeen& s = seen_[e.thread];
    if (s.events == 0 || e.time < s.first_ns) s.first_ns = e.time;
    s.last_ns = std::max(s.last_ns, e.time);
    ++s.events;
    if (e.kind == EventKind::kThreadEnd) {
      s.ended = true;
      s.end_ns = e.time;
    }
  }
}

std::string TraceAssembler::complete(Trace& t, bool at_eof) const {
  const std::string n = std::to_string(t.events.size());
  if (version_ >= kStreamVersion && !have_meta_) {
    // A run that did not finish: rebuild what the final summary would say.
    std::uint64_t end = last_update_ns_;
    if (!t.events.empty()) end = std::max(end, t.events.back().time);
    t.duration_ns = end;
    const ProgressSample* last = t.progress.empty() ? nullptr : &t.progress.back();
    for (std::size_t i = 0; i < t.threads.size(); ++i) {
      TraceThread& th = t.threads[i];
      const ThreadSeen s = th.id < seen_.size() ? seen_[th.id] : ThreadSeen{};
      th.start_ns = s.first_ns;
      th.end_ns = s.ended ? s.end_ns : end;
      th.events = s.events;
      th.dropped = 0;  // not known until the run ends
      th.covered_until_ns = th.end_ns;
      th.items = last && i < last->items.size() ? last->items[i] : 0;
    }
    for (ProgressSample& p : t.progress) {
      p.items.resize(t.threads.size(), 0);
      p.gauges.resize(t.gauge_names.size(), 0);
    }
    derive_counters(t);
    t.verdict = Verdict{};
    t.verdict.kind = VerdictKind::kUnfinished;
    t.verdict.at_ns = end;
    std::string note = at_eof ? "trace ends early: the run did not finish (" + n + " events so far)"
                              : "the run is still going (" + n + " events so far)";
    t.verdict.summary = note;
    if (!stop_reason_.empty()) note += "; " + stop_reason_ + ": that chunk and the rest of the file were not read";
    return note;
  }
  const bool truncated = stop_reason_.empty() && !ended_;
  if (truncated && !at_eof) return "the file is still being written (" + n + " events so far)";
  if (truncated) {
    if (expected_events_ && t.events.size() >= *expected_events_)
      return "truncated: the file ends before its END chunk (all " + n + " events are present)";
    return "truncated after " + n + " events: the rest of the file is missing" +
           lost_text(t.events.size(), expected_events_);
  }
  if (!stop_reason_.empty())
    return stop_reason_ + " after " + n + " events: that chunk and the rest of the file were not read" +
           lost_text(t.events.size(), expected_events_);
  if (expected_events_ && t.events.size() != *expected_events_)
    return "the file holds " + n + " events but its META chunk says " + std::to_string(*expected_events_) +
           lost_text(t.events.size(), expected_events_);
  return {};
}

TraceReadResult TraceAssembler::result(Trace&& t, bool at_eof) const {
  TraceReadResult r;
  if (!error_.empty()) {
    r.error = error_;
    return r;
  }
  if (!have_meta_ && !have_head_) {
    const char* first = version_ >= kStreamVersion ? "HEAD" : "META";
    if (corrupt_first_) r.error = "corrupt trace: the " + first_damaged_ + " chunk is damaged (crc mismatch)";
    else if (stop_reason_.empty() && !ended_) r.error = std::string("truncated trace: the file ends before its ") + first + " chunk";
    else if (!stop_reason_.empty()) r.error = "unusable trace: " + stop_reason_ + " before the " + first + " chunk";
    else r.error = std::string("unusable trace: it has no ") + first + " chunk";
    return r;
  }
  r.warning = complete(t, at_eof);
  r.trace = std::move(t);
  return r;
}

TraceReadResult TraceAssembler::snapshot(bool at_eof) const {
  Trace copy = trace_;
  return result(std::move(copy), at_eof);
}

TraceReadResult TraceAssembler::take(bool at_eof) { return result(std::move(trace_), at_eof); }

}  // namespace locklab::detail
