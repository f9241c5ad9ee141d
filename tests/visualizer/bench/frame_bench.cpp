// CPU frame time of the visualizer on a synthetic 10M-event trace: building
// the timelines' draw lists through the level-of-detail path, and the whole
// UI frame (every panel), with a bare ImGui context: no window, no GPU.
// The target is <= 16 ms a frame at any zoom.
//
//   locklab-bench-viz-frame                      10M events, 16 threads
//   LOCKLAB_VIZ_BENCH_EVENTS=200000 locklab-...  smaller (the ctest smoke run)
//
// BM_TimelinesLod and BM_WholeFrameTwoRuns put the same model in both the
// buggy and the fixed slot, so a frame draws 2 x 10M events' worth of lanes:
// the worst case of two big runs compared. BM_WholeFrameOneRun shows one.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <memory>

#include "imgui.h"
#include "loaded_run.h"
#include "synthetic_trace.h"
#include "timeline_draw.h"
#include "viz_app.h"

namespace locklab::viz {
namespace {

std::size_t bench_events() {
  if (const char* env = std::getenv("LOCKLAB_VIZ_BENCH_EVENTS"); env && *env) return std::strtoull(env, nullptr, 10);
  return 10'000'000;
}

// Built once: generating and analysing 10M events takes seconds.
const LoadedRun& big_run() {
  static const LoadedRun run = [] {
    const auto t0 = std::chrono::steady_clock::now();
    LoadedRun r = make_loaded_run(make_synthetic_trace(bench_events(), 16, 42));
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "synthetic trace: %zu events, %zu state intervals, model built in %.1f s\n",
                 r.model->trace().events.size(), r.model->timelines().states.size(), s);
    return r;
  }();
  return run;
}

struct ImGuiScope {
  ImGuiScope() {
    ctx = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1600, 1000);
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
  }
  ~ImGuiScope() { ImGui::DestroyContext(ctx); }
  ImGuiContext* ctx = nullptr;
};

// Zoom 1 shows the whole run; each argument step zooms in 10x more.
void BM_TimelinesLod(benchmark::State& state) {
  const LoadedRun& run = big_run();
  ImGuiScope imgui;
  TimeView view;
  view.set_extent(run.model->duration_ns());
  for (int i = 0; i < state.range(0); ++i) view.zoom(10, run.model->duration_ns() * 0.4);
  const std::size_t lanes = run.model->lanes().size();
  const TimelineLayout t = layout_timelines(Rect{250, 30, 950, 640}, lanes, lanes);
  const float col = column_px_for(2 * lanes, t.runs[0].lanes.w);
  std::vector<Span> scratch;
  std::size_t rects = 0;
  for (auto _ : state) {
    ImGui::NewFrame();
    ImDrawList& dl = *ImGui::GetBackgroundDrawList();
    rects = 0;
    for (const RunBlockLayout& b : t.runs) {
      rects += draw_lanes(dl, *run.model, b, view, col, scratch).rects;
      rects += draw_throughput(dl, *run.model, b.chart, view, peak_rate(*run.model)).rects;
    }
    draw_axis(dl, t.axis, view, t.axis.bottom(), t.runs[1].chart.bottom());
    ImGui::Render();
    benchmark::DoNotOptimize(ImGui::GetDrawData());
  }
  state.counters["rects"] = static_cast<double>(rects);
  state.counters["events"] = static_cast<double>(run.model->trace().events.size());
  state.counters["zoom"] = std::pow(10.0, static_cast<double>(state.range(0)));
}
BENCHMARK(BM_TimelinesLod)->DenseRange(0, 5)->Unit(benchmark::kMillisecond);

// The whole UI: catalogue, both timelines, analyses, sources, status line.
// Argument: zoom steps (10x each); `both` fills both slots with the trace.
void whole_frame(benchmark::State& state, bool both) {
  const LoadedRun& run = big_run();
  ImGuiScope imgui;
  VizApp app;
  app.show_run(run, 0);
  if (both) app.show_run(run, 1);
  for (int i = 0; i < state.range(0); ++i) app.state().view.zoom(10, run.model->duration_ns() * 0.4);
  ImGui::GetIO().MousePos = ImVec2(700, 200);  // over a lane: the tooltip is part of the frame
  for (auto _ : state) {
    ImGui::NewFrame();
    app.frame();
    ImGui::Render();
    benchmark::DoNotOptimize(ImGui::GetDrawData());
  }
  state.counters["rects"] = static_cast<double>(app.state().frame_rects);
  state.counters["vertices"] = static_cast<double>(ImGui::GetDrawData()->TotalVtxCount);
}
void BM_WholeFrameOneRun(benchmark::State& state) { whole_frame(state, false); }
void BM_WholeFrameTwoRuns(benchmark::State& state) { whole_frame(state, true); }
BENCHMARK(BM_WholeFrameOneRun)->Arg(0)->Arg(2)->Arg(4)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WholeFrameTwoRuns)->Arg(0)->Arg(2)->Arg(4)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace locklab::viz
