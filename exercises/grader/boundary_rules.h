// The boundary's rules: which symbols a learner's translation unit may not
// call, and what each one is in words.
//
// The learner blocks and synchronises through locklab's primitives only,
// because only they record what a thread waits for and holds. Everything
// else a learner could reach for is named here by the symbol its object
// file refers to: libstdc++ inlines std::mutex, std::this_thread::sleep_for
// and friends down to these libc calls, however they are spelled in the
// source (a namespace alias, `::poll`, a using-declaration).
#pragma once

#include <optional>
#include <string>

namespace locklab::exercises {

enum class BoundaryKind {
  kSleep,      // sleeps, polls with a timeout, yields: no-added-sleep's business
  kSync,       // locks, condition variables, futexes, run-time symbol look-ups
  kAtomic,     // std::atomic and the __atomic builtins (allowed per exercise)
  kCatalogue,  // the catalogue's own variants of the bug (the reference fix)
  kWrappedTryLock,  // a lab lock's try_lock called through std::unique_lock / std::shared_lock:
                    // allowed, but the lab records it at libstdc++'s line (no-try-lock-spin's business)
};

struct BoundaryRule {
  BoundaryKind kind;
  std::string what;  // "a std::mutex (or pthread mutex) lock"
};

/// The rule for a mangled symbol the learner's object refers to, if any.
std::optional<BoundaryRule> rule_for_symbol(const std::string& symbol);

/// What an atomic instruction inlined at the learner's line is.
/// `functions` are the inline chain's function names (mangled), innermost first,
/// joined by spaces; `instruction` the instruction's text.
BoundaryRule rule_for_atomic(const std::string& instruction, const std::string& functions);

}  // namespace locklab::exercises
