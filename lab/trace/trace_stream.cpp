// TraceStreamWriter: the .lltrace file written while a run goes (see
// trace_stream.h).
#include "locklab/trace/trace_stream.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <tuple>
#include <utility>

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "locklab/core/site.h"
#include "trace_format.h"
#include "trace_meta.h"

namespace locklab {

using namespace detail;

TraceStreamWriter::TraceStreamWriter(std::string path, std::chrono::milliseconds period)
    : path_(std::move(path)), period_(std::max(period, std::chrono::milliseconds(1))) {
  sites_.push_back(SiteInfo{});  // index 0: unknown
}

TraceStreamWriter::~TraceStreamWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  if (file_) std::fclose(file_);
  file_ = nullptr;
}

std::string TraceStreamWriter::open() {
  std::lock_guard<std::mutex> lock(mu_);
  file_ = std::fopen(path_.c_str(), "wb");
  if (!file_) return error_ = "cannot write " + path_ + ": " + std::strerror(errno);
  const std::string header = file_header(kStreamVersion);
  if (std::fwrite(header.data(), 1, header.size(), file_) != header.size() || std::fflush(file_) != 0)
    return error_ = "cannot write " + path_ + ": " + std::strerror(errno);
  return {};
}

bool TraceStreamWriter::write(std::uint32_t type, std::string_view payload) {
  if (!file_ || !error_.empty()) return false;
  auto sink = [this](std::string_view s) { return s.empty() || std::fwrite(s.data(), 1, s.size(), file_) == s.size(); };
  if (!write_chunk(sink, type, payload)) {
    error_ = "cannot write " + path_ + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

void TraceStreamWriter::run_started(const RunInfo& info, std::function<std::vector<std::string>()> annotations) {
  std::lock_guard<std::mutex> lock(mu_);
  annotations_ = std::move(annotations);
  origin_ticks_ = Runtime::get().origin_ticks();
  write(kHeadChunk, json_text(info_json(info)));
  if (file_ && error_.empty() && std::fflush(file_) != 0) error_ = "cannot write " + path_ + ": " + std::strerror(errno);
  thread_ = std::thread([this] { loop(); });
}

void TraceStreamWriter::loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    wake_.wait_for(lock, period_, [this] { return stop_; });
    if (stop_) break;
    flush();
  }
}

void TraceStreamWriter::run_ending() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  flush();  // every thread has ended: this takes the last of their events
  annotations_ = nullptr;
}

std::uint32_t TraceStreamWriter::intern_site(std::uint64_t key, std::vector<SiteInfo>& fresh) {
  if (key == 0) return 0;
  auto [it, inserted] = site_index_.try_emplace(key, 0);
  if (inserted) {
    it->second = static_cast<std::uint32_t>(sites_.size());
    sites_.push_back(Site::describe(key));
    fresh.push_back(sites_.back());
  }
  return it->second;
}

void TraceStreamWriter::flush() {
  if (!file_ || !error_.empty()) return;
  Runtime& rt = Runtime::get();
  const TickClock& clock = TickClock::get();
  const auto records = rt.threads();  // in id order; ids are indices

  TraceUpdate u;
  u.t_ns = clock.to_ns(now_ticks(), origin_ticks_);
  for (std::size_t i = threads_known_; i < records.size(); ++i) {
    TraceThread t;
    t.id = records[i]->id();
    t.name = records[i]->name();
    t.lab_thread = records[i]->lab_thread();
    u.threads.push_back(std::move(t));
  }
  threads_known_ = records.size();
  const std::vector<ObjectInfo> objects = objects_snapshot();
  for (std::size_t i = objects_known_; i < objects.size(); ++i) u.objects.push_back(objects[i]);
  objects_known_ = objects.size();
  const std::vector<std::string> ops = rt.op_names();
  for (std::size_t i = ops_known_; i < ops.size(); ++i) u.op_names.push_back(ops[i]);
  ops_known_ = ops.size();
  const auto gauges = rt.gauges();
  for (std::size_t i = gauges_known_; i < gauges.size(); ++i) u.gauge_names.push_back(gauges[i].first);
  gauges_known_ = gauges.size();
  if (annotations_) {
    const std::vector<std::string> notes = annotations_();
    for (std::size_t i = annotations_known_; i < notes.size(); ++i) u.annotations.push_back(notes[i]);
    annotations_known_ = std::max(annotations_known_, notes.size());
  }

  // The events each thread published since the last look, in trace form:
  // nanoseconds since the run began, sites as indices. Each thread's events
  // go out as their own chunks, in the thread's (time) order; the reader
  // merges them into one sequence, so the run's cores are not spent sorting.
  std::vector<std::string> payloads;
  ProgressSample sample;
  sample.t_ns = u.t_ns;
  written_.resize(records.size(), 0);
  std::uint64_t last_key = 0;
  std::uint32_t last_index = 0;
  std::uint64_t batch = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const ThreadRecord& r = *records[i];
    const std::uint32_t n = r.event_count();  // acquire: the first n events are complete
    const Event* ev = r.events();
    for (std::uint32_t first = written_[i]; first < n; first += static_cast<std::uint32_t>(kEventsPerChunk)) {
      const std::uint32_t last = static_cast<std::uint32_t>(std::min<std::uint64_t>(n, first + kEventsPerChunk));
      std::string& payload = payloads.emplace_back();
      payload.reserve((last - first) * kEventBytes);
      for (std::uint32_t k = first; k < last; ++k) {
        Event e = ev[k];
        e.time = clock.to_ns(e.time, origin_ticks_);
        if (e.site != last_key) {  // a thread tends to repeat its sites
          last_key = e.site;
          last_index = intern_site(e.site, u.sites);
        }
        e.site = last_index;
        append_event(payload, e);
      }
      batch += last - first;
    }
    written_[i] = std::max(written_[i], n);
    sample.items.push_back(r.items());
  }
  for (const auto& g : gauges) sample.gauges.push_back(g.second->load(std::memory_order_relaxed));
  u.sample = std::move(sample);

  if (!write(kUpdateChunk, json_text(update_json(u)))) return;
  ++updates_;
  for (const std::string& payload : payloads) {
    if (!write(kEventsChunk, payload)) return;
  }
  events_ += batch;
  // Into the kernel now: a process killed after this keeps these chunks.
  if (std::fflush(file_) != 0) error_ = "cannot write " + path_ + ": " + std::strerror(errno);
}

std::string TraceStreamWriter::finish(const Trace& trace) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!file_) return error_.empty() ? "cannot write " + path_ + ": the file is not open" : error_;
  // The runner numbered sites its own way when it built the trace; the
  // streamed events use this writer's numbering, so META is written in it.
  SiteRemap remap;
  remap.sites = sites_;
  std::map<std::tuple<std::string, std::uint32_t, std::string>, std::uint32_t> by_text;
  for (std::uint32_t i = 1; i < sites_.size(); ++i)
    by_text.try_emplace({sites_[i].file, sites_[i].line, sites_[i].function}, i);
  remap.index.reserve(trace.sites.size());
  for (std::size_t i = 0; i < trace.sites.size(); ++i) {
    const SiteInfo& s = trace.sites[i];
    if (i == 0) {
      remap.index.push_back(0);
      continue;
    }
    auto [it, fresh] = by_text.try_emplace({s.file, s.line, s.function}, static_cast<std::uint32_t>(remap.sites.size()));
    if (fresh) remap.sites.push_back(s);
    remap.index.push_back(it->second);
  }
  nlohmann::json meta = meta_json(trace, &remap);
  meta["event_count"] = events_;  // what this file holds
  write(kMetaChunk, json_text(meta));
  write(kEndChunk, {});
  if (std::fclose(file_) != 0 && error_.empty()) error_ = "cannot write " + path_ + ": " + std::strerror(errno);
  file_ = nullptr;
  return error_;
}

std::uint64_t TraceStreamWriter::events_written() const {
  std::lock_guard<std::mutex> lock(mu_);
  return events_;
}

std::uint64_t TraceStreamWriter::updates_written() const {
  std::lock_guard<std::mutex> lock(mu_);
  return updates_;
}

}  // namespace locklab
