// Markdown to HTML for cards: cmark-gfm (GFM tables, strikethrough and autolinks; raw HTML
// kept, for html_sanitizer to clean), with math protected. cmark would read `_` and `*` inside
// math as emphasis and drop the backslash of `\(`, so each math span is swapped for a
// placeholder before parsing and written back afterwards as MathJax expects it in Anki:
// `$…$` and `\(…\)` as `\(…\)`, `$$…$$` and `\[…\]` as `\[…\]`, with `<`, `>` and `&` escaped.
// No cmark type leaves html_render.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/inline_tokens.h"

namespace qadeck {

// Renders `markdown`; `math` holds its math spans (offsets into `markdown`, sorted, not
// overlapping). With `inline_only`, a result that is one paragraph loses its <p> wrapper.
std::string render_markdown(std::string_view markdown, const std::vector<MathSpan>& math,
                            bool inline_only);

// Math as it is written into card HTML: `\(x &lt; y\)`.
std::string math_html(const MathSpan& span, std::string_view body);

// Decodes the HTML character references in `text` (the full HTML5 list). Strict, as Anki
// decodes a field before checksumming it: any `&` that does not start a complete reference
// (name or number, then `;`) makes the result nullopt. Lenient: such an `&` stays as it is.
std::optional<std::string> decode_html_strict(std::string_view text);
std::string decode_html(std::string_view text);

// Escapes `&`, `<`, `>` and `"`.
std::string escape_html(std::string_view text);

// The version of the cmark-gfm library rendering the cards, as it reports itself.
std::string cmark_gfm_version();

}  // namespace qadeck
