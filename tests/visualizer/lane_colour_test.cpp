// The lanes' colours read apart on a projector: every two states differ by
// a clear distance in RGB, in particular the quiet three (sleeping, idle
// wait, not recorded) that were once three similar greys.
#include <gtest/gtest.h>

#include <cmath>

#include "imgui.h"
#include "lane_state.h"

namespace locklab::viz {
namespace {

double distance(std::uint32_t a, std::uint32_t b) {
  double sum = 0;
  for (const int shift : {IM_COL32_R_SHIFT, IM_COL32_G_SHIFT, IM_COL32_B_SHIFT}) {
    const double d = static_cast<double>((a >> shift) & 0xFF) - static_cast<double>((b >> shift) & 0xFF);
    sum += d * d;
  }
  return std::sqrt(sum);
}

TEST(LaneColours, EveryTwoStatesAreFarApart) {
  for (int i = 0; i < kLaneStateCount; ++i)
    for (int j = i + 1; j < kLaneStateCount; ++j) {
      const auto a = static_cast<LaneState>(i), b = static_cast<LaneState>(j);
      EXPECT_GE(distance(color_of(a), color_of(b)), 50) << to_string(a) << " and " << to_string(b);
    }
}

TEST(LaneColours, SleepingIdleWaitAndNotRecordedAreNotThreeGreys) {
  EXPECT_GE(distance(color_of(LaneState::kSleeping), color_of(LaneState::kIdle)), 100);
  EXPECT_GE(distance(color_of(LaneState::kIdle), color_of(LaneState::kUnknown)), 80);
  EXPECT_GE(distance(color_of(LaneState::kSleeping), color_of(LaneState::kUnknown)), 150);
}

}  // namespace
}  // namespace locklab::viz
