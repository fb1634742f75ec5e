#include "core/math_scanner.h"

#include <algorithm>

namespace qadeck {
namespace {

// Finds `close` in text[from, limit), skipping backslash escapes.
size_t find_closer(std::string_view text, size_t from, size_t limit, std::string_view close) {
  for (size_t i = from; i + close.size() <= limit; ++i) {
    if (text.compare(i, close.size(), close) == 0) return i;
    if (text[i] == '\\') ++i;
  }
  return std::string_view::npos;
}

MathScan span(MathKind kind, size_t open, size_t open_len, size_t close, size_t close_len) {
  MathScan s;
  s.result = MathScan::Result::span;
  s.span.kind = kind;
  s.span.range = {open, close + close_len};
  s.span.body = {open + open_len, close};
  s.next = close + close_len;
  return s;
}

MathScan unclosed(MathKind kind, size_t open, size_t open_len) {
  MathScan s;
  s.result = MathScan::Result::unclosed;
  s.unclosed = {kind, {open, open + open_len}};
  s.next = open + open_len;
  return s;
}

// Finds `close` in text[from, limit) like find_closer, skipping what `known_from` (a
// CloserMemo entry) says holds none, and records a failure there.
size_t find_closer(std::string_view text, size_t from, size_t limit, std::string_view close,
                   size_t& known_from) {
  if (from >= known_from) return std::string_view::npos;
  const size_t stop = known_from == std::string_view::npos ? limit : known_from + close.size() - 1;
  const size_t found = find_closer(text, from, std::min(stop, limit), close);
  if (found == std::string_view::npos) known_from = from;
  return found;
}

MathScan scan_inline_dollar(std::string_view text, size_t at, size_t limit, size_t& known_from) {
  if (at + 1 >= limit || is_ascii_space(text[at + 1])) {
    MathScan literal;
    literal.next = at + 1;
    return literal;
  }
  const size_t stop = std::min(limit, known_from);
  for (size_t i = at + 1; i < stop; ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] != '$') continue;
    const bool space_before = is_ascii_space(text[i - 1]);
    const bool digit_after = i + 1 < limit && is_ascii_digit(text[i + 1]);
    if (!space_before && !digit_after && i > at + 1) {
      return span(MathKind::inline_dollar, at, 1, i, 1);
    }
  }
  if (at + 1 < known_from) known_from = at + 1;
  // A dollar that closes nothing is literal text either way; it is reported as math left
  // open unless it reads as currency ($5, 5$).
  const bool currency = is_ascii_digit(text[at + 1]) || (at > 0 && is_ascii_digit(text[at - 1]));
  if (currency) {
    MathScan literal;
    literal.next = at + 1;
    return literal;
  }
  return unclosed(MathKind::inline_dollar, at, 1);
}

}  // namespace

size_t find_display_close(std::string_view text, size_t from, size_t limit) {
  return find_closer(text, from, limit, "$$");
}

size_t find_math_delimiter(std::string_view text, size_t from, size_t limit,
                           std::string_view delimiter) {
  return find_closer(text, from, limit, delimiter);
}

MathScan scan_math(std::string_view text, size_t at, size_t limit, CloserMemo* memo) {
  CloserMemo local;
  CloserMemo& m = memo ? *memo : local;
  if (m.limit != limit) m = CloserMemo{limit};
  if (text[at] == '$') {
    if (at + 1 < limit && text[at + 1] == '$') {
      const size_t close = find_closer(text, at + 2, limit, "$$", m.display);
      if (close == std::string_view::npos) return unclosed(MathKind::display_dollar, at, 2);
      return span(MathKind::display_dollar, at, 2, close, 2);
    }
    return scan_inline_dollar(text, at, limit, m.dollar);
  }
  // A backslash: \( or \[ open math; anything else is an escape handled by the caller.
  if (at + 1 < limit && (text[at + 1] == '(' || text[at + 1] == '[')) {
    const bool display = text[at + 1] == '[';
    const MathKind kind = display ? MathKind::display_bracket : MathKind::inline_paren;
    const size_t close = display ? find_closer(text, at + 2, limit, "\\]", m.bracket)
                                 : find_closer(text, at + 2, limit, "\\)", m.paren);
    if (close == std::string_view::npos) return unclosed(kind, at, 2);
    return span(kind, at, 2, close, 2);
  }
  return {};
}

}  // namespace qadeck
