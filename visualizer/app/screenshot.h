// Screenshots: the window's framebuffer as a PNG (glReadPixels of the back
// buffer after rendering, before the swap; stb_image_write). Works under
// Xvfb with Mesa's llvmpipe, which is how the tests look at the app.
#pragma once

#include <string>

namespace locklab::viz {

/// Writes the current back buffer (`width` x `height` pixels) to `path`.
/// Returns an error message, empty on success.
std::string write_screenshot(const std::string& path, int width, int height);

}  // namespace locklab::viz
