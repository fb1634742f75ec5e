// Parses one HTML construct (tag, comment or declaration) starting at a '<': as CommonMark
// reads raw HTML in Markdown text (scan_html_tag), or as a browser reads HTML that reaches it
// as it is, in an HTML block (Html5TagReader).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/inline_tokens.h"

namespace qadeck {

// Where searches for the end of a comment or a declaration already failed within one region
// (text up to `limit`). The end a construct needs (`-->`, `>`) does not depend on where it
// opened, so once one finds none, later ones need not look again: this keeps scanning linear
// in a paragraph full of `<!--` that nothing closes.
struct HtmlScanMemo {
  static constexpr size_t none = std::string_view::npos;
  size_t limit = none;
  size_t comment = none;      // no `-->` in [comment, limit)
  size_t declaration = none;  // no `>` in [declaration, limit)
};

// Parses the construct at text[at] (which is '<'), not reading past `limit`. Returns nothing
// when the bytes are not an HTML construct (`a < 1`, `<3`, an unterminated tag). `memo`,
// when given, is reused across calls.
std::optional<HtmlTag> scan_html_tag(std::string_view text, size_t at, size_t limit,
                                     HtmlScanMemo* memo = nullptr);

// Tags whose content is raw text, never Markdown: math and tags inside are not scanned.
bool is_raw_text_tag(std::string_view lower_name);

// Reads the tags of HTML as HTML5's tokenizer does, with the part of tree building that
// decides how the tokenizer goes on: the content of script, style, xmp, iframe, noembed,
// noframes, noscript (Anki runs scripts), title, textarea and plaintext is text up to the
// element's end tag; inside svg and math (outside their HTML integration points) those are
// ordinary elements and `<![CDATA[` is text. Whatever the tokenizer reads as a tag is one:
// any name up to a space, '/' or '>', '/' between attributes, unquoted values with quotes or
// '<' in them; a tag that reaches the end of the text is no tag, and hides what it covers.
// Comments end where browsers end them (`<!-->`, `--!>`). Reads one HTML block (or one
// document): it keeps the svg and math elements open between calls.
class Html5TagReader {
 public:
  explicit Html5TagReader(std::string_view text) : text_(text) {}

  struct Step {
    std::optional<HtmlTag> tag;  // nothing when the '<' is text or its tag hides to `limit`
    size_t next = 0;             // where to read on: past the tag, and past raw text content
  };

  // Reads the construct at text[at] (which is '<'), not past `limit`.
  Step read(size_t at, size_t limit);

 private:
  struct Foreign {
    std::string name;
    bool svg = false;          // else MathML
    bool integration = false;  // its content is HTML (foreignObject, desc, title, mi, ...)
  };

  bool in_foreign() const { return !open_.empty() && !open_.back().integration; }
  size_t raw_text_end(std::string_view name, size_t from, size_t limit) const;
  void start_tag(const HtmlTag& tag);
  void end_tag(const HtmlTag& tag);

  std::string_view text_;
  std::vector<Foreign> open_;  // the svg and math elements open, outermost first
};

// Void elements, which never take a closing tag.
bool is_void_tag(std::string_view lower_name);

}  // namespace qadeck
