// Opening and saving .lltrace files: a path typed into a small modal (no
// native dialog: GLFW has none, and a path is what a workshop hands out).
// Errors (a missing or corrupt file, a directory that does not exist) show
// in a modal of their own; nothing here can take the window down.
#include "imgui.h"
#include "imgui_stdlib.h"
#include "panels.h"
#include "viz_app.h"
#include "widgets.h"

namespace locklab::viz {

void draw_file_dialog(VizApp& app) {
  AppState& s = app.state();
  const char* title = s.file_dialog_save ? "Save trace" : "Open trace";
  if (s.file_dialog_open) {
    ImGui::OpenPopup(title);
    s.file_dialog_open = false;
  }
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 3), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(620, 0));
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (s.file_dialog_save) {
      ImGui::Text("Save the %s run's trace to:", s.file_dialog_slot == 0 ? "buggy" : "fixed");
    } else {
      ImGui::TextUnformatted("Open a .lltrace file (from 'locklab run ... --trace FILE' or Save):");
    }
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    // The last path is offered selected: typing replaces it, an arrow key keeps it to edit.
    const bool enter = ImGui::InputText("##path", &s.file_path,
                                        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    app.items().note("field", "path");
    const bool ok = ImGui::Button(s.file_dialog_save ? "Save" : "Open") || enter;
    app.items().note("button", s.file_dialog_save ? "Save" : "Open");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    app.items().note("button", "Cancel file");
    if (ok && !s.file_path.empty()) {
      if (s.file_dialog_save) {
        const std::string error = app.save_slot(s.file_dialog_slot, s.file_path);
        if (!error.empty()) {
          s.popup_error = error;
          app.message(error, true);
        }
      } else {
        app.open_trace(s.file_path);
      }
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }

  if (!s.popup_error.empty()) ImGui::OpenPopup("Problem");
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 3), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(620, 0));
  if (ImGui::BeginPopupModal("Problem", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    colored_wrapped(kErrorText, s.popup_error);
    const bool ok = ImGui::Button("OK");
    app.items().note("button", "OK");
    if (ok || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      s.popup_error.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace locklab::viz
