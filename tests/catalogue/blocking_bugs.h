// The catalogue's blocking bugs as a parameter list for GoogleTest: the suites
// that run every blocking bug under the controlled scheduler share it.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "locklab/run/catalogue.h"

namespace locklab::testing {

/// Every catalogued bug whose symptom is blocking (Tu et al.'s axis).
inline std::vector<const BugInfo*> blocking_bugs() {
  std::vector<const BugInfo*> out;
  for (const BugInfo* b : Catalogue::get().all())
    if (b->blocking == Blocking::kBlocking) out.push_back(b);
  return out;
}

/// Every catalogued bug whose symptom an interleaving causes (blocking or
/// not): the ones `explore` searches for.
inline std::vector<const BugInfo*> interleaving_bugs() {
  std::vector<const BugInfo*> out;
  for (const BugInfo* b : Catalogue::get().all())
    if (b->cause == SymptomCause::kInterleaving) out.push_back(b);
  return out;
}

/// A test name from the bug's id: "lock-order-inversion" -> "lock_order_inversion".
inline std::string bug_id_test_name(const ::testing::TestParamInfo<const BugInfo*>& info) {
  std::string s = info.param->id;
  for (char& c : s)
    if (c == '-') c = '_';
  return s;
}

}  // namespace locklab::testing
