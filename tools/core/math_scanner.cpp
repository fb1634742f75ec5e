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

constexpr std::string_view text_commands[] = {"hbox",   "mbox",   "text",   "textbf",
                                              "textit", "textnormal", "textrm", "textsf",
                                              "texttt", "textup"};

// Where the brace group that opens at text[open] closes (the `}`), or npos, skipping backslash
// escapes. A group left open is scanned once more to fill memo.groups, so that the groups
// opened inside it are looked up; a group opened inside one left open reads its escapes as
// that scan did, since the byte before its `{` is a letter or a space, never a backslash.
size_t text_group_close(std::string_view text, size_t open, size_t limit, CloserMemo& memo) {
  if (memo.groups_from != CloserMemo::none && open >= memo.groups_from) {
    const auto it = std::lower_bound(
        memo.groups.begin(), memo.groups.end(), open,
        [](const std::pair<size_t, size_t>& g, size_t at) { return g.first < at; });
    if (it != memo.groups.end() && it->first == open) return it->second;
  }
  int depth = 0;
  for (size_t i = open; i < limit; ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '{') {
      ++depth;
    } else if (text[i] == '}' && --depth == 0) {
      return i;
    }
  }
  memo.groups_from = open;
  memo.groups.clear();
  std::vector<size_t> unclosed;  // indices into memo.groups
  for (size_t i = open; i < limit; ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '{') {
      unclosed.push_back(memo.groups.size());
      memo.groups.emplace_back(i, std::string_view::npos);
    } else if (text[i] == '}') {
      memo.groups[unclosed.back()].second = i;
      unclosed.pop_back();
    }
  }
  return std::string_view::npos;
}

// Past the escape that starts at text[at] (a backslash): a text-mode command with its
// balanced brace group, where a `$` closes nothing, else the backslash and one character.
// pandoc's reader knows `\text` alone; MathJax skips every brace group, and qadeck reads the
// other text-mode commands as MathJax does.
size_t skip_escape(std::string_view text, size_t at, size_t limit, CloserMemo& memo) {
  size_t word = at + 1;
  while (word < limit && is_ascii_alpha(text[word])) ++word;
  const std::string_view name = text.substr(at + 1, word - at - 1);
  while (word < limit && (text[word] == ' ' || text[word] == '\t')) ++word;
  if (word < limit && text[word] == '{' && is_text_mode_command(name)) {
    const size_t close = text_group_close(text, word, limit, memo);
    if (close != std::string_view::npos) return close + 1;
  }
  return at + 2;
}

MathScan literal(size_t next) {
  MathScan s;
  s.next = next;
  return s;
}

MathScan scan_inline_dollar(std::string_view text, size_t at, size_t limit, CloserMemo& memo) {
  // `$ ` opens nothing, and neither does a `$$` that closes no display math: pandoc reads
  // its first `$` as text and goes on at the second.
  if (at + 1 >= limit || is_ascii_space(text[at + 1]) || text[at + 1] == '$') {
    return literal(at + 1);
  }
  size_t i = at + 1;
  while (i < limit) {
    const char c = text[i];
    if (c == '$') {
      if (i + 1 < limit && is_ascii_digit(text[i + 1])) break;
      return span(MathKind::inline_dollar, at, 1, i, 1);
    }
    if (c == '\\') {
      i = skip_escape(text, i, limit, memo);
      continue;
    }
    if (is_ascii_space(c)) {
      size_t newlines = 0;
      while (i < limit && is_ascii_space(text[i])) newlines += text[i++] == '\n';
      if (newlines > 1 || (i < limit && text[i] == '$')) break;
      continue;
    }
    ++i;
  }
  if (is_prose_dollar(text, at, limit)) return literal(at + 1);
  return unclosed(MathKind::inline_dollar, at, 1);
}

// Whether text[at, end) starts with an operand: what makes an operator before it TeX.
bool operand_at(std::string_view text, size_t at, size_t end) {
  while (at < end && text[at] == ' ') ++at;
  return at < end && (is_ascii_alpha(text[at]) || is_ascii_digit(text[at]) || text[at] == '(' ||
                      text[at] == '\\');
}

// Whether text[from, end), what follows a number after a `$`, holds TeX. A `-` between two
// numbers is a range ($5-10), not a subtraction.
bool holds_tex(std::string_view text, size_t from, size_t end) {
  for (size_t i = from; i < end; ++i) {
    const char c = text[i];
    if (c == '^' || c == '_' || c == '{') return true;
    if (c == '\\' && i + 1 < end && is_ascii_alpha(text[i + 1])) return true;
    if ((c == '+' || c == '=' || c == '<' || c == '>') && operand_at(text, i + 1, end)) {
      return true;
    }
    if (c == '-' && operand_at(text, i + 1, end) && !is_ascii_digit(text[i + 1])) return true;
    // U+2212 minus, U+00D7 times, U+00B7 middle dot
    for (const std::string_view op : {"\u2212", "\u00d7", "\u00b7"}) {
      if (text.compare(i, op.size(), op) == 0 && operand_at(text, i + op.size(), end)) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

bool is_text_mode_command(std::string_view name) {
  return std::find(std::begin(text_commands), std::end(text_commands), name) !=
         std::end(text_commands);
}

bool is_prose_dollar(std::string_view text, size_t at, size_t limit) {
  if (at > 0 && is_ascii_digit(text[at - 1])) return true;
  size_t i = at + 1;
  if (i < limit && text[i] == '/') return true;
  if (i + 1 < limit && (text[i] == '-' || text[i] == '+') && is_ascii_digit(text[i + 1])) ++i;
  if (i >= limit || !is_ascii_digit(text[i])) return false;
  while (i < limit && (is_ascii_digit(text[i]) ||
                       ((text[i] == ',' || text[i] == '.') && i + 1 < limit &&
                        is_ascii_digit(text[i + 1])))) {
    ++i;
  }
  const size_t end = std::min({text.find('$', i), text.find('\n', i), limit});
  // `$-3 $`: a formula whose closer fails by the space before it, not an amount.
  size_t after = i;
  while (after < end && text[after] == ' ') ++after;
  if (after == end && end < limit && text[end] == '$') return false;
  return !holds_tex(text, i, end);
}

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
  if (m.limit != limit) {
    m = CloserMemo{};
    m.limit = limit;
  }
  if (text[at] == '$') {
    if (at + 1 < limit && text[at + 1] == '$') {
      // pandoc's display math holds at least one character: `$$$$` is none.
      const size_t close = find_closer(text, at + 3, limit, "$$", m.display);
      if (close == std::string_view::npos) return unclosed(MathKind::display_dollar, at, 2);
      return span(MathKind::display_dollar, at, 2, close, 2);
    }
    return scan_inline_dollar(text, at, limit, m);
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
