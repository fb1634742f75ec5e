// The terminal cell widths the human report's carets are placed by (generated from the UCD).
#include <gtest/gtest.h>

#include "report/cell_width.h"

namespace qadeck {
namespace {

TEST(CellWidth, AsciiAndLatinTakeOne) {
  for (const char32_t c : {U' ', U'a', U'~', U'é', U'ß', U'Ω', U'Я', U'א'}) {
    EXPECT_EQ(cell_width(c), 1) << static_cast<uint32_t>(c);
  }
}

TEST(CellWidth, EastAsianWideAndFullwidthTakeTwo) {
  for (const char32_t c : {U'中', U'文', U'？', U'ｆ', U'　', U'한', U'か', U'カ', U'😀',
                           U'👍', U'\U0001F3FD', U'\U00020000'}) {
    EXPECT_EQ(cell_width(c), 2) << std::hex << static_cast<uint32_t>(c);
  }
}

TEST(CellWidth, MarksAndFormatCharactersTakeNone) {
  // Combining acute, diaeresis, enclosing circle, zero width joiner and space, a variation
  // selector, and a Hangul medial vowel (jungseong), which joins the syllable before it.
  for (const char32_t c : {U'\u0301', U'\u0308', U'\u20DD', U'\u200D', U'\u200B', U'\uFE0F',
                           U'\u1161'}) {
    EXPECT_EQ(cell_width(c), 0) << std::hex << static_cast<uint32_t>(c);
  }
}

TEST(CellWidth, TheSoftHyphenIsShown) { EXPECT_EQ(cell_width(U'\u00AD'), 1); }

TEST(CellWidth, AmbiguousAndNarrowSymbolsTakeOne) {
  // East Asian Ambiguous (±, ①) is narrow outside East Asian locales, as glibc has it.
  for (const char32_t c : {U'±', U'①', U'→', U'☺', U'\uFF61'}) {
    EXPECT_EQ(cell_width(c), 1) << std::hex << static_cast<uint32_t>(c);
  }
}

}  // namespace
}  // namespace qadeck
