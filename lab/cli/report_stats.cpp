#include "report_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace locklab::cli {
namespace {

// Exact samples up to this many values in all; larger ones use the normal
// approximation (at 40 values the two agree to about 0.001).
constexpr std::size_t kExactLimit = 40;

// counts[u]: how many of the C(n1+n2, n1) orderings of two tie-free samples
// give the statistic U = u (the number of pairs where the first sample's
// value is the larger). Built by adding one value at a time: the largest
// value overall comes from sample 1 (then it beats all n2 values of sample 2)
// or from sample 2 (then it beats none).
std::vector<double> u_distribution(std::size_t n1, std::size_t n2) {
  // table[i][j]: the distribution for sample sizes (i, j).
  std::vector<std::vector<std::vector<double>>> table(n1 + 1, std::vector<std::vector<double>>(n2 + 1));
  for (std::size_t i = 0; i <= n1; ++i)
    for (std::size_t j = 0; j <= n2; ++j) {
      std::vector<double>& d = table[i][j];
      d.assign(i * j + 1, 0.0);
      if (i == 0 || j == 0) {
        d[0] = 1;
        continue;
      }
      const std::vector<double>& from1 = table[i - 1][j];  // largest is from sample 1: U grows by j
      const std::vector<double>& from2 = table[i][j - 1];  // largest is from sample 2
      for (std::size_t u = 0; u < from1.size(); ++u) d[u + j] += from1[u];
      for (std::size_t u = 0; u < from2.size(); ++u) d[u] += from2[u];
    }
  return table[n1][n2];
}

double exact_p(double u, std::size_t n1, std::size_t n2) {
  const std::vector<double> counts = u_distribution(n1, n2);
  const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
  const auto k = static_cast<std::size_t>(std::llround(u));
  double lower = 0, upper = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (i <= k) lower += counts[i];
    if (i >= k) upper += counts[i];
  }
  return std::min(1.0, 2.0 * std::min(lower, upper) / total);
}

}  // namespace

Spread spread(std::vector<double> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
  Spread s;
  s.n = values.size();
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  s.median = values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
  s.min = values.front();
  s.max = values.back();
  if (s.median != 0) s.deviation = std::max(s.max - s.median, s.median - s.min) / std::abs(s.median);
  return s;
}

double smallest_p(std::size_t n1, std::size_t n2) {
  if (n1 == 0 || n2 == 0) return 1.0;
  // Only the two most extreme orderings (every value of one sample above
  // every value of the other) reach it: 2 / C(n1 + n2, n1).
  double orderings = 1;
  for (std::size_t i = 1; i <= n1; ++i) orderings = orderings * static_cast<double>(n2 + i) / static_cast<double>(i);
  return std::min(1.0, 2.0 / orderings);
}

double mann_whitney_p(const std::vector<double>& a, const std::vector<double>& b) {
  const std::size_t n1 = a.size(), n2 = b.size(), n = n1 + n2;
  if (n1 == 0 || n2 == 0) return 1.0;
  // Ranks of the pooled values, ties sharing the mean of their ranks.
  std::vector<std::pair<double, bool>> pooled;  // value, from a
  for (const double v : a) pooled.emplace_back(v, true);
  for (const double v : b) pooled.emplace_back(v, false);
  std::sort(pooled.begin(), pooled.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  double rank_sum_a = 0, tie_term = 0;
  bool ties = false;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && pooled[j].first == pooled[i].first) ++j;
    const double t = static_cast<double>(j - i);
    const double mid_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k)
      if (pooled[k].second) rank_sum_a += mid_rank;
    if (t > 1) {
      ties = true;
      tie_term += t * t * t - t;
    }
    i = j;
  }
  const double dn1 = static_cast<double>(n1), dn2 = static_cast<double>(n2), dn = static_cast<double>(n);
  const double u = rank_sum_a - dn1 * (dn1 + 1) / 2.0;
  if (!ties && n <= kExactLimit) return exact_p(u, n1, n2);

  const double mean = dn1 * dn2 / 2.0;
  const double variance = dn1 * dn2 / 12.0 * ((dn + 1) - tie_term / (dn * (dn - 1)));
  if (variance <= 0) return 1.0;                                                   // every value equal
  const double z = std::max(0.0, std::abs(u - mean) - 0.5) / std::sqrt(variance);  // continuity correction
  return std::min(1.0, std::erfc(z / std::sqrt(2.0)));
}

}  // namespace locklab::cli
