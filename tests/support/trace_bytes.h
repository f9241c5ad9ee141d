// Byte-level helpers for tests that forge or pick apart .lltrace files by
// hand, independently of lab/src's reader and writer (so a bug shared by
// both cannot hide): a bitwise crc32, little-endian puts and gets, and a
// chunk built from its type and payload.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace locklab::testing {

/// crc32 (IEEE 802.3, as zlib's), bit by bit: the check value of "123456789"
/// is 0xCBF43926.
std::uint32_t test_crc32(std::string_view s);

/// Appends v to out, least significant byte first.
template <class T>
void put_le(std::string& out, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

/// Reads a T stored least significant byte first at s[at]; needs at + sizeof(T) <= s.size().
template <class T>
T get_le(const std::string& s, std::size_t at) {
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i)
    v |= static_cast<T>(static_cast<T>(static_cast<unsigned char>(s[at + i])) << (8 * i));
  return v;
}

/// One chunk: u32 type, u64 payload length, u32 crc32 of the payload, the payload.
std::string make_chunk(std::uint32_t type, std::string_view payload);

}  // namespace locklab::testing
