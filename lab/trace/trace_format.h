// The .lltrace container's building blocks, shared by the whole-file writer
// and reader (trace_file.cpp), the streaming writer (trace_stream.cpp) and the
// chunk assembler (trace_assembler.cpp). Internal to lab/: the public contract
// is trace_file.h, which describes the layout.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "locklab/core/event.h"

namespace locklab::detail {

inline constexpr char kMagic[8] = {'L', 'L', 'T', 'R', 'A', 'C', 'E', '1'};
inline constexpr std::size_t kFileHeaderBytes = sizeof(kMagic) + 4;  // magic + u32 version
inline constexpr std::size_t kChunkHeaderBytes = 4 + 8 + 4;           // type, length, crc
inline constexpr std::size_t kEventBytes = 32;
inline constexpr std::size_t kEventsPerChunk = 65536;

/// Version 1: META first, then EVENTS in time order, then END.
/// Version 2 (streamed while a run goes): HEAD first, then UPDATE and EVENTS
/// chunks as the run produces them (EVENTS in time order within a chunk, not
/// across chunks), then META and END once the run has finished.
inline constexpr std::uint32_t kWholeFileVersion = 1;
inline constexpr std::uint32_t kStreamVersion = 2;

enum ChunkType : std::uint32_t {
  kMetaChunk = 1,    // JSON: the whole trace but its events (the final summary)
  kEventsChunk = 2,  // raw 32-byte events, at most kEventsPerChunk
  kEndChunk = 3,     // empty: the file is complete
  kHeadChunk = 4,    // JSON: RunInfo, written when a streamed run starts
  kUpdateChunk = 5,  // JSON: names that appeared, a progress sample, the time
};

const char* chunk_name(std::uint32_t type) noexcept;

/// CRC-32 (IEEE 802.3), as zlib and PNG compute it.
std::uint32_t crc32(const unsigned char* data, std::size_t size) noexcept;
inline std::uint32_t crc32(std::string_view bytes) noexcept {
  return crc32(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

// ---- little-endian integers -------------------------------------------------
// Spelled out byte by byte so the file is the same on any host.

template <class T>
void store_le(char* out, T value) {
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    out[i] = static_cast<char>((value >> (8 * i)) & 0xFFu);
  }
}

template <class T>
T load_le(const unsigned char* in) {
  T value = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) value |= static_cast<T>(static_cast<T>(in[i]) << (8 * i));
  return value;
}

// Event layout on disk, matching the struct's field order:
// time u64 @0, site u64 @8, arg u64 @16, object u32 @24, thread u16 @28,
// kind u8 @30, mode u8 @31.
void append_event(std::string& out, const Event& e);
Event decode_event(const unsigned char* b);

// The fast path of the reader copies EVENTS payloads straight into Events.
static_assert(offsetof(Event, time) == 0 && offsetof(Event, site) == 8 && offsetof(Event, arg) == 16 &&
                  offsetof(Event, object) == 24 && offsetof(Event, thread) == 28 && offsetof(Event, kind) == 30 &&
                  offsetof(Event, mode) == 31 && std::is_trivially_copyable_v<Event>,
              "Event's layout must match the file's");

/// The 12-byte file header for `version`.
std::string file_header(std::uint32_t version);

/// Writes one chunk through `sink` (a callable taking std::string_view and
/// returning false on failure).
template <class Sink>
bool write_chunk(Sink& sink, std::uint32_t type, std::string_view payload) {
  char header[kChunkHeaderBytes];
  store_le(header, type);
  store_le(header + 4, static_cast<std::uint64_t>(payload.size()));
  store_le(header + 12, crc32(payload));
  return sink(std::string_view(header, sizeof header)) && sink(payload);
}

}  // namespace locklab::detail
