// Heading ids as renderers make them, for `#fragment` links (link.anchor).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/link_results.h"

namespace qadeck {

// GitHub's slug (github-slugger) of a heading's rendered text: lower-cased, every character
// but letters, marks, numbers, `_`, `-` and spaces dropped, each space made a `-`.
std::string github_slug(std::string_view rendered_text);

// kramdown's own (its default input): the text as written, cut to start at its first ASCII
// letter, every character but ASCII letters, digits, spaces and `-` dropped, spaces made `-`,
// lower-cased; "section" when nothing is left.
std::string kramdown_slug(std::string_view raw_text);

// The text GitHub renders for a heading's Markdown: code spans keep their text, links their
// label, images and HTML tags disappear, escapes and character references are decoded, and
// emphasis markers go. An approximation of the renderer, exact for ordinary headings.
std::string rendered_heading_text(std::string_view markdown);

// Gives each heading of one document its id, in document order: the repeats of a slug get
// -1, -2, … as the renderer numbers them.
class Slugger {
 public:
  explicit Slugger(SlugStyle style) : style_(style) {}
  // `heading` is the heading's text as written (without `#` markers or an `{#id}`).
  std::string next(std::string_view heading);

 private:
  SlugStyle style_;
  std::map<std::string, int, std::less<>> seen_;
};

// Decodes the character reference at text[at] ('&'): returns the UTF-8 text and sets `length`
// to the reference's length, or returns "" when there is none.
std::string decode_character_reference(std::string_view text, size_t at, size_t& length);

// Appends the UTF-8 encoding of cp.
void append_utf8(std::string& out, char32_t cp);

}  // namespace qadeck
