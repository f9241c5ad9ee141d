// The `locklab` command run in-process, for the CLI tests: argv from a list
// of words, stdout and stderr captured, the exit code returned.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli.h"

namespace locklab::testing {

struct CliResult {
  int code = -1;
  std::string out, err;
};

/// Runs `locklab <args...>` in this process.
inline CliResult run_locklab(std::vector<std::string> args) {
  args.insert(args.begin(), "locklab");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  CliResult r;
  r.code = locklab::cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace locklab::testing
