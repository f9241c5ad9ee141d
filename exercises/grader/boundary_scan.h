// The sealed boundary around the learner's code: every place where the
// learner's translation unit blocks or synchronises outside locklab's
// primitives, found in its object file (object_listing.h) and judged by
// the rules (boundary_rules.h).
//
// Whose code an instruction is comes from its inline chain: the first
// frame, innermost first, that is not a system header (/usr/...) decides.
// The learner's file (or any file outside lab/, bugs/ and the system
// headers) makes it the learner's; a locklab header makes it locklab's own
// (Mutex, Atomic<T> and the other header-inline primitives use std::atomic
// and are not the learner's doing). An instruction with only system frames
// is the learner's when it sits in a function of the learner's own
// sections (.text), and otherwise marks the header function it is in
// (a std::unique_lock<std::mutex>::lock() emitted out of line), whose
// callers are then judged as if they called the symbol itself; a function
// of locklab's own (locklab::, outside locklab::bugs::) never marks.
//
// Inlined std::atomic operations count only when the innermost frame is an
// atomic header or the learner's own line (libstdc++'s reference counts in
// ext/atomicity.h, behind std::shared_ptr, do not).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "boundary_rules.h"
#include "object_listing.h"

namespace locklab::exercises {

struct BoundaryPolicy {
  std::string candidate_file;  // the learner's file, absolute
  std::string source_dir;      // the repository (lab/ and bugs/ under it are locklab's)
  std::set<std::string> catalogue_symbols;  // mangled symbols the bug's own variants define
};

struct Crossing {
  BoundaryKind kind;
  std::string symbol;   // demangled ("pthread_mutex_lock", "std::condition_variable::wait(...)")
  std::string what;     // the rule's words
  std::string where;    // "exercise.cpp:12", or "exercise.cpp" without a line
  std::string through;  // the library function the learner's line called, demangled, or ""
};

/// Every crossing of `listing`, at most one per (kind, symbol, line), in
/// listing order.
std::vector<Crossing> scan_boundary(const ObjectListing& listing, const BoundaryPolicy& policy);

/// One crossing in words: "exercise.cpp:12 calls pthread_mutex_lock (through
/// std::lock_guard<std::mutex>::lock_guard(std::mutex&)): a std::mutex lock:
/// locklab cannot see it".
std::string crossing_text(const Crossing& c);

}  // namespace locklab::exercises
