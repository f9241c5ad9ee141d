// Histogram: exact counts, bucket edges, quantiles within the promised 1/32,
// merging and rebuilding from raw counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "locklab/core/histogram.h"

namespace {

using locklab::Histogram;

// Values spread over many magnitudes: a random mantissa times 2^k.
std::vector<std::uint64_t> spread_values(std::size_t n, std::uint32_t seed, int max_bits) {
  std::mt19937_64 rng(seed);
  std::vector<std::uint64_t> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const int bits = static_cast<int>(rng() % static_cast<std::uint64_t>(max_bits)) + 1;
    const std::uint64_t mask = bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
    out.push_back(rng() & mask);
  }
  return out;
}

// The value of rank ceil(q * n) in sorted order: what quantile(q) approximates.
std::uint64_t exact_quantile(std::vector<std::uint64_t> sorted, double q) {
  std::sort(sorted.begin(), sorted.end());
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

TEST(Histogram, CountsSumMinMaxAreExact) {
  Histogram h;
  const std::vector<std::uint64_t> values = {5, 1000, 17, 123456789, 5, 0, 31, 32, 33};
  std::uint64_t sum = 0;
  for (std::uint64_t v : values) {
    h.add(v);
    sum += v;
  }
  EXPECT_EQ(h.count(), values.size());
  EXPECT_EQ(h.sum(), sum);
  EXPECT_EQ(h.min(), 0u);
  EXPECT_EQ(h.max(), 123456789u);
  EXPECT_DOUBLE_EQ(h.mean(), static_cast<double>(sum) / static_cast<double>(values.size()));
  std::uint64_t in_buckets = 0;
  for (std::uint64_t c : h.counts()) in_buckets += c;
  EXPECT_EQ(in_buckets, values.size());
  EXPECT_EQ(h.counts()[Histogram::index_of(5)], 2u);
}

TEST(Histogram, EmptyHistogramReportsZeros) {
  Histogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.min(), 0u);
  EXPECT_EQ(h.max(), 0u);
  EXPECT_EQ(h.mean(), 0.0);
  EXPECT_EQ(h.quantile(0.5), 0u);
  EXPECT_EQ(h.quantile(1.0), 0u);
}

TEST(Histogram, SmallValuesAreExact) {
  Histogram h;
  for (std::uint64_t v = 0; v < 32; ++v) h.add(v);  // one bucket each
  EXPECT_EQ(h.quantile(0.0), 0u);
  EXPECT_EQ(h.quantile(0.5), 15u);  // rank 16 of 32
  EXPECT_EQ(h.quantile(1.0), 31u);
}

TEST(Histogram, UpperEdgeIsTheLargestValueOfItsBucket) {
  for (int i = 0; i < Histogram::kBuckets; ++i) {
    const std::uint64_t edge = Histogram::upper_edge(i);
    ASSERT_EQ(Histogram::index_of(edge), i) << "bucket " << i;
    if (i + 1 < Histogram::kBuckets) {
      ASSERT_EQ(Histogram::index_of(edge + 1), i + 1) << "bucket " << i;
      ASSERT_LT(edge, Histogram::upper_edge(i + 1));
    }
  }
  EXPECT_EQ(Histogram::upper_edge(Histogram::kBuckets - 1), std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(Histogram::index_of(std::numeric_limits<std::uint64_t>::max()), Histogram::kBuckets - 1);
}

TEST(Histogram, EveryValueIsAtMostItsBucketEdgeAndWithinOne32nd) {
  for (std::uint64_t v : spread_values(200'000, 7, 64)) {
    const int i = Histogram::index_of(v);
    ASSERT_GE(i, 0);
    ASSERT_LT(i, Histogram::kBuckets);
    const std::uint64_t edge = Histogram::upper_edge(i);
    ASSERT_LE(v, edge);
    // The bucket's width is at most 1/32 of its smallest value.
    ASSERT_LE(static_cast<long double>(edge - v), static_cast<long double>(v) / 32.0L) << v;
    if (i > 0) {
      ASSERT_GT(v, Histogram::upper_edge(i - 1));
    }
  }
}

TEST(Histogram, QuantilesAreWithinOne32ndAboveTheExactValue) {
  const std::vector<std::uint64_t> values = spread_values(50'000, 11, 40);
  Histogram h;
  for (std::uint64_t v : values) h.add(v);
  for (double q : {0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1.0}) {
    const std::uint64_t exact = exact_quantile(values, q);
    const std::uint64_t got = h.quantile(q);
    EXPECT_GE(got, exact) << "q=" << q;
    EXPECT_LE(static_cast<double>(got), static_cast<double>(exact) * (1.0 + 1.0 / 32.0)) << "q=" << q;
  }
}

TEST(Histogram, QuantileIsCappedAtTheMaximum) {
  Histogram h;
  h.add(1000);  // its bucket reaches 1007
  EXPECT_EQ(h.quantile(0.5), 1000u);
  EXPECT_EQ(h.quantile(1.0), 1000u);
  h.add(100);
  EXPECT_EQ(h.quantile(0.5), 101u);  // the upper edge of 100's bucket (100..101)
}

TEST(Histogram, MergeEqualsAddingEverythingToOne) {
  const std::vector<std::uint64_t> a = spread_values(10'000, 1, 30);
  const std::vector<std::uint64_t> b = spread_values(5'000, 2, 50);
  Histogram ha, hb, all;
  for (std::uint64_t v : a) {
    ha.add(v);
    all.add(v);
  }
  for (std::uint64_t v : b) {
    hb.add(v);
    all.add(v);
  }
  Histogram merged;
  merged.merge(ha);
  merged.merge(Histogram{});  // merging nothing changes nothing
  merged.merge(hb);
  EXPECT_EQ(merged.count(), all.count());
  EXPECT_EQ(merged.sum(), all.sum());
  EXPECT_EQ(merged.min(), all.min());
  EXPECT_EQ(merged.max(), all.max());
  EXPECT_EQ(merged.counts(), all.counts());
  EXPECT_EQ(merged.quantile(0.99), all.quantile(0.99));
}

TEST(Histogram, MergeIntoEmptyTakesTheOthersMinimum) {
  Histogram h, other;
  other.add(500);
  other.add(700);
  h.merge(other);
  EXPECT_EQ(h.min(), 500u);
  EXPECT_EQ(h.max(), 700u);
}

TEST(Histogram, SetRawRebuildsTheSameHistogram) {
  Histogram h;
  for (std::uint64_t v : spread_values(1'000, 3, 30)) h.add(v);
  Histogram rebuilt;
  rebuilt.set_raw(h.counts(), h.sum(), h.min(), h.max());
  EXPECT_EQ(rebuilt.count(), h.count());
  EXPECT_EQ(rebuilt.sum(), h.sum());
  EXPECT_EQ(rebuilt.min(), h.min());
  EXPECT_EQ(rebuilt.max(), h.max());
  EXPECT_EQ(rebuilt.quantile(0.5), h.quantile(0.5));
  EXPECT_EQ(rebuilt.quantile(0.99), h.quantile(0.99));
}

}  // namespace
