// AppUser: a person at the headless VizApp. Everything goes in through
// ImGui's input (the mouse position and buttons, the wheel, keys, typed
// characters), each step over whole frames, so the app sees what a window
// would deliver: a click is a frame with the mouse over the item, a frame
// with the button down, a frame with it up.
//
// Items are found where the app drew them this frame (VizApp::items(),
// ui/item_rects.h), never by calling the app's actions: a row ImGui
// cannot tell from another one fails its click here as it does for a person.
// A row scrolled out of view is first brought in with the mouse wheel.
//
// This ImGui (1.86) takes input as IO fields (MousePos, MouseDown,
// MouseWheel, KeysDown + KeyMap, AddInputCharacter); later versions spell
// them AddMousePosEvent, AddMouseButtonEvent, AddKeyEvent.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <string_view>

#include "imgui.h"
#include "item_rects.h"
#include "viz_app.h"

namespace locklab::viz::testing {

class AppUser {
 public:
  /// `draw` draws one whole frame of `app` (AppTest::draw).
  AppUser(VizApp& app, std::function<void()> draw) : app_(app), draw_(std::move(draw)) {
    app_.items().enable(true);
    ImGuiIO& io = ImGui::GetIO();
    // Keys mapped as a backend maps them; keep a mapping the fixture made.
    for (int k = 0; k < ImGuiKey_COUNT; ++k)
      if (io.KeyMap[k] < 0) io.KeyMap[k] = 100 + k;
    frame();
  }

  /// One frame with nothing new.
  void frame() { draw_(); }

  /// The item named `name` ("bug/recursive-rlock") in the last frame, or nullptr.
  const ItemRect* find(std::string_view name) const { return app_.items().find(name); }

  void move_to(float x, float y) {
    ImGui::GetIO().MousePos = ImVec2(x, y);
    frame();
  }

  /// Moves over `name` (scrolled into view first) and presses and
  /// releases the left button there. False, with a test failure naming
  /// what was there, when the item is not on the screen.
  /// The mouse rests on the item for a frame before the button goes down,
  /// and the click waits until the item is still under it then (a window
  /// just scrolled may settle a few pixels on).
  bool click(std::string_view name) {
    for (int tries = 0; tries < 5; ++tries) {
      const ItemRect* item = bring_into_view(name);
      if (!item) return false;
      const float x = item->visible.x + item->visible.w / 2, y = item->visible.y + item->visible.h / 2;
      move_to(x, y);
      item = find(name);
      if (item && item->visible.contains(x, y)) {
        press_and_release();
        return true;
      }
    }
    ADD_FAILURE() << "'" << name << "' moves away from under the mouse every frame";
    return false;
  }

  void click_at(float x, float y) {
    move_to(x, y);
    press_and_release();
  }

  /// The left button down for a frame, then up, where the mouse is.
  void press_and_release() {
    ImGuiIO& io = ImGui::GetIO();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    // Let the double-click window pass, so the next click is a click.
    io.DeltaTime = 0.5f;
    frame();
    io.DeltaTime = 1.0f / 60.0f;
  }

  /// Turns the wheel by `notches` at the mouse (positive: up, away from the user).
  void wheel(float notches) {
    ImGui::GetIO().MouseWheel = notches;
    frame();
  }

  /// Types `text` as characters, one frame for all of them, then one more.
  void type(std::string_view text) {
    for (const char c : text) ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(c));
    frame();
    frame();
  }

  /// Presses and releases `key` (with Ctrl held when `ctrl`).
  void press(ImGuiKey key, bool ctrl = false) { press_index(ImGui::GetIO().KeyMap[key], ctrl); }

  /// Presses and releases the key at `index` of io.KeysDown (a backend's key
  /// code: GLFW's '=' is 61), with Ctrl held when `ctrl`.
  void press_index(int index, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[index] = true;
    frame();
    io.KeysDown[index] = false;
    frame();
    io.KeyCtrl = false;
    frame();
  }

  /// The item named `name`, wheeled into view in its window if it is
  /// drawn but scrolled out (at most 60 notches); nullptr, with a test
  /// failure, if it is not drawn at all or cannot be brought in.
  const ItemRect* bring_into_view(std::string_view name) {
    for (int notch = 0; notch < 60; ++notch) {
      const ItemRect* item = find(name);
      if (!item) {
        ADD_FAILURE() << "no item '" << name << "' on the screen; there are: " << names();
        return nullptr;
      }
      if (item->visible.h >= item->rect.h - 0.5f && item->visible.w > 0) return item;
      // Wheel over the window's visible part, towards the item.
      const Rect& panel = app_.state().layout.catalogue;
      const bool below = item->rect.y >= item->visible.y;
      const Rect clip = window_clip(*item, panel);
      ImGui::GetIO().MousePos = ImVec2(clip.x + clip.w / 2, clip.y + clip.h / 2);
      wheel(below ? -1.0f : 1.0f);
    }
    ADD_FAILURE() << "'" << name << "' stays out of view after 60 notches of the wheel";
    return nullptr;
  }

  /// Every item's name in the last frame, for failure messages.
  std::string names() const {
    std::string out;
    for (const ItemRect& i : app_.items().all()) out += (out.empty() ? "" : ", ") + i.name;
    return out;
  }

 private:
  // The window an item sits in: the panel of the layout that contains it.
  Rect window_clip(const ItemRect& item, const Rect& fallback) const {
    const Layout& l = app_.state().layout;
    for (const Rect* r : {&l.catalogue, &l.side, &l.middle, &l.source})
      if (item.rect.x >= r->x && item.rect.x < r->right()) {
        if (r == &l.middle && item.rect.y >= l.source.y) return l.source;
        return *r;
      }
    return fallback;
  }

  VizApp& app_;
  std::function<void()> draw_;
};

}  // namespace locklab::viz::testing
