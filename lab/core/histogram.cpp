// Histogram: merging, quantiles and the bucket edges.
//
// Bucket layout (see index_of): values below 32 have a bucket each. Above
// that, a value whose highest set bit is `msb` lands in group msb - 4, and the
// five bits below its highest bit pick one of 32 equal sub-buckets, each
// 2^(msb - 5) wide. So a bucket is never wider than 1/32 of its lower bound.
#include "locklab/core/histogram.h"

#include <cmath>
#include <limits>

namespace locklab {

void Histogram::merge(const Histogram& other) noexcept {
  if (other.count_ == 0) return;
  for (int i = 0; i < kBuckets; ++i) counts_[i] += other.counts_[i];
  if (count_ == 0 || other.min_ < min_) min_ = other.min_;
  if (other.max_ > max_) max_ = other.max_;
  count_ += other.count_;
  sum_ += other.sum_;
}

std::uint64_t Histogram::quantile(double q) const noexcept {
  if (count_ == 0) return 0;
  if (!(q > 0.0)) q = 0.0;  // also catches NaN
  if (q > 1.0) q = 1.0;
  // The rank (1-based) of the value we want; the 0-quantile is the first.
  auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
  if (rank < 1) rank = 1;
  if (rank > count_) rank = count_;
  std::uint64_t seen = 0;
  for (int i = 0; i < kBuckets; ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      const std::uint64_t edge = upper_edge(i);
      return edge < max_ ? edge : max_;
    }
  }
  return max_;  // only if the counts disagree with count_
}

void Histogram::set_raw(const std::array<std::uint64_t, kBuckets>& counts, std::uint64_t sum,
                        std::uint64_t min, std::uint64_t max) noexcept {
  counts_ = counts;
  count_ = 0;
  for (std::uint64_t c : counts_) count_ += c;
  sum_ = sum;
  min_ = min;
  max_ = max;
}

std::uint64_t Histogram::upper_edge(int i) noexcept {
  if (i < 0) return 0;
  if (i >= kBuckets) return std::numeric_limits<std::uint64_t>::max();
  constexpr int kSub = 1 << kSubBits;
  if (i < kSub) return static_cast<std::uint64_t>(i);
  // Inverse of index_of: group g = shift + 1 holds values (32 + sub) << shift
  // up to the next sub-bucket's start minus one. Written as a sum so the last
  // bucket (ending at 2^64 - 1) does not overflow.
  const int shift = i / kSub - 1;
  const std::uint64_t sub = static_cast<std::uint64_t>(i % kSub);
  const std::uint64_t low = (static_cast<std::uint64_t>(kSub) + sub) << shift;
  return low + ((std::uint64_t{1} << shift) - 1);
}

}  // namespace locklab
