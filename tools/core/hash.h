// A fast non-cryptographic 128-bit hash, for cache keys: content that changes gets another
// key. It is not meant to resist someone crafting collisions on purpose.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace qadeck {

struct Hash128 {
  uint64_t low = 0;
  uint64_t high = 0;
  friend bool operator==(const Hash128&, const Hash128&) = default;
  std::string hex() const;  // 32 lower-case hex digits
};

// Reads 16 bytes per step with two independent multiply-fold lanes (the wyhash
// construction, written afresh here); the length is mixed in, so "a" and "a\0" differ.
Hash128 hash_bytes(std::string_view data);

// Hashes a sequence of fields: each is length-prefixed, so ("ab", "c") and ("a", "bc") differ.
class Hasher {
 public:
  Hasher& add(std::string_view field);
  Hasher& add(uint64_t value);
  Hash128 finish() const { return hash_bytes(buffer_); }

 private:
  std::string buffer_;
};

}  // namespace qadeck
