// A bare ImGui context for headless tests: a display size, a built font
// atlas and a frame in progress, no window and no renderer.
#pragma once

#include <gtest/gtest.h>

#include "imgui.h"

namespace locklab::viz::testing {

class ImGuiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1600, 1000);
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    // Arrow keys mapped as a backend would (any free indices will do).
    io.KeyMap[ImGuiKey_LeftArrow] = 10;
    io.KeyMap[ImGuiKey_RightArrow] = 11;
  }
  void TearDown() override {
    if (in_frame_) ImGui::EndFrame();
    ImGui::DestroyContext(ctx_);
  }
  void begin_frame() {
    if (in_frame_) ImGui::EndFrame();
    ImGui::NewFrame();
    in_frame_ = true;
  }
  void end_frame() {
    if (in_frame_) ImGui::EndFrame();
    in_frame_ = false;
  }
  ImGuiIO& io() { return ImGui::GetIO(); }

 private:
  ImGuiContext* ctx_ = nullptr;
  bool in_frame_ = false;
};

}  // namespace locklab::viz::testing
