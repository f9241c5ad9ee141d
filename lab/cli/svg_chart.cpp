#include "svg_chart.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "html_escape.h"

namespace locklab::cli {
namespace {

// Geometry, in pixels.
constexpr double kPad = 12;
constexpr double kLabelWidth = 128;  // variant names left of the bars
constexpr double kValueWidth = 78;   // value text right of the bars
constexpr double kHeader = 50;       // title and subtitle
constexpr double kGroupRow = 20;     // a group's label
constexpr double kBarRow = 22;       // one bar
constexpr double kBarHeight = 14;
constexpr double kAxisRow = 24;
constexpr double kLegendRow = 22;
constexpr const char* kGrid = "#d0d4da";
constexpr const char* kInk = "#1f2933";
constexpr const char* kMuted = "#616e7c";

// The decades the axis spans: [lo, hi] as powers of ten, hi > lo.
struct LogAxis {
  int lo = 0, hi = 1;
  double x0 = 0, x1 = 1;
  double x(double v) const {
    const double t = (std::log10(std::max(v, std::pow(10.0, lo))) - lo) / (hi - lo);
    return x0 + std::clamp(t, 0.0, 1.0) * (x1 - x0);
  }
};

std::optional<LogAxis> make_axis(const BarChart& chart, double x0, double x1) {
  double lo = INFINITY, hi = 0;
  for (const BarGroup& g : chart.groups)
    for (const auto& b : g.bars) {
      if (!b) continue;
      for (const double v : {b->value, b->low, b->high})
        if (v > 0 && std::isfinite(v)) {
          lo = std::min(lo, v);
          hi = std::max(hi, v);
        }
    }
  if (hi <= 0) return std::nullopt;
  LogAxis axis;
  axis.lo = static_cast<int>(std::floor(std::log10(lo)));
  axis.hi = static_cast<int>(std::ceil(std::log10(hi)));
  // A value just above a power of ten would get a bar of a few pixels (bars
  // start at the axis' left end): give the smallest a third of a decade.
  if (std::log10(lo) - axis.lo < 0.33) --axis.lo;
  if (axis.hi <= axis.lo) axis.hi = axis.lo + 1;
  axis.x0 = x0;
  axis.x1 = x1;
  return axis;
}

std::string text_at(double x, double y, const std::string& text, const std::string& attrs) {
  return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" {}>{}</text>\n", x, y, attrs, html_escape(text));
}

}  // namespace

std::string bar_chart_svg(const BarChart& chart) {
  const double width = chart.width;
  const double x0 = kLabelWidth, x1 = width - kValueWidth;
  double rows = 0;
  for (const BarGroup& g : chart.groups) rows += kGroupRow + kBarRow * static_cast<double>(g.bars.size());
  const double plot_top = kHeader, plot_bottom = plot_top + rows;
  const double height = plot_bottom + kAxisRow + kLegendRow + kPad / 2;
  const std::optional<LogAxis> axis = make_axis(chart, x0, x1);

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{}\" width=\"{:.0f}\" height=\"{:.0f}\" "
      "viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"12\">\n",
      html_escape(chart.css_class), width, height, width, height, html_escape(chart.title));
  svg += text_at(kPad, 20, chart.title, fmt::format("font-size=\"14\" font-weight=\"bold\" fill=\"{}\"", kInk));
  svg += text_at(kPad, 38, chart.subtitle, fmt::format("fill=\"{}\"", kMuted));

  // Gridlines and their labels, one per power of ten.
  if (axis) {
    for (int d = axis->lo; d <= axis->hi; ++d) {
      const double x = axis->x(std::pow(10.0, d));
      svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\"/>\n", x, plot_top,
                         x, plot_bottom + 4, kGrid);
      const std::string label = chart.tick_text ? chart.tick_text(std::pow(10.0, d)) : fmt::format("1e{}", d);
      svg += text_at(x, plot_bottom + 17, label, fmt::format("text-anchor=\"middle\" fill=\"{}\"", kMuted));
    }
  } else {
    svg += text_at(x0, plot_top + 16, "nothing measured", fmt::format("fill=\"{}\"", kMuted));
  }

  double y = plot_top;
  for (const BarGroup& g : chart.groups) {
    svg += text_at(kPad, y + 14, g.label, fmt::format("font-weight=\"bold\" fill=\"{}\"", kInk));
    y += kGroupRow;
    for (std::size_t s = 0; s < g.bars.size() && s < chart.series.size(); ++s, y += kBarRow) {
      const BarSeries& series = chart.series[s];
      const double mid = y + kBarRow / 2;
      svg += text_at(x0 - 8, mid + 4, series.name, fmt::format("text-anchor=\"end\" fill=\"{}\"", kInk));
      const auto& bar = g.bars[s];
      if (!bar || !axis || !(bar->value > 0)) {
        svg += text_at(x0 + 4, mid + 4, bar ? bar->text : "not run", fmt::format("fill=\"{}\"", kMuted));
        continue;
      }
      const double end = std::max(axis->x(bar->value), x0 + 2);
      svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.0f}\" fill=\"{}\">", x0,
                         mid - kBarHeight / 2, end - x0, kBarHeight, html_escape(series.colour));
      svg += "<title>" + html_escape(bar->tooltip.empty() ? bar->text : bar->tooltip) + "</title></rect>\n";
      if (bar->high > bar->low && bar->low > 0) {
        const double a = axis->x(bar->low), b = axis->x(bar->high);
        svg += fmt::format(
            "<path d=\"M{0:.1f} {2:.1f}V{3:.1f}M{0:.1f} {4:.1f}H{1:.1f}M{1:.1f} {2:.1f}V{3:.1f}\" stroke=\"{5}\" "
            "stroke-width=\"1.5\" fill=\"none\"/>\n",
            a, b, mid - 4, mid + 4, mid, kInk);
      }
      svg += text_at(std::max(end, bar->high > bar->low ? axis->x(bar->high) : end) + 5, mid + 4, bar->text,
                     fmt::format("fill=\"{}\"", kInk));
    }
  }
  svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\"/>\n", x0, plot_top,
                     x0, plot_bottom, kMuted);

  // Legend: a swatch and the name of each series.
  double lx = kPad;
  const double ly = plot_bottom + kAxisRow + 4;
  for (const BarSeries& s : chart.series) {
    svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"12\" fill=\"{}\"/>\n", lx, ly,
                       html_escape(s.colour));
    svg += text_at(lx + 17, ly + 10, s.name, fmt::format("fill=\"{}\"", kInk));
    lx += 17 + 7.5 * static_cast<double>(s.name.size()) + 18;
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace locklab::cli
