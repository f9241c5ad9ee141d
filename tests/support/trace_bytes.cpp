#include "trace_bytes.h"

namespace locklab::testing {

std::uint32_t test_crc32(std::string_view s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int i = 0; i < 8; ++i) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

std::string make_chunk(std::uint32_t type, std::string_view payload) {
  std::string out;
  put_le<std::uint32_t>(out, type);
  put_le<std::uint64_t>(out, payload.size());
  put_le<std::uint32_t>(out, test_crc32(payload));
  out.append(payload);
  return out;
}

}  // namespace locklab::testing
