#include "rules/math/tex.h"

namespace qadeck::math {

std::vector<TexToken> tokenize(std::string_view text, ByteRange range) {
  std::vector<TexToken> tokens;
  size_t i = range.begin;
  while (i < range.end) {
    const char c = text[i];
    if (c == '\\' && i + 1 < range.end) {
      size_t j = i + 1;
      while (j < range.end && is_ascii_alpha(text[j])) ++j;
      if (j > i + 1) {
        tokens.push_back({TexToken::Kind::control_word, {i, j}, text.substr(i + 1, j - i - 1)});
        i = j;
      } else {
        tokens.push_back({TexToken::Kind::control_symbol, {i, i + 2}, text.substr(i + 1, 1)});
        i += 2;
      }
      continue;
    }
    if (c == '{') tokens.push_back({TexToken::Kind::open_brace, {i, i + 1}, {}});
    if (c == '}') tokens.push_back({TexToken::Kind::close_brace, {i, i + 1}, {}});
    if (c == '&') tokens.push_back({TexToken::Kind::ampersand, {i, i + 1}, {}});
    ++i;
  }
  return tokens;
}

std::string_view environment_name(std::string_view text, const TexToken& command, size_t& end) {
  size_t i = command.range.end;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i >= text.size() || text[i] != '{') return {};
  const size_t close = text.find_first_of("}\n", i + 1);
  if (close == std::string_view::npos || text[close] != '}') return {};
  end = close + 1;
  return trim(text.substr(i + 1, close - i - 1));
}

bool reads_as_tex(std::string_view s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    const char next = s[i + 1];
    if (s[i] == '\\' && (is_ascii_alpha(next) || next == '\\')) return true;
    if (s[i] == '^' && !is_ascii_space(next)) return true;
    if (s[i] == '_' && next == '{') return true;
  }
  return false;
}

}  // namespace qadeck::math
