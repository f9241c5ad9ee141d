// How a compare() verdict is worded: judged (run) or a real-time figure (tour).
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "locklab/present/comparison.h"

namespace locklab::present {
namespace {

CompareVerdict missed_margin() {
  CompareVerdict c;
  c.variant = "fixed-atomic";
  c.verdict.symptom = false;
  c.verdict.explanation = "the fix is 1.9x as fast (the symptom needs 2.0x)";
  c.as_expected = false;
  return c;
}

std::string text(const CompareVerdict& c, bool judged) {
  std::ostringstream out;
  print_compare_verdicts(out, "buggy", {c}, judged);
  return out.str();
}

TEST(CompareVerdictText, AJudgedMissIsNotAsExpected) {
  const std::string t = text(missed_margin(), true);
  EXPECT_NE(t.find("compare buggy against fixed-atomic: buggy worse: no (NOT AS EXPECTED)"), std::string::npos) << t;
  EXPECT_NE(t.find("1.9x"), std::string::npos) << t;
}

TEST(CompareVerdictText, AFigureThatMissesItsMarginIsNotCalledAFailure) {
  const std::string t = text(missed_margin(), false);
  EXPECT_EQ(t.find("NOT AS EXPECTED"), std::string::npos) << t;
  EXPECT_NE(t.find("below its margin on this machine: a real-time figure, not judged"), std::string::npos) << t;
}

TEST(CompareVerdictText, AMetMarginReadsTheSameEitherWay) {
  CompareVerdict c = missed_margin();
  c.verdict.symptom = true;
  c.as_expected = true;
  EXPECT_EQ(text(c, true), text(c, false));
  EXPECT_NE(text(c, false).find("buggy worse: yes (as expected)"), std::string::npos);
}

}  // namespace
}  // namespace locklab::present
