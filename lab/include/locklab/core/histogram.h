// A log-linear latency histogram: exact counts, values kept to ~3% (32
// sub-buckets per power of two), constant memory, cheap to add to and to
// merge. Used for per-operation latency percentiles.
#pragma once

#include <array>
#include <cstdint>

namespace locklab {

class Histogram {
 public:
  static constexpr int kSubBits = 5;                      // 32 sub-buckets
  static constexpr int kBuckets = (64 - kSubBits + 1) << kSubBits;

  void add(std::uint64_t value) noexcept {
    ++counts_[index_of(value)];
    ++count_;
    sum_ += value;
    if (value > max_) max_ = value;
    if (count_ == 1 || value < min_) min_ = value;
  }
  void merge(const Histogram& other) noexcept;

  std::uint64_t count() const noexcept { return count_; }
  std::uint64_t max() const noexcept { return max_; }
  std::uint64_t min() const noexcept { return count_ ? min_ : 0; }
  double mean() const noexcept { return count_ ? double(sum_) / double(count_) : 0.0; }
  /// The value at quantile q in [0, 1] (the upper edge of its bucket, capped
  /// at max). 0 for an empty histogram.
  std::uint64_t quantile(double q) const noexcept;

  const std::array<std::uint64_t, kBuckets>& counts() const noexcept { return counts_; }
  /// Rebuilds from stored bucket counts (trace files); recomputes the count.
  void set_raw(const std::array<std::uint64_t, kBuckets>& counts, std::uint64_t sum,
               std::uint64_t min, std::uint64_t max) noexcept;
  std::uint64_t sum() const noexcept { return sum_; }

  static int index_of(std::uint64_t v) noexcept {
    if (v < (1u << kSubBits)) return static_cast<int>(v);
    const int msb = 63 - __builtin_clzll(v);
    const int shift = msb - kSubBits;
    return ((shift + 1) << kSubBits) + static_cast<int>((v >> shift) & ((1u << kSubBits) - 1));
  }
  /// The largest value that lands in bucket i.
  static std::uint64_t upper_edge(int i) noexcept;

 private:
  std::array<std::uint64_t, kBuckets> counts_{};
  std::uint64_t count_ = 0, sum_ = 0, min_ = 0, max_ = 0;
};

}  // namespace locklab
