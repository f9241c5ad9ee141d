// A headless VizApp test: the bare ImGui context of imgui_fixture.h, a
// scratch folder for the app's child runs (emptied before and removed after
// each test), and whole frames drawn until the app has nothing running.
#pragma once

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <system_error>
#include <thread>

#include "imgui_fixture.h"
#include "viz_app.h"

namespace locklab::viz::testing {

class AppTest : public ImGuiTest {
 protected:
  /// `scratch_prefix`: the scratch folder's name in the temp directory, before the pid.
  explicit AppTest(std::string scratch_prefix) : scratch_prefix_(std::move(scratch_prefix)) {}

  void SetUp() override {
    ImGuiTest::SetUp();
    dir_ = std::filesystem::temp_directory_path() / (scratch_prefix_ + std::to_string(::getpid()));
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    ImGuiTest::TearDown();
  }
  /// An app that runs the real `locklab` CLI, its child files in dir_.
  AppOptions options() const {
    AppOptions o;
    o.locklab = std::string(LOCKLAB_BINARY_DIR) + "/bin/locklab";
    o.work_dir = dir_.string();
    return o;
  }
  /// One whole frame (ImGui::Render ends it).
  void draw(VizApp& app) {
    begin_frame();
    app.frame();
    ImGui::Render();
  }
  /// Draws frames until the app is idle, at most `seconds`, then one more.
  /// Returns whether the app is idle.
  bool draw_until_idle(VizApp& app, double seconds) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    do {
      draw(app);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } while (app.busy() && std::chrono::steady_clock::now() < until);
    draw(app);
    return !app.busy();
  }

  std::filesystem::path dir_;

 private:
  std::string scratch_prefix_;
};

}  // namespace locklab::viz::testing
