#include "child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>

extern char** environ;

namespace locklab::viz {

ChildProcess::~ChildProcess() {
  if (state_ == ChildState::kRunning) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

bool ChildProcess::start(const std::vector<std::string>& argv, const std::string& output_file) {
  if (state_ == ChildState::kRunning || argv.empty()) {
    error_ = argv.empty() ? "no program to run" : "a child is already running";
    return false;
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  // Its own process group: a Ctrl-C in the GUI's terminal is for the GUI.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);

  pid_t pid = -1;
  const int rc = posix_spawn(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  started_ = std::chrono::steady_clock::now();
  if (rc != 0) {
    state_ = ChildState::kFailedToStart;
    error_ = "cannot start " + argv[0] + ": " + std::strerror(rc);
    ended_ = started_;
    return false;
  }
  pid_ = pid;
  state_ = ChildState::kRunning;
  killed_ = false;
  error_.clear();
  return true;
}

ChildState ChildProcess::poll() {
  if (state_ != ChildState::kRunning) return state_;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == 0) return state_;
  ended_ = std::chrono::steady_clock::now();
  if (r < 0) {
    // Someone else reaped it (should not happen): report it as a failure.
    state_ = ChildState::kSignaled;
    error_ = std::string("lost track of the child: ") + std::strerror(errno);
    return state_;
  }
  if (WIFEXITED(status)) {
    state_ = ChildState::kExited;
    exit_code_ = WEXITSTATUS(status);
  } else {
    state_ = ChildState::kSignaled;
    signal_ = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  }
  return state_;
}

void ChildProcess::kill() {
  if (state_ != ChildState::kRunning) return;
  killed_ = true;
  ::kill(pid_, SIGKILL);
}

std::chrono::steady_clock::duration ChildProcess::elapsed() const {
  if (state_ == ChildState::kNotStarted) return {};
  if (state_ == ChildState::kRunning) return std::chrono::steady_clock::now() - started_;
  return ended_ - started_;
}

std::string ChildProcess::ending_text() const {
  switch (state_) {
    case ChildState::kNotStarted: return "not started";
    case ChildState::kRunning: return "still running";
    case ChildState::kFailedToStart: return error_;
    case ChildState::kExited: return "exited with code " + std::to_string(exit_code_);
    case ChildState::kSignaled:
      if (killed_) return "killed after its time bound";
      if (signal_ == 0) return error_.empty() ? "ended abnormally" : error_;
      return (signal_ == SIGABRT ? "aborted with " : "crashed with ") + signal_name(signal_) + " (" + strsignal(signal_) + ")";
  }
  return "";
}

std::string signal_name(int sig) {
  if (const char* abbrev = sigabbrev_np(sig)) return std::string("SIG") + abbrev;
  return "signal " + std::to_string(sig);
}

std::string tail_of_file(const std::string& path, int max_lines) {
  std::ifstream in(path);
  if (!in) return {};
  std::deque<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(line);
    if (static_cast<int>(lines.size()) > max_lines) lines.pop_front();
  }
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

}  // namespace locklab::viz
