// Internal to the primitives: charge an operation to the user's line when the
// call came through the standard library.
//
// A site is the caller's std::source_location, taken where the call is
// written. When that is inside a standard header (a lab Mutex locked by
// std::unique_lock or std::scoped_lock, a Timer built by std::make_unique),
// every such call would be charged to one library line (unique_lock.h:139),
// and a profile could not tell two callers apart. The primitive then passes
// its return address: the line it returns to, read from the debug line
// tables with GCC's libbacktrace (inlined frames included), or, when that is
// still library code, the first frame of a full unwind that is neither the
// standard library nor locklab. Found sites get keys of their own
// (Site::intern); the answer per return address is cached.
//
// Cost: one per-thread cache probe on every call; for library sites a
// second probe by return address, the look-up once per return address.
// Without line tables (code built without -g) the library line stays, as
// before, cached the same way. In an unoptimised build, where the std
// wrapper is a function of its own, each such call unwinds (microseconds).
#pragma once

#include <cstdint>

#include "locklab/core/site.h"

namespace locklab::detail {

/// Reads the executable's line tables once per process (the first look-up's
/// cost, 100-300 ms); Runtime::begin_run calls it before a run starts.
void prepare_user_sites() noexcept;

/// The per-thread answer cache of library_site: direct-mapped by key.
struct LibrarySiteEntry {
  std::uint64_t key = 0;
  bool library = false;
};
inline thread_local LibrarySiteEntry t_library_sites[64];

/// library_site's miss: looks the file up and fills `e`.
bool library_site_slow(LibrarySiteEntry& e, std::uint64_t key) noexcept;

/// True when `key`'s file is a header of the C++ standard library. The hot
/// path is one probe of a per-thread table, inline.
inline bool library_site(std::uint64_t key) noexcept {
  LibrarySiteEntry& e = t_library_sites[(key >> 3) & 63];
  if (e.key == key) [[likely]] return e.library;
  return library_site_slow(e, key);
}

/// The user's site for a call whose own site (`fallback`) is a library line,
/// from the primitive's return address; `fallback` when none is found.
/// `keep_multi_lock`: a call made by std::lock's or std::try_lock's own
/// algorithm (the <mutex> header; its try_lock back-off) keeps the library
/// line, since the user asked for the locks, not for the tries.
std::uint64_t user_site_at(const void* return_address, std::uint64_t fallback, bool keep_multi_lock) noexcept;

/// The key to record for `site`, called in a primitive's public entry with
/// __builtin_return_address(0). `try_lock`: the call is a try-lock.
inline std::uint64_t charged_key(Site site, const void* return_address, bool try_lock = false) noexcept {
  const std::uint64_t k = site.key();
  if (k == 0 || !library_site(k)) [[likely]] return k;
  return user_site_at(return_address, k, try_lock);
}

}  // namespace locklab::detail
