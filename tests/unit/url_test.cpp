// Percent-escapes and schemes: what links, file: URIs and image sources share.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/url.h"

namespace qadeck {
namespace {

TEST(Url, PercentDecodeDecodesEscapesOfEitherCase) {
  EXPECT_EQ(percent_decode("a%20b%2fc%2Fd"), "a b/c/d");
  EXPECT_EQ(percent_decode("%E4%B8%AD%e6%96%87.md"), "中文.md");
}

TEST(Url, PercentDecodeKeepsMalformedEscapesAsWritten) {
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%4"), "%4");
  EXPECT_EQ(percent_decode("%zz%4g"), "%zz%4g");
  EXPECT_EQ(percent_decode("%%41"), "%A");
  EXPECT_EQ(percent_decode("end%41"), "endA");
}

TEST(Url, PercentDecodeLeavesBytesThatAreNotUtf8) {
  EXPECT_EQ(percent_decode("%FF%FE"), std::string("\xFF\xFE"));
  EXPECT_EQ(percent_decode("%00"), std::string(1, '\0'));
}

TEST(Url, PercentEncodeEscapesAllButUnreservedAndSlash) {
  EXPECT_EQ(percent_encode("notes/a b#1.md"), "notes/a%20b%231.md");
  EXPECT_EQ(percent_encode("中"), "%E4%B8%AD");
  EXPECT_EQ(percent_encode("A-z_0.9~/"), "A-z_0.9~/");
}

TEST(Url, EncodeThenDecodeGivesThePathBack) {
  const std::vector<std::string> paths = {"a b/c%d", "题目/第一章.md", "x?y#z", "\x01\x7f"};
  for (const std::string& path : paths) {
    EXPECT_EQ(percent_decode(percent_encode(path)), path);
  }
}

TEST(Url, HasSchemeNeedsALetterThenSchemeCharactersThenAColon) {
  EXPECT_TRUE(has_scheme("https://example.com"));
  EXPECT_TRUE(has_scheme("mailto:a@b"));
  EXPECT_TRUE(has_scheme("svn+ssh://h"));
  EXPECT_TRUE(has_scheme("x-y.z:rest"));
  EXPECT_FALSE(has_scheme("notes/a.md"));
  EXPECT_FALSE(has_scheme("1http://x"));
  EXPECT_FALSE(has_scheme("a b:c"));
  EXPECT_FALSE(has_scheme("./c:d"));
  EXPECT_FALSE(has_scheme(""));
  EXPECT_FALSE(has_scheme("nocolon"));
}

}  // namespace
}  // namespace qadeck
