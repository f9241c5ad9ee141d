#include "item_rects.h"

#include <algorithm>

#include "imgui.h"
#include "imgui_internal.h"

namespace locklab::viz {

void ItemRects::note(std::string_view kind, std::string_view id, std::string_view text) {
  if (!enabled_) return;
  ItemRect item;
  item.name.reserve(kind.size() + 1 + id.size());
  item.name.append(kind).append("/").append(id);
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  item.rect = Rect{a.x, a.y, b.x - a.x, b.y - a.y};
  const ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 ca = dl->GetClipRectMin(), cb = dl->GetClipRectMax();
  const float x0 = std::max(a.x, ca.x), y0 = std::max(a.y, ca.y);
  const float x1 = std::min(b.x, cb.x), y1 = std::min(b.y, cb.y);
  item.visible = Rect{x0, y0, std::max(0.0f, x1 - x0), std::max(0.0f, y1 - y0)};
  item.imgui_id = ImGui::GetItemID();
  item.text = text;
  items_.push_back(std::move(item));
}

void ItemRects::add(std::string_view kind, std::string_view id, const Rect& rect, std::string_view text) {
  if (!enabled_) return;
  ItemRect item;
  item.name.append(kind).append("/").append(id);
  item.rect = rect;
  item.visible = rect;
  item.text = text;
  items_.push_back(std::move(item));
}

const ItemRect* ItemRects::find(std::string_view name) const noexcept {
  for (const ItemRect& i : items_)
    if (i.name == name) return &i;
  return nullptr;
}

std::vector<const ItemRect*> ItemRects::of_kind(std::string_view kind) const {
  std::vector<const ItemRect*> out;
  for (const ItemRect& i : items_)
    if (i.name.size() > kind.size() && i.name.compare(0, kind.size(), kind) == 0 && i.name[kind.size()] == '/')
      out.push_back(&i);
  return out;
}

}  // namespace locklab::viz
