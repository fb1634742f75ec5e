#include "rules/math/tex.h"

namespace qadeck::math {

namespace {

// Past the argument of `\verb` (its control word ends at `at`): a delimiter character, then
// everything up to the same character again on that line. (MathJax has no `\verb*`: the `*`
// is the delimiter.)
size_t skip_verb(std::string_view text, size_t at, size_t end) {
  if (at >= end || text[at] == '\n') return at;
  const char delimiter = text[at];
  for (size_t i = at + 1; i < end && text[i] != '\n'; ++i) {
    if (text[i] == delimiter) return i + 1;
  }
  return at;  // no closing delimiter: MathJax fails it, and the rest is read as TeX
}

}  // namespace

std::vector<TexToken> tokenize(std::string_view text, ByteRange range) {
  std::vector<TexToken> tokens;
  size_t i = range.begin;
  while (i < range.end) {
    const char c = text[i];
    if (c == '%') {
      // A comment, to the end of the line (`\%` is a control symbol, read below).
      const size_t nl = text.find('\n', i);
      i = nl == std::string_view::npos || nl >= range.end ? range.end : nl + 1;
      continue;
    }
    if (c == '\\' && i + 1 < range.end) {
      size_t j = i + 1;
      while (j < range.end && is_ascii_alpha(text[j])) ++j;
      if (j > i + 1) {
        const std::string_view name = text.substr(i + 1, j - i - 1);
        tokens.push_back({TexToken::Kind::control_word, {i, j}, name});
        i = name == "verb" ? skip_verb(text, j, range.end) : j;
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

const std::vector<std::vector<TexToken>>& span_tokens(const Document& doc) {
  return doc.shared_analysis<std::vector<std::vector<TexToken>>>("math.tex-tokens", [&] {
    std::vector<std::vector<TexToken>> out;
    out.reserve(doc.inline_tokens.math.size());
    for (const MathSpan& m : doc.inline_tokens.math) out.push_back(tokenize(doc.text(), m.body));
    return out;
  });
}

std::string_view environment_name(std::string_view text, const TexToken& command, size_t& end) {
  size_t i = command.range.end;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i >= text.size() || text[i] != '{') return {};
  const size_t close = text.find_first_of("}\n", i + 1);
  if (close == std::string_view::npos || text[close] != '}') return {};
  end = close + 1;
  // Exactly as written: MathJax knows no `\begin{ matrix }`.
  return text.substr(i + 1, close - i - 1);
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
