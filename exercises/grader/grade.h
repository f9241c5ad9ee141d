// grade: checks an exercise's properties, in the settings' order, over one
// Evidence, and says pass or fail, why, and which hint helps.
//
// The first failing property decides the grade; the ones after it are
// reported "not_checked" (they would cost runs, and the learner should fix
// one thing at a time). The result's JSON is what `locklab check` reads
// from the exercise binary; its keys are listed in exercises/README.md.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "evidence.h"
#include "property.h"
#include "settings.h"

namespace locklab::exercises {

enum class Status { kPass, kFail, kNotChecked };
std::string_view to_string(Status s) noexcept;

struct PropertyOutcome {
  std::string id;
  std::string what;          // what a pass means
  Status status = Status::kNotChecked;
  std::string reason;        // "" when not checked
  int hint = 1;              // the hint that helps with this property
  nlohmann::json figures = nlohmann::json::object();
};

struct GradeResult {
  bool pass = false;
  std::vector<PropertyOutcome> properties;
  std::string failed_property;  // "" on a pass
  std::string reason;           // the failing property's reason, or a summary of the pass
  int hint = 0;                 // the failing property's hint; 0 on a pass
  double elapsed_ms = 0;
};

/// Checks `settings.properties` (made with make_property) over `evidence`.
GradeResult grade(const ExerciseSettings& settings, Evidence& evidence);

/// The result as the exercise binary prints it.
nlohmann::json to_json(const GradeResult& result, const ExerciseSettings& settings, const Evidence& evidence);

}  // namespace locklab::exercises
