#include "boundary_rules.h"

#include <array>
#include <string_view>
#include <utility>

#include "object_listing.h"

namespace locklab::exercises {
namespace {

constexpr std::string_view kUnseen = ": locklab cannot see it";

bool starts(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::optional<BoundaryRule> c_symbol(std::string_view s) {
  using K = BoundaryKind;
  struct Row {
    std::string_view prefix;
    K kind;
    std::string_view what;
  };
  static constexpr std::array kRows = {
      Row{"pthread_mutex_trylock", K::kSync, "a std::mutex (or pthread mutex) try_lock"},
      Row{"pthread_mutex_timedlock", K::kSync, "a std::timed_mutex (or pthread mutex) timed lock"},
      Row{"pthread_mutex_", K::kSync, "a std::mutex (or pthread mutex) lock"},
      Row{"pthread_spin_", K::kSync, "a pthread spin lock"},
      Row{"pthread_rwlock_", K::kSync, "a std::shared_mutex (or pthread rwlock) lock"},
      Row{"pthread_cond_", K::kSync, "a std::condition_variable (or pthread condition) wait or signal"},
      Row{"pthread_barrier_", K::kSync, "a std::barrier (or pthread barrier) wait"},
      Row{"pthread_join", K::kSync, "a thread join outside locklab"},
      Row{"pthread_yield", K::kSleep, "a yield of the core"},
      Row{"pthread_once", K::kSync, "a std::call_once (or pthread_once)"},
      Row{"__once_proxy", K::kSync, "a std::call_once"},
      Row{"sem_", K::kSync, "a POSIX semaphore"},
      Row{"mtx_", K::kSync, "a C11 mutex"},
      Row{"cnd_", K::kSync, "a C11 condition variable"},
      Row{"thrd_sleep", K::kSleep, "a C11 sleep"},
      Row{"thrd_yield", K::kSleep, "a yield of the core"},
      Row{"syscall", K::kSync, "a raw system call (a futex, as std::atomic wait and notify make)"},
      Row{"futex", K::kSync, "a futex"},
      Row{"dlsym", K::kSync, "a symbol looked up at run time (a way around the boundary)"},
      Row{"dlvsym", K::kSync, "a symbol looked up at run time (a way around the boundary)"},
      Row{"dlopen", K::kSync, "a library opened at run time (a way around the boundary)"},
      Row{"nanosleep", K::kSleep, "an OS sleep (std::this_thread::sleep_for, however spelled)"},
      Row{"clock_nanosleep", K::kSleep, "an OS sleep (clock_nanosleep)"},
      Row{"usleep", K::kSleep, "an OS sleep (usleep)"},
      Row{"sleep", K::kSleep, "an OS sleep (sleep)"},
      Row{"poll", K::kSleep, "a poll with a timeout (an OS sleep)"},
      Row{"ppoll", K::kSleep, "a poll with a timeout (an OS sleep)"},
      Row{"select", K::kSleep, "a select with a timeout (an OS sleep)"},
      Row{"pselect", K::kSleep, "a select with a timeout (an OS sleep)"},
      Row{"epoll_wait", K::kSleep, "an epoll wait (an OS sleep)"},
      Row{"epoll_pwait", K::kSleep, "an epoll wait (an OS sleep)"},
      Row{"pause", K::kSleep, "an OS sleep (pause)"},
      Row{"sigtimedwait", K::kSleep, "an OS sleep (sigtimedwait)"},
      Row{"sched_yield", K::kSleep, "a yield of the core (std::this_thread::yield)"},
      Row{"system", K::kSleep, "a child process waited for (system)"},
      Row{"popen", K::kSleep, "a child process waited for (popen)"},
      Row{"waitpid", K::kSleep, "a wait for a child process"},
      Row{"__atomic_", K::kAtomic, "a std::atomic operation (through libatomic)"},
      Row{"__sync_", K::kAtomic, "a __sync atomic builtin"},
  };
  // Exact names, except the families that end in "_".
  for (const Row& r : kRows)
    if (r.prefix.back() == '_' ? starts(s, r.prefix) : s == r.prefix) return BoundaryRule{r.kind, std::string(r.what)};
  return std::nullopt;
}

std::optional<BoundaryRule> cxx_symbol(const std::string& demangled) {
  using K = BoundaryKind;
  static const std::array<std::pair<std::string_view, std::string_view>, 9> kSync = {{
      {"std::mutex", "a std::mutex lock"},
      {"std::recursive_mutex", "a std::recursive_mutex lock"},
      {"std::timed_mutex", "a std::timed_mutex lock"},
      {"std::recursive_timed_mutex", "a std::recursive_timed_mutex lock"},
      {"std::shared_mutex", "a std::shared_mutex lock"},
      {"std::shared_timed_mutex", "a std::shared_timed_mutex lock"},
      {"std::condition_variable", "a std::condition_variable wait or notify"},
      {"std::_V2::condition_variable_any", "a std::condition_variable_any wait or notify"},
      {"std::__atomic_futex_unsigned_base", "a futex wait (std::future, std::atomic wait)"},
  }};
  for (const auto& [prefix, what] : kSync)
    if (starts(demangled, prefix) && demangled.size() > prefix.size() &&
        (demangled[prefix.size()] == ':' || demangled[prefix.size()] == '('))
      return BoundaryRule{K::kSync, std::string(what)};
  if (starts(demangled, "std::this_thread::__sleep_for") || starts(demangled, "std::this_thread::sleep"))
    return BoundaryRule{K::kSleep, "an OS sleep (std::this_thread::sleep_for, however spelled)"};
  if (starts(demangled, "std::this_thread::yield")) return BoundaryRule{K::kSleep, "a yield of the core"};
  if (starts(demangled, "std::__detail::__waiter_pool") || starts(demangled, "std::__detail::__platform_wait"))
    return BoundaryRule{K::kSync, "a std::atomic wait or notify (a futex)"};
  return std::nullopt;
}

}  // namespace

std::optional<BoundaryRule> rule_for_symbol(const std::string& symbol) {
  if (!starts(symbol, "_Z")) {
    std::string_view s = symbol;
    if (const auto at = s.find('@'); at != std::string_view::npos) s = s.substr(0, at);  // "poll@GLIBC_2.2.5"
    auto r = c_symbol(s);
    if (r) r->what += kUnseen;
    return r;
  }
  auto r = cxx_symbol(demangle(symbol));
  if (r) r->what += kUnseen;
  return r;
}

BoundaryRule rule_for_atomic(const std::string& instruction, const std::string& functions) {
  if (functions.find("atomic_flag") != std::string::npos)
    return {BoundaryKind::kSync, "a std::atomic_flag operation (a hand-made spin lock, or a wait)" + std::string(kUnseen)};
  if (starts(instruction, "syscall"))
    return {BoundaryKind::kSync, "a raw system call instruction" + std::string(kUnseen)};
  return {BoundaryKind::kAtomic, "a std::atomic operation" + std::string(kUnseen)};
}

}  // namespace locklab::exercises
