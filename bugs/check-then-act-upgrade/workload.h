// check-then-act-upgrade: the workload every variant runs, and how a run is
// judged (oracle.cpp).
//
// Threads: `threads` workers ("worker-<i>") walk the same stream of keys,
// 0, 1, 2, ..., calling get() once per key ("Get") and noting the serial of
// the session they were handed. Every key is new when the first worker
// reaches it, and the others reach it moments later: exactly the traffic
// that opens sessions on first use. Opening one takes open_us of I/O.
//
// After joining the workers, the workload compares their notes and records
//   "registry: keys=<asked> opened=<sessions opened> kept=<size()> split=<keys
//    whose callers got different sessions>"
// as an annotation, which is what the oracle reads.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::check_then_act_upgrade {

using MakeRegistry = std::unique_ptr<Registry> (*)(SessionFactory& factory);

void run(RunContext& ctx, MakeRegistry make);

/// The annotation's prefix (the oracle looks for it).
inline constexpr std::string_view kTallyPrefix = "registry: ";

/// Symptom: some key's callers were handed different sessions (the key was
/// opened twice or more and the registry kept only the last).
OracleVerdict oracle(const Trace& run);

}  // namespace locklab::bugs::check_then_act_upgrade
