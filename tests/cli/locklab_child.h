// The built `locklab` binary as a child process, for the tests that send it
// real signals: stdout and stderr go to files, the test waits for its first
// progress line, signals it, and reads what it printed.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace locklab::testing {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class LocklabChild {
 public:
  /// Starts `locklab <args...>`; its output goes to files in `dir`.
  LocklabChild(const std::filesystem::path& dir, const std::vector<std::string>& args)
      : out_path_((dir / "out.txt").string()), err_path_((dir / "err.txt").string()) {
    const std::string binary = std::string(LOCKLAB_BINARY_DIR) + "/bin/locklab";
    std::vector<const char*> argv{binary.c_str()};
    for (const std::string& a : args) argv.push_back(a.c_str());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
      const int out = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(out, 1);
      ::dup2(err, 2);
      ::execv(binary.c_str(), const_cast<char* const*>(argv.data()));
      ::_exit(127);
    }
  }
  bool started() const { return pid_ > 0; }

  /// Waits (at most 10 s) for the first progress line "[1/", then `settle`.
  void wait_for_first_run(std::chrono::milliseconds settle) const {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (slurp(err_path_).find("[1/") == std::string::npos && std::chrono::steady_clock::now() < give_up)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::this_thread::sleep_for(settle);
  }
  bool signal(int sig) const { return ::kill(pid_, sig) == 0; }

  /// Waits for the child to end; returns its waitpid status.
  int wait() const {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    return status;
  }
  std::string out() const { return slurp(out_path_); }
  std::string err() const { return slurp(err_path_); }

 private:
  std::string out_path_, err_path_;
  pid_t pid_ = -1;
};

}  // namespace locklab::testing
