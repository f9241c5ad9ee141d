#include "time_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace locklab::viz {

void TimeView::set_extent(double extent_ns) {
  const bool was_fitted = extent_ <= 0 || fitted();
  extent_ = std::max(extent_ns, kMinSpanNs);
  if (was_fitted) fit();
  else clamp();
}

void TimeView::fit() noexcept {
  begin_ = 0;
  end_ = std::max(extent_, kMinSpanNs);
}

void TimeView::zoom(double factor, double anchor_ns) noexcept {
  if (!(factor > 0) || !std::isfinite(factor)) return;
  anchor_ns = std::clamp(anchor_ns, begin_, end_);
  // The anchor keeps its relative place in the window.
  const double left = (anchor_ns - begin_) / factor;
  const double right = (end_ - anchor_ns) / factor;
  begin_ = anchor_ns - left;
  end_ = anchor_ns + right;
  clamp();
}

void TimeView::pan(double delta_ns) noexcept {
  if (!std::isfinite(delta_ns)) return;
  const double s = span();
  begin_ += delta_ns;
  end_ = begin_ + s;
  clamp();
}

void TimeView::show(double begin_ns, double end_ns) noexcept {
  if (end_ns < begin_ns) std::swap(begin_ns, end_ns);
  begin_ = begin_ns;
  end_ = end_ns;
  clamp();
}

float TimeView::x_of(double t_ns, float x0, float width) const noexcept {
  return x0 + static_cast<float>((t_ns - begin_) / span() * width);
}

double TimeView::t_of(float x, float x0, float width) const noexcept {
  if (width <= 0) return begin_;
  return begin_ + (static_cast<double>(x) - x0) / width * span();
}

void TimeView::clamp() noexcept {
  const double limit = std::max(extent_, kMinSpanNs);
  double s = std::clamp(end_ - begin_, kMinSpanNs, limit);
  const double mid = (begin_ + end_) / 2;
  begin_ = mid - s / 2;
  if (begin_ < 0) begin_ = 0;
  if (begin_ + s > limit) begin_ = limit - s;
  end_ = begin_ + s;
}

double tick_step_ns(double span_ns, float width, float min_spacing_px) {
  if (width <= 0 || span_ns <= 0) return 1;
  const double wanted = span_ns * std::max(min_spacing_px, 1.0f) / width;
  double step = std::pow(10.0, std::floor(std::log10(std::max(wanted, 1.0))));
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    if (step * m >= wanted) return step * m;
  }
  return step * 10;
}

std::vector<Tick> axis_ticks(const TimeView& view, float width, float min_spacing_px) {
  std::vector<Tick> ticks;
  const double step = tick_step_ns(view.span(), width, min_spacing_px);
  const double first = std::ceil(view.begin() / step) * step;
  for (double t = first; t <= view.end() + step * 1e-9 && ticks.size() < 1000; t += step) {
    ticks.push_back({t, tick_text(t, step)});
  }
  return ticks;
}

std::string tick_text(double t_ns, double step_ns) {
  const double a = std::fabs(t_ns);
  if (a == 0) return "0";
  double unit = 1;
  const char* name = "ns";
  if (a >= 60e9) unit = 60e9, name = "min";
  else if (a >= 1e9) unit = 1e9, name = "s";
  else if (a >= 1e6) unit = 1e6, name = "ms";
  else if (a >= 1e3) unit = 1e3, name = "\xC2\xB5s";
  const double step = step_ns > 0 ? step_ns / unit : 1;
  // The step's decimals in that unit: 0.2 s -> 1, 0.0001 s -> 4, 200 ms -> 0.
  const int decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(step) - 1e-9)), 0, 9);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, t_ns / unit);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s + " " + name;
}

std::string duration_text(double ns) {
  char buf[48];
  const double a = std::fabs(ns);
  // Three significant digits, trailing zeros dropped: axis labels stay short.
  auto fmt = [&](double v, const char* unit) {
    std::snprintf(buf, sizeof buf, "%.3g %s", v, unit);
    return std::string(buf);
  };
  if (a == 0) return "0";
  if (a < 1e3) return fmt(ns, "ns");
  if (a < 1e6) return fmt(ns / 1e3, "\xC2\xB5s");
  if (a < 1e9) return fmt(ns / 1e6, "ms");
  if (a < 60e9) return fmt(ns / 1e9, "s");
  return fmt(ns / 60e9, "min");
}

}  // namespace locklab::viz
