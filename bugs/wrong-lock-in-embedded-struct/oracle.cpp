// wrong-lock-in-embedded-struct: how a run is judged. Reads the trace's
// lockset report and main's counts note.
#include <cstdio>
#include <cstring>
#include <string>

#include "locklab/analysis/diagnostics.h"
#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::wrong_lock_in_embedded_struct {
namespace {

struct Note {
  bool found = false;
  unsigned long long sent = 0, acked = 0, in_flight = 0, drift = 0;
  unsigned peers = 0;
};

Note counts_note(const Trace& run) {
  Note n;
  const std::size_t prefix = std::strlen(kCountsNote);
  for (const std::string& a : run.annotations) {
    if (a.compare(0, prefix, kCountsNote) != 0) continue;
    n.found = std::sscanf(a.c_str() + prefix, "sent %llu, acked %llu, in flight %llu; drift %llu over %u peers", &n.sent,
                          &n.acked, &n.in_flight, &n.drift, &n.peers) == 5;
  }
  return n;
}

bool is_peer_progress(const Trace& run, std::uint32_t object) {
  const std::string name = run.object_text(object);
  return name.starts_with("peer-") && name.ends_with(".progress");
}

}  // namespace

OracleVerdict oracle(const Trace& run) {
  unsigned races = 0;
  const LocksetViolation* first = nullptr;
  for (const LocksetViolation& v : run.lockset) {
    if (!is_peer_progress(run, v.object)) continue;
    ++races;
    if (!first) first = &v;
  }
  const Note note = counts_note(run);
  const unsigned long long broadcasts = op_latency(run, "Broadcast").count;
  const unsigned long long acks = op_latency(run, "Ack").count;

  OracleVerdict v;
  // The lockset check is the diagnosis (it fires on any run in which the
  // leader and a peer both touch a peer's counts); a drifted in_flight is
  // the damage. Either one is the bug showing.
  v.symptom = races > 0 || (note.found && note.drift > 0);
  std::string words = first ? text_format("lockset: %u peer progress object(s) written under different locks; first: ",
                                          races) +
                                  lockset_words(run, *first)
                            : std::string("lockset: every access to the peers' progress shared a lock");
  if (note.found) {
    words += text_format("; counts over %u peers: sent %llu, acked %llu, in flight %llu (sent - acked = %llu): "
                         "in_flight drifted by %llu in all",
                         note.peers, note.sent, note.acked, note.in_flight, note.sent - note.acked, note.drift);
  } else {
    words += "; main left no counts note (the run ended early)";
  }
  words += text_format("; %llu broadcasts, %llu ack calls timed", broadcasts, acks);
  v.explanation = words;
  return v;
}

}  // namespace locklab::bugs::wrong_lock_in_embedded_struct
