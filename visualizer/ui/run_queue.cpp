#include "run_queue.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "locklab/catalogue.h"
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
    // A load in flight finishes on its own thread; waiting for it here would
    // freeze the frame, so its future is parked until it is ready.
    if (current_->load) orphans_.push_back(std::move(*current_->load));
    current_.reset();
  }
}

std::vector<std::string> RunQueue::command_for(const RunRequest& r, const std::string& trace_path) const {
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
  c->child.start(command_for(c->request, c->trace_path), c->log_path);
  current_ = std::move(c);
}

std::optional<RunOutcome> RunQueue::step_current() {
  Current& c = *current_;
  if (c.load) {
    if (c.load->wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
    RunOutcome out;
    out.request = c.request;
    out.run = c.load->get();
    out.failed = !out.run.ok();
    out.message = c.message;
    if (!out.run.error.empty()) out.message += (out.message.empty() ? "" : "\n") + out.run.error;
    if (!out.run.warning.empty()) out.message += (out.message.empty() ? "" : "\n") + out.run.warning;
    std::error_code ec;
    fs::remove(c.trace_path, ec);
    fs::remove(c.log_path, ec);
    return out;
  }
  const ChildState s = c.child.poll();
  const std::string who = c.request.bug + " " + c.request.variant;
  if (s == ChildState::kRunning) {
    const auto bound = std::chrono::milliseconds(c.duration_ms) + margin_;
    if (c.child.elapsed() > bound) c.child.kill();
    return std::nullopt;
  }
  const bool exited_with_trace = s == ChildState::kExited && (c.child.exit_code() == 0 || c.child.exit_code() == 1);
  std::error_code ec;
  if (exited_with_trace && fs::exists(c.trace_path, ec)) {
    if (c.child.exit_code() == 1) c.message = who + ": a result was not as expected (see the oracle)";
    c.load = start_load(c.trace_path);
    return std::nullopt;
  }
  RunOutcome out;
  out.request = c.request;
  out.failed = true;
  if (c.child.killed_by_us()) {
    out.message = who + ": killed after " +
                  duration_text(static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(c.child.elapsed()).count())) +
                  ", past its bound (the duration plus " + duration_text(static_cast<double>(margin_.count()) * 1e6) +
                  "); the CLI writes its trace when a run ends, so there is none to show";
  } else {
    out.message = who + ": locklab " + c.child.ending_text();
    if (s == ChildState::kSignaled) out.message += "; no trace was written";
  }
  const std::string tail = tail_of_file(c.log_path, 6);
  if (!tail.empty()) out.message += "\n" + tail;
  fs::remove(c.trace_path, ec);
  fs::remove(c.log_path, ec);
  return out;
}

std::vector<RunOutcome> RunQueue::poll() {
  std::vector<RunOutcome> done;
  std::erase_if(orphans_, [](std::future<LoadedRun>& f) {
    return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  });
  for (int guard = 0; guard < 4; ++guard) {
    start_next();
    if (!current_) break;
    std::optional<RunOutcome> out = step_current();
    if (!out) break;
    done.push_back(std::move(*out));
    current_.reset();
  }
  return done;
}

int RunQueue::current_slot() const noexcept { return current_ ? current_->request.slot : -1; }

std::string RunQueue::progress_text() const {
  if (!current_) return queue_.empty() ? "" : "starting";
  const Current& c = *current_;
  const double elapsed = static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(c.child.elapsed()).count());
  std::string s = (c.load ? "loading " : "running ") + c.request.variant;
  if (!queue_.empty()) s += " (" + std::to_string(queue_.size()) + " more queued)";
  if (!c.load) s += ", " + duration_text(elapsed) + " of about " + duration_text(static_cast<double>(c.duration_ms) * 1e6);
  return s;
}

double RunQueue::progress_fraction() const {
  if (!current_) return 0;
  if (current_->load) return 1;
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
