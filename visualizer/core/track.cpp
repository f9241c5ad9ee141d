#include "track.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace locklab::viz {

Track::Track(std::vector<std::uint64_t> bounds, std::vector<std::uint8_t> categories, int category_count)
    : bounds_(std::move(bounds)), categories_(std::move(categories)), category_count_(category_count) {
  if (category_count_ < 1 || category_count_ > kMaxCategories)
    throw std::invalid_argument("Track: category_count must be 1..8");
  if (categories_.empty()) {
    bounds_.clear();
    return;
  }
  if (bounds_.size() != categories_.size() + 1)
    throw std::invalid_argument("Track: bounds must have one more entry than categories");
  build_tree();
}

void Track::build_tree() {
  const std::size_t n = categories_.size();
  // Nodes are always kMaxCategories wide, whatever category_count_ is: a
  // fixed-width sum compiles to a few vector adds.
  constexpr std::size_t cc = kMaxCategories;
  tree_.clear();
  // Level 1 from the segments.
  std::size_t blocks = n / kFanout;
  if (blocks == 0) return;
  std::vector<float> level(blocks * cc, 0.0f);
  for (std::size_t b = 0; b < blocks; ++b) {
    for (std::size_t k = 0; k < kFanout; ++k) {
      const std::size_t i = b * kFanout + k;
      const std::uint8_t c = categories_[i];
      if (c != kGap) level[b * cc + c] += static_cast<float>(bounds_[i + 1] - bounds_[i]);
    }
  }
  tree_.push_back(std::move(level));
  // Each further level sums eight blocks of the one below.
  while ((blocks = tree_.back().size() / cc / kFanout) > 0) {
    const std::vector<float>& below = tree_.back();
    std::vector<float> up(blocks * cc, 0.0f);
    for (std::size_t b = 0; b < blocks; ++b)
      for (std::size_t k = 0; k < kFanout; ++k)
        for (std::size_t c = 0; c < cc; ++c) up[b * cc + c] += below[(b * kFanout + k) * cc + c];
    tree_.push_back(std::move(up));
  }
}

std::size_t Track::find(double t_ns) const noexcept {
  const std::size_t n = size();
  if (n == 0 || t_ns < static_cast<double>(bounds_.front()) || t_ns >= static_cast<double>(bounds_.back()))
    return n;
  // The last bound <= t starts the segment.
  const auto it = std::upper_bound(bounds_.begin(), bounds_.end(), t_ns,
                                   [](double t, std::uint64_t b) { return t < static_cast<double>(b); });
  const std::size_t i = static_cast<std::size_t>(it - bounds_.begin()) - 1;
  return i < n ? i : n;
}

void Track::add_part(std::size_t i, double from, double to, CategoryTimes& acc) const noexcept {
  const std::uint8_t c = categories_[i];
  if (c != kGap && to > from) acc[c] += to - from;
}

std::size_t Track::add_whole(std::size_t i, double from, double t1, CategoryTimes& acc) const noexcept {
  const std::size_t n = size();
  if (i >= n || static_cast<double>(bounds_[i + 1]) > t1) return i;
  add_part(i, from, static_cast<double>(bounds_[i + 1]), acc);
  ++i;
  constexpr std::size_t cc = kMaxCategories;
  while (i < n && static_cast<double>(bounds_[i + 1]) <= t1) {
    // The largest aligned block starting at i that ends by t1 (kFanout is a
    // power of two: alignment is a mask test).
    std::size_t level = 0, block = 1;
    while (level < tree_.size() && (i & (block * kFanout - 1)) == 0 && i + block * kFanout <= n &&
           static_cast<double>(bounds_[i + block * kFanout]) <= t1) {
      block *= kFanout;
      ++level;
    }
    if (level == 0) {
      add_part(i, static_cast<double>(bounds_[i]), static_cast<double>(bounds_[i + 1]), acc);
    } else {
      const float* node = &tree_[level - 1][(i / block) * cc];
      for (std::size_t c = 0; c < cc; ++c) acc[c] += node[c];
    }
    i += block;
  }
  return i;
}

CategoryTimes Track::sum(double t0_ns, double t1_ns) const noexcept {
  CategoryTimes acc{};
  const std::size_t n = size();
  if (n == 0 || !(t1_ns > t0_ns)) return acc;
  // The first segment that ends after t0.
  std::size_t i = static_cast<std::size_t>(
      std::upper_bound(bounds_.begin() + 1, bounds_.end(), t0_ns,
                       [](double t, std::uint64_t b) { return t < static_cast<double>(b); }) -
      (bounds_.begin() + 1));
  if (i >= n) return acc;
  const double from = std::max(t0_ns, static_cast<double>(bounds_[i]));
  const std::size_t j = add_whole(i, from, t1_ns, acc);
  if (j < n) {
    const double lo = j == i ? from : static_cast<double>(bounds_[j]);
    add_part(j, lo, std::min(t1_ns, static_cast<double>(bounds_[j + 1])), acc);
  }
  return acc;
}

std::uint8_t pick_category(const CategoryTimes& times, int category_count, const Emphasis& emphasis) noexcept {
  double total = 0;
  int best = -1;
  for (int c = 0; c < category_count; ++c) {
    total += times[c];
    if (times[c] > 0 && (best < 0 || times[c] > times[best])) best = c;
  }
  if (best < 0 || total <= 0) return kGap;
  if (emphasis.category < category_count && times[emphasis.category] > 0 &&
      times[emphasis.category] >= emphasis.min_share * total)
    return emphasis.category;
  return static_cast<std::uint8_t>(best);
}

std::size_t Track::spans(const SpanWindow& w, const Emphasis& emphasis, std::vector<Span>& out) const {
  const std::size_t n = size();
  const std::size_t first_out = out.size();
  if (n == 0 || !(w.width > 0) || !(w.ns_per_px > 0)) return 0;
  const double ns_per_col = w.ns_per_px * std::max(w.column_px, 1.0f);
  const double t_lo = w.t0_ns;
  const double t_hi = w.t0_ns + static_cast<double>(w.width) * w.ns_per_px;
  const float x_lo = w.x0, x_hi = w.x0 + w.width;
  auto x_of = [&](double t) {
    return std::clamp(static_cast<float>(w.x0 + (t - w.t0_ns) / w.ns_per_px), x_lo, x_hi);
  };
  auto push = [&](double a, double b, std::uint8_t c) {
    const float xa = x_of(a), xb = x_of(b);
    if (!(xb > xa)) return;
    if (out.size() > first_out) {
      Span& last = out.back();
      // Neighbours of one category become one rectangle.
      if (last.category == c && xa <= last.x1 + 0.01f) {
        last.x1 = std::max(last.x1, xb);
        return;
      }
    }
    out.push_back({xa, xb, c});
  };

  std::size_t i = static_cast<std::size_t>(
      std::upper_bound(bounds_.begin() + 1, bounds_.end(), t_lo,
                       [](double t, std::uint64_t b) { return t < static_cast<double>(b); }) -
      (bounds_.begin() + 1));
  if (i >= n) return 0;
  double from = std::max(t_lo, static_cast<double>(bounds_[i]));
  while (i < n && from < t_hi) {
    const double seg_end = static_cast<double>(bounds_[i + 1]);
    if (categories_[i] == kGap || seg_end - from >= ns_per_col) {
      // A gap is skipped; a segment a column wide or more is drawn as it is.
      if (categories_[i] != kGap) push(from, std::min(seg_end, t_hi), categories_[i]);
      ++i;
      if (i < n) from = std::max(from, static_cast<double>(bounds_[i]));
      continue;
    }
    // Narrow: sum the column that holds `from`.
    const double col = std::floor((from - w.t0_ns) / ns_per_col);
    double col_end = w.t0_ns + (col + 1) * ns_per_col;
    if (col_end <= from) col_end += ns_per_col;  // rounding put `from` on the boundary
    CategoryTimes acc{};
    const double start = from;
    double covered_end = from;
    const std::size_t j = add_whole(i, from, col_end, acc);
    if (j > i) covered_end = static_cast<double>(bounds_[j]);
    if (j < n && static_cast<double>(bounds_[j]) < col_end) {
      // Segment j runs past the column: its part inside counts here, and the
      // rest is handled from the column's end on.
      const double lo = j == i ? from : static_cast<double>(bounds_[j]);
      add_part(j, lo, col_end, acc);
      covered_end = col_end;
      from = col_end;
    } else {
      from = j < n ? static_cast<double>(bounds_[j]) : t_hi;
    }
    i = j;
    const std::uint8_t c = pick_category(acc, category_count_, emphasis);
    if (c != kGap) push(start, covered_end, c);
  }
  return out.size() - first_out;
}

std::size_t Track::memory_bytes() const noexcept {
  std::size_t bytes = bounds_.capacity() * sizeof(std::uint64_t) + categories_.capacity();
  for (const auto& level : tree_) bytes += level.capacity() * sizeof(float);
  return bytes;
}

}  // namespace locklab::viz
