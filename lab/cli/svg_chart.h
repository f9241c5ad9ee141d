// Horizontal bar charts as inline SVG, for the HTML report: one group of
// bars per thread count, one bar per variant (series), each with a whisker
// from the smallest to the largest repetition and its value written at the
// end. The axis is logarithmic, with a gridline at every power of ten:
// buggy and fixed runs differ by factors of 10 to 10,000, which on a linear
// axis would leave the smaller bar invisible.
//
// The SVG is self-contained (no scripts, no external fonts or styles) and
// uses each series' colour exactly as given for its bars, so a screenshot
// can be checked by counting pixels of that colour.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace locklab::cli {

struct BarValue {
  double value = 0;          // the bar (the median); <= 0 draws no bar
  double low = 0, high = 0;  // the whisker; none when high <= low
  std::string text;          // written after the bar ("1.92k/s")
  std::string tooltip;       // shown on hover
};

struct BarSeries {
  std::string name;    // "buggy", "fixed-atomic"
  std::string colour;  // "#d62728"
};

struct BarGroup {
  std::string label;                          // "4 threads"
  std::vector<std::optional<BarValue>> bars;  // one per series; empty: not measured
};

struct BarChart {
  std::string title;     // "Throughput (items/s)"
  std::string subtitle;  // "higher is better; log scale"
  std::vector<BarSeries> series;
  std::vector<BarGroup> groups;
  std::function<std::string(double)> tick_text;  // axis labels at powers of ten
  int width = 520;
  std::string css_class = "chart";  // the <svg> element's class
};

std::string bar_chart_svg(const BarChart& chart);

}  // namespace locklab::cli
