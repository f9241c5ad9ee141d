// A moment typed on the command line: a number of milliseconds, as every
// time option of the CLI takes (--duration MS, --at MS), or a number with a
// unit: "250", "2.5ms", "1500us", "1500µs", "800ns", "1.2s".
#pragma once

#include <cstdint>
#include <string>

namespace locklab::cli {

/// Nanoseconds for `text`; UsageError "OPTION: ..." (with `what` the
/// option's name) for anything else, a negative number included.
std::uint64_t parse_time_ns(const std::string& text, const std::string& what);

}  // namespace locklab::cli
