#include "locklab/present/format.h"

#include <cmath>
#include <ostream>

#include <fmt/format.h>

namespace locklab::present {
namespace {

// Three significant digits for a value in [0, 1000).
std::string three_digits(double v) {
  if (v < 9.995) return fmt::format("{:.2f}", v);
  if (v < 99.95) return fmt::format("{:.1f}", v);
  return fmt::format("{:.0f}", v);
}

// Characters in a UTF-8 string (bytes that do not continue a sequence).
std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

std::string human_ns(std::uint64_t ns) {
  const double v = static_cast<double>(ns);
  if (ns < 1000) return fmt::format("{} ns", ns);
  if (v < 999'500.0) return three_digits(v / 1e3) + " µs";
  if (v < 999'500'000.0) return three_digits(v / 1e6) + " ms";
  if (v < 59'995'000'000.0) return three_digits(v / 1e9) + " s";
  const std::uint64_t s = (ns + 500'000'000) / 1'000'000'000;
  if (s < 3600) return fmt::format("{} min {} s", s / 60, s % 60);
  return fmt::format("{} h {} min", s / 3600, (s % 3600) / 60);
}

std::string human_ms(std::uint64_t ms) { return human_ns(ms * 1'000'000); }

std::string thousands(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  const std::size_t lead = digits.size() % 3;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (i % 3) == lead % 3) out += ',';
    out += digits[i];
  }
  return out;
}

std::string short_count(double n) {
  if (!std::isfinite(n) || n < 0) return "-";
  if (n < 999.5) return n == std::floor(n) ? fmt::format("{:.0f}", n) : three_digits(n);
  if (n < 999'500.0) return three_digits(n / 1e3) + "k";
  if (n < 999'500'000.0) return three_digits(n / 1e6) + "M";
  return three_digits(n / 1e9) + "G";
}

std::string human_rate(double per_sec) { return short_count(per_sec) + "/s"; }

std::string ratio_text(double ratio) {
  if (!std::isfinite(ratio)) return "-";
  if (ratio >= 999.5) return "x" + short_count(ratio);
  if (ratio > 0 && ratio < 0.01) return "1/" + short_count(1.0 / ratio);
  return "x" + three_digits(ratio);
}

std::string percent(double share) {
  if (!std::isfinite(share)) return "-";
  const double p = share * 100.0;
  if (p > 0 && p < 0.05) return "<0.1%";
  return fmt::format("{:.1f}%", p);
}

std::string_view yes_no(bool b) { return b ? "yes" : "no"; }

std::string json_word(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::kCompleted: return "completed";
    case VerdictKind::kDeadlock: return "deadlock";
    case VerdictKind::kNoProgress: return "no_progress";
    case VerdictKind::kSelfDeadlock: return "self_deadlock";
    case VerdictKind::kPanic: return "panic";
    case VerdictKind::kError: return "error";
    case VerdictKind::kUnfinished: return "unfinished";
  }
  return "unknown";
}

std::string json_word(LockMode mode) {
  switch (mode) {
    case LockMode::kNone: return "none";
    case LockMode::kExclusive: return "write";
    case LockMode::kShared: return "read";
  }
  return "unknown";
}

void print_json(std::ostream& out, const nlohmann::json& j) {
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers)), align_(headers_.size(), Align::kLeft) {}

Table& Table::right(std::size_t column) {
  if (column < align_.size()) align_[column] = Align::kRight;
  return *this;
}

void Table::add(std::vector<std::string> row) {
  row.resize(headers_.size());
  rows_.push_back(std::move(row));
}

void Table::print(std::ostream& out, std::string_view indent) const {
  std::vector<std::size_t> width(headers_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
  };
  measure(headers_);
  for (const auto& row : rows_) measure(row);

  auto line = [&](const std::vector<std::string>& row) {
    std::string text(indent);
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::size_t pad = width[c] - display_width(row[c]);
      const bool last = c + 1 == row.size();
      if (c) text += "  ";
      if (align_[c] == Align::kRight) text += std::string(pad, ' ') + row[c];
      else text += row[c] + (last ? "" : std::string(pad, ' '));
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << '\n';
  };
  line(headers_);
  for (const auto& row : rows_) line(row);
}

namespace {
constexpr std::size_t kWrapColumn = 100;
}  // namespace

void print_indented(std::ostream& out, std::string_view text, std::string_view indent) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    // Long lines (explanations in words) wrap at spaces; the rest of a
    // wrapped line is indented two more.
    std::string_view line = text.substr(pos, end - pos);
    std::string_view prefix = "";
    while (line.size() > kWrapColumn) {
      std::size_t cut = line.rfind(' ', kWrapColumn);
      if (cut == std::string_view::npos || cut == 0) break;
      out << indent << prefix << line.substr(0, cut) << '\n';
      line.remove_prefix(cut + 1);
      prefix = "  ";
    }
    out << indent << prefix << line << '\n';
    pos = end + 1;
  }
}

}  // namespace locklab::present
