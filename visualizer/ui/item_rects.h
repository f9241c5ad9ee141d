// ItemRects: where this frame's panels put the items a person clicks or
// reads, each under a name that says what it is: "bug/recursive-rlock",
// "exercise/recursive-rlock", "button/Run both (R)", "tab/Story",
// "field/search", "badge/verdict/0". Tests find a row the way a person
// does, by where it is on the screen, then click there with ImGui's own
// input; so a row ImGui cannot tell from another one (two items under one
// ImGui id) fails its click like it fails a person's.
//
// Off unless enabled (tests turn it on): an item then costs the panels one
// branch. Recorded between VizApp::frame()'s start and the next one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "layout.h"

namespace locklab::viz {

struct ItemRect {
  std::string name;    // "kind/id"
  Rect rect;           // screen pixels, as ImGui laid the item out
  Rect visible;        // the part inside its window's clip rectangle (w or h 0: scrolled out of view)
  std::uint32_t imgui_id = 0;  // ImGui's id of the item (0 for text and badges, which take no input)
  std::string text;    // what it says, when that is not its id (a badge's word, a status)
};

class ItemRects {
 public:
  void enable(bool on) noexcept { enabled_ = on; }
  bool enabled() const noexcept { return enabled_; }
  /// Forgets the last frame's items (VizApp::frame() calls it first).
  void clear() noexcept { items_.clear(); }
  /// Records ImGui's last item as "kind/id". Call right after the item.
  void note(std::string_view kind, std::string_view id, std::string_view text = {});

  /// Records something drawn straight into a draw list (no ImGui item: a
  /// label on the timeline) as "kind/id" at `rect`, all of it visible.
  void add(std::string_view kind, std::string_view id, const Rect& rect, std::string_view text);

  /// The item named `name` this frame, or nullptr.
  const ItemRect* find(std::string_view name) const noexcept;
  /// Every item of one kind ("bug", "exercise", ...), in the order drawn.
  std::vector<const ItemRect*> of_kind(std::string_view kind) const;
  const std::vector<ItemRect>& all() const noexcept { return items_; }

 private:
  bool enabled_ = false;
  std::vector<ItemRect> items_;
};

}  // namespace locklab::viz
