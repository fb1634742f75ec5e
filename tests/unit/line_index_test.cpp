#include <gtest/gtest.h>

#include "core/source_file.h"

namespace qadeck {
namespace {

TEST(LineIndex, EmptyTextHasOneLine) {
  const LineIndex index("");
  EXPECT_EQ(index.line_count(), 1u);
  EXPECT_EQ(index.line_of(0), 0u);
  EXPECT_EQ(index.line_text(0), "");
  EXPECT_EQ(index.position(0).line, 1u);
  EXPECT_EQ(index.position(0).column, 1u);
}

TEST(LineIndex, TrailingNewlineDoesNotStartALine) {
  EXPECT_EQ(LineIndex("a\nb").line_count(), 2u);
  EXPECT_EQ(LineIndex("a\nb\n").line_count(), 2u);
  EXPECT_EQ(LineIndex("a\n\n").line_count(), 2u);
  EXPECT_EQ(LineIndex("\n\n\n").line_count(), 3u);
}

TEST(LineIndex, LineOfOffsets) {
  const std::string_view text = "ab\ncd\n\nef";
  const LineIndex index(text);
  ASSERT_EQ(index.line_count(), 4u);
  EXPECT_EQ(index.line_of(0), 0u);
  EXPECT_EQ(index.line_of(2), 0u);  // the '\n' belongs to its line
  EXPECT_EQ(index.line_of(3), 1u);
  EXPECT_EQ(index.line_of(6), 2u);  // the empty line
  EXPECT_EQ(index.line_of(7), 3u);
  EXPECT_EQ(index.line_of(text.size()), 3u);  // the end maps to the last line
  EXPECT_EQ(index.line_start(1), 3u);
  EXPECT_EQ(index.line_end(1), 5u);
  EXPECT_EQ(index.line_end_with_break(1), 6u);
  EXPECT_EQ(index.line_text(1), "cd");
  EXPECT_EQ(index.line_text(2), "");
  EXPECT_EQ(index.line_text(3), "ef");
  EXPECT_EQ(index.line_end_with_break(3), text.size());
}

TEST(LineIndex, PositionsAreOneBased) {
  const LineIndex index("ab\ncd");
  EXPECT_EQ(index.position(0).line, 1u);
  EXPECT_EQ(index.position(0).column, 1u);
  EXPECT_EQ(index.position(1).column, 2u);
  EXPECT_EQ(index.position(4).line, 2u);
  EXPECT_EQ(index.position(4).column, 2u);
  EXPECT_EQ(index.position(5).column, 3u);  // the end of the text
}

TEST(LineIndex, ColumnsCountCodePointsNotBytes) {
  // "é" is 2 bytes, "中" 3 bytes, "😀" 4 bytes.
  const std::string_view text = "x\n\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80z";
  const LineIndex index(text);
  const size_t line2 = 2;
  EXPECT_EQ(index.position(line2).column, 1u);          // é
  EXPECT_EQ(index.position(line2 + 2).column, 2u);      // 中
  EXPECT_EQ(index.position(line2 + 5).column, 3u);      // 😀
  EXPECT_EQ(index.position(line2 + 9).column, 4u);      // z
  EXPECT_EQ(index.position(line2 + 9).line, 2u);
}

TEST(LineIndex, CrLfLineBreaks) {
  const std::string_view text = "ab\r\ncd\r\n\r\nef";
  const LineIndex index(text);
  ASSERT_EQ(index.line_count(), 4u);
  EXPECT_EQ(index.line_text(0), "ab");
  EXPECT_EQ(index.line_end(0), 2u);
  EXPECT_EQ(index.line_end_with_break(0), 4u);
  EXPECT_EQ(index.line_text(1), "cd");
  EXPECT_EQ(index.line_text(2), "");
  EXPECT_EQ(index.line_text(3), "ef");
  EXPECT_EQ(index.position(4).line, 2u);
  EXPECT_EQ(index.position(4).column, 1u);
  EXPECT_EQ(index.position(10).line, 4u);
}

TEST(SourceFile, ByteOrderMarkIsSkippedAsContent) {
  const SourceFile file("bom.md", "\xEF\xBB\xBF# Title\nline");
  EXPECT_EQ(file.content_begin(), 3u);
  EXPECT_EQ(file.text().size(), 15u);  // the bytes are never modified
  EXPECT_EQ(file.lines().line_count(), 2u);
  EXPECT_EQ(file.lines().position(3).line, 1u);
  EXPECT_EQ(file.lines().position(11).line, 2u);
  EXPECT_EQ(file.lines().position(11).column, 1u);
}

TEST(SourceFile, ColumnAfterByteOrderMarkStartsAtOne) {
  // The byte order mark is not a character of the line: editors, GitHub annotations and
  // SARIF viewers put the first character after it in column 1.
  const SourceFile file("bom.md", "\xEF\xBB\xBF# Title\n");
  EXPECT_EQ(file.lines().position(file.content_begin()).column, 1u);
  EXPECT_EQ(file.lines().position(file.content_begin() + 2).column, 3u);
}

TEST(SourceFile, NoByteOrderMark) {
  const SourceFile file("plain.md", "# Title\n");
  EXPECT_EQ(file.content_begin(), 0u);
  EXPECT_EQ(file.path(), "plain.md");
}

TEST(CheckSourceText, AcceptsValidUtf8) {
  EXPECT_FALSE(check_source_text("").has_value());
  EXPECT_FALSE(check_source_text("plain \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80\n").has_value());
  EXPECT_FALSE(check_source_text("\xEF\xBB\xBF# BOM\r\n").has_value());
}

TEST(CheckSourceText, RejectsNulWithItsPosition) {
  const auto error = check_source_text(std::string_view("ab\ncd\0e", 7));
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->message.find("NUL"), std::string::npos);
  EXPECT_NE(error->message.find("line 2, column 3"), std::string::npos) << error->message;
}

TEST(CheckSourceText, RejectsInvalidUtf8WithItsPosition) {
  const auto error = check_source_text("ok\n\xC3\xA9 \xFF");
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->message.find("UTF-8"), std::string::npos);
  EXPECT_NE(error->message.find("line 2, column 3"), std::string::npos) << error->message;
  EXPECT_TRUE(check_source_text("\xC3").has_value());          // truncated sequence
  EXPECT_TRUE(check_source_text("\xC0\xAF").has_value());      // overlong encoding
  EXPECT_TRUE(check_source_text("\xED\xA0\x80").has_value());  // a surrogate
}

// Long lines are placed from checkpoints (see LineIndex): every offset of lines shorter and
// longer than a step, of several characters' widths, after a byte order mark too, must get the
// column that counting from the line's start gives.
TEST(LineIndex, LongLinesGiveTheColumnsOfACountFromTheLineStart) {
  std::string text = "\xEF\xBB\xBF";
  for (const size_t length : {1u, 255u, 256u, 257u, 1000u, 3000u}) {
    for (size_t i = 0; i < length; ++i) {
      static constexpr std::string_view chars[] = {"a", "\xC3\xA9", "\xE4\xB8\xAD",
                                                   "\xF0\x9F\x98\x80"};
      text += chars[(i * 7 + length) % 4];
    }
    text += length % 2 ? "\n" : "\r\n";
  }
  const LineIndex index(text);
  size_t line = 1, column = 1, utf16 = 1;
  for (size_t offset = 0; offset <= text.size(); ++offset) {
    if (offset == 3 && column == 2) column = utf16 = 1;  // past the byte order mark
    const Position p = index.position(offset);
    const Position q = index.utf16_position(offset);
    ASSERT_EQ(p.line, line) << offset;
    ASSERT_EQ(p.column, column) << offset;
    ASSERT_EQ(q.line, line) << offset;
    ASSERT_EQ(q.column, utf16) << offset;
    if (offset == text.size()) break;
    const auto byte = static_cast<unsigned char>(text[offset]);
    if (byte == '\n' && offset + 1 < text.size()) {
      ++line;
      column = utf16 = 1;
    } else if ((byte & 0xC0) != 0x80) {
      ++column;
      utf16 += byte >= 0xF0 ? 2 : 1;
    }
  }
}

}  // namespace
}  // namespace qadeck
