// Running another program and reading what it prints: `check` runs
// `cmake --build` and the exercise binary this way.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace locklab::cli {

struct ProcessResult {
  bool started = false;      // false: the program could not be run (error says why)
  int exit_code = -1;        // when it exited
  int signal = 0;            // when a signal ended it (SIGINT: Ctrl-C)
  std::string out, err;      // everything it printed (err: unless streamed)
  std::string error;
};

/// Runs argv[0] (looked up in PATH if it has no '/') with `argv`, in the
/// calling process's group, so Ctrl-C reaches it too. Collects stdout; each
/// complete line of stderr goes to `on_err_line` as it arrives (if given),
/// else into ProcessResult::err. Blocks until the program ends.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::function<void(const std::string&)>& on_err_line = {});

}  // namespace locklab::cli
