#include "screenshot.h"

#include <GL/gl.h>

#include <cstring>
#include <vector>

#include "stb_image_write.h"

namespace locklab::viz {

std::string write_screenshot(const std::string& path, int width, int height) {
  if (width <= 0 || height <= 0) return "the window has no pixels";
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  std::vector<unsigned char> pixels(row * static_cast<std::size_t>(height));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  if (glGetError() != GL_NO_ERROR) return "glReadPixels failed";
  // OpenGL's rows run bottom-up; a PNG's top-down.
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; ++y)
    std::memcpy(&flipped[static_cast<std::size_t>(y) * row], &pixels[static_cast<std::size_t>(height - 1 - y) * row], row);
  // Opaque: the framebuffer's alpha is not meant to be seen.
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  if (!stbi_write_png(path.c_str(), width, height, 4, flipped.data(), static_cast<int>(row)))
    return "cannot write '" + path + "'";
  return {};
}

}  // namespace locklab::viz
