// Cleans card HTML, the one place that decides what HTML a card may carry: the exporters call
// it on every question and answer, and html.unsafe reports what it removes (so a lint-clean
// document is exported unchanged).
//
// The HTML is parsed as a browser parses it (gumbo, an HTML5 tokenizer and tree builder, as a
// fragment inside a <div>), after C0 and C1 control characters other than tab, line feed and
// carriage return are removed: Anki strips them from a field after import, which would join
// `on\x0bload` or `java\x01script:` into something live. The tree is then written out again
// with only an allowlist: the text elements a study card needs (p, b, i, lists, tables, code,
// ruby, details, img, audio, video, ...), a few presentational attributes on them and data-*, href on <a>
// (http, https, ftp, mailto or relative), src on media (the same, plus `data:` for raster
// images on <img>) and style without url(), expressions or escapes. Script-capable and
// resource-loading elements (script, style, svg, math, iframe, object, embed, form controls,
// base, meta, link, template, ...) go with their content; any other element not allowed is
// unwrapped, its content kept. Comments go too (they are not removals).
//
// The output is canonical: every attribute value double-quoted with `&`, `"`, `<` and `>`
// escaped, text with `&`, `<` and `>` escaped, media tags with src first. So every `<` in it
// starts a tag, and image_sources and rewrite_image_sources can scan it without a parser.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/inline_tokens.h"

namespace qadeck {

// One construct the sanitizer left out.
struct HtmlRemoval {
  std::string reason;   // "event handler onerror= would run JavaScript"
  std::string written;  // the construct as written in the input, for finding it in the source
  std::string value;    // an attribute's value as written, unquoted (for a rendered link's href)
};

struct SanitizedHtml {
  std::string html;
  std::vector<HtmlRemoval> removed;  // in input order
};

SanitizedHtml sanitize_html(std::string_view html);

// True when the sanitizer could remove nothing from the card HTML rendered from `range` of
// `text`, whose math spans (sorted, as the Document has them) are rendered escaped: outside
// math it has no control character or numeric reference; every `]` closes a plain inline
// link or image whose destination the sanitizer keeps as written (`[docs](https://...)`,
// `![](img/a.png)`), or is text because the item defines no link reference; and every `<` is
// text or starts a tag the sanitizer keeps, with only attributes it keeps and double-quoted
// values free of character references (`<b>`, `</p>`, `<br />`, `<p align="justify">`,
// `<img src="https://..." alt="x">`). Lint asks this first, so that most items are neither
// rendered nor parsed.
bool could_lose_nothing(std::string_view text, ByteRange range,
                        const std::vector<MathSpan>& math);

// The text a browser would show for `html` (tags dropped, character references decoded,
// control characters removed), for the places that hold text: deck names, titles.
std::string html_text(std::string_view html);

// The src values of the <img> tags in sanitized HTML, as written (character references not
// decoded), in order.
std::vector<std::string> image_sources(std::string_view html);

// Gives an <img> tag's src value its new value (as written: escaped), or nullopt to replace the tag by its alt text.
using ImageRename = std::function<std::optional<std::string>(std::string_view src)>;

// Rewrites the src of every <img> tag in sanitized HTML.
std::string rewrite_image_sources(std::string_view html, const ImageRename& rename);

}  // namespace qadeck
