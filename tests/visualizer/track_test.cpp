// Track: the level-of-detail rule (exact wide segments, one category per
// column for narrow ones, emphasis for waits), the tree's sums, and the
// rectangle bound that keeps a frame cheap whatever the trace's size.
#include "track.h"

#include <gtest/gtest.h>

#include <random>

namespace locklab::viz {
namespace {

// A track from (duration, category) pairs starting at `start`.
Track make_track(std::uint64_t start, const std::vector<std::pair<std::uint64_t, std::uint8_t>>& segs, int cats = 4) {
  std::vector<std::uint64_t> bounds{start};
  std::vector<std::uint8_t> c;
  for (const auto& [d, cat] : segs) {
    bounds.push_back(bounds.back() + d);
    c.push_back(cat);
  }
  return Track(bounds, c, cats);
}

// Brute force: time per category in [t0, t1).
CategoryTimes brute_sum(const Track& t, double t0, double t1) {
  CategoryTimes acc{};
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.category(i) == kGap) continue;
    const double a = std::max(t0, static_cast<double>(t.begin_ns(i)));
    const double b = std::min(t1, static_cast<double>(t.end_ns(i)));
    if (b > a) acc[t.category(i)] += b - a;
  }
  return acc;
}

SpanWindow window(double t0, double ns_per_px, float width, float col = 1) {
  SpanWindow w;
  w.t0_ns = t0;
  w.ns_per_px = ns_per_px;
  w.x0 = 0;
  w.width = width;
  w.column_px = col;
  return w;
}

TEST(Track, WideSegmentsAreDrawnExactly) {
  const Track t = make_track(0, {{100, 0}, {300, 1}, {600, 2}});
  std::vector<Span> out;
  t.spans(window(0, 1, 1000), {}, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_FLOAT_EQ(out[0].x0, 0);
  EXPECT_FLOAT_EQ(out[0].x1, 100);
  EXPECT_FLOAT_EQ(out[1].x1, 400);
  EXPECT_EQ(out[2].category, 2);
  EXPECT_FLOAT_EQ(out[2].x1, 1000);
}

TEST(Track, NeighboursOfOneCategoryMerge) {
  const Track t = make_track(0, {{100, 1}, {100, 1}, {100, 2}});
  std::vector<Span> out;
  t.spans(window(0, 1, 300), {}, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_FLOAT_EQ(out[0].x1, 200);
}

TEST(Track, NarrowSegmentsTakeTheColumnsMajority) {
  // Per 10 ns column: 7 ns of category 0, 3 ns of category 1.
  std::vector<std::pair<std::uint64_t, std::uint8_t>> segs;
  for (int i = 0; i < 100; ++i) {
    segs.push_back({7, 0});
    segs.push_back({3, 1});
  }
  const Track t = make_track(0, segs);
  std::vector<Span> out;
  t.spans(window(0, 10, 100), {}, out);
  ASSERT_EQ(out.size(), 1u);  // every column is category 0: one merged rectangle
  EXPECT_EQ(out[0].category, 0);
  EXPECT_NEAR(out[0].x1, 100, 0.01);
}

TEST(Track, AnEmphasisedCategoryWinsAtItsShare) {
  std::vector<std::pair<std::uint64_t, std::uint8_t>> segs;
  for (int i = 0; i < 100; ++i) {
    segs.push_back({8, 0});
    segs.push_back({2, 3});  // 20% of each column
  }
  const Track t = make_track(0, segs);
  std::vector<Span> out;
  t.spans(window(0, 10, 100), Emphasis{3, 0.125}, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].category, 3);
  out.clear();
  t.spans(window(0, 10, 100), Emphasis{3, 0.5}, out);
  EXPECT_EQ(out[0].category, 0);
}

TEST(Track, GapsAreNeitherDrawnNorSummed) {
  const Track t = make_track(0, {{100, 0}, {100, kGap}, {100, 1}});
  std::vector<Span> out;
  t.spans(window(0, 1, 300), {}, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_FLOAT_EQ(out[1].x0, 200);
  const CategoryTimes s = t.sum(0, 300);
  EXPECT_DOUBLE_EQ(s[0] + s[1], 200);
}

TEST(Track, FindReturnsTheSegmentHoldingATime) {
  const Track t = make_track(50, {{100, 0}, {300, 1}});
  EXPECT_EQ(t.find(49), t.size());
  EXPECT_EQ(t.find(50), 0u);
  EXPECT_EQ(t.find(149.9), 0u);
  EXPECT_EQ(t.find(150), 1u);
  EXPECT_EQ(t.find(450), t.size());
}

TEST(Track, TreeSumsMatchBruteForceOnRandomTracks) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::vector<std::pair<std::uint64_t, std::uint8_t>> segs;
    const int n = 1 + static_cast<int>(rng() % 5000);
    for (int i = 0; i < n; ++i) {
      const std::uint8_t c = rng() % 7 == 0 ? kGap : static_cast<std::uint8_t>(rng() % 4);
      segs.push_back({1 + rng() % (rng() % 3 == 0 ? 10000 : 50), c});
    }
    const Track t = make_track(rng() % 1000, segs);
    const double end = static_cast<double>(t.end_ns(t.size() - 1));
    for (int q = 0; q < 50; ++q) {
      double a = std::uniform_real_distribution<double>(-100, end + 100)(rng);
      double b = std::uniform_real_distribution<double>(-100, end + 100)(rng);
      if (a > b) std::swap(a, b);
      const CategoryTimes fast = t.sum(a, b), slow = brute_sum(t, a, b);
      for (int c = 0; c < 4; ++c) EXPECT_NEAR(fast[c], slow[c], 1e-6 * end + 1) << "round " << round << " c " << c;
    }
  }
}

TEST(Track, RectanglesStayWithinColumnsWhateverTheSize) {
  // 2M alternating 1-3 ns segments: far more than pixels.
  std::mt19937_64 rng(3);
  std::vector<std::pair<std::uint64_t, std::uint8_t>> segs;
  for (int i = 0; i < 2'000'000; ++i) segs.push_back({1 + rng() % 3, static_cast<std::uint8_t>(rng() % 4)});
  const Track t = make_track(0, segs);
  const double end = static_cast<double>(t.end_ns(t.size() - 1));
  for (const float col : {1.0f, 3.0f}) {
    std::vector<Span> out;
    const float width = 1200;
    t.spans(window(0, end / width, width, col), {}, out);
    EXPECT_LE(out.size(), static_cast<std::size_t>(width / col) + 2) << "column " << col;
    EXPECT_GT(out.size(), 0u);
    for (std::size_t i = 1; i < out.size(); ++i) EXPECT_GE(out[i].x0, out[i - 1].x1 - 0.01f);
  }
}

TEST(Track, SpansOfAZoomedWindowCoverOnlyIt) {
  std::vector<std::pair<std::uint64_t, std::uint8_t>> segs;
  for (int i = 0; i < 1000; ++i) segs.push_back({100, static_cast<std::uint8_t>(i % 2)});
  const Track t = make_track(0, segs);
  std::vector<Span> out;
  t.spans(window(50'000, 1, 500), {}, out);  // [50000, 50500): five segments
  ASSERT_EQ(out.size(), 5u);
  EXPECT_FLOAT_EQ(out.front().x0, 0);
  EXPECT_FLOAT_EQ(out.back().x1, 500);
}

TEST(Track, RejectsMismatchedBounds) {
  EXPECT_THROW(Track({0, 1}, {0, 1}, 2), std::invalid_argument);
  EXPECT_THROW(Track({0, 1}, {0}, 9), std::invalid_argument);
}

}  // namespace
}  // namespace locklab::viz
