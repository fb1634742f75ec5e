#include <gtest/gtest.h>

#include <string>

#include "export/sha1.h"

namespace qadeck {
namespace {

TEST(Sha1, KnownVectors) {
  EXPECT_EQ(sha1_hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(sha1_hex("The quick brown fox jumps over the lazy dog"),
            "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12");
}

TEST(Sha1, PaddingBoundaries) {
  // 56 bytes need a second padding block; 64 bytes fill one block exactly.
  EXPECT_EQ(sha1_hex(std::string(56, 'a')), "c2db330f6083854c99d4b5bfb6e8f29f201be699");
  EXPECT_EQ(sha1_hex(std::string(64, 'a')), "0098ba824b5c16427bd7a1122a5a442a25ec644d");
  EXPECT_EQ(sha1_hex(std::string(1000000, 'a')), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST(Sha1, DigestPrefixIsBigEndian) {
  const Sha1Digest d = sha1("abc");
  EXPECT_EQ(digest_prefix(d, 4), 0xa9993e36u);
  EXPECT_EQ(digest_prefix(d, 8), 0xa9993e364706816aull);
}

}  // namespace
}  // namespace qadeck
