// Text helpers for the CLI's human output: durations in human units, counts
// with thousands separators, rates with k/M suffixes, aligned plain tables,
// and the one way JSON is printed.
#pragma once

#include <cstdint>
#include <limits>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "locklab/core/event.h"
#include "locklab/trace/verdict.h"

namespace locklab::present {

/// "No figure": a ratio or rate that could not be computed.
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// 850 ns, 12.3 µs, 4.56 ms, 1.50 s, 2 min 5 s.
std::string human_ns(std::uint64_t ns);
/// A duration given in milliseconds, same units.
std::string human_ms(std::uint64_t ms);
/// 18,456,789.
std::string thousands(std::uint64_t n);
/// 12.3M, 456k, 78.9 (three significant digits).
std::string short_count(double n);
/// 12.3M/s.
std::string human_rate(double per_sec);
/// x12.3, x0.95, 1/24.2k (below 0.01); "-" when not a finite number.
std::string ratio_text(double ratio);
/// 93.4%, <0.1% for a tiny non-zero share.
std::string percent(double share);
/// "yes" / "no".
std::string_view yes_no(bool b);

/// Stable JSON words (snake_case) for the library's enums.
std::string json_word(VerdictKind kind);
std::string json_word(LockMode mode);

/// Prints `j` indented, replacing any invalid UTF-8, with a final newline.
void print_json(std::ostream& out, const nlohmann::json& j);

/// A plain-text table: a header row, columns separated by two spaces, each
/// column as wide as its widest cell (counted in characters, not bytes).
class Table {
 public:
  enum class Align { kLeft, kRight };
  explicit Table(std::vector<std::string> headers);
  /// Right-aligns column `column` (numbers).
  Table& right(std::size_t column);
  void add(std::vector<std::string> row);
  bool empty() const { return rows_.empty(); }
  /// Prints every line prefixed with `indent`; no trailing spaces.
  void print(std::ostream& out, std::string_view indent = "") const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

/// Prints `text` with every line prefixed by `indent`.
void print_indented(std::ostream& out, std::string_view text, std::string_view indent);

}  // namespace locklab::present
