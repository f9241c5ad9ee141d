// Statistics over a benchmark's repetitions, for reports and --compare.
//
//   Spread       median, min, max and the largest deviation of a
//                repetition from the median, as a share of it (benchstat's
//                "± x%", taken around the median);
//   mann_whitney_p  the two-sided p-value of the Mann-Whitney U test: how
//                likely two sets of repetitions this far apart are if both
//                come from one distribution. No assumption of normality;
//                exact for small samples without ties, otherwise the normal
//                approximation corrected for ties.
// With 3 repetitions a side the smallest possible p is 0.1, so a change can
// never be called significant at 0.05; 4 + 4 can reach 0.029, 5 + 5 0.008.
#pragma once

#include <cstddef>
#include <vector>

namespace locklab::cli {

/// The level below which a change counts as beyond the noise.
inline constexpr double kSignificance = 0.05;

struct Spread {
  std::size_t n = 0;
  double median = 0, min = 0, max = 0;
  double deviation = 0;  // max |x - median| / median (0 when the median is 0)
};

/// NaN values are ignored; n = 0 when nothing is left.
Spread spread(std::vector<double> values);

/// Two-sided p-value in [0, 1]; 1 when either side is empty or every value
/// is equal.
double mann_whitney_p(const std::vector<double>& a, const std::vector<double>& b);

/// The smallest p-value mann_whitney_p can return for samples of these
/// sizes (no ties): whether a change could be significant at all.
double smallest_p(std::size_t n1, std::size_t n2);

}  // namespace locklab::cli
