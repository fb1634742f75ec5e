// The tag-balance rules trust the hand-written tag scanner (core/html_scanner) to find the tags
// a browser finds. This test holds it to the HTML5 parser (gumbo) over the injection vector
// corpus: the start and end tags each finds, by name, offset and order, must agree, except for
// the listed disagreements, each with its reason.
//
// gumbo exposes no tokenizer, so its view is read from the tree: an element the parser did not
// invent (implied, reconstructed or cloned by tree building) stands for a start tag at its
// original_tag, and an element closed by an explicit end tag records it as original_end_tag.
// An end tag the tree builder ignores (a stray `</p>`) leaves no trace in the tree, so end tags
// are checked one way only: every end tag gumbo matched must be one the scanner found.
#include <gtest/gtest.h>
#include <gumbo.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/html_scanner.h"

namespace qadeck {
namespace {

struct Tag {
  size_t offset = 0;
  std::string name;
  bool end = false;
  auto operator<=>(const Tag&) const = default;
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The scanner as its callers drive it: a tag is skipped whole, and the content of a raw text
// element runs to its closing tag unscanned.
std::vector<Tag> scanner_tags(std::string_view html) {
  std::vector<Tag> tags;
  const std::string lowered = lower_ascii(html);
  size_t at = 0;
  while ((at = html.find('<', at)) != std::string_view::npos) {
    const auto tag = scan_html_tag(html, at, html.size());
    if (!tag) {
      ++at;
      continue;
    }
    at = tag->range.end;
    if (tag->kind == HtmlTagKind::comment || tag->kind == HtmlTagKind::declaration) continue;
    tags.push_back({tag->range.begin, tag->name, tag->kind == HtmlTagKind::close});
    if (tag->kind == HtmlTagKind::open && is_raw_text_tag(tag->name)) {
      const size_t close = lowered.find("</" + tag->name, at);
      at = close == std::string::npos ? html.size() : close;
    }
  }
  return tags;
}

constexpr unsigned invented = GUMBO_INSERTION_BY_PARSER | GUMBO_INSERTION_IMPLIED |
                              GUMBO_INSERTION_RECONSTRUCTED_FORMATTING_ELEMENT |
                              GUMBO_INSERTION_ADOPTION_AGENCY_CLONED |
                              GUMBO_INSERTION_CONVERTED_FROM_END_TAG |
                              GUMBO_INSERTION_FROM_ISINDEX | GUMBO_INSERTION_FROM_IMAGE;

// The tag name as HTML5's tokenizer reads it from the tag's source: after `<` or `</`, up to
// whitespace, '/' or '>'.
std::string tag_name(GumboStringPiece source) {
  std::string_view text(source.data, source.length);
  size_t i = text.starts_with("</") ? 2 : 1;
  const size_t begin = i;
  while (i < text.size() && std::string_view(" \t\n\f\r/>").find(text[i]) == std::string_view::npos)
    ++i;
  return lower_ascii(text.substr(begin, i - begin));
}

void collect(const GumboNode* node, const char* base, std::vector<Tag>& starts,
             std::vector<Tag>& ends) {
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
  const GumboElement& element = node->v.element;
  if ((node->parse_flags & invented) == 0 && element.original_tag.length > 0) {
    starts.push_back({static_cast<size_t>(element.original_tag.data - base),
                      tag_name(element.original_tag), false});
    if (element.original_end_tag.length > 0) {
      ends.push_back({static_cast<size_t>(element.original_end_tag.data - base),
                      tag_name(element.original_end_tag), true});
    }
  }
  for (unsigned i = 0; i < element.children.length; ++i) {
    collect(static_cast<const GumboNode*>(element.children.data[i]), base, starts, ends);
  }
}

struct Views {
  std::vector<Tag> scanner_starts, scanner_ends, gumbo_starts, gumbo_ends;
};

Views views_of(const std::string& html) {
  Views v;
  for (auto& t : scanner_tags(html)) (t.end ? v.scanner_ends : v.scanner_starts).push_back(t);
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  const GumboVector& top = output->document->v.document.children;
  for (unsigned i = 0; i < top.length; ++i) {
    collect(static_cast<const GumboNode*>(top.data[i]), html.data(), v.gumbo_starts, v.gumbo_ends);
  }
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  std::sort(v.gumbo_starts.begin(), v.gumbo_starts.end());
  std::sort(v.gumbo_ends.begin(), v.gumbo_ends.end());
  return v;
}

std::string describe(const std::vector<Tag>& tags) {
  std::string out;
  for (const auto& t : tags) {
    out += (t.end ? " </" : " <") + t.name + ">@" + std::to_string(t.offset);
  }
  return out;
}

// Returns why the two views differ, or nothing when they agree.
std::string disagreement(const Views& v) {
  std::string why;
  if (v.scanner_starts != v.gumbo_starts) {
    why += "start tags: scanner" + describe(v.scanner_starts) + " | gumbo" +
           describe(v.gumbo_starts) + "\n";
  }
  const std::set<Tag> scanned(v.scanner_ends.begin(), v.scanner_ends.end());
  for (const auto& t : v.gumbo_ends) {
    if (!scanned.contains(t)) why += "end tag the scanner misses:" + describe({t}) + "\n";
  }
  return why;
}

std::vector<nlohmann::json> load_vectors() {
  std::ifstream in(std::string(QADECK_SOURCE_DIR) +
                   "/tests/export/fixtures/xss-vectors/vectors.jsonl");
  std::vector<nlohmann::json> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

// Why the scanner and HTML5 part ways. The scanner follows CommonMark's raw-HTML grammar,
// which is what decides whether Markdown text is a tag at all: outside an HTML block, cmark
// escapes what that grammar rejects, so no browser sees it as a tag. Inside an HTML block the
// bytes reach the browser as they are, and there the browser's reading wins; these are the
// cases where the two differ.
constexpr const char* odd_tag_name =
    "a tag name CommonMark rejects (only ASCII letters, digits and '-'; here ':', '&', '<', "
    "'[', a no-break space...): HTML5 reads everything up to whitespace, '/' or '>' as the name";
constexpr const char* attribute_syntax =
    "attribute syntax CommonMark rejects (a backtick, quote, '=' or '<' in an unquoted value, "
    "'/' or a quote between attributes, an empty value): the scanner drops a tag HTML5 keeps, "
    "or, once the tag is dropped, finds one inside its attribute";
constexpr const char* raw_text =
    "raw text differs: HTML5 also reads xmp, noembed, iframe and title content as text, and "
    "style or script inside svg/math as ordinary elements; the scanner skips the content of "
    "script, style and textarea wherever they are";
constexpr const char* cdata =
    "a CDATA section: text to HTML5 inside svg, a bogus comment outside it; the scanner ends it "
    "at the first '>' as a declaration";
constexpr const char* tree_building =
    "tree building drops or rewrites a tag the tokenizer saw (<html>, <head>, <body> after the "
    "body started, <body> in a frameset, <isindex>): the tree view's limit, not a disagreement";

// Vectors (by their line number in vectors.jsonl, from 1) where the scanner and the parser
// disagree, and why.
const std::map<size_t, const char*>& known_disagreements() {
  static const std::map<size_t, const char*> known = {
      {3, odd_tag_name},
      {16, attribute_syntax},
      {24, attribute_syntax},
      {28, attribute_syntax},
      {37, attribute_syntax},
      {39, cdata},
      {40, attribute_syntax},
      {57, attribute_syntax},
      {58, odd_tag_name},
      {62, attribute_syntax},
      {68, odd_tag_name},
      {75, odd_tag_name},
      {83, odd_tag_name},
      {100, odd_tag_name},
      {102, attribute_syntax},
      {106, attribute_syntax},
      {107, attribute_syntax},
      {108, attribute_syntax},
      {116, odd_tag_name},
      {125, odd_tag_name},
      {141, raw_text},
      {146, tree_building},
      {185, attribute_syntax},
      {192, raw_text},
      {203, tree_building},
      {206, tree_building},
      {210, odd_tag_name},
      {218, tree_building},
      {222, attribute_syntax},
      {230, attribute_syntax},
      {233, attribute_syntax},
      {234, attribute_syntax},
      {236, tree_building},
      {242, attribute_syntax},
      {245, cdata},
      {246, attribute_syntax},
      {249, tree_building},
      {265, attribute_syntax},
      {266, odd_tag_name},
      {269, attribute_syntax},
      {274, odd_tag_name},
      {281, odd_tag_name},
      {288, odd_tag_name},
      {291, tree_building},
      {303, attribute_syntax},
      {306, attribute_syntax},
      {307, attribute_syntax},
      {308, attribute_syntax},
      {314, odd_tag_name},
      {319, tree_building},
      {320, tree_building},
      {324, odd_tag_name},
      {327, raw_text},
      {341, raw_text},
      {343, raw_text},
      {345, raw_text},
      {349, raw_text},
      {350, raw_text},
      {351, raw_text},
      {352, raw_text},
      {356, raw_text},
      {357, raw_text},
      {358, raw_text},
      {361, raw_text},
      {371, attribute_syntax},
      {374, odd_tag_name},
      {377, attribute_syntax},
      {389, attribute_syntax},
      {390, attribute_syntax},
      {391, attribute_syntax},
      {393, odd_tag_name},
      {394, odd_tag_name},
      {395, odd_tag_name},
      {398, odd_tag_name},
      {399, odd_tag_name},
      {400, odd_tag_name},
      {401, odd_tag_name},
      {403, odd_tag_name},
      {404, attribute_syntax},
      {405, odd_tag_name},
      {407, odd_tag_name},
      {409, odd_tag_name},
      {413, odd_tag_name},
      {414, odd_tag_name},
      {415, odd_tag_name},
      {416, odd_tag_name},
      {417, odd_tag_name},
      {419, odd_tag_name},
      {420, odd_tag_name},
      {421, odd_tag_name},
      {422, odd_tag_name},
      {423, odd_tag_name},
      {425, odd_tag_name},
      {426, odd_tag_name},
      {427, odd_tag_name},
      {428, odd_tag_name},
      {429, odd_tag_name},
      {430, odd_tag_name},
      {432, odd_tag_name},
      {433, odd_tag_name},
      {434, odd_tag_name},
      {435, odd_tag_name},
      {436, odd_tag_name},
      {437, odd_tag_name},
      {438, odd_tag_name},
      {440, odd_tag_name},
      {441, odd_tag_name},
      {442, odd_tag_name},
      {443, odd_tag_name},
      {444, odd_tag_name},
      {445, odd_tag_name},
      {446, odd_tag_name},
      {447, odd_tag_name},
      {449, odd_tag_name},
      {450, odd_tag_name},
      {451, odd_tag_name},
      {452, odd_tag_name},
      {453, odd_tag_name},
      {454, odd_tag_name},
      {455, odd_tag_name},
      {456, odd_tag_name},
      {457, odd_tag_name},
      {458, odd_tag_name},
      {459, odd_tag_name},
      {460, odd_tag_name},
      {467, odd_tag_name},
  };
  return known;
}

TEST(HtmlScannerDifferential, AgreesWithHtml5ParserOnVectorCorpus) {
  const auto vectors = load_vectors();
  ASSERT_EQ(vectors.size(), 468u);
  for (size_t i = 0; i < vectors.size(); ++i) {
    const size_t line = i + 1;
    const std::string html = vectors[i].at("html").get<std::string>();
    const std::string why = disagreement(views_of(html));
    const bool listed = known_disagreements().contains(line);
    if (why.empty()) {
      EXPECT_FALSE(listed) << "vector " << line << " now agrees; drop it from the list";
    } else {
      EXPECT_TRUE(listed) << "vector " << line << " (" << vectors[i].value("ref", "")
                          << "): " << html << "\n"
                          << why;
    }
  }
}

}  // namespace
}  // namespace qadeck
