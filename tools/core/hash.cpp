#include "core/hash.h"

#include <cstring>

namespace qadeck {
namespace {

__extension__ typedef unsigned __int128 uint128;

// Odd constants with well-spread bits (the first four are the wyhash secrets).
constexpr uint64_t k0 = 0xa0761d6478bd642full;
constexpr uint64_t k1 = 0xe7037ed1a0b428dbull;
constexpr uint64_t k2 = 0x8ebc6af09c88c6e3ull;
constexpr uint64_t k3 = 0x589965cc75374cc3ull;
constexpr uint64_t k4 = 0x9e3779b97f4a7c15ull;

// The 128-bit product of a and b, its halves xor-ed: every input bit reaches every output bit.
uint64_t fold_multiply(uint64_t a, uint64_t b) {
  const uint128 product = static_cast<uint128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// The last 0..16 bytes, zero-padded into two words.
void load_tail(const char* p, size_t n, uint64_t& w0, uint64_t& w1) {
  char buffer[16] = {};
  // An empty view may have a null pointer, which memcpy must not be given even for 0 bytes.
  if (n > 0) std::memcpy(buffer, p, n);
  w0 = load64(buffer);
  w1 = load64(buffer + 8);
}

}  // namespace

std::string Hash128::hex() const {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[15 - i] = digits[(high >> (4 * i)) & 15];
    out[31 - i] = digits[(low >> (4 * i)) & 15];
  }
  return out;
}

Hash128 hash_bytes(std::string_view data) {
  const char* p = data.data();
  size_t n = data.size();
  uint64_t a = k0 ^ fold_multiply(n ^ k4, k1);
  uint64_t b = k2 ^ fold_multiply(n ^ k1, k3);
  for (; n > 16; n -= 16, p += 16) {
    const uint64_t w0 = load64(p);
    const uint64_t w1 = load64(p + 8);
    a = fold_multiply(w0 ^ k1, w1 ^ a);
    b = fold_multiply(w1 ^ k3, w0 ^ b ^ k4);
  }
  uint64_t w0 = 0;
  uint64_t w1 = 0;
  load_tail(p, n, w0, w1);
  a = fold_multiply(w0 ^ k1 ^ n, w1 ^ a);
  b = fold_multiply(w1 ^ k3, w0 ^ b ^ k4 ^ n);
  // Each lane ends with the other's state, so a difference in either reaches both halves.
  Hash128 h;
  h.low = fold_multiply(a ^ k2, b ^ k0);
  h.high = fold_multiply(b ^ k1, a ^ k4 ^ h.low);
  return h;
}

Hasher& Hasher::add(std::string_view field) {
  add(static_cast<uint64_t>(field.size()));
  buffer_.append(field);
  return *this;
}

Hasher& Hasher::add(uint64_t value) {
  char bytes[8];
  std::memcpy(bytes, &value, sizeof bytes);
  buffer_.append(bytes, sizeof bytes);
  return *this;
}

}  // namespace qadeck
