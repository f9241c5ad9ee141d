// TimeView: the visible window of the one time axis that the buggy and the
// fixed timeline share, in trace nanoseconds (0 = the run began).
//
// The window always lies inside [0, extent] and is never narrower than
// kMinSpanNs, so zooming and panning cannot lose the trace. Both timelines
// draw through the same TimeView, which is what makes them comparable: a
// 20 ms wait is as wide in the buggy run as in the fixed one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace locklab::viz {

class TimeView {
 public:
  static constexpr double kMinSpanNs = 10.0;  // a controlled run in step mode spans a few dozen ns of virtual time

  /// Sets the length of the axis (the longer run's duration). The first call,
  /// or one made while the whole axis was shown, fits the window to it.
  void set_extent(double extent_ns);
  double extent() const noexcept { return extent_; }

  /// Shows the whole axis.
  void fit() noexcept;
  /// Zooms by `factor` (> 1 zooms in) keeping the time `anchor_ns` where it is.
  void zoom(double factor, double anchor_ns) noexcept;
  /// Zooms around the middle of the window.
  void zoom(double factor) noexcept { zoom(factor, begin_ + span() / 2); }
  /// Moves the window by `delta_ns` (positive: later), stopping at the ends.
  void pan(double delta_ns) noexcept;
  /// Shows [begin, end] (clamped to the axis, widened to kMinSpanNs).
  void show(double begin_ns, double end_ns) noexcept;

  double begin() const noexcept { return begin_; }
  double end() const noexcept { return end_; }
  double span() const noexcept { return end_ - begin_; }
  bool fitted() const noexcept { return begin_ <= 0 && end_ >= extent_; }

  /// Screen mapping for an area `width` pixels wide starting at `x0`.
  double ns_per_px(float width) const noexcept { return width > 0 ? span() / width : span(); }
  float x_of(double t_ns, float x0, float width) const noexcept;
  double t_of(float x, float x0, float width) const noexcept;

 private:
  void clamp() noexcept;

  double extent_ = 0;
  double begin_ = 0, end_ = kMinSpanNs;
};

/// One labelled mark of the axis.
struct Tick {
  double t_ns = 0;
  std::string label;  // "12 ms", "1.5 s"
};

/// Marks at a round step (1, 2 or 5 times a power of ten nanoseconds) with at
/// least `min_spacing_px` between them, for the window of `view` drawn
/// `width` pixels wide.
std::vector<Tick> axis_ticks(const TimeView& view, float width, float min_spacing_px);

/// The step axis_ticks would use, in nanoseconds.
double tick_step_ns(double span_ns, float width, float min_spacing_px);

/// A tick's label: duration_text's unit for `t_ns`, with as many decimals
/// as the step between ticks needs, so zoomed-in ticks never all read
/// "2.49 s" ("2.4901 s", "2.4902 s"); trailing zeros dropped.
std::string tick_text(double t_ns, double step_ns);

/// "850 ns", "12.5 µs", "4.2 ms", "1.50 s": a duration on the axis or in a tooltip.
std::string duration_text(double ns);

}  // namespace locklab::viz
