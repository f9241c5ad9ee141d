#include "locklab/core/run_context.h"
#include "locklab/core/sched_point.h"

#include <algorithm>
#include <condition_variable>
#include <system_error>
#include <stdexcept>
#include <utility>

#include "locklab/core/wait_queue.h"
#include "core/sched_hooks.h"

namespace locklab {

namespace {
// join_all's fallback after cancellation (see join_all).
std::condition_variable g_join_cv;
}  // namespace

RunContext::RunContext(std::uint32_t threads, std::chrono::milliseconds duration, std::uint64_t seed,
                       std::map<std::string, double> params)
    : threads_(threads), duration_(duration), seed_(seed), params_(std::move(params)) {}

RunContext::~RunContext() { join_os_threads(); }

double RunContext::param(const std::string& name) const {
  const auto it = params_.find(name);
  if (it == params_.end()) throw std::logic_error("locklab: workload asked for undeclared parameter '" + name + "'");
  return it->second;
}

std::int64_t RunContext::param_int(const std::string& name) const {
  return static_cast<std::int64_t>(param(name));
}

std::chrono::nanoseconds RunContext::param_ms(const std::string& name) const {
  return std::chrono::nanoseconds(static_cast<std::int64_t>(param(name) * 1e6));
}

std::size_t RunContext::started_threads() const {
  std::lock_guard<std::mutex> lock(mu_);
  return started_;
}

void RunContext::reap_finished_locked(std::vector<std::thread>& out) {
  // Threads that said they finished: join them now (their body has
  // returned), so a run that starts a thread per round keeps only the live
  // ones' stacks and mappings.
  for (auto it = finished_.begin(); it != finished_.end();) {
    const auto t = std::find_if(os_threads_.begin(), os_threads_.end(),
                                [&](const std::thread& x) { return x.get_id() == *it; });
    if (t == os_threads_.end()) {  // not stored yet (go() stores it after it starts)
      ++it;
      continue;
    }
    out.push_back(std::move(*t));
    *t = std::move(os_threads_.back());
    os_threads_.pop_back();
    it = finished_.erase(it);
  }
}

void RunContext::go(std::string name, std::function<void()> fn) {
  // Leave room for the threads already started and not yet registered.
  if (Runtime::get().thread_count() + live_threads() >= Runtime::kMaxThreadRecords)
    throw std::runtime_error("cannot start thread '" + name + "': a run holds at most " +
                             std::to_string(Runtime::kMaxThreadRecords) + " threads");
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++live_;
    ++started_;
  }
  const std::uint16_t parent = Runtime::self().id();
  auto body = [this, name, parent, fn = std::move(fn)](ThreadRecord& self) mutable {
    self.set_parent(parent);
    std::string error;
    try {
      fn();
    } catch (const Cancelled&) {
      // The run is ending; unwinding was the point.
    } catch (const std::exception& e) {
      error = name + ": " + e.what();
    } catch (...) {
      error = name + ": unknown exception";
    }
    self.end_ticks = now_ticks();
    self.set_state(ThreadState::kDone);
    if (Runtime::recording()) self.emit(EventKind::kThreadEnd, 0, LockMode::kNone, 0, 0, self.end_ticks);
    std::vector<ThreadRecord*> joiners;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!error.empty()) errors_.push_back(std::move(error));
      --live_;
      if (live_ == 0) joiners = joiners_;
    }
    for (ThreadRecord* j : joiners) j->unpark();
    g_join_cv.notify_all();
  };
  if (detail::controlled()) {
    // A controlled run: the thread is a fiber of the scheduler's.
    detail::sched_hooks().spawn(std::move(name), std::move(body));
  } else {
    std::vector<std::thread> done;
    std::string failed;
    {
      std::lock_guard<std::mutex> lock(mu_);
      reap_finished_locked(done);
      try {
        os_threads_.emplace_back([this, name, body = std::move(body)]() mutable {
          body(Runtime::get().register_lab_thread(name));
          std::lock_guard<std::mutex> lock(mu_);
          finished_.push_back(std::this_thread::get_id());
        });
      } catch (const std::system_error& e) {
        // No thread was started: undo the count so join_all cannot wait for it.
        --live_;
        --started_;
        failed = e.what();
      }
    }
    for (auto& t : done) t.join();
    if (!failed.empty())
      throw std::runtime_error("cannot start thread '" + name + "' (" + std::to_string(started_threads()) +
                               " started so far): " + failed);
  }
  detail::sched_point(SchedOp::kGo, 0, Site{});
}

void RunContext::join_all(Site site) {
  detail::sched_point(SchedOp::kJoin, 0, site);
  ThreadRecord& self = Runtime::self();
  std::unique_lock<std::mutex> lock(mu_);
  if (live_ == 0) return;
  joiners_.push_back(&self);
  self.begin_wait(WaitSpec{WaitKind::kJoin, 0, LockMode::kNone, site.key()});
  bool cancelled = false;
  while (live_ > 0) {
    if (!cancelled) {
      lock.unlock();
      cancelled = self.park() == WakeReason::kCancelled;
      lock.lock();
    } else {
      // Cancelled, but state on our caller's stack must outlive the workers:
      // keep waiting for them, off the parker (which now returns at once).
      if (detail::controlled()) {
        lock.unlock();
        detail::pause_while_unwinding();
        lock.lock();
      } else {
        g_join_cv.wait_for(lock, std::chrono::milliseconds(5));
      }
    }
  }
  std::erase(joiners_, &self);
  lock.unlock();
  if (cancelled) detail::leave_cancelled(self, WaitKind::kJoin, 0);
  self.end_wait();
}

void RunContext::annotate(const std::string& text, Site site) {
  std::uint64_t index;
  {
    std::lock_guard<std::mutex> lock(mu_);
    annotations_.push_back(text);
    index = annotations_.size() - 1;
  }
  if (Runtime::recording())
    Runtime::self().emit(EventKind::kAnnotation, 0, LockMode::kNone, site.key(), index, now_ticks());
}

void RunContext::finish_op(ThreadRecord& self, std::uint32_t op, std::uint64_t t0, std::uint64_t t1) {
  const std::uint64_t ns = TickClock::get().to_ns(t1, t0);
  self.record_latency(op, ns);
  self.item_done();
  if (Runtime::recording())
    self.emit(EventKind::kOpEnd, ns > 0xFFFFFFFFull ? 0xFFFFFFFFu : static_cast<std::uint32_t>(ns),
              LockMode::kNone, 0, op, t1);
}

std::uint32_t RunContext::live_threads() const {
  std::lock_guard<std::mutex> lock(mu_);
  return live_;
}

std::vector<std::string> RunContext::take_errors() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::exchange(errors_, {});
}

std::vector<std::string> RunContext::annotations() const {
  std::lock_guard<std::mutex> lock(mu_);
  return annotations_;
}

void RunContext::join_os_threads() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    threads.swap(os_threads_);
    finished_.clear();
  }
  for (auto& t : threads)
    if (t.joinable()) t.join();
}

}  // namespace locklab
