#include <gtest/gtest.h>

#include "export/anki_fields.h"

namespace qadeck {
namespace {

// The expected values come from Anki's algorithm as apkg_check.py re-implements it
// (strip_html_preserving_media_filenames, field_checksum).
TEST(AnkiFields, StripsLikeAnki) {
  EXPECT_EQ(anki_strip_html("What is \\(a &lt; b\\)?"), "What is \\(a < b\\)?");
  EXPECT_EQ(anki_strip_html("Is <b>this</b> safe?"), "Is this safe?");
  EXPECT_EQ(anki_strip_html("x <img src=\"pic-1.png\" alt=\"d\"> y"), "x  pic-1.png  y");
  EXPECT_EQ(anki_strip_html("<!-- c -->A&nbsp;B"), "A B");
  EXPECT_EQ(anki_strip_html("A &bogus; B"), "A &bogus; B");
  EXPECT_EQ(anki_strip_html("<style>p{}</style>Q"), "Q");
  EXPECT_EQ(anki_strip_html("a < b"), "a < b");
}

TEST(AnkiFields, ChecksumIsTheFirstFourBytesOfTheStrippedFieldsSha1) {
  EXPECT_EQ(anki_field_checksum("What is \\(a &lt; b\\)?"), 2025107645u);
  EXPECT_EQ(anki_field_checksum("Is <b>this</b> safe?"), 3178182106u);
  EXPECT_EQ(anki_field_checksum("x <img src=\"pic-1.png\" alt=\"d\"> y"), 3702758259u);
  EXPECT_EQ(anki_field_checksum("<!-- c -->A&nbsp;B"), 2326509756u);
  EXPECT_EQ(anki_field_checksum("A &bogus; B"), 141472955u);
  EXPECT_EQ(anki_field_checksum("<style>p{}</style>Q"), 3272961536u);
}

}  // namespace
}  // namespace qadeck
