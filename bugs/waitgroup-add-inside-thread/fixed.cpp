// waitgroup-add-inside-thread, fixed: gather() adds to the WaitGroup before
// it starts each fetch thread.
//
// The add() happens on the thread that will wait, before go(), so by the
// time gather() reaches wait() the counter already holds every fetch it
// started, however late the threads begin. wait() returns only after the
// last done(), and each done() comes after its part was filled: the page is
// complete. (add(parts) once before the loop works as well.)
#include <memory>

#include "interface.h"
#include "locklab/sync/wait_group.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::waitgroup_add_inside_thread {
namespace {

// One gather's shared state, as in the buggy variant.
struct Round {
  explicit Round(std::uint32_t count) : parts(count) {}
  WaitGroup pending{"Gather.pending"};
  Parts parts;
};

class FixedGatherer final : public Gatherer {
 public:
  explicit FixedGatherer(StartThread start) : start_(std::move(start)) {}

  std::vector<std::optional<std::uint64_t>> gather(std::uint64_t page, std::uint32_t parts,
                                                   std::chrono::nanoseconds fetch_time) override {
    auto round = std::make_shared<Round>(parts);
    for (std::uint32_t p = 0; p < parts; ++p) {
      round->pending.add(1);  // counted before the thread exists
      start_([round, page, p, fetch_time] {
        io(fetch_time);  // the fetch
        round->parts.fill(p, part_content(page, p));
        round->pending.done();
      });
    }
    round->pending.wait();  // every fetch started is counted: waits for all of them
    return round->parts.read();
  }

 private:
  StartThread start_;
};

}  // namespace

std::unique_ptr<Gatherer> make_fixed(StartThread start) { return std::make_unique<FixedGatherer>(std::move(start)); }

}  // namespace locklab::bugs::waitgroup_add_inside_thread
