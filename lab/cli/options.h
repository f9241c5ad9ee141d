// What the commands share: the output streams and the exit codes; the
// checks of typed run options (present/run_settings.h).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/present/run_settings.h"

namespace locklab::cli {

/// Exit codes (cli.h): 0 ok, 1 a result not as expected, 2 bad usage or
/// input, 130 interrupted by Ctrl-C.
inline constexpr int kExitOk = 0;
inline constexpr int kExitNotExpected = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInterrupted = 130;

struct Io {
  std::ostream& out;  // results
  std::ostream& err;  // errors, warnings, progress
};

// The run settings' checks (find_bug, make_config, UsageError, ...) live in
// the present layer, shared with the GUI; the commands use them unqualified.
using namespace locklab::present;

}  // namespace locklab::cli
