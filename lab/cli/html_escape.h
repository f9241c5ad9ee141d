// Text placed in HTML or SVG: the five characters with a meaning there
// become entities, so names, sites and explanations show as written.
#pragma once

#include <string>
#include <string_view>

namespace locklab::cli {

inline std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace locklab::cli
