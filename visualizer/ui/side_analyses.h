// The analyses tabs of the right panel, for both runs: the contention
// profile (clicking a row shows its line in the sources), and the verdict
// with the deadlock report and thread dump.
#pragma once

#include <string>

#include "locklab/trace/trace.h"

namespace locklab::viz {

class VizApp;

void draw_contention_tab(VizApp& app);
void draw_verdict_tab(VizApp& app);

/// The base name of a site's file ("buggy.cpp"), "" for an unknown site.
std::string site_file(const Trace& trace, std::uint32_t site);

}  // namespace locklab::viz
