// The JSON chunks of a .lltrace file: META, HEAD and UPDATE (see trace_meta.h).
#include "trace_meta.h"

#include <limits>
#include <type_traits>
#include <utility>

namespace locklab::detail {

using nlohmann::json;

namespace {

// ---- Trace -> JSON -----------------------------------------------------------

template <class E>
unsigned enum_value(E e) {
  return static_cast<unsigned>(e);
}

std::uint32_t remapped(const SiteRemap* remap, std::uint32_t site) {
  return remap && site < remap->index.size() ? remap->index[site] : site;
}

json counter_rows_json(const std::vector<CounterRow>& rows, const SiteRemap* remap) {
  json out = json::array();
  for (const CounterRow& r : rows) {
    out.push_back({{"thread", r.thread}, {"site", remapped(remap, r.site)}, {"object", r.object},
                   {"mode", enum_value(r.mode)}, {"count", r.count},
                   {"total_ns", r.total_ns}, {"max_ns", r.max_ns},
                   {"wait_class", enum_value(r.wait_class)}, {"open", r.open}, {"open_ns", r.open_ns}});
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
  out["internal"] = s.internal;
  if (s.enders_known) {
    out["enders"] = s.enders;
    out["enders_rule"] = s.enders_rule;
  }
  if (s.wait_counter >= 0) {
    out["wait_counter"] = static_cast<std::uint64_t>(s.wait_counter);
    out["wait_added_by"] = s.wait_added_by;
  }
  out["waiting_for_ns"] = s.waiting_for_ns;
  out["held"] = std::move(held);
  out["progress"] = s.progress;
  return out;
}

json thread_name_json(const TraceThread& th) {
  return {{"id", th.id}, {"name", th.name}, {"lab_thread", th.lab_thread}};
}

json object_json(const ObjectInfo& o) { return {{"id", o.id}, {"kind", enum_value(o.kind)}, {"name", o.name}}; }

json site_json(const SiteInfo& s) { return {{"file", s.file}, {"line", s.line}, {"function", s.function}}; }

json progress_json(const ProgressSample& p) { return {{"t_ns", p.t_ns}, {"items", p.items}, {"gauges", p.gauges}}; }

// ---- JSON -> Trace ------------------------------------------------------
// Every field is checked for its type before it is used. A missing field
// keeps its default (so a file without, say, "progress" still loads); a field
// of the wrong type makes the whole META chunk unusable.

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

  bool has(const char* key) const { return find(key) != nullptr; }

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
    row.get("open", r.open);
    row.get("open_ns", r.open_ns);
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
  f.get("internal", s.internal);
  auto ids = [](std::vector<std::uint16_t>& into) {
    return [&into](const json& v, const std::string& path) { into.push_back(to_uint<std::uint16_t>(v, path)); };
  };
  f.each("enders", ids(s.enders));
  f.get("enders_rule", s.enders_rule);
  s.enders_known = !s.enders_rule.empty();
  std::uint64_t counter = 0;
  bool has_counter = false;
  f.each("wait_added_by", ids(s.wait_added_by));
  if (f.has("wait_counter")) {
    f.get("wait_counter", counter);
    has_counter = true;
  }
  if (has_counter) s.wait_counter = static_cast<std::int64_t>(counter);
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

}  // namespace

json info_json(const RunInfo& i) {
  json info = json::object();
  info["bug"] = i.bug;
  info["variant"] = i.variant;
  info["params"] = i.params;
  info["threads"] = i.threads;
  info["duration_ms"] = i.duration_ms;
  info["seed"] = i.seed;
  info["recording"] = i.recording;
  info["started_at"] = i.started_at;
  info["machine"] = i.machine;
  info["ns_per_tick"] = i.ns_per_tick;
  return info;
}

json meta_json(const Trace& t, const SiteRemap* remap) {
  json info = info_json(t.info);

  json verdict = json::object();
  verdict["kind"] = enum_value(t.verdict.kind);
  verdict["summary"] = t.verdict.summary;
  verdict["detail"] = t.verdict.detail;
  verdict["at_ns"] = t.verdict.at_ns;
  verdict["threads"] = json::array();
  for (const ThreadSnapshot& s : t.verdict.threads) verdict["threads"].push_back(snapshot_json(s));

  json threads = json::array();
  for (const TraceThread& th : t.threads) {
    json row = thread_name_json(th);
    row.update({{"start_ns", th.start_ns}, {"end_ns", th.end_ns}, {"events", th.events}, {"dropped", th.dropped},
                {"emitted", th.emitted}, {"covered_until_ns", th.covered_until_ns}, {"items", th.items}});
    threads.push_back(std::move(row));
  }
  json objects = json::array();
  for (const ObjectInfo& o : t.objects) objects.push_back(object_json(o));
  json sites = json::array();
  for (const SiteInfo& s : remap ? remap->sites : t.sites) sites.push_back(site_json(s));
  json latencies = json::array();
  for (const LatencyRecord& l : t.latencies) {
    latencies.push_back({{"thread", l.thread}, {"op", l.op}, {"histogram", histogram_json(l.histogram)}});
  }
  json progress = json::array();
  for (const ProgressSample& p : t.progress) progress.push_back(progress_json(p));

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
  meta["waits"] = counter_rows_json(t.waits, remap);
  meta["blame"] = counter_rows_json(t.blame, remap);
  meta["latencies"] = std::move(latencies);
  meta["progress"] = std::move(progress);
  json lock_order = json::array();
  for (const LockOrderEdge& e : t.lock_order) {
    lock_order.push_back({{"held", e.held}, {"taken", e.taken}, {"held_mode", enum_value(e.held_mode)},
                          {"taken_mode", enum_value(e.taken_mode)}, {"held_site", remapped(remap, e.held_site)},
                          {"taken_site", remapped(remap, e.taken_site)}, {"threads", e.threads}});
  }
  meta["lock_order"] = std::move(lock_order);
  json lockset = json::array();
  auto access_json = [remap](const LocksetAccess& a) {
    return json{{"thread", a.thread}, {"site", remapped(remap, a.site)}, {"write", a.write}, {"locks", a.locks}};
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


json update_json(const TraceUpdate& u) {
  json out = json::object();
  out["t_ns"] = u.t_ns;
  json threads = json::array(), objects = json::array(), sites = json::array();
  for (const TraceThread& th : u.threads) threads.push_back(thread_name_json(th));
  for (const ObjectInfo& o : u.objects) objects.push_back(object_json(o));
  for (const SiteInfo& s : u.sites) sites.push_back(site_json(s));
  out["threads"] = std::move(threads);
  out["objects"] = std::move(objects);
  out["sites"] = std::move(sites);
  out["op_names"] = u.op_names;
  out["gauge_names"] = u.gauge_names;
  out["annotations"] = u.annotations;
  json progress = json::array();
  if (u.sample) progress.push_back(progress_json(*u.sample));
  out["progress"] = std::move(progress);
  return out;
}

TraceUpdate read_update(const json& v) {
  // The lists use META's keys: read them as a META into a scratch trace.
  Trace t;
  std::optional<std::uint64_t> unused;
  read_meta(v, t, unused);
  TraceUpdate u;
  Fields(v, "").get("t_ns", u.t_ns);
  u.threads = std::move(t.threads);
  u.objects = std::move(t.objects);
  u.sites = std::move(t.sites);
  u.op_names = std::move(t.op_names);
  u.gauge_names = std::move(t.gauge_names);
  u.annotations = std::move(t.annotations);
  if (t.progress.size() > 1) throw BadMeta("progress should hold at most one sample");
  if (!t.progress.empty()) u.sample = std::move(t.progress.front());
  return u;
}

std::string json_text(const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace locklab::detail
