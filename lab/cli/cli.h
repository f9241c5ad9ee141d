// The `locklab` command, as a library: tests call run_cli() in-process.
#pragma once

#include <iosfwd>

namespace locklab::cli {

/// Parses argv and runs the command. Writes results to `out`, errors and
/// progress to `err`. Returns the process exit code: 0 ok, 1 the command ran
/// but found a failure where none was expected, 2 bad usage or input, 130
/// interrupted by Ctrl-C (what ran so far is printed).
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace locklab::cli
