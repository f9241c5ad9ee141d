// The step view's state ("play the scheduler" in the GUI): the session the
// learner steps through and what the panel keeps between frames. VizApp owns
// it; ui/step_panel.cpp draws it in the right column while it is active;
// VizApp::step_changed() puts the session's timelines in the two slots.
#pragma once

#include <memory>
#include <string>

#include "locklab/sched/step_session.h"

namespace locklab::viz {

struct StepUi {
  std::unique_ptr<sched::StepSession> session;  // null: the step view is closed
  std::string error;                // the latest action's error, shown until the next action
  std::string notice;               // the latest action's result ("saved ...")
  std::string save_path = "steps.schedule";  // what Save writes
  bool active() const noexcept { return session != nullptr; }
};

}  // namespace locklab::viz
