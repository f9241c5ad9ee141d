// recursive-mutex-self-deadlock, buggy: a locking method calls another
// locking method on the same Mutex.
//
// add() holds Cart.mu and asks total() whether the new item fits; total()
// is a public method, so it locks Cart.mu too. A Mutex is not reentrant (in
// Go or here), so the thread waits for a lock it holds itself: forever. The
// first add() hangs the cart, and every other caller queues behind it.
#include <map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::recursive_mutex_self_deadlock {
namespace {

struct Line {
  std::uint32_t qty = 0;
  std::uint64_t price_cents = 0;
};

class BuggyCart final : public Cart {
 public:
  explicit BuggyCart(std::uint64_t limit_cents) : limit_cents_(limit_cents) {}

  bool add(std::uint32_t sku, std::uint32_t qty, std::uint64_t price_cents) override {
    MutexLock lock(mu_);
    if (total() + qty * price_cents > limit_cents_) return false;  // <- total() locks Cart.mu again
    Line& line = lines_[sku];
    line.qty += qty;
    line.price_cents = price_cents;
    return true;
  }

  std::uint64_t total() override {
    MutexLock lock(mu_);  // <- from add(): the caller already holds it
    std::uint64_t sum = 0;
    for (const auto& [sku, line] : lines_) sum += line.qty * line.price_cents;
    return sum;
  }

  void clear() override {
    MutexLock lock(mu_);
    lines_.clear();
  }

 private:
  const std::uint64_t limit_cents_;
  Mutex mu_{"Cart.mu"};
  std::map<std::uint32_t, Line> lines_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Cart> make_buggy(std::uint64_t limit_cents) { return std::make_unique<BuggyCart>(limit_cents); }

}  // namespace locklab::bugs::recursive_mutex_self_deadlock
