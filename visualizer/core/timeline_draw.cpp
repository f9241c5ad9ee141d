#include "timeline_draw.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include "symptom_frame.h"

namespace locklab::viz {

namespace {

// Diagonal lines every kHatchStep pixels across [x0, x1] x [y0, y1].
std::size_t hatch(ImDrawList& dl, float x0, float x1, float y0, float y1) {
  constexpr float kHatchStep = 10;
  const ImU32 c = IM_COL32(255, 255, 255, 48);
  const float h = y1 - y0;
  dl.PushClipRect(ImVec2(x0, y0), ImVec2(x1, y1), true);
  std::size_t n = 0;
  for (float x = x0 - h; x < x1; x += kHatchStep, ++n) dl.AddLine(ImVec2(x, y1), ImVec2(x + h, y0), c);
  dl.PopClipRect();
  return n;
}

}  // namespace

float column_px_for(std::size_t lanes, float width, std::size_t max_rects) {
  if (lanes == 0 || width <= 0 || max_rects == 0) return 1.0f;
  const double tracks = 2.0 * static_cast<double>(lanes);
  // columns + 2 rectangles per track must fit: solve for the column count.
  const double columns = static_cast<double>(max_rects) / tracks - 2.0;
  if (columns < 1) return width;
  return std::max(1.0f, static_cast<float>(std::ceil(static_cast<double>(width) / columns)));
}

DrawStats draw_lanes(ImDrawList& dl, const RunModel& run, const RunBlockLayout& layout, const TimeView& view,
                     float column_px, std::vector<Span>& scratch) {
  DrawStats stats;
  const Rect& area = layout.lanes;
  if (area.w <= 0) return stats;
  SpanWindow w;
  w.t0_ns = view.begin();
  w.ns_per_px = view.ns_per_px(area.w);
  w.x0 = area.x;
  w.width = area.w;
  w.column_px = column_px;
  // A lock wait among millions of running slices must still show: it wins a
  // column at an eighth of its time. Same for a contended hold.
  const Emphasis state_emphasis{static_cast<std::uint8_t>(LaneState::kWaitLock), 0.125};
  const Emphasis hold_emphasis{static_cast<std::uint8_t>(HoldState::kContended), 0.125};

  const auto& lanes = run.lanes();
  for (std::size_t i = 0; i < lanes.size() && i < layout.lane.size(); ++i) {
    const Lane& lane = lanes[i];
    const Rect& r = layout.lane[i];
    scratch.clear();
    lane.states.spans(w, state_emphasis, scratch);
    for (const Span& s : scratch) {
      dl.AddRectFilled(ImVec2(s.x0, r.y), ImVec2(s.x1, r.bottom()), color_of(static_cast<LaneState>(s.category)));
      // Where events were dropped the state is unknown: hatched, so it is not
      // mistaken for a thread doing nothing. Only spans at least a few
      // pixels wide, so the lines stay few.
      if (s.category == static_cast<std::uint8_t>(LaneState::kUnknown) && s.x1 - s.x0 >= 6 && r.h >= 6) {
        stats.rects += hatch(dl, s.x0, s.x1, r.y, r.bottom());
      }
    }
    stats.rects += scratch.size();
    if (r.h >= 6) {
      // The holding strip: the top third of the lane, over the state.
      const float strip = std::max(2.0f, std::floor(r.h * 0.3f));
      scratch.clear();
      lane.holds.spans(w, hold_emphasis, scratch);
      for (const Span& s : scratch) {
        dl.AddRectFilled(ImVec2(s.x0, r.y), ImVec2(s.x1, r.y + strip), color_of(static_cast<HoldState>(s.category)));
      }
      stats.rects += scratch.size();
    }
  }

  // Where a failing run stopped (deadlock, no progress, panic): a red line
  // through its lanes, so the moment is visible at any zoom. Its words are
  // draw_symptom_words', over the lanes and the chart.
  const Verdict& v = run.trace().verdict;
  if (is_failure(v.kind) && v.at_ns > 0) {
    const float x = view.x_of(static_cast<double>(v.at_ns), area.x, area.w);
    if (x >= area.x && x <= area.right()) {
      dl.AddLine(ImVec2(x, area.y - 2), ImVec2(x, area.bottom() + 2), IM_COL32(255, 60, 60, 255), 2.0f);
      stats.rects += 1;
    }
  }
  return stats;
}

SymptomLabel draw_symptom_words(ImDrawList& dl, const RunModel& run, const RunBlockLayout& layout,
                                const TimeView& view) {
  SymptomLabel out;
  const Verdict& v = run.trace().verdict;
  const Rect& area = layout.lanes;
  if (!is_failure(v.kind) || v.at_ns == 0 || area.w <= 0) return out;
  const float x = view.x_of(static_cast<double>(v.at_ns), area.x, area.w);
  if (x < area.x || x > area.right()) return out;
  out.heading = symptom_heading(v);
  // Right of the line when ten font heights fit there (after the run
  // stopped its lanes are empty), else left of it; wrapped to that side's
  // room, at most 30 font heights wide, wider (up to the room) when the
  // block is too short for it; words that still do not fit end in "..."
  // (the Verdict tab has them all).
  const std::string words = symptom_words(v);
  ImFont* font = ImGui::GetFont();
  const float fs = ImGui::GetFontSize();
  const float pad = 4;
  const float bottom = std::max(layout.chart.bottom(), area.bottom());
  const float room_right = area.right() - x - 8 - 2 * pad;
  const float room_left = x - area.x - 8 - 2 * pad;
  const bool right_side = room_right >= fs * 10 || room_right >= room_left;
  const float room = std::max(right_side ? room_right : room_left, fs * 10);
  const ImVec2 hs = font->CalcTextSizeA(fs, FLT_MAX, 0, out.heading.c_str());
  const float words_h = bottom - area.y - 2 - hs.y - 2 - 2 * pad;  // what the block leaves for the words
  float wrap = std::min(room, fs * 30);
  auto size_of = [&](const std::string& t, float wr) { return font->CalcTextSizeA(fs, FLT_MAX, wr, t.c_str()); };
  ImVec2 ws(0, 0);
  if (!words.empty() && words_h >= fs) {
    out.words = words;
    ws = size_of(words, wrap);
    if (ws.y > words_h && room > wrap) {
      wrap = room;
      ws = size_of(words, wrap);
    }
    if (ws.y > words_h) {
      // The longest start of the words that fits, cut at a space.
      std::size_t lo = 0, hi = words.size();
      while (lo + 1 < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (size_of(words.substr(0, mid) + "...", wrap).y <= words_h) lo = mid;
        else hi = mid;
      }
      const std::size_t space = words.find_last_of(" \n", lo);
      out.words = words.substr(0, space == std::string::npos || space == 0 ? lo : space) + "...";
      ws = size_of(out.words, wrap);
    }
  }
  const float w = std::max(hs.x, ws.x) + 2 * pad;
  const float h = hs.y + (ws.y > 0 ? ws.y + 2 : 0) + 2 * pad;
  float lx = right_side ? x + 6 : x - 6 - w;
  lx = std::clamp(lx, area.x, std::max(area.x, area.right() - w));
  const float ly = std::clamp(area.y + 2, area.y, std::max(area.y, bottom - h));
  dl.PushClipRect(ImVec2(area.x, area.y), ImVec2(area.right(), bottom), true);
  dl.AddRectFilled(ImVec2(lx, ly), ImVec2(lx + w, ly + h), IM_COL32(20, 10, 12, 255), 3.0f);
  dl.AddRect(ImVec2(lx, ly), ImVec2(lx + w, ly + h), IM_COL32(255, 60, 60, 160), 3.0f);
  dl.AddText(font, fs, ImVec2(lx + pad, ly + pad), IM_COL32(255, 120, 110, 255), out.heading.c_str());
  if (!out.words.empty())
    dl.AddText(font, fs, ImVec2(lx + pad, ly + pad + hs.y + 2), IM_COL32(235, 225, 225, 255), out.words.c_str(),
               nullptr, wrap);
  dl.PopClipRect();
  out.rect = Rect{lx, ly, w, h};
  out.drawn = true;
  return out;
}

double peak_rate(const RunModel& run) {
  double peak = 0;
  for (double v : run.throughput().items_per_sec) peak = std::max(peak, v);
  return peak;
}

DrawStats draw_throughput(ImDrawList& dl, const RunModel& run, const Rect& chart, const TimeView& view,
                          double y_max) {
  DrawStats stats;
  dl.AddRectFilled(ImVec2(chart.x, chart.y), ImVec2(chart.right(), chart.bottom()), IM_COL32(24, 27, 33, 255));
  const Throughput& tp = run.throughput();
  if (tp.t_ns.empty() || chart.w <= 0 || !(y_max > 0)) return stats;
  const double bucket = static_cast<double>(tp.bucket_ns);
  const int columns = static_cast<int>(chart.w);
  // Per pixel column, the mean rate of the buckets that end inside it; a
  // bucket wider than a column fills every column it covers.
  const double ns_per_px = view.ns_per_px(chart.w);
  std::vector<double> sum(static_cast<std::size_t>(columns), 0.0);
  std::vector<int> count(static_cast<std::size_t>(columns), 0);
  const auto first = std::lower_bound(tp.t_ns.begin(), tp.t_ns.end(), view.begin());
  for (auto it = first; it != tp.t_ns.end(); ++it) {
    const std::size_t k = static_cast<std::size_t>(it - tp.t_ns.begin());
    const double b0 = *it - bucket, b1 = *it;
    if (b0 > view.end()) break;
    int c0 = static_cast<int>(std::floor((b0 - view.begin()) / ns_per_px));
    int c1 = static_cast<int>(std::floor((b1 - view.begin()) / ns_per_px));
    c0 = std::clamp(c0, 0, columns - 1);
    c1 = std::clamp(c1, 0, columns - 1);
    for (int c = c0; c <= c1; ++c) {
      sum[static_cast<std::size_t>(c)] += tp.items_per_sec[k];
      count[static_cast<std::size_t>(c)] += 1;
    }
  }
  const ImU32 fill = IM_COL32(90, 160, 255, 200);
  // Neighbouring columns of equal height merge into one rectangle.
  float run_x0 = 0, run_h = -1;
  auto flush = [&](float x_end) {
    if (run_h > 0) {
      dl.AddRectFilled(ImVec2(run_x0, chart.bottom() - run_h), ImVec2(x_end, chart.bottom()), fill);
      ++stats.rects;
    }
  };
  for (int c = 0; c < columns; ++c) {
    const std::size_t cu = static_cast<std::size_t>(c);
    float h = -1;
    if (count[cu] > 0) {
      const double mean = sum[cu] / count[cu];
      h = static_cast<float>(std::clamp(mean / y_max, 0.0, 1.0)) * (chart.h - 2);
      h = std::round(h);
    }
    if (h != run_h) {
      flush(chart.x + static_cast<float>(c));
      run_x0 = chart.x + static_cast<float>(c);
      run_h = h;
    }
  }
  flush(chart.right());
  return stats;
}

void draw_axis(ImDrawList& dl, const Rect& axis, const TimeView& view, float grid_top, float grid_bottom) {
  const ImU32 text = IM_COL32(200, 204, 212, 255);
  const ImU32 grid = IM_COL32(255, 255, 255, 22);
  for (const Tick& t : axis_ticks(view, axis.w, 90.0f)) {
    const float x = std::round(view.x_of(t.t_ns, axis.x, axis.w));
    dl.AddLine(ImVec2(x, axis.bottom() - 5), ImVec2(x, axis.bottom()), text);
    dl.AddLine(ImVec2(x, grid_top), ImVec2(x, grid_bottom), grid);
    dl.AddText(ImVec2(x + 3, axis.y + 2), text, t.label.c_str());
  }
  dl.AddLine(ImVec2(axis.x, axis.bottom()), ImVec2(axis.right(), axis.bottom()), IM_COL32(255, 255, 255, 60));
}

}  // namespace locklab::viz
