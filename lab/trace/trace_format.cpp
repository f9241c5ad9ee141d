// The .lltrace building blocks: chunk names, CRC-32, event encoding.
#include "trace_format.h"

#include <array>

namespace locklab::detail {

const char* chunk_name(std::uint32_t type) noexcept {
  switch (type) {
    case kMetaChunk: return "META";
    case kEventsChunk: return "EVENTS";
    case kEndChunk: return "END";
    case kHeadChunk: return "HEAD";
    case kUpdateChunk: return "UPDATE";
    default: return "unknown";
  }
}

namespace {

// Slicing-by-8: eight tables let the loop take 8 bytes a step instead of
// one (a 10M-event trace is 320 MB of payload to check).
constexpr std::array<std::array<std::uint32_t, 256>, 8> make_crc_tables() {
  std::array<std::array<std::uint32_t, 256>, 8> t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    t[0][i] = c;
  }
  for (std::uint32_t i = 0; i < 256; ++i)
    for (std::size_t k = 1; k < 8; ++k) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFFu];
  return t;
}
constexpr auto kCrcTables = make_crc_tables();

}  // namespace

std::uint32_t crc32(const unsigned char* data, std::size_t size) noexcept {
  const auto& t = kCrcTables;
  std::uint32_t c = 0xFFFFFFFFu;
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    const std::uint32_t lo = c ^ (std::uint32_t{data[i]} | std::uint32_t{data[i + 1]} << 8 |
                                  std::uint32_t{data[i + 2]} << 16 | std::uint32_t{data[i + 3]} << 24);
    c = t[7][lo & 0xFFu] ^ t[6][(lo >> 8) & 0xFFu] ^ t[5][(lo >> 16) & 0xFFu] ^ t[4][lo >> 24] ^
        t[3][data[i + 4]] ^ t[2][data[i + 5]] ^ t[1][data[i + 6]] ^ t[0][data[i + 7]];
  }
  for (; i < size; ++i) c = t[0][(c ^ data[i]) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void append_event(std::string& out, const Event& e) {
  char b[kEventBytes];
  store_le(b, e.time);
  store_le(b + 8, e.site);
  store_le(b + 16, e.arg);
  store_le(b + 24, e.object);
  store_le(b + 28, e.thread);
  b[30] = static_cast<char>(e.kind);
  b[31] = static_cast<char>(e.mode);
  out.append(b, kEventBytes);
}

Event decode_event(const unsigned char* b) {
  Event e;
  e.time = load_le<std::uint64_t>(b);
  e.site = load_le<std::uint64_t>(b + 8);
  e.arg = load_le<std::uint64_t>(b + 16);
  e.object = load_le<std::uint32_t>(b + 24);
  e.thread = load_le<std::uint16_t>(b + 28);
  e.kind = static_cast<EventKind>(b[30]);
  e.mode = static_cast<LockMode>(b[31]);
  return e;
}

std::string file_header(std::uint32_t version) {
  char header[kFileHeaderBytes];
  std::memcpy(header, kMagic, sizeof kMagic);
  store_le(header + sizeof kMagic, version);
  return std::string(header, sizeof header);
}

}  // namespace locklab::detail
