// SHA-1 (FIPS 180-4), which Anki uses for field checksums and qadeck for stable card ids and
// media names. Not for security.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace qadeck {

using Sha1Digest = std::array<uint8_t, 20>;

Sha1Digest sha1(std::string_view bytes);

// The digest as 40 lower-case hex digits.
std::string sha1_hex(std::string_view bytes);

// The first `count` bytes of a digest as a big-endian unsigned integer (count <= 8).
uint64_t digest_prefix(const Sha1Digest& digest, size_t count);

}  // namespace qadeck
