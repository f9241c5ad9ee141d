// metrics-map-single-mutex: the metrics registry every variant implements.
//
// Request handlers count events by label ("route-07": one more request on
// route 7) millions of times a second; a scraper reads every counter now and
// then. The variants differ only in how the counters are kept: buggy.cpp,
// fixed_preallocated.cpp, fixed_sharded.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace locklab::bugs::metrics_map_single_mutex {

class Metrics {
 public:
  virtual ~Metrics() = default;

  /// Adds one to `label`'s counter. `worker` is the caller's index, in
  /// [0, workers) and different for every thread; only the sharded fix
  /// looks at it.
  virtual void inc(std::uint32_t worker, const std::string& label) = 0;
  /// Every counter's value (exact once every inc() has returned).
  virtual std::map<std::string, std::uint64_t> scrape() const = 0;
};

// The variants. `labels` are the labels known when the service starts;
// `workers` is how many threads will call inc().
using Labels = std::vector<std::string>;
std::unique_ptr<Metrics> make_buggy(const Labels& labels, std::uint32_t workers);               // buggy.cpp
std::unique_ptr<Metrics> make_fixed_preallocated(const Labels& labels, std::uint32_t workers);  // fixed_preallocated.cpp
std::unique_ptr<Metrics> make_fixed_sharded(const Labels& labels, std::uint32_t workers);       // fixed_sharded.cpp

}  // namespace locklab::bugs::metrics_map_single_mutex
