// thundering-herd-cache-miss: the cache every variant implements.
//
// A read-through cache in front of an expensive computation: get() answers
// from the cache, and on a miss computes the value and caches it. The
// workload clears the cache now and then (a TTL running out). The variants
// differ only in what happens when many callers miss the same key at once:
// buggy.cpp (each computes it), fixed.cpp (one computes, the rest wait for
// its result, through Singleflight).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

namespace locklab::bugs::thundering_herd_cache_miss {

using Key = std::uint32_t;
using Value = std::uint64_t;

/// The expensive computation behind the cache (the workload's: it burns
/// CPU and counts every call).
using ComputeFn = std::function<Value(Key)>;

class Cache {
 public:
  virtual ~Cache() = default;

  /// The value of `key`: cached, or computed and cached on a miss.
  virtual Value get(Key key) = 0;
  /// Forgets every cached value.
  virtual void clear() = 0;
};

std::unique_ptr<Cache> make_buggy(ComputeFn compute);  // buggy.cpp
std::unique_ptr<Cache> make_fixed(ComputeFn compute);  // fixed.cpp

}  // namespace locklab::bugs::thundering_herd_cache_miss
