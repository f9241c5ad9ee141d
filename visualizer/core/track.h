// Track: one lane's time tiled into segments of a small category (a thread
// state, or "holding a lock"), with the aggregation tree that lets a view of
// millions of segments be drawn as at most one rectangle per pixel column.
//
// Level of detail, the rule: a segment at least one column wide is drawn as
// it is; segments narrower than a column are summed per column (time per
// category) and the column takes one category (Emphasis below). Neighbours
// of one category merge into one rectangle. So a lane never yields more
// rectangles than it has columns, whatever the trace's size.
//
// Summing a column must not visit every segment in it (a fitted view of a
// 10M-event trace has ~100k segments per column), hence the tree: level L
// holds, for each aligned block of 8^L consecutive segments, the time spent in
// each category. A column is summed from the largest blocks that fit inside
// it, O(8 * depth) steps whatever it holds.
//
// Memory: 8 bytes of bound and 1 of category a segment, plus about 1/7 of a
// 32-byte node a segment for the tree: about 14 bytes a segment in all.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace locklab::viz {

inline constexpr int kMaxCategories = 8;
/// A gap: time the track says nothing about (not drawn, not summed).
inline constexpr std::uint8_t kGap = 0xFF;

using CategoryTimes = std::array<double, kMaxCategories>;

/// Which category a column shows. Without an emphasis: the category with the
/// most time. With one: the emphasised category wins as soon as it holds at
/// least `min_share` of the column's covered time, because the rare thing
/// (a lock wait among millions of running slices) is what a reader looks for.
struct Emphasis {
  std::uint8_t category = kGap;  // kGap: none
  double min_share = 0.125;
};

/// One rectangle to draw, in pixels.
struct Span {
  float x0 = 0, x1 = 0;
  std::uint8_t category = 0;
};

/// Where a track is drawn: time `t0_ns` at pixel `x0`, `ns_per_px` wide
/// pixels, `width` pixels in all, aggregated over columns `column_px` wide.
struct SpanWindow {
  double t0_ns = 0;
  double ns_per_px = 1;
  float x0 = 0;
  float width = 0;
  float column_px = 1;
};

class Track {
 public:
  Track() = default;
  /// `bounds` has one more entry than `categories` (segment i is
  /// [bounds[i], bounds[i+1]) ); bounds must not decrease; categories are
  /// below `category_count` (<= kMaxCategories) or kGap.
  Track(std::vector<std::uint64_t> bounds, std::vector<std::uint8_t> categories, int category_count);

  std::size_t size() const noexcept { return categories_.size(); }
  bool empty() const noexcept { return categories_.empty(); }
  std::uint64_t begin_ns(std::size_t i) const noexcept { return bounds_[i]; }
  std::uint64_t end_ns(std::size_t i) const noexcept { return bounds_[i + 1]; }
  std::uint8_t category(std::size_t i) const noexcept { return categories_[i]; }
  int category_count() const noexcept { return category_count_; }

  /// The segment holding time `t` (begin <= t < end), or size() if none.
  std::size_t find(double t_ns) const noexcept;

  /// Time per category within [t0, t1).
  CategoryTimes sum(double t0_ns, double t1_ns) const noexcept;

  /// Appends the rectangles for `window` to `out` (see the rule above).
  /// Returns how many it appended.
  std::size_t spans(const SpanWindow& window, const Emphasis& emphasis, std::vector<Span>& out) const;

  /// Bytes held (bounds, categories, tree).
  std::size_t memory_bytes() const noexcept;

 private:
  static constexpr std::size_t kFanout = 8;  // a power of two
  static_assert((kFanout & (kFanout - 1)) == 0);

  void build_tree();
  // Adds segments [i, ...) that end by `t1`, starting inside segment i at
  // `from` (>= its begin), to `acc`; returns the first index not added.
  std::size_t add_whole(std::size_t i, double from, double t1, CategoryTimes& acc) const noexcept;
  void add_part(std::size_t i, double from, double to, CategoryTimes& acc) const noexcept;

  std::vector<std::uint64_t> bounds_;
  std::vector<std::uint8_t> categories_;
  int category_count_ = 0;
  // tree_[L-1]: level L, kMaxCategories floats per block of 8^L segments.
  std::vector<std::vector<float>> tree_;
};

/// The category a column shows, by the rule of Emphasis; kGap if empty.
std::uint8_t pick_category(const CategoryTimes& times, int category_count, const Emphasis& emphasis) noexcept;

}  // namespace locklab::viz
