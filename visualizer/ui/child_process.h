// ChildProcess: one program run in a child process, watched without
// blocking. The GUI runs every bug through the locklab CLI this way, so a run
// that deadlocks, crashes or loops forever can never freeze or crash the
// window: the GUI polls the child each frame and kills it past its bound.
//
// POSIX only (posix_spawn, waitpid WNOHANG, kill). Not thread-safe: one
// owner calls every method. The destructor kills a child still running and
// reaps it, so no zombie outlives its ChildProcess.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace locklab::viz {

enum class ChildState {
  kNotStarted,
  kRunning,
  kExited,    // exit_code() is valid
  kSignaled,  // killed by signal(): a crash, or our kill()
  kFailedToStart,
};

class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// Starts argv[0] (a path) with argv, stdout and stderr both going to
  /// `output_file` (created or truncated). Returns false, with error() set,
  /// when it could not start.
  bool start(const std::vector<std::string>& argv, const std::string& output_file);

  /// Checks the child without waiting; returns the state.
  ChildState poll();
  /// Sends SIGKILL to a running child (the next poll() reaps it).
  void kill();

  ChildState state() const noexcept { return state_; }
  int exit_code() const noexcept { return exit_code_; }
  int signal() const noexcept { return signal_; }
  bool killed_by_us() const noexcept { return killed_; }
  const std::string& error() const noexcept { return error_; }
  std::chrono::steady_clock::duration elapsed() const;

  /// How the child ended, in words: "exited with code 2", "crashed with
  /// SIGSEGV (Segmentation fault)", "aborted with SIGABRT (Aborted)",
  /// "killed after its time bound".
  std::string ending_text() const;

 private:
  pid_t pid_ = -1;
  ChildState state_ = ChildState::kNotStarted;
  int exit_code_ = 0;
  int signal_ = 0;
  bool killed_ = false;
  std::string error_;
  std::chrono::steady_clock::time_point started_{}, ended_{};
};

/// "SIGSEGV" for 11, "signal 77" for a number without a name.
std::string signal_name(int sig);

/// The last `max_lines` lines of a text file ("" if unreadable), for error
/// messages that quote what a child printed.
std::string tail_of_file(const std::string& path, int max_lines);

}  // namespace locklab::viz
