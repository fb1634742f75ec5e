// Heading ids as renderers make them, for `#fragment` links (link.anchor).
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/link_results.h"

namespace qadeck {

// github-slugger's slug (github.com's) of a heading's rendered text: lower-cased as
// JavaScript's toLowerCase(); every character dropped but spaces, `-` and those that are
// Alphabetic, marks, decimal numbers or connector punctuation; each space made a `-`.
std::string github_slug(std::string_view rendered_text);

// kramdown's GFM parser's (GitHub Pages'): the same characters kept (Ruby's \p{Word}), and a
// tab becomes a `-` too.
std::string github_pages_slug(std::string_view rendered_text);

// kramdown's own (its default input): the text as written, cut to start at its first ASCII
// letter, every character but ASCII letters, digits, spaces and `-` dropped, spaces made `-`,
// lower-cased; "section" when nothing is left.
std::string kramdown_slug(std::string_view raw_text);

// What a heading's inline Markdown depends on elsewhere in the document.
struct HeadingContext {
  std::set<std::string, std::less<>> references;  // defined link labels (normalize_space_lower)
  std::vector<std::string> footnotes;             // defined footnote labels, in order of use
};

// The document's reference and footnote definitions, for rendered_heading_text.
HeadingContext heading_context(std::string_view document_text);

// The text a renderer makes of a heading's Markdown, which github (cmark-gfm's text content)
// and github-pages (kramdown-parser-gfm's raw text for ids) slug: code spans keep their text,
// links their text, images, HTML tags and comments disappear, character references and
// escapes are decoded, emphasis delimiters that pair go. The styles differ in footnote markers
// (the number on github.com, nothing on Pages), typographic symbols (`--`, `...` on Pages),
// code-span spaces and the character references known. `markdown` is trimmed as written.
std::string rendered_heading_text(std::string_view markdown, SlugStyle style,
                                  const HeadingContext& context);

// Gives each heading of one document its id, in document order, numbering repeats as the
// renderer does: github-slugger checks that a numbered id is not taken; kramdown and its GFM
// parser count each base id and add -1, -2, … without that check.
class Slugger {
 public:
  explicit Slugger(SlugStyle style) : style_(style) {}
  // `heading` is the heading's Markdown (without `#` markers or an explicit `{#id}`).
  std::string next(std::string_view heading, const HeadingContext& context);

 private:
  SlugStyle style_;
  std::map<std::string, int, std::less<>> seen_;
};

// Which character references a decoder knows.
enum class EntityTable {
  html5,           // WHATWG's, with the semicolon (CommonMark)
  html_attribute,  // WHATWG's, and the legacy ones without it, as HTML reads an attribute
  kramdown,  // kramdown's (HTML 4.01's, with apos and vellip)
};

// Decodes the character reference at text[at] ('&'): returns the UTF-8 text and sets `length`
// to the reference's length, or returns "" when there is none.
std::string decode_character_reference(std::string_view text, size_t at, size_t& length,
                                       EntityTable table = EntityTable::html5);

// Appends the UTF-8 encoding of cp.
void append_utf8(std::string& out, char32_t cp);

}  // namespace qadeck
