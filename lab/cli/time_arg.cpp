#include "time_arg.h"

#include <charconv>
#include <cmath>
#include <string_view>

#include "options.h"

namespace locklab::cli {

std::uint64_t parse_time_ns(const std::string& text, const std::string& what) {
  const auto bad = [&] {
    return UsageError(what + ": '" + text + "' is not a time (milliseconds, or a number with ns, us, ms or s)");
  };
  double value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr == first) throw bad();
  const std::string_view unit(ptr, static_cast<std::size_t>(last - ptr));
  double scale = 0;
  if (unit.empty() || unit == "ms") scale = 1e6;
  else if (unit == "s") scale = 1e9;
  else if (unit == "us" || unit == "\xC2\xB5s") scale = 1e3;  // µs
  else if (unit == "ns") scale = 1;
  else throw bad();
  if (!std::isfinite(value) || value < 0) throw UsageError(what + ": '" + text + "' must be 0 or more");
  const double ns = value * scale;
  if (ns > 1.8e19) throw UsageError(what + ": '" + text + "' is too large");
  return static_cast<std::uint64_t>(std::llround(ns));
}

}  // namespace locklab::cli
