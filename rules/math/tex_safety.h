// Commands in math that must not reach TeX (the PDF) or MathJax (the cards): TeX's file,
// shell and catcode primitives and the tricks that spell any command (`\csname`, `^^`), and
// MathJax's HTML extension (`\style`, `\class`, `\cssId`, `\data`, `\unicode`, `\href` or
// `\url` to a scheme other than http, https and mailto). math.unsafe-command reports them, and
// `qadeck export` refuses a deck whose math holds one, --force or not: one function decides.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace qadeck::math {

struct UnsafeTex {
  ByteRange range;  // the command (with its argument, for \href and \url), into the text
  std::string message;
};

// What is unsafe in the math body text[body], in text order.
std::vector<UnsafeTex> unsafe_tex(std::string_view text, ByteRange body);

}  // namespace qadeck::math
