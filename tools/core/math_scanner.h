// qadeck's math scanner, following pandoc's tex_math_dollars rules: an opening `$` has a
// non-space character right after it; the first `$` after it is the only candidate closer,
// which fails the span when a space comes right before it or a digit right after; `\$` is a
// literal dollar and the braces of `\text{…}` (and the other text-mode commands) are skipped
// whole; `$$...$$` is display math; `\(...\)` and `\[...\]` count too.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "core/inline_tokens.h"

namespace qadeck {

struct MathScan {
  enum class Result { none, span, unclosed };
  Result result = Result::none;
  MathSpan span;          // when result == span
  UnclosedMath unclosed;  // when result == unclosed
  size_t next = 0;        // where scanning resumes
};

// Where searches for closing delimiters already failed within one region (text up to
// `limit`). Whether a delimiter closes does not depend on where its opener is, so once an
// opener finds no closer, later openers of the same kind need not look again: this keeps
// scanning linear in a paragraph full of openers that never close.
struct CloserMemo {
  static constexpr size_t none = std::string_view::npos;
  size_t limit = none;
  size_t display = none;  // no `$$` in [display, limit)
  size_t paren = none;    // no `\)` in [paren, limit)
  size_t bracket = none;  // no `\]` in [bracket, limit)
  // Once a text-mode group (`\text{`) is left open, each `{` from it to `limit` with the `}`
  // that closes it (none: npos), by position: the groups of later `\text{` inside it are read
  // from here, not scanned again to `limit`.
  size_t groups_from = none;
  std::vector<std::pair<size_t, size_t>> groups;
};

// Scans math starting at text[at], which is '$' or '\\', without reading past `limit`.
// A `$` that opens no math is `unclosed`, unless it is a dollar sign in prose (see
// is_prose_dollar) or has a space or another `$` right after it. `memo`, when given, is
// reused across calls.
MathScan scan_math(std::string_view text, size_t at, size_t limit, CloserMemo* memo = nullptr);

// Whether the `$` at text[at], which opens no math, reads as a dollar sign in prose: a number
// follows it ($5, $1,000.50, $3.5k, $-1.82) with no TeX between the number and the next `$`
// or the end of the line (an operator with an operand, `\command`, `^`, `_`, `{`: `$4 \times
// 3`, `$1−p` are formulas left open) and not only spaces before a next `$` (`$-3 $`), or a
// number comes right before it (5$), or a unit follows it ($/token).
bool is_prose_dollar(std::string_view text, size_t at, size_t limit);

// Whether `name` (a control word without its backslash) takes a text argument: `text`,
// `mbox`, `textbf` and the like.
bool is_text_mode_command(std::string_view name);

// Finds the `$$` that closes display math in text[from, limit), or npos.
size_t find_display_close(std::string_view text, size_t from, size_t limit);

// Finds `delimiter` in text[from, limit), skipping backslash escapes, or npos.
size_t find_math_delimiter(std::string_view text, size_t from, size_t limit,
                           std::string_view delimiter);

}  // namespace qadeck
