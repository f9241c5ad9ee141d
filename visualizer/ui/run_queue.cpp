#include "run_queue.h"

#include <csignal>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "locklab/run/catalogue.h"
#include "time_view.h"

namespace locklab::viz {

namespace fs = std::filesystem;

RunQueue::RunQueue(std::string locklab, std::string work_dir)
    : locklab_(std::move(locklab)), work_dir_(std::move(work_dir)) {}

void RunQueue::push(RunRequest request) { queue_.push_back(std::move(request)); }

void RunQueue::cancel_all() {
  queue_.clear();
  if (current_) {
    current_->child.kill();
    // A refresh in flight finishes on its own thread; waiting for it here
    // would freeze the frame, so its follower is parked until it is idle.
    if (current_->live && !current_->live->idle()) orphans_.push_back(std::move(current_->live));
    current_.reset();
  }
}

std::vector<std::string> RunQueue::command_for(const RunRequest& r, const std::string& trace_path) const {
  if (!r.command.empty()) {
    std::vector<std::string> argv = r.command;
    argv.push_back("--trace");
    argv.push_back(trace_path);
    return argv;
  }
  std::vector<std::string> argv = {locklab_, "run", r.bug, "--variant", r.variant, "--trace", trace_path};
  if (r.threads > 0) {
    argv.push_back("--threads");
    argv.push_back(std::to_string(r.threads));
  }
  if (r.duration_ms > 0) {
    argv.push_back("--duration");
    argv.push_back(std::to_string(r.duration_ms));
  }
  for (const auto& [name, value] : r.params) {
    argv.push_back("--param");
    argv.push_back(name + "=" + value);
  }
  if (r.events_per_thread > 0) {
    argv.push_back("--events-per-thread");
    argv.push_back(std::to_string(r.events_per_thread));
  }
  return argv;
}

void RunQueue::start_next() {
  if (current_ || queue_.empty()) return;
  auto c = std::make_unique<Current>();
  c->request = std::move(queue_.front());
  queue_.pop_front();
  const std::string stem = work_dir_ + "/run" + std::to_string(++serial_) + "." + c->request.variant;
  c->trace_path = stem + ".lltrace";
  c->log_path = stem + ".log";
  c->duration_ms = c->request.duration_ms;
  if (c->duration_ms == 0) {
    const BugInfo* bug = Catalogue::get().find(c->request.bug);
    c->duration_ms = bug ? bug->default_duration_ms : 1000;
  }
  c->live = std::make_unique<LiveRun>(c->trace_path);
  c->child.start(command_for(c->request, c->trace_path), c->log_path);
  current_ = std::move(c);
}

bool RunQueue::step_current(std::vector<RunOutcome>& out) {
  Current& c = *current_;
  if (!c.child_ended) {
    const ChildState s = c.child.poll();
    if (s == ChildState::kRunning) {
      const auto bound = std::chrono::milliseconds(c.duration_ms) + margin_;
      if (c.child.elapsed() > bound) c.child.kill();  // the next poll sees it ended
      else c.live->refresh();
    } else {
      c.child_ended = true;
    }
  }
  if (c.child_ended) c.live->finish();  // no more bytes will come: read to the end
  std::optional<LoadedRun> run = c.live->take();
  if (!run) return false;
  if (!c.live->finished()) {
    RunOutcome o;
    o.request = c.request;
    o.run = std::move(*run);
    o.live = true;
    out.push_back(std::move(o));
    return false;
  }
  out.push_back(final_outcome(c, std::move(*run)));
  std::error_code ec;
  fs::remove(c.trace_path, ec);
  fs::remove(c.log_path, ec);
  return true;
}

RunOutcome RunQueue::final_outcome(Current& c, LoadedRun run) const {
  RunOutcome out;
  out.request = c.request;
  const std::string who = c.request.bug + " " + c.request.variant;
  const ChildState s = c.child.state();
  const int code = c.child.exit_code();
  const double elapsed_ns =
      static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(c.child.elapsed()).count());
  const std::uint64_t events = run.ok() ? run.model->trace().events.size() : 0;
  if (s == ChildState::kExited && (code == 0 || code == 1)) {
    // The CLI finished the run: a whole trace (1: a result not as expected).
    if (code == 1) out.message = who + ": a result was not as expected (see the oracle)";
    out.failed = !run.ok();
  } else {
    out.failed = true;
    std::string ending;
    if (c.child.killed_by_us()) {
      ending = "overran its bound (the duration plus " + duration_text(static_cast<double>(margin_.count()) * 1e6) +
               ") and was killed after " + duration_text(elapsed_ns);
    } else if (s == ChildState::kSignaled && c.child.signal() != 0) {
      ending = (c.child.signal() == SIGABRT ? "aborted with " : "crashed with ") + signal_name(c.child.signal()) +
               " after " + duration_text(elapsed_ns);
    } else {
      ending = "locklab " + c.child.ending_text();
    }
    out.message = who + ": " + ending;
    if (run.ok() && events > 0) out.message += "; showing the trace so far: " + std::to_string(events) + " events";
    else if (s != ChildState::kExited) out.message += "; it left no trace to show";
    const std::string tail = tail_of_file(c.log_path, 6);
    if (!tail.empty()) out.message += "\n" + tail;
  }
  // A child that never began a run (bad settings, or it could not start)
  // wrote no trace: the file's absence is no news.
  const bool no_run = !run.ok() && (s == ChildState::kFailedToStart || (s == ChildState::kExited && code == 2));
  if (!no_run && !run.error.empty()) out.message += (out.message.empty() ? "" : "\n") + run.error;
  if (!out.failed && !run.warning.empty()) out.message += (out.message.empty() ? "" : "\n") + run.warning;
  out.run = std::move(run);
  return out;
}

std::vector<RunOutcome> RunQueue::poll() {
  std::vector<RunOutcome> done;
  std::erase_if(orphans_, [](const std::unique_ptr<LiveRun>& l) { return l->idle(); });
  for (int guard = 0; guard < 4; ++guard) {
    start_next();
    if (!current_) break;
    if (!step_current(done)) break;
    current_.reset();
  }
  return done;
}

int RunQueue::current_slot() const noexcept { return current_ ? current_->request.slot : -1; }

std::string RunQueue::progress_text() const {
  if (!current_) return queue_.empty() ? "" : "starting";
  const Current& c = *current_;
  const double elapsed = static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(c.child.elapsed()).count());
  std::string s = (c.child_ended ? "loading " : "running ") + c.request.variant;
  if (!queue_.empty()) s += " (" + std::to_string(queue_.size()) + " more queued)";
  if (!c.child_ended) s += ", " + duration_text(elapsed) + " of about " + duration_text(static_cast<double>(c.duration_ms) * 1e6);
  if (c.live->events() > 0) s += ", " + std::to_string(c.live->events()) + " events so far";
  return s;
}

double RunQueue::progress_fraction() const {
  if (!current_) return 0;
  if (current_->child_ended) return 1;
  const double elapsed = std::chrono::duration<double, std::milli>(current_->child.elapsed()).count();
  return std::min(0.99, elapsed / static_cast<double>(std::max<std::uint64_t>(current_->duration_ms, 1)));
}

std::string default_locklab_path() {
  if (const char* env = std::getenv("LOCKLAB_CLI"); env && *env) return env;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) return (self.parent_path() / "locklab").string();
  return "locklab";
}

std::string make_work_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/locklab-viz-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data())) return "/tmp";
  return buf.data();
}

void remove_work_dir(const std::string& dir) {
  if (dir.empty() || dir == "/tmp" || dir.find("locklab-viz-") == std::string::npos) return;
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace locklab::viz
