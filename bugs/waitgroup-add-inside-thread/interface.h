// waitgroup-add-inside-thread: the scatter-gather every variant implements.
//
// gather() fetches the parts of a page (a profile, its posts, its friends,
// ...) on one thread each, waits for them with a WaitGroup, and returns what
// it has. The variants differ only in where the WaitGroup is told about each
// fetch: inside the started thread in buggy.cpp, before starting it in
// fixed.cpp.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace locklab::bugs::waitgroup_add_inside_thread {

/// Starts a lab thread of the run running `body` (the workload names it
/// "fetch-<n>" and times it as one "Fetch" operation).
using StartThread = std::function<void(std::function<void()> body)>;

/// Where the fetch threads of one page put its parts: one slot per part,
/// empty until filled. Atomic, so that reading a slot a fetch thread has not
/// filled yet is a well-defined "missing", not a data race.
class Parts {
 public:
  explicit Parts(std::uint32_t count) : slots_(count) {}
  void fill(std::uint32_t part, std::uint64_t content) { slots_[part].store(content, std::memory_order_release); }
  /// What is there now; nullopt for a part not filled (yet).
  std::vector<std::optional<std::uint64_t>> read() const {
    std::vector<std::optional<std::uint64_t>> out;
    for (const auto& slot : slots_) {
      const std::uint64_t v = slot.load(std::memory_order_acquire);
      out.push_back(v == 0 ? std::nullopt : std::optional<std::uint64_t>(v));
    }
    return out;
  }

 private:
  std::vector<std::atomic<std::uint64_t>> slots_;  // 0: not filled
};

class Gatherer {
 public:
  virtual ~Gatherer() = default;

  /// Fetches parts 0..parts-1 of page `page` concurrently (each fetch takes
  /// `fetch_time`) and returns them, in order, once the WaitGroup says every
  /// fetch is done. A part that is missing is nullopt.
  virtual std::vector<std::optional<std::uint64_t>> gather(std::uint64_t page, std::uint32_t parts,
                                                           std::chrono::nanoseconds fetch_time) = 0;
};

/// The content of part `part` of page `page` (what a fetch returns; never 0).
inline std::uint64_t part_content(std::uint64_t page, std::uint32_t part) { return page * 1000 + part + 1; }

// The variants.
std::unique_ptr<Gatherer> make_buggy(StartThread start);  // buggy.cpp
std::unique_ptr<Gatherer> make_fixed(StartThread start);  // fixed.cpp

}  // namespace locklab::bugs::waitgroup_add_inside_thread
