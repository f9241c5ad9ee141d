#include "live_run.h"

#include <algorithm>
#include <exception>

#include "locklab/trace/trace_tail.h"

namespace locklab::viz {

LiveRun::LiveRun(std::string trace_path)
    : path_(std::move(trace_path)), tail_(std::make_shared<TraceTail>(path_)) {}

LiveRun::~LiveRun() {
  if (job_.valid()) job_.wait();
}

void LiveRun::start(bool last) {
  last_start_ = std::chrono::steady_clock::now();
  job_is_last_ = last;
  job_ = std::async(std::launch::async, [tail = tail_, path = path_, last] {
    const auto t0 = std::chrono::steady_clock::now();
    Result r;
    try {
      r.changed = tail->poll();
      if (r.changed || last) {
        TraceReadResult read = tail->snapshot(/*writer_gone=*/last);
        if (read.trace) {
          r.run = make_loaded_run(std::move(*read.trace));
          if (r.run.ok() && !read.warning.empty()) r.run.warning = read.warning;
        } else {
          r.run.error = "cannot read trace '" + path + "': " + read.error;
        }
        r.run.path = path;
      }
    } catch (const std::exception& e) {
      // Out of memory on a huge trace, say: a message, not a dead window.
      r.run = LoadedRun{};
      r.run.error = "cannot read trace '" + path + "': " + e.what();
      r.changed = true;
    }
    r.cost = std::chrono::steady_clock::now() - t0;
    return r;
  });
}

void LiveRun::refresh() {
  if (finishing_ || job_.valid()) return;
  if (std::chrono::steady_clock::now() - last_start_ < interval_) return;
  start(false);
}

void LiveRun::finish() {
  finishing_ = true;
  // With a refresh in flight, the last one starts when that one is taken.
  if (!job_is_last_ && !job_.valid()) start(true);
}

std::optional<LoadedRun> LiveRun::take() {
  if (!job_.valid() || job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
  Result r = job_.get();
  const auto cost = std::chrono::duration_cast<std::chrono::milliseconds>(r.cost);
  interval_ = std::max(kMinInterval, 2 * cost);
  if (r.run.ok()) events_ = r.run.model->trace().events.size();
  if (job_is_last_) {
    finished_ = true;
    return std::move(r.run);
  }
  if (finishing_) start(true);  // the writer ended meanwhile: read to the end
  if (!r.changed || !r.run.ok()) return std::nullopt;
  return std::move(r.run);
}

}  // namespace locklab::viz
