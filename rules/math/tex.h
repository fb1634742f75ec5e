// What the math rules share: a small TeX tokenizer over math bodies, and the test for text
// that reads as TeX.
#pragma once

#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/text.h"

namespace qadeck::math {

struct TexToken {
  enum class Kind {
    control_word,    // \left, \begin
    control_symbol,  // \{, \}, \\, \|
    open_brace,      // {
    close_brace,     // }
    ampersand,       // & (an alignment cell ends)
  };
  Kind kind = Kind::control_word;
  ByteRange range;        // into the source text
  std::string_view name;  // control words and symbols: what follows the backslash
};

// The tokens of text[range] that the math rules read; other characters are skipped, and so
// are `%` comments (to the end of the line) and the argument of `\verb` (`\verb|{|`).
std::vector<TexToken> tokenize(std::string_view text, ByteRange range);

// The tokens of each math span's body (doc.inline_tokens.math, index for index), computed
// once per document for all the math rules.
const std::vector<std::vector<TexToken>>& span_tokens(const Document& doc);

// `\begin{name}` / `\end{name}`: the name when `command` (a control word token) is followed,
// after optional spaces, by a braced name on the same line; `end` is set past the `}`. The
// name is exactly what the braces hold: `\begin{ matrix }` names ` matrix `, which is no
// environment MathJax knows.
std::string_view environment_name(std::string_view text, const TexToken& command, size_t& end);

// True when `s` holds a TeX control word (`\frac`), a line break `\\`, a superscript or a
// braced subscript: what tells math from an escaped bracket in prose.
bool reads_as_tex(std::string_view s);

}  // namespace qadeck::math
