// report.html: the before/after report as one self-contained page (inline
// CSS and SVG; no scripts, fonts or images from elsewhere), readable offline
// and printable. Sections:
//   - the settings, the machine, and warnings (interrupted; results not as
//     expected);
//   - a summary table of every case;
//   - per bug: what the oracle checks; throughput and p99 latency charts,
//     buggy against fixed at each thread count (svg_chart.h); the verdicts
//     with the oracle's explanation and the bug's compare() verdicts; the
//     top of the contention profile of each case; diagnostics (deadlocks
//     explained in words, potential deadlocks from the lock order, lockset
//     violations, failure verdicts with their thread dumps).
// Each case is shown through its representative run (the median throughput
// one) where one run must stand for all.
#pragma once

#include <string>

#include "report_results.h"

namespace locklab::cli {

std::string report_html(const ReportResults& results);

}  // namespace locklab::cli
