// recursive-mutex-self-deadlock, fixed: one lock per exported method; the
// shared work lives in a *_locked helper that expects the lock held.
//
// total() locks and calls total_locked(); add() locks once and calls
// total_locked() directly. The helper's LOCKLAB_REQUIRES(mu_) states the
// rule, and clang's -Wthread-safety (the clang-tsa preset) rejects a caller
// that does not hold Cart.mu.
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

class FixedCart final : public Cart {
 public:
  explicit FixedCart(std::uint64_t limit_cents) : limit_cents_(limit_cents) {}

  bool add(std::uint32_t sku, std::uint32_t qty, std::uint64_t price_cents) override {
    MutexLock lock(mu_);
    if (total_locked() + qty * price_cents > limit_cents_) return false;  // no second lock
    Line& line = lines_[sku];
    line.qty += qty;
    line.price_cents = price_cents;
    return true;
  }

  std::uint64_t total() override {
    MutexLock lock(mu_);
    return total_locked();
  }

  void clear() override {
    MutexLock lock(mu_);
    lines_.clear();
  }

 private:
  // The caller holds mu_ (the name says so, and so does the annotation).
  std::uint64_t total_locked() LOCKLAB_REQUIRES(mu_) {
    std::uint64_t sum = 0;
    for (const auto& [sku, line] : lines_) sum += line.qty * line.price_cents;
    return sum;
  }

  const std::uint64_t limit_cents_;
  Mutex mu_{"Cart.mu"};
  std::map<std::uint32_t, Line> lines_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Cart> make_fixed(std::uint64_t limit_cents) { return std::make_unique<FixedCart>(limit_cents); }

}  // namespace locklab::bugs::recursive_mutex_self_deadlock
