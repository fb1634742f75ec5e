// qadeck's math scanner, following pandoc's tex_math_dollars rules: an opening `$` has a
// non-space character right after it; a closing `$` has a non-space character right before
// it and no digit right after; `\$` is a literal dollar; `$$...$$` is display math; `\(...\)`
// and `\[...\]` count too.
#pragma once

#include <string_view>

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
  size_t dollar = none;   // no closing `$` starts in [dollar, limit)
  size_t display = none;  // no `$$` in [display, limit)
  size_t paren = none;    // no `\)` in [paren, limit)
  size_t bracket = none;  // no `\]` in [bracket, limit)
};

// Scans math starting at text[at], which is '$' or '\\', without reading past `limit`.
// A `$` that closes nothing is `unclosed`, unless a digit touches it ($5, 5$): that is
// currency, plain text with nothing to report. `memo`, when given, is reused across calls.
MathScan scan_math(std::string_view text, size_t at, size_t limit, CloserMemo* memo = nullptr);

// Finds the `$$` that closes display math in text[from, limit), or npos.
size_t find_display_close(std::string_view text, size_t from, size_t limit);

// Finds `delimiter` in text[from, limit), skipping backslash escapes, or npos.
size_t find_math_delimiter(std::string_view text, size_t from, size_t limit,
                           std::string_view delimiter);

}  // namespace qadeck
