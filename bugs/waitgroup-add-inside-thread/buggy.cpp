// waitgroup-add-inside-thread, buggy: each fetch thread adds itself to the
// WaitGroup, so wait() can run before anything was added.
//
// go() only asks for a thread; the thread starts some time later (tens of
// microseconds here, a scheduling decision in Go). gather() does not wait for
// that: it goes straight on to wait(), finds the counter at zero and returns
// at once, with no part fetched yet. Or one thread has added and finished
// before the next has added, and the counter touches zero early. Either way
// gather() reads a page that is partly or entirely missing, and the fetch
// threads finish their work for nobody.
#include <memory>

#include "interface.h"
#include "locklab/sync/wait_group.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::waitgroup_add_inside_thread {
namespace {

// One gather's shared state: the fetch threads may outlive gather().
struct Round {
  explicit Round(std::uint32_t count) : parts(count) {}
  WaitGroup pending{"Gather.pending"};
  Parts parts;
};

class BuggyGatherer final : public Gatherer {
 public:
  explicit BuggyGatherer(StartThread start) : start_(std::move(start)) {}

  std::vector<std::optional<std::uint64_t>> gather(std::uint64_t page, std::uint32_t parts,
                                                   std::chrono::nanoseconds fetch_time) override {
    auto round = std::make_shared<Round>(parts);
    for (std::uint32_t p = 0; p < parts; ++p) {
      start_([round, page, p, fetch_time] {
        round->pending.add(1);  // <- too late: gather() may have passed wait() already
        io(fetch_time);         // the fetch
        round->parts.fill(p, part_content(page, p));
        round->pending.done();
      });
    }
    round->pending.wait();  // <- returns at once while the counter is still zero
    return round->parts.read();
  }

 private:
  StartThread start_;
};

}  // namespace

std::unique_ptr<Gatherer> make_buggy(StartThread start) { return std::make_unique<BuggyGatherer>(std::move(start)); }

}  // namespace locklab::bugs::waitgroup_add_inside_thread
