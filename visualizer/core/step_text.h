// The words of the step view (ui/step_panel.cpp): what a thread's button
// says, where its next line is, what it holds. Plain functions over
// lab's StepSession, so the headless tests check them without ImGui.
#pragma once

#include <string>

#include "locklab/sched/step_session.h"

namespace locklab::viz {

/// "T2 teller-0: lock Account-1.mu".
std::string step_button_label(const sched::StepThread& t);
/// "buggy.cpp:30  MutexLock lock_dst(dst.mu);" (site and the line's text), or "" for "starts".
std::string step_line_label(const BugInfo& bug, const SiteInfo& site);
/// "holds Account-0.mu (buggy.cpp:27)", "holds nothing".
std::string step_holds_label(const sched::StepThread& t);
/// The base name of a site's file ("buggy.cpp"), "" if none.
std::string step_site_file(const SiteInfo& site);

}  // namespace locklab::viz
