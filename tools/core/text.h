// Byte ranges and UTF-8 helpers shared by every phase.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qadeck {

// A half-open range [begin, end) of byte offsets into a SourceFile's text.
struct ByteRange {
  size_t begin = 0;
  size_t end = 0;

  size_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  bool contains(size_t offset) const { return offset >= begin && offset < end; }
  bool contains(ByteRange other) const { return other.begin >= begin && other.end <= end; }
  bool overlaps(ByteRange other) const { return begin < other.end && other.begin < end; }
  std::string_view in(std::string_view text) const { return text.substr(begin, end - begin); }
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

// Decodes the code point starting at text[offset]; sets `length` to its byte length (1 for
// an invalid byte, which decodes as U+FFFD).
char32_t decode_utf8(std::string_view text, size_t offset, size_t& length);

// The offset of the first byte that does not start a valid UTF-8 sequence, or npos.
size_t find_invalid_utf8(std::string_view text);

bool is_utf8_continuation(unsigned char byte);

// Counts code points in text.
size_t count_code_points(std::string_view text);
// UTF-16 code units of text: two for a character outside the Basic Multilingual Plane.
size_t count_utf16_units(std::string_view text);

// Inline: the scanners call these for nearly every byte they read.
inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ascii_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

// The code point of the numeric character reference starting at text[at] ("&#39" or
// "&#x27", at most `max_digits` digits), with `end` set past its digits (any ';' is the
// caller's); nullopt when none starts there. The value is as written, unchecked.
std::optional<char32_t> numeric_reference(std::string_view text, size_t at, size_t max_digits,
                                          size_t& end);

// Han, Hiragana, Katakana, Hangul and CJK punctuation: the scripts that mark a line as
// written in a CJK language.
bool is_cjk(char32_t cp);
bool is_han(char32_t cp);

// Of `candidates`, the one nearest to `word` by edit distance (insertions, deletions,
// substitutions and swaps of neighbours), when close enough to be what was meant: at most one
// edit per three characters of `word`, and at least one. The first of equals wins.
std::optional<std::string_view> closest_match(std::string_view word,
                                              const std::vector<std::string_view>& candidates);

// Trims ASCII white space on both sides.
std::string_view trim(std::string_view text);

// Collapses runs of white space to one space, lower-cases ASCII, trims.
std::string normalize_space_lower(std::string_view text);

}  // namespace qadeck
