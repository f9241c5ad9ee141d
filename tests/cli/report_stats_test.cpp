// The statistics behind `report --compare`: medians and spread, and the
// Mann-Whitney U test's p-values against values worked out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "report_compare.h"
#include "report_stats.h"

namespace {

using locklab::cli::mann_whitney_p;
using locklab::cli::smallest_p;
using locklab::cli::spread;

TEST(ReportStats, SpreadIsMedianAndLargestDeviation) {
  const auto s = spread({10, 12, 9, 11, 30});
  EXPECT_EQ(s.n, 5u);
  EXPECT_DOUBLE_EQ(s.median, 11);
  EXPECT_DOUBLE_EQ(s.min, 9);
  EXPECT_DOUBLE_EQ(s.max, 30);
  EXPECT_NEAR(s.deviation, 19.0 / 11.0, 1e-12);  // 30 is 19 above the median
  EXPECT_DOUBLE_EQ(spread({4, 2}).median, 3);
  EXPECT_EQ(spread({}).n, 0u);
  EXPECT_EQ(spread({NAN, 1.0}).n, 1u);
}

TEST(ReportStats, ExactPValuesForSeparatedSamples) {
  // Fully separated samples: only 2 of the C(n1+n2, n1) orderings are as extreme.
  EXPECT_NEAR(mann_whitney_p({1, 2, 3}, {4, 5, 6}), 2.0 / 20.0, 1e-12);
  EXPECT_NEAR(mann_whitney_p({1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}), 2.0 / 252.0, 1e-12);
  EXPECT_NEAR(mann_whitney_p({6, 7, 8, 9, 10}, {1, 2, 3, 4, 5}), 2.0 / 252.0, 1e-12);  // symmetric
  EXPECT_NEAR(smallest_p(3, 3), 0.1, 1e-12);
  EXPECT_NEAR(smallest_p(4, 4), 2.0 / 70.0, 1e-12);
  EXPECT_NEAR(smallest_p(5, 5), 2.0 / 252.0, 1e-12);
}

TEST(ReportStats, ExactPValueForOneSwap) {
  // {1,2,3,5} against {4,6,7,8}: U = 1 for the first sample. Orderings with
  // U <= 1: U=0 (one) and U=1 (one), out of C(8,4) = 70; two-sided: 4/70.
  EXPECT_NEAR(mann_whitney_p({1, 2, 3, 5}, {4, 6, 7, 8}), 4.0 / 70.0, 1e-12);
}

TEST(ReportStats, InterleavedSamplesAreNotSignificant) {
  EXPECT_GT(mann_whitney_p({1, 3, 5, 7, 9}, {2, 4, 6, 8, 10}), 0.5);
  EXPECT_DOUBLE_EQ(mann_whitney_p({5, 5, 5}, {5, 5, 5}), 1.0);  // all tied
  EXPECT_DOUBLE_EQ(mann_whitney_p({}, {1, 2}), 1.0);
}

TEST(ReportStats, NormalApproximationAgreesWithExactOnLargeSamples) {
  // 25 + 25 values, shifted: the approximation (used above 40 values) must
  // say "clearly different", and an unshifted pair "not different".
  std::vector<double> a, b, c;
  for (int i = 0; i < 25; ++i) {
    a.push_back(100 + i);
    b.push_back(110 + i);
    c.push_back(100.5 + i);
  }
  EXPECT_LT(mann_whitney_p(a, b), 0.01);
  EXPECT_GT(mann_whitney_p(a, c), 0.5);
}

TEST(ReportStats, TiesUseTheNormalApproximation) {
  const double p = mann_whitney_p({1, 1, 2, 2, 3}, {3, 4, 4, 5, 5});
  EXPECT_GT(p, 0.0);
  EXPECT_LT(p, 0.05);
}

TEST(ReportCompare, BenchmarkKeyDropsHowItRan) {
  using locklab::cli::benchmark_key;
  EXPECT_EQ(benchmark_key("a-bug/fixed/threads:4/iterations:1/repeats:5/manual_time"), "a-bug/fixed/threads:4");
  EXPECT_EQ(benchmark_key("BM_Mutex/threads:2/real_time"), "BM_Mutex/threads:2");
  EXPECT_EQ(benchmark_key("BM_X/min_time:0.500"), "BM_X");
  EXPECT_EQ(benchmark_key("plain"), "plain");
}

}  // namespace
