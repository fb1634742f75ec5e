// The tag-balance rules trust the hand-written tag reader (core/html_scanner's Html5TagReader,
// which reads HTML blocks) to find the tags a browser finds. This test holds it to the HTML5
// parser (gumbo) over the injection vector corpus: the start and end tags each finds, by name,
// offset and order, must agree, except where tree building hides a tag from the tree view and
// where gumbo parses as a browser with scripts off (listed, with the reason).
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
  std::string attributes;  // start tags: the attribute names kept, as written, lower case
  auto operator<=>(const Tag&) const = default;
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The tags the reader finds, read as the inline scanner reads an HTML block.
std::vector<Tag> scanner_tags(std::string_view html) {
  std::vector<Tag> tags;
  Html5TagReader reader(html);
  size_t at = 0;
  while ((at = html.find('<', at)) != std::string_view::npos) {
    const Html5TagReader::Step step = reader.read(at, html.size());
    at = step.next;
    if (!step.tag || step.tag->kind == HtmlTagKind::comment ||
        step.tag->kind == HtmlTagKind::declaration) {
      continue;
    }
    std::string attributes;
    for (const HtmlAttribute& a : step.tag->attributes) attributes += " " + std::string(a.name_range.in(html));
    const bool end = step.tag->kind == HtmlTagKind::close;
    tags.push_back({step.tag->range.begin, step.tag->name, end, end ? "" : lower_ascii(attributes)});
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
    std::string attributes;
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto* a = static_cast<const GumboAttribute*>(element.attributes.data[i]);
      attributes += " " + std::string(a->original_name.data, a->original_name.length);
    }
    starts.push_back({static_cast<size_t>(element.original_tag.data - base),
                      tag_name(element.original_tag), false, lower_ascii(attributes)});
    if (element.original_end_tag.length > 0) {
      ends.push_back({static_cast<size_t>(element.original_end_tag.data - base),
                      tag_name(element.original_end_tag), true, ""});
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
    out += (t.end ? " </" : " <") + t.name + t.attributes + ">@" + std::to_string(t.offset);
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

// Where the reader and gumbo part ways, and why; no disagreement about the tokenizer is left.
constexpr const char* tree_building =
    "tree building drops or rewrites a tag the tokenizer saw (<html>, <head>, <body> after the "
    "body started, <body> or an unknown element in a frameset, <isindex>): the tree view's "
    "limit, not a disagreement";
constexpr const char* noscript =
    "noscript: gumbo parses as with scripting off, where its content is markup; a browser "
    "that runs scripts (Anki's web view does) reads it as text up to </noscript>, and so does "
    "the reader (the sanitizer drops noscript with its content either way)";

// Vectors (by their line number in vectors.jsonl, from 1) where the reader and the parser
// disagree, and why.
const std::map<size_t, const char*>& known_disagreements() {
  static const std::map<size_t, const char*> known = {
      {146, tree_building}, {187, noscript},      {188, noscript},      {203, tree_building},
      {206, tree_building}, {218, tree_building}, {236, tree_building}, {249, tree_building},
      {291, tree_building}, {319, tree_building}, {320, tree_building}, {424, tree_building},
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

namespace qadeck {
namespace {

// The reader's own unit cases (tests/unit/html_scanner_test.cpp), held to the parser too.
TEST(HtmlScannerDifferential, AgreesWithHtml5ParserOnTheReadersUnitCases) {
  for (const std::string html :
       {"<svg/onload=x>", "<img/src=\"x\"/onerror=y>", "<img src=`x` onerror=y>",
        "<img src=x\" a=>", "<a:b @x=1 \xC3\xA9=2>", "<b a=1 a=2 \"q=3>", "<b></b x=1>",
        "a < b, <3, </> and </ x>", "<img src=x <i>", "<b>x<img src=\"a><i>b", "<!--><b>",
        "<!---><b>", "<!-- a --!><b>", "<!-- a ---><b>", "<?x <b>?><i>",
        "<title><!--</title><svg onload=x>-->", "<xmp><b></xmpx></XMP ><i>",
        "<style><b a=\"</style>\">", "<iframe><b a=\"</iframe>\">", "<textarea><b></textarea>",
        "<plaintext></plaintext><b>", "<script><!--<script></script>x</script><b>",
        "<script><!-- --></script><b>", "<svg><style><b></style></svg>",
        "<svg><![CDATA[<b>]]></svg><![CDATA[<i>]]>",
        "<svg><foreignObject><style><b></style></foreignObject></svg>",
        "<math><p><style><b></style>"}) {
    EXPECT_EQ(disagreement(views_of(html)), "") << html;
  }
}

}  // namespace
}  // namespace qadeck
