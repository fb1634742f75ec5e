#include "core/text.h"

#include "core/ascii_case.h"

#include <algorithm>
#include <vector>

namespace qadeck {

bool is_utf8_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

char32_t decode_utf8(std::string_view text, size_t offset, size_t& length) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[offset + i]); };
  const unsigned char b0 = byte(0);
  size_t need = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    length = 1;
    return b0;
  } else if ((b0 & 0xE0) == 0xC0) {
    need = 1, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    need = 2, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    need = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    length = 1;
    return 0xFFFD;
  }
  if (offset + need >= text.size()) {
    length = 1;
    return 0xFFFD;
  }
  for (size_t i = 1; i <= need; ++i) {
    if (!is_utf8_continuation(byte(i))) {
      length = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    length = 1;
    return 0xFFFD;
  }
  length = need + 1;
  return cp;
}

size_t find_invalid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    const char32_t cp = decode_utf8(text, i, length);
    if (cp == 0xFFFD && length == 1) return i;
    i += length;
  }
  return std::string_view::npos;
}

size_t count_code_points(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += is_utf8_continuation(static_cast<unsigned char>(c)) ? 0 : 1;
  return n;
}

size_t count_utf16_units(std::string_view text) {
  size_t n = 0;
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (!is_utf8_continuation(b)) n += b >= 0xF0 ? 2 : 1;
  }
  return n;
}

bool is_han(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

bool is_cjk(char32_t cp) {
  if (cp < 0x1100) return false;  // most text: below every range
  return is_han(cp) || (cp >= 0x3040 && cp <= 0x30FF) ||  // Hiragana, Katakana
         (cp >= 0xAC00 && cp <= 0xD7AF) ||                 // Hangul syllables
         (cp >= 0x1100 && cp <= 0x11FF);                   // Hangul Jamo
}

bool starts_with_ascii_lower(std::string_view text, std::string_view lower) {
  if (text.size() < lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

namespace {

// Optimal string alignment distance over bytes: the names compared are ASCII.
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t change = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + change});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string_view> closest_match(std::string_view word,
                                              const std::vector<std::string_view>& candidates) {
  std::optional<std::string_view> best;
  size_t best_distance = std::max<size_t>(1, word.size() / 3) + 1;
  for (const std::string_view candidate : candidates) {
    const size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string_view trim(std::string_view text) {
  size_t b = 0;
  size_t e = text.size();
  while (b < e && is_ascii_space(text[b])) ++b;
  while (e > b && is_ascii_space(text[e - 1])) --e;
  return text.substr(b, e - b);
}

std::string normalize_space_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : trim(text)) {
    if (is_ascii_space(c)) {
      space = true;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::optional<char32_t> numeric_reference(std::string_view text, size_t at, size_t max_digits,
                                          size_t& end) {
  if (!text.substr(at).starts_with("&#")) return std::nullopt;
  size_t i = at + 2;
  const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
  if (hex) ++i;
  const size_t digits = i;
  char32_t cp = 0;
  while (i < text.size() && i - digits < max_digits) {
    const char c = text[i];
    int v = -1;
    if (is_ascii_digit(c)) v = c - '0';
    if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) break;
    cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
    ++i;
  }
  if (i == digits) return std::nullopt;
  end = i;
  return cp;
}

}  // namespace qadeck
