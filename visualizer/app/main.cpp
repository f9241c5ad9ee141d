// locklab-viz: the window. GLFW opens it, ImGui's GLFW and OpenGL 3 backends
// feed and draw it, and VizApp (ui/) does everything else. With --screenshot
// it renders without a person and writes a PNG (see options.h).
#include <GLFW/glfw3.h>

#include <cfloat>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <fstream>
#include <iostream>
#include <sstream>

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "fonts.h"
#include "layout.h"
#include "locklab/sched/schedule.h"
#include "options.h"
#include "screenshot.h"
#include "theme.h"
#include "viz_app.h"

using namespace locklab::viz;

namespace {

// GLFW's errors: kept while the window opens (the one-line message below
// says why it could not), printed once it is open.
std::string g_glfw_error;
bool g_window_open = false;
void glfw_error(int code, const char* text) {
  g_glfw_error = text ? text : "unknown error";
  if (g_window_open) std::fprintf(stderr, "locklab-viz: GLFW error %d: %s\n", code, g_glfw_error.c_str());
}

constexpr const char* kNoWindowHint =
    "run it on a desktop, under xvfb-run for --screenshot, or use the headless 'locklab tour'";

bool set(const char* env) {
  const char* v = std::getenv(env);
  return v && *v;
}

// --step: opens the step view and takes the steps; a bad step is an error
// message (printed with --screenshot), the steps before it stay taken.
void apply_step_options(const VizOptions& o, VizApp& app) {
  app.start_step(o.step_variant, o.goal);
  if (!app.step_ui().active()) return;
  std::istringstream words(*o.step);
  for (std::string w; words >> w;) {
    if (w == "u" || w == "undo") {
      app.step_do([](locklab::sched::StepSession& s) { s.undo(); });
    } else {
      std::uint16_t id = 0;
      try {
        id = static_cast<std::uint16_t>(std::stoul(w));
      } catch (const std::exception&) {
        app.message("--step: '" + w + "' is not a thread number or u", true);
        return;
      }
      app.step_do([id](locklab::sched::StepSession& s) { s.step(id); });
    }
    if (!app.step_ui().error.empty()) {
      app.message("--step: " + app.step_ui().error, true);
      return;
    }
  }
}

// Applies the command line's bug, settings and files to a fresh app.
void apply_options(const VizOptions& o, VizApp& app) {
  AppState& s = app.state();
  if (!o.bug.empty()) app.select_bug(o.bug);
  if (o.threads) s.controls.threads = *o.threads;
  if (o.duration_ms) s.controls.duration_ms = *o.duration_ms;
  for (const auto& [name, value] : o.params) {
    try {
      s.controls.params[name] = std::stod(value);
    } catch (const std::exception&) {
      app.message("--param " + name + ": '" + value + "' is not a number", true);
    }
  }
  s.controls.fix_on = o.fix_on;
  for (const std::string& t : o.traces) app.open_trace(t);
  if (!o.exercise.empty()) {
    app.choose_exercise(o.exercise);
  } else if (!o.schedule.empty()) {
    try {
      app.start_step_schedule(locklab::sched::load_schedule(o.schedule), o.step_variant);
    } catch (const std::exception& e) {
      app.message("--schedule: " + std::string(e.what()), true);
    }
  } else if (o.step) {
    apply_step_options(o, app);
  } else if (!o.screenshot.empty() && !o.bug.empty() && o.traces.empty()) {
    app.run_both();
  }
  s.show_help = o.help_overlay;
}

void apply_late_options(const VizOptions& o, VizApp& app) {
  AppState& s = app.state();
  if (o.view_ms) s.view.show(o.view_ms->first * 1e6, o.view_ms->second * 1e6);
  if (!o.tab.empty()) {
    s.side_tab = o.tab == "story" ? SideTab::kStory : o.tab == "dump" ? SideTab::kDump : SideTab::kContention;
    s.side_tab_pending = true;
  }
}

}  // namespace

int main(int argc, char** argv) {
  VizOptions opts;
  if (const auto code = parse_options(argc, argv, opts)) return *code;
  const bool headless = !opts.screenshot.empty();

  if (!set("DISPLAY") && !set("WAYLAND_DISPLAY")) {
    std::fprintf(stderr, "locklab-viz: no display (DISPLAY is not set): %s\n", kNoWindowHint);
    return 2;
  }
  glfwSetErrorCallback(glfw_error);
  if (!glfwInit()) {
    std::fprintf(stderr, "locklab-viz: cannot open a window (%s): %s\n", g_glfw_error.c_str(), kNoWindowHint);
    return 2;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_RESIZABLE, headless ? GLFW_FALSE : GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(opts.width, opts.height, "locklab-viz", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "locklab-viz: cannot create an OpenGL 3.0 window (%s)\n", g_glfw_error.c_str());
    glfwTerminate();
    return 2;
  }
  g_window_open = true;
  glfwMakeContextCurrent(window);
  glfwSwapInterval(headless ? 0 : 1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is computed, not remembered
  apply_theme(ImGui::GetStyle());
  // The fonts are rasterized at the starting scale (crisp); Ctrl + = / -
  // scale them from there.
  const Fonts fonts = load_fonts(opts.ui_scale);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  int exit_code = 0;
  {
    AppOptions app_opts;
    app_opts.locklab = opts.locklab;
    app_opts.build_dir = opts.build_dir;
    VizApp app(app_opts);
    app.set_fonts(fonts, opts.ui_scale);
    app.state().ui_scale = app.state().ui_scale_start = opts.ui_scale;
    apply_options(opts, app);

    const auto started = std::chrono::steady_clock::now();
    int idle_frames = 0;
    bool late_applied = false;
    while (!glfwWindowShouldClose(window)) {
      // Idle and interactive: sleep until input (or a slow tick for clocks);
      // busy or headless: keep drawing so progress moves.
      if (headless || app.busy()) glfwPollEvents();
      else glfwWaitEventsTimeout(0.25);

      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      // Headless, the pointer is where --mouse puts it, or nowhere (no
      // stray tooltip from wherever the virtual screen's pointer sits).
      if (headless) io.MousePos = opts.mouse ? ImVec2(opts.mouse->first, opts.mouse->second) : ImVec2(-FLT_MAX, -FLT_MAX);
      ImGui::NewFrame();
      app.frame();
      ImGui::Render();
      int fb_w = 0, fb_h = 0;
      glfwGetFramebufferSize(window, &fb_w, &fb_h);
      glViewport(0, 0, fb_w, fb_h);
      glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

      if (headless) {
        const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (app.busy()) {
          idle_frames = 0;
          if (waited > opts.timeout_s) {
            std::fprintf(stderr, "locklab-viz: runs or loads still going after %.0f s (--timeout)\n", waited);
            exit_code = 1;
            break;
          }
        } else {
          if (!late_applied) {
            apply_late_options(opts, app);
            late_applied = true;
          }
          if (++idle_frames > opts.frames) {
            const std::string error = write_screenshot(opts.screenshot, fb_w, fb_h);
            if (!error.empty()) {
              std::fprintf(stderr, "locklab-viz: %s\n", error.c_str());
              exit_code = 1;
            } else {
              std::printf("locklab-viz: wrote %s (%dx%d)\n", opts.screenshot.c_str(), fb_w, fb_h);
            }
            if (!opts.panels.empty()) {
              std::ofstream(opts.panels) << panels_json(app.state().layout, app.state().timelines, io.DisplaySize.x,
                                                        io.DisplaySize.y);
            }
            for (const Message& m : app.state().messages)
              if (m.error) std::fprintf(stderr, "locklab-viz: %s\n", m.text.c_str());
            break;
          }
        }
      }
      glfwSwapBuffers(window);
    }
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}
