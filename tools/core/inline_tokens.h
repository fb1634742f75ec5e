// Inline tokens found by qadeck's own scanners: code spans, math, HTML tags and links, each
// with exact byte spans into the source.
#pragma once

#include <string>
#include <vector>

#include "core/text.h"

namespace qadeck {

enum class MathKind {
  inline_dollar,    // $...$
  display_dollar,   // $$...$$ (kramdown also writes it inline)
  inline_paren,     // \(...\)
  display_bracket,  // \[...\]
};

struct MathSpan {
  MathKind kind = MathKind::inline_dollar;
  ByteRange range;  // delimiters included
  ByteRange body;   // between the delimiters
  bool crosses_blank_line = false;
};

// A delimiter that opens math and is never closed.
struct UnclosedMath {
  MathKind kind = MathKind::inline_dollar;
  ByteRange delimiter;
};

enum class HtmlTagKind { open, close, self_closing, comment, declaration };

struct HtmlAttribute {
  std::string name;  // lower case
  ByteRange name_range;
  ByteRange value;   // without quotes; empty when the attribute has no value
};

struct HtmlTag {
  HtmlTagKind kind = HtmlTagKind::open;
  ByteRange range;
  std::string name;  // lower case; empty for comments and declarations
  std::vector<HtmlAttribute> attributes;
};

enum class LinkKind {
  inline_link,     // [text](dest)
  image,           // ![alt](src)
  reference,       // [text][label], [label][], [label]
  autolink,        // <https://...>
  bare_url,        // https://... in prose
  definition,      // [label]: dest
  html_attribute,  // href="..." / src="..."
};

struct Link {
  LinkKind kind = LinkKind::inline_link;
  ByteRange range;        // the whole construct
  ByteRange destination;  // the URL as written (empty for reference links)
  ByteRange label;        // reference links and definitions
};

struct InlineTokens {
  std::vector<ByteRange> code_spans;
  std::vector<MathSpan> math;
  std::vector<UnclosedMath> unclosed_math;
  std::vector<HtmlTag> html;
  std::vector<Link> links;
};

}  // namespace qadeck
