// The .lltrace file: writing and (defensive) reading. See trace_file.h for
// the layout. Everything in a Trace except its events goes into one JSON
// META chunk; events go raw, 32 little-endian bytes each, into EVENTS chunks.
#include "locklab/trace_file.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstddef>
#include <cstring>
#include <type_traits>
#include <filesystem>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace locklab {

namespace {

using nlohmann::json;

constexpr char kMagic[8] = {'L', 'L', 'T', 'R', 'A', 'C', 'E', '1'};
constexpr std::size_t kFileHeaderBytes = sizeof(kMagic) + 4;  // magic + u32 version
constexpr std::size_t kChunkHeaderBytes = 4 + 8 + 4;           // type, length, crc
constexpr std::size_t kEventBytes = 32;
constexpr std::size_t kEventsPerChunk = 65536;

enum ChunkType : std::uint32_t { kMetaChunk = 1, kEventsChunk = 2, kEndChunk = 3 };

const char* chunk_name(std::uint32_t type) {
  switch (type) {
    case kMetaChunk: return "META";
    case kEventsChunk: return "EVENTS";
    case kEndChunk: return "END";
    default: return "unknown";
  }
}

// ---- crc32 (IEEE 802.3, reflected polynomial 0xEDB88320) -------------------

// Slicing-by-8: eight tables let the loop take 8 bytes a step instead of
// one (a 10M-event trace is 320 MB of payload to check).
constexpr std::array<std::array<std::uint32_t, 256>, 8> make_crc_tables() {
  std::array<std::array<std::uint32_t, 256>, 8> t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    t[0][i] = c;
  }
  for (std::uint32_t i = 0; i < 256; ++i)
    for (std::size_t k = 1; k < 8; ++k) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFFu];
  return t;
}
constexpr auto kCrcTables = make_crc_tables();

std::uint32_t crc32(const unsigned char* data, std::size_t size) {
  const auto& t = kCrcTables;
  std::uint32_t c = 0xFFFFFFFFu;
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    const std::uint32_t lo = c ^ (std::uint32_t{data[i]} | std::uint32_t{data[i + 1]} << 8 |
                                  std::uint32_t{data[i + 2]} << 16 | std::uint32_t{data[i + 3]} << 24);
    c = t[7][lo & 0xFFu] ^ t[6][(lo >> 8) & 0xFFu] ^ t[5][(lo >> 16) & 0xFFu] ^ t[4][lo >> 24] ^
        t[3][data[i + 4]] ^ t[2][data[i + 5]] ^ t[1][data[i + 6]] ^ t[0][data[i + 7]];
  }
  for (; i < size; ++i) c = t[0][(c ^ data[i]) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::uint32_t crc32(std::string_view bytes) {
  return crc32(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

// ---- little-endian integers -------------------------------------------------
// Spelled out byte by byte so the file is the same on any host.

template <class T>
void store_le(char* out, T value) {
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    out[i] = static_cast<char>((value >> (8 * i)) & 0xFFu);
  }
}

template <class T>
T load_le(const unsigned char* in) {
  T value = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) value |= static_cast<T>(static_cast<T>(in[i]) << (8 * i));
  return value;
}

// Event layout on disk, matching the struct's field order:
// time u64 @0, site u64 @8, arg u64 @16, object u32 @24, thread u16 @28,
// kind u8 @30, mode u8 @31.
void append_event(std::string& out, const Event& e) {
  char b[kEventBytes];
  store_le(b, e.time);
  store_le(b + 8, e.site);
  store_le(b + 16, e.arg);
  store_le(b + 24, e.object);
  store_le(b + 28, e.thread);
  b[30] = static_cast<char>(e.kind);
  b[31] = static_cast<char>(e.mode);
  out.append(b, kEventBytes);
}

// The fast path of parse_trace copies EVENTS payloads straight into Events.
static_assert(offsetof(Event, time) == 0 && offsetof(Event, site) == 8 && offsetof(Event, arg) == 16 &&
                  offsetof(Event, object) == 24 && offsetof(Event, thread) == 28 && offsetof(Event, kind) == 30 &&
                  offsetof(Event, mode) == 31 && std::is_trivially_copyable_v<Event>,
              "Event's layout must match the file's");

[[maybe_unused]] Event decode_event(const unsigned char* b) {  // used only on big-endian hosts
  Event e;
  e.time = load_le<std::uint64_t>(b);
  e.site = load_le<std::uint64_t>(b + 8);
  e.arg = load_le<std::uint64_t>(b + 16);
  e.object = load_le<std::uint32_t>(b + 24);
  e.thread = load_le<std::uint16_t>(b + 28);
  e.kind = static_cast<EventKind>(b[30]);
  e.mode = static_cast<LockMode>(b[31]);
  return e;
}

// ---- META: Trace -> JSON ----------------------------------------------------

template <class E>
unsigned enum_value(E e) {
  return static_cast<unsigned>(e);
}

json counter_rows_json(const std::vector<CounterRow>& rows) {
  json out = json::array();
  for (const CounterRow& r : rows) {
    out.push_back({{"thread", r.thread}, {"site", r.site}, {"object", r.object},
                   {"mode", enum_value(r.mode)}, {"count", r.count},
                   {"total_ns", r.total_ns}, {"max_ns", r.max_ns},
                   {"wait_class", enum_value(r.wait_class)}});
  }
  return out;
}

// Histograms are mostly empty buckets: store only [index, count] pairs.
json histogram_json(const Histogram& h) {
  json buckets = json::array();
  const auto& counts = h.counts();
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] != 0) buckets.push_back(json::array({i, counts[i]}));
  }
  return {{"sum", h.sum()}, {"min", h.min()}, {"max", h.max()}, {"buckets", std::move(buckets)}};
}

json snapshot_json(const ThreadSnapshot& s) {
  json held = json::array();
  for (const ThreadSnapshot::Held& h : s.held) {
    held.push_back({{"object", h.object}, {"object_name", h.object_name},
                    {"mode", enum_value(h.mode)}, {"site", h.site}, {"function", h.function},
                    {"where", h.where}});
  }
  json out = json::object();
  out["id"] = s.id;
  out["name"] = s.name;
  out["state"] = enum_value(s.state);
  out["waiting"] = s.waiting;
  out["wait_kind"] = enum_value(s.wait_kind);
  out["wait_mode"] = enum_value(s.wait_mode);
  out["wait_object"] = s.wait_object;
  out["wait_object_name"] = s.wait_object_name;
  out["wait_object_kind"] = enum_value(s.wait_object_kind);
  out["wait_site"] = s.wait_site;
  out["wait_function"] = s.wait_function;
  out["wait_where"] = s.wait_where;
  out["member_of"] = s.member_of;
  out["waiting_for_ns"] = s.waiting_for_ns;
  out["held"] = std::move(held);
  out["progress"] = s.progress;
  return out;
}

json meta_json(const Trace& t) {
  json info = json::object();
  info["bug"] = t.info.bug;
  info["variant"] = t.info.variant;
  info["params"] = t.info.params;
  info["threads"] = t.info.threads;
  info["duration_ms"] = t.info.duration_ms;
  info["seed"] = t.info.seed;
  info["recording"] = t.info.recording;
  info["started_at"] = t.info.started_at;
  info["machine"] = t.info.machine;
  info["ns_per_tick"] = t.info.ns_per_tick;

  json verdict = json::object();
  verdict["kind"] = enum_value(t.verdict.kind);
  verdict["summary"] = t.verdict.summary;
  verdict["detail"] = t.verdict.detail;
  verdict["at_ns"] = t.verdict.at_ns;
  verdict["threads"] = json::array();
  for (const ThreadSnapshot& s : t.verdict.threads) verdict["threads"].push_back(snapshot_json(s));

  json threads = json::array();
  for (const TraceThread& th : t.threads) {
    threads.push_back({{"id", th.id}, {"name", th.name}, {"lab_thread", th.lab_thread},
                       {"start_ns", th.start_ns}, {"end_ns", th.end_ns},
                       {"events", th.events}, {"dropped", th.dropped}, {"emitted", th.emitted},
                       {"covered_until_ns", th.covered_until_ns}, {"items", th.items}});
  }
  json objects = json::array();
  for (const ObjectInfo& o : t.objects) {
    objects.push_back({{"id", o.id}, {"kind", enum_value(o.kind)}, {"name", o.name}});
  }
  json sites = json::array();
  for (const SiteInfo& s : t.sites) {
    sites.push_back({{"file", s.file}, {"line", s.line}, {"function", s.function}});
  }
  json latencies = json::array();
  for (const LatencyRecord& l : t.latencies) {
    latencies.push_back({{"thread", l.thread}, {"op", l.op}, {"histogram", histogram_json(l.histogram)}});
  }
  json progress = json::array();
  for (const ProgressSample& p : t.progress) {
    progress.push_back({{"t_ns", p.t_ns}, {"items", p.items}, {"gauges", p.gauges}});
  }

  json meta = json::object();
  meta["info"] = std::move(info);
  meta["verdict"] = std::move(verdict);
  meta["duration_ns"] = t.duration_ns;
  meta["threads"] = std::move(threads);
  meta["objects"] = std::move(objects);
  meta["sites"] = std::move(sites);
  meta["op_names"] = t.op_names;
  meta["gauge_names"] = t.gauge_names;
  meta["annotations"] = t.annotations;
  meta["waits"] = counter_rows_json(t.waits);
  meta["blame"] = counter_rows_json(t.blame);
  meta["latencies"] = std::move(latencies);
  meta["progress"] = std::move(progress);
  json lock_order = json::array();
  for (const LockOrderEdge& e : t.lock_order) {
    lock_order.push_back({{"held", e.held}, {"taken", e.taken}, {"held_mode", enum_value(e.held_mode)},
                          {"taken_mode", enum_value(e.taken_mode)}, {"held_site", e.held_site},
                          {"taken_site", e.taken_site}, {"threads", e.threads}});
  }
  meta["lock_order"] = std::move(lock_order);
  json lockset = json::array();
  auto access_json = [](const LocksetAccess& a) {
    return json{{"thread", a.thread}, {"site", a.site}, {"write", a.write}, {"locks", a.locks}};
  };
  for (const LocksetViolation& v : t.lockset)
    lockset.push_back({{"object", v.object}, {"first", access_json(v.first)}, {"second", access_json(v.second)}});
  meta["lockset"] = std::move(lockset);
  json dumps = json::array();
  for (const DumpRecord& d : t.dumps) {
    json threads_json = json::array();
    for (const ThreadSnapshot& s : d.threads) threads_json.push_back(snapshot_json(s));
    dumps.push_back({{"at_ns", d.at_ns}, {"reason", d.reason}, {"threads", std::move(threads_json)}});
  }
  meta["dumps"] = std::move(dumps);
  // Lets a reader tell how many events a damaged file lost.
  meta["event_count"] = t.events.size();
  return meta;
}

// ---- writing ------------------------------------------------------------------

// `sink` takes a std::string_view and returns false on failure.
template <class Sink>
bool write_chunk(Sink& sink, std::uint32_t type, std::string_view payload) {
  char header[kChunkHeaderBytes];
  store_le(header, type);
  store_le(header + 4, static_cast<std::uint64_t>(payload.size()));
  store_le(header + 12, crc32(payload));
  return sink(std::string_view(header, sizeof header)) && sink(payload);
}

// Produces the file one chunk at a time, so save_trace can stream a large
// trace to disk without holding a second copy of it in memory.
template <class Sink>
bool write_trace(const Trace& trace, Sink& sink) {
  char header[kFileHeaderBytes];
  std::memcpy(header, kMagic, sizeof kMagic);
  store_le(header + sizeof kMagic, kTraceFormatVersion);
  if (!sink(std::string_view(header, sizeof header))) return false;

  // Invalid UTF-8 in a name must not make saving throw: replace it.
  const std::string meta = meta_json(trace).dump(-1, ' ', false, json::error_handler_t::replace);
  if (!write_chunk(sink, kMetaChunk, meta)) return false;

  std::string payload;
  const std::vector<Event>& events = trace.events;
  for (std::size_t first = 0; first < events.size(); first += kEventsPerChunk) {
    const std::size_t last = std::min(events.size(), first + kEventsPerChunk);
    payload.clear();
    payload.reserve((last - first) * kEventBytes);
    for (std::size_t i = first; i < last; ++i) append_event(payload, events[i]);
    if (!write_chunk(sink, kEventsChunk, payload)) return false;
  }
  return write_chunk(sink, kEndChunk, {});
}

// ---- META: JSON -> Trace ------------------------------------------------------
// Every field is checked for its type before it is used. A missing field
// keeps its default (so a file without, say, "progress" still loads); a field
// of the wrong type makes the whole META chunk unusable.

struct BadMeta : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void bad_field(const std::string& path, const std::string& expected) {
  throw BadMeta(path + " should be " + expected);
}

template <class T>
T to_uint(const json& v, const std::string& path) {
  std::uint64_t u = 0;
  if (v.is_number_unsigned()) {
    u = v.get<std::uint64_t>();
  } else if (v.is_number_integer() && v.get<std::int64_t>() >= 0) {
    u = static_cast<std::uint64_t>(v.get<std::int64_t>());
  } else {
    bad_field(path, "a non-negative integer");
  }
  if (u > std::numeric_limits<T>::max()) {
    bad_field(path, "at most " + std::to_string(std::numeric_limits<T>::max()));
  }
  return static_cast<T>(u);
}

std::string to_string_field(const json& v, const std::string& path) {
  if (!v.is_string()) bad_field(path, "a string");
  return v.get<std::string>();
}

// One JSON object being read, with its path ("threads[2]") for messages.
class Fields {
 public:
  Fields(const json& obj, std::string path) : obj_(obj), path_(std::move(path)) {
    if (!obj_.is_object()) bad_field(path_.empty() ? "the META chunk" : path_, "an object");
  }

  std::string at(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

  /// Reads `key` into `out` (bool, string, double, enum or unsigned integer).
  template <class T>
  void get(const char* key, T& out) const {
    const json* v = find(key);
    if (!v) return;
    if constexpr (std::is_same_v<T, bool>) {
      if (!v->is_boolean()) bad_field(at(key), "true or false");
      out = v->get<bool>();
    } else if constexpr (std::is_same_v<T, std::string>) {
      out = to_string_field(*v, at(key));
    } else if constexpr (std::is_same_v<T, double>) {
      // The writer turns NaN and infinities into null.
      if (v->is_null()) out = std::numeric_limits<double>::quiet_NaN();
      else if (v->is_number()) out = v->get<double>();
      else bad_field(at(key), "a number");
    } else if constexpr (std::is_enum_v<T>) {
      out = static_cast<T>(to_uint<std::underlying_type_t<T>>(*v, at(key)));
    } else {
      static_assert(std::is_unsigned_v<T>);
      out = to_uint<T>(*v, at(key));
    }
  }

  /// Calls fn(element, path) for each element of the array under `key`.
  template <class Fn>
  void each(const char* key, Fn&& fn) const {
    const json* v = find(key);
    if (!v) return;
    if (!v->is_array()) bad_field(at(key), "an array");
    for (std::size_t i = 0; i < v->size(); ++i) fn((*v)[i], at(key) + "[" + std::to_string(i) + "]");
  }

  /// The object under `key`, or nullptr if absent.
  const json* object(const char* key) const {
    const json* v = find(key);
    if (v && !v->is_object()) bad_field(at(key), "an object");
    return v;
  }

 private:
  const json* find(const char* key) const {
    auto it = obj_.find(key);
    return it == obj_.end() ? nullptr : &*it;
  }

  const json& obj_;
  std::string path_;
};

void read_strings(const Fields& f, const char* key, std::vector<std::string>& out) {
  f.each(key, [&](const json& v, const std::string& path) { out.push_back(to_string_field(v, path)); });
}

void read_counter_rows(const Fields& f, const char* key, std::vector<CounterRow>& out) {
  f.each(key, [&](const json& v, const std::string& path) {
    const Fields row(v, path);
    CounterRow r;
    row.get("thread", r.thread);
    row.get("site", r.site);
    row.get("object", r.object);
    row.get("mode", r.mode);
    row.get("count", r.count);
    row.get("total_ns", r.total_ns);
    row.get("max_ns", r.max_ns);
    row.get("wait_class", r.wait_class);
    out.push_back(r);
  });
}

void read_histogram(const json& v, const std::string& path, Histogram& out) {
  const Fields f(v, path);
  std::uint64_t sum = 0, min = 0, max = 0;
  f.get("sum", sum);
  f.get("min", min);
  f.get("max", max);
  std::array<std::uint64_t, Histogram::kBuckets> counts{};
  f.each("buckets", [&](const json& pair, const std::string& p) {
    if (!pair.is_array() || pair.size() != 2) bad_field(p, "an [index, count] pair");
    const auto index = to_uint<std::uint64_t>(pair[0], p + "[0]");
    if (index >= counts.size()) bad_field(p + "[0]", "a bucket index below " + std::to_string(counts.size()));
    counts[index] += to_uint<std::uint64_t>(pair[1], p + "[1]");
  });
  out.set_raw(counts, sum, min, max);
}

ThreadSnapshot read_snapshot(const json& v, const std::string& path) {
  const Fields f(v, path);
  ThreadSnapshot s;
  f.get("id", s.id);
  f.get("name", s.name);
  f.get("state", s.state);
  f.get("waiting", s.waiting);
  f.get("wait_kind", s.wait_kind);
  f.get("wait_mode", s.wait_mode);
  f.get("wait_object", s.wait_object);
  f.get("wait_object_name", s.wait_object_name);
  f.get("wait_object_kind", s.wait_object_kind);
  f.get("wait_site", s.wait_site);
  f.get("wait_function", s.wait_function);
  f.get("wait_where", s.wait_where);
  f.get("member_of", s.member_of);
  f.get("waiting_for_ns", s.waiting_for_ns);
  f.each("held", [&](const json& hv, const std::string& hp) {
    const Fields hf(hv, hp);
    ThreadSnapshot::Held h;
    hf.get("object", h.object);
    hf.get("object_name", h.object_name);
    hf.get("mode", h.mode);
    hf.get("site", h.site);
    hf.get("function", h.function);
    hf.get("where", h.where);
    s.held.push_back(std::move(h));
  });
  f.get("progress", s.progress);
  return s;
}

void read_info(const json& v, RunInfo& info) {
  const Fields f(v, "info");
  f.get("bug", info.bug);
  f.get("variant", info.variant);
  if (const json* params = f.object("params")) {
    for (auto it = params->begin(); it != params->end(); ++it) {
      info.params[it.key()] = to_string_field(it.value(), f.at("params") + "." + it.key());
    }
  }
  f.get("threads", info.threads);
  f.get("duration_ms", info.duration_ms);
  f.get("seed", info.seed);
  f.get("recording", info.recording);
  f.get("started_at", info.started_at);
  f.get("machine", info.machine);
  f.get("ns_per_tick", info.ns_per_tick);
}

void read_verdict(const json& v, Verdict& verdict) {
  const Fields f(v, "verdict");
  f.get("kind", verdict.kind);
  f.get("summary", verdict.summary);
  f.get("detail", verdict.detail);
  f.get("at_ns", verdict.at_ns);
  f.each("threads", [&](const json& sv, const std::string& sp) {
    verdict.threads.push_back(read_snapshot(sv, sp));
  });
}

// Fills everything but the events. `event_count` gets the number of events
// the writer saved, if the file says.
void read_meta(const json& meta, Trace& t, std::optional<std::uint64_t>& event_count) {
  const Fields f(meta, "");
  if (const json* info = f.object("info")) read_info(*info, t.info);
  if (const json* verdict = f.object("verdict")) read_verdict(*verdict, t.verdict);
  f.get("duration_ns", t.duration_ns);
  f.each("threads", [&](const json& v, const std::string& path) {
    const Fields tf(v, path);
    TraceThread th;
    tf.get("id", th.id);
    tf.get("name", th.name);
    tf.get("lab_thread", th.lab_thread);
    tf.get("start_ns", th.start_ns);
    tf.get("end_ns", th.end_ns);
    tf.get("events", th.events);
    tf.get("dropped", th.dropped);
    th.emitted = th.events + th.dropped;  // files from before the counter: what it must have been
    tf.get("emitted", th.emitted);
    tf.get("covered_until_ns", th.covered_until_ns);
    tf.get("items", th.items);
    t.threads.push_back(std::move(th));
  });
  f.each("objects", [&](const json& v, const std::string& path) {
    const Fields of(v, path);
    ObjectInfo o;
    of.get("id", o.id);
    of.get("kind", o.kind);
    of.get("name", o.name);
    t.objects.push_back(std::move(o));
  });
  f.each("sites", [&](const json& v, const std::string& path) {
    const Fields sf(v, path);
    SiteInfo s;
    sf.get("file", s.file);
    sf.get("line", s.line);
    sf.get("function", s.function);
    t.sites.push_back(std::move(s));
  });
  read_strings(f, "op_names", t.op_names);
  read_strings(f, "gauge_names", t.gauge_names);
  read_strings(f, "annotations", t.annotations);
  read_counter_rows(f, "waits", t.waits);
  read_counter_rows(f, "blame", t.blame);
  f.each("latencies", [&](const json& v, const std::string& path) {
    const Fields lf(v, path);
    LatencyRecord l;
    lf.get("thread", l.thread);
    lf.get("op", l.op);
    if (const json* h = lf.object("histogram")) read_histogram(*h, lf.at("histogram"), l.histogram);
    t.latencies.push_back(std::move(l));
  });
  f.each("progress", [&](const json& v, const std::string& path) {
    const Fields pf(v, path);
    ProgressSample p;
    pf.get("t_ns", p.t_ns);
    pf.each("items", [&](const json& iv, const std::string& ip) {
      p.items.push_back(to_uint<std::uint64_t>(iv, ip));
    });
    pf.each("gauges", [&](const json& gv, const std::string& gp) {
      if (!gv.is_number_integer()) bad_field(gp, "an integer");
      p.gauges.push_back(gv.get<std::int64_t>());
    });
    t.progress.push_back(std::move(p));
  });
  f.each("lock_order", [&](const json& v, const std::string& path) {
    const Fields ef(v, path);
    LockOrderEdge e;
    ef.get("held", e.held);
    ef.get("taken", e.taken);
    ef.get("held_mode", e.held_mode);
    ef.get("taken_mode", e.taken_mode);
    ef.get("held_site", e.held_site);
    ef.get("taken_site", e.taken_site);
    ef.each("threads", [&](const json& tv, const std::string& tp) { e.threads.push_back(to_uint<std::uint16_t>(tv, tp)); });
    t.lock_order.push_back(std::move(e));
  });
  auto read_access = [](const json& v, const std::string& path, LocksetAccess& a) {
    const Fields af(v, path);
    af.get("thread", a.thread);
    af.get("site", a.site);
    af.get("write", a.write);
    af.each("locks", [&](const json& lv, const std::string& lp) { a.locks.push_back(to_uint<std::uint32_t>(lv, lp)); });
  };
  f.each("dumps", [&](const json& v, const std::string& path) {
    const Fields df(v, path);
    DumpRecord d;
    df.get("at_ns", d.at_ns);
    df.get("reason", d.reason);
    df.each("threads", [&](const json& sv, const std::string& sp) { d.threads.push_back(read_snapshot(sv, sp)); });
    t.dumps.push_back(std::move(d));
  });
  f.each("lockset", [&](const json& v, const std::string& path) {
    const Fields vf(v, path);
    LocksetViolation lv;
    vf.get("object", lv.object);
    if (const json* a = vf.object("first")) read_access(*a, vf.at("first"), lv.first);
    if (const json* b = vf.object("second")) read_access(*b, vf.at("second"), lv.second);
    t.lockset.push_back(std::move(lv));
  });
  std::uint64_t count = 0;
  if (meta.contains("event_count")) {
    f.get("event_count", count);
    event_count = count;
  }
}

// ---- reading ------------------------------------------------------------------

TraceReadResult failure(std::string error) {
  TraceReadResult r;
  r.error = std::move(error);
  return r;
}

// " (M of N events lost)" when the META chunk tells how many there were.
std::string lost_text(std::uint64_t kept, const std::optional<std::uint64_t>& expected) {
  if (!expected || *expected <= kept) return {};
  return " (" + std::to_string(*expected - kept) + " of " + std::to_string(*expected) + " events lost)";
}

}  // namespace

std::string serialize_trace(const Trace& trace) {
  std::string out;
  out.reserve(1024 + trace.events.size() * kEventBytes);
  auto sink = [&out](std::string_view s) {
    out.append(s);
    return true;
  };
  write_trace(trace, sink);
  return out;
}

std::string save_trace(const Trace& trace, const std::string& path) {
  namespace fs = std::filesystem;
  // Write beside the target and rename at the end, so a failed save never
  // leaves a half-written file under the real name. Anything that is not a
  // regular file (/dev/null, a pipe) is written in place instead.
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  const bool in_place = fs::exists(status) && !fs::is_regular_file(status);
  const std::string target = in_place ? path : path + ".tmp";

  std::FILE* f = std::fopen(target.c_str(), "wb");
  if (!f) return "cannot write " + path + ": " + std::strerror(errno);
  auto sink = [f](std::string_view s) {
    // An empty piece (the END chunk's payload) may have a null data pointer.
    return s.empty() || std::fwrite(s.data(), 1, s.size(), f) == s.size();
  };
  bool ok = write_trace(trace, sink);
  int err = ok ? 0 : errno;
  if (std::fclose(f) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    if (!in_place) std::remove(target.c_str());
    return "cannot write " + path + ": " + std::strerror(err);
  }
  if (!in_place) {
    fs::rename(target, path, ec);
    if (ec) {
      std::remove(target.c_str());
      return "cannot write " + path + ": " + ec.message();
    }
  }
  return {};
}

TraceReadResult load_trace(const std::string& path) {
  // fopen() opens a directory too, and its "size" is no size at all (a
  // reserve() of it threw bad_alloc): say what it is instead.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return failure("cannot read " + path + ": it is a directory");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return failure("cannot open " + path + ": " + std::strerror(errno));
  std::string bytes;
  // Size the buffer once when the file tells its size (regular files).
  if (std::filesystem::is_regular_file(path, ec) && std::fseek(f, 0, SEEK_END) == 0) {
    const long end = std::ftell(f);
    if (end > 0) bytes.reserve(static_cast<std::size_t>(end));
    std::rewind(f);
  }
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) bytes.append(buffer, n);
  const bool read_error = std::ferror(f) != 0;
  const int err = errno;
  std::fclose(f);
  if (read_error) return failure("cannot read " + path + ": " + std::strerror(err));
  return parse_trace(bytes);
}

TraceReadResult parse_trace(const std::string& bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();

  // ---- file header
  if (size == 0) return failure("not a locklab trace (empty file)");
  const std::size_t magic_seen = std::min(size, sizeof kMagic);
  if (std::memcmp(data, kMagic, magic_seen) != 0) return failure("not a locklab trace (bad magic)");
  if (size < kFileHeaderBytes) return failure("truncated trace: the file ends inside its header");
  const auto version = load_le<std::uint32_t>(data + sizeof kMagic);
  if (version > kTraceFormatVersion) {
    return failure("written by a newer locklab: format version " + std::to_string(version) +
                   ", this build reads up to " + std::to_string(kTraceFormatVersion));
  }
  if (version == 0) return failure("not a locklab trace (format version 0)");

  // ---- chunks, until END or the first chunk that cannot be read
  std::optional<Trace> trace;
  std::optional<std::uint64_t> expected_events;
  std::vector<Event> events;
  std::string stop_reason;  // why reading stopped before END; empty if END was reached
  bool corrupt_meta = false;
  std::size_t pos = kFileHeaderBytes;
  while (true) {
    if (size - pos < kChunkHeaderBytes) {
      stop_reason = "truncated";
      break;
    }
    const auto type = load_le<std::uint32_t>(data + pos);
    const auto length = load_le<std::uint64_t>(data + pos + 4);
    const auto crc = load_le<std::uint32_t>(data + pos + 12);
    pos += kChunkHeaderBytes;
    // Compare against what is left before touching the payload: a damaged
    // length may be huge, and must read as truncation, not as an allocation.
    if (length > size - pos) {
      stop_reason = "truncated";
      break;
    }
    const unsigned char* payload = data + pos;
    const auto payload_size = static_cast<std::size_t>(length);
    pos += payload_size;

    if (type != kMetaChunk && type != kEventsChunk && type != kEndChunk) continue;  // skip unknown
    if (crc32(payload, payload_size) != crc) {
      if (type == kMetaChunk && !trace) corrupt_meta = true;
      stop_reason = std::string("corrupt ") + chunk_name(type) + " chunk (crc mismatch)";
      break;
    }
    if (type == kEndChunk) break;
    if (type == kMetaChunk) {
      if (trace) continue;  // only the first META counts
      Trace t;
      try {
        const json meta = json::parse(payload, payload + payload_size);
        read_meta(meta, t, expected_events);
      } catch (const json::exception& e) {
        return failure(std::string("corrupt trace: bad META chunk: ") + e.what());
      } catch (const BadMeta& e) {
        return failure(std::string("corrupt trace: bad META chunk: ") + e.what());
      }
      trace = std::move(t);
      if (expected_events) {
        // Reserve what the file can actually hold, whatever META claims.
        events.reserve(static_cast<std::size_t>(
            std::min<std::uint64_t>(*expected_events, (size - pos) / kEventBytes)));
      }
      continue;
    }
    // EVENTS
    if (payload_size % kEventBytes != 0) {
      stop_reason = "malformed EVENTS chunk (" + std::to_string(payload_size) +
                    " bytes is not a whole number of events)";
      break;
    }
    if (payload_size == 0) continue;  // an empty EVENTS chunk holds nothing (found by fuzzing)
    if constexpr (std::endian::native == std::endian::little) {
      // The file layout is the struct's layout on a little-endian host.
      const std::size_t count = payload_size / kEventBytes;
      const std::size_t at = events.size();
      events.resize(at + count);
      std::memcpy(static_cast<void*>(events.data() + at), payload, payload_size);
    } else {
      for (std::size_t off = 0; off < payload_size; off += kEventBytes) events.push_back(decode_event(payload + off));
    }
  }

  if (!trace) {
    if (corrupt_meta) return failure("corrupt trace: the META chunk is damaged (crc mismatch)");
    if (stop_reason == "truncated") return failure("truncated trace: the file ends before its META chunk");
    if (!stop_reason.empty()) return failure("unusable trace: " + stop_reason + " before the META chunk");
    return failure("unusable trace: it has no META chunk");
  }

  TraceReadResult result;
  const std::uint64_t kept = events.size();
  const std::string n = std::to_string(kept);
  if (stop_reason == "truncated") {
    if (expected_events && kept >= *expected_events) {
      result.warning = "truncated: the file ends before its END chunk (all " + n + " events are present)";
    } else {
      result.warning = "truncated after " + n + " events: the rest of the file is missing" +
                       lost_text(kept, expected_events);
    }
  } else if (!stop_reason.empty()) {
    result.warning = stop_reason + " after " + n +
                     " events: that chunk and the rest of the file were not read" +
                     lost_text(kept, expected_events);
  } else if (expected_events && kept != *expected_events) {
    result.warning = "the file holds " + n + " events but its META chunk says " +
                     std::to_string(*expected_events) + lost_text(kept, expected_events);
  }
  trace->events = std::move(events);
  result.trace = std::move(trace);
  return result;
}

}  // namespace locklab
