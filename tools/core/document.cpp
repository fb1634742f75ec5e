#include "core/document.h"

#include <algorithm>
#include <optional>

#include "core/inline_scanner.h"
#include "core/project_root.h"

namespace qadeck {
namespace {

struct InlineRegions {
  std::vector<ByteRange> ranges;
  std::vector<bool> html_block;
};

// The blocks whose text holds inline Markdown, math and tags, in document order.
InlineRegions inline_regions(const std::vector<Block>& blocks) {
  std::vector<std::pair<ByteRange, bool>> regions;
  for (const Block& b : blocks) {
    switch (b.kind) {
      case BlockKind::heading:
      case BlockKind::paragraph: regions.emplace_back(b.content, false); break;
      case BlockKind::html_block: regions.emplace_back(b.range, true); break;
      case BlockKind::table: regions.emplace_back(b.range, false); break;
      default: break;
    }
  }
  std::sort(regions.begin(), regions.end(),
            [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });
  InlineRegions out;
  for (const auto& [range, html] : regions) {
    out.ranges.push_back(range);
    out.html_block.push_back(html);
  }
  return out;
}

// A link reference definition, `[label]: destination "title"`, in a block the block parser
// found to be one.
std::optional<Link> reference_definition(std::string_view text, ByteRange block) {
  size_t i = block.begin;
  while (i < block.end && text[i] == ' ') ++i;
  if (i >= block.end || text[i] != '[') return std::nullopt;
  const size_t label_begin = i + 1;
  for (i = label_begin; i < block.end && text[i] != ']'; ++i) {
    if (text[i] == '\\') ++i;
  }
  if (i + 1 >= block.end || text[i + 1] != ':') return std::nullopt;
  const ByteRange label{label_begin, i};
  i += 2;
  while (i < block.end && is_ascii_space(text[i])) ++i;
  ByteRange dest{i, i};
  if (i < block.end && text[i] == '<') {
    const size_t close = text.find('>', i + 1);
    if (close == std::string_view::npos || close >= block.end) return std::nullopt;
    dest = {i + 1, close};
  } else {
    while (i < block.end && !is_ascii_space(text[i])) ++i;
    dest.end = i;
  }
  if (dest.empty()) return std::nullopt;
  return Link{LinkKind::definition, {block.begin, block.end}, dest, label};
}

}  // namespace

bool Document::in_code(size_t offset) const {
  auto it = std::upper_bound(code.begin(), code.end(), offset,
                             [](size_t o, ByteRange r) { return o < r.begin; });
  return it != code.begin() && std::prev(it)->contains(offset);
}

bool Document::in_math(size_t offset) const {
  const auto& math = inline_tokens.math;
  auto it = std::upper_bound(math.begin(), math.end(), offset,
                             [](size_t o, const MathSpan& m) { return o < m.range.begin; });
  return it != math.begin() && std::prev(it)->range.contains(offset);
}

namespace {

// Calls f(item) for each item of `sorted` (ordered by range begin) that overlaps `window`.
template <typename T, typename RangeOf, typename F>
void for_each_overlapping(const std::vector<T>& sorted, ByteRange window, RangeOf range_of, F f) {
  auto it = std::upper_bound(sorted.begin(), sorted.end(), window.begin,
                             [&](size_t o, const T& t) { return o < range_of(t).begin; });
  // Earlier items may still reach into the window (a link encloses the tags in its text).
  while (it != sorted.begin() && range_of(*std::prev(it)).end > window.begin) --it;
  if (it != sorted.begin()) --it;
  for (; it != sorted.end() && range_of(*it).begin < window.end; ++it) {
    if (range_of(*it).overlaps(window)) f(*it);
  }
}

}  // namespace

std::string Document::masked(ByteRange range, unsigned mask) const {
  std::string out(range.in(text()));
  const auto blank = [&](ByteRange r) {
    const size_t b = std::max(r.begin, range.begin);
    const size_t e = std::min(r.end, range.end);
    for (size_t i = b; i < e; ++i) {
      if (out[i - range.begin] != '\n') out[i - range.begin] = ' ';
    }
  };
  if (mask & mask_code) {
    for_each_overlapping(code, range, [](ByteRange r) { return r; }, blank);
  }
  if (mask & mask_math) {
    for_each_overlapping(inline_tokens.math, range, [](const MathSpan& m) { return m.range; },
                         [&](const MathSpan& m) { blank(m.range); });
  }
  if (mask & mask_html) {
    for_each_overlapping(inline_tokens.html, range, [](const HtmlTag& t) { return t.range; },
                         [&](const HtmlTag& t) { blank(t.range); });
  }
  if (mask & mask_urls) {
    for_each_overlapping(inline_tokens.links, range, [](const Link& l) { return l.range; },
                         [&](const Link& l) { blank(l.destination); });
  }
  return out;
}

const LanguageProfile& Document::languages() const {
  return shared_analysis<LanguageProfile>("languages", [&] { return profile_languages(*this); });
}

const std::string& Document::project_root() const {
  if (project_root_.empty()) project_root_ = qadeck::project_root(nullptr, source->path());
  return project_root_;
}

Document build_document(const SourceFile& source, const ExtractOptions& options) {
  Document doc;
  doc.source = &source;
  doc.configured_lang = options.lang;
  doc.similarity_threshold = options.similarity_threshold;
  doc.external_links = options.external_links;
  doc.math_macros = options.math_macros;
  doc.project_root_ = options.project_root;
  doc.memo = options.memo;
  const std::string_view text = source.text();
  doc.front_matter = parse_front_matter(text, source.content_begin());
  // Jekyll's own front matter keys: the page is built by Jekyll (GitHub Pages' default).
  const bool jekyll = doc.front_matter.get("layout") || doc.front_matter.get("permalink");
  doc.slug_style = options.slug_style.value_or(jekyll ? SlugStyle::github_pages : SlugStyle::github);
  const size_t body = doc.front_matter.present ? doc.front_matter.range.end : source.content_begin();
  BlockMemo* block_memo = options.memo ? &options.memo->blocks : nullptr;
  doc.blocks = parse_blocks(text, body, BlockParse::fast, default_chunk_bytes, block_memo);
  // An admonition's indented body is Markdown, not an indented code block: the grammar is
  // shown a copy of the text, of the same length, where each marker line reads as an empty
  // bullet ("- ."), so that the body parses as that item's blocks, at their own offsets.
  std::string shown;
  for (const Block& b : doc.blocks) {
    if (b.kind != BlockKind::paragraph) continue;
    const size_t line_end = std::min(text.find('\n', b.range.begin), b.range.end);
    if (!admonition_marker(text.substr(b.range.begin, line_end - b.range.begin))) continue;
    if (shown.empty()) shown = std::string(text);
    std::fill(shown.begin() + static_cast<std::ptrdiff_t>(b.range.begin),
              shown.begin() + static_cast<std::ptrdiff_t>(line_end), ' ');
    shown[b.range.begin] = '-';
    shown[b.range.begin + 2] = '.';  // an item that begins with a blank line would end there
  }
  if (!shown.empty()) {
    doc.blocks = parse_blocks(shown, body, BlockParse::fast, default_chunk_bytes, block_memo);
  }
  InlineRegions regions = inline_regions(doc.blocks);
  doc.inline_tokens = scan_inline(text, regions.ranges, std::move(regions.html_block));
  for (const Block& b : doc.blocks) {
    if (b.kind == BlockKind::fenced_code || b.kind == BlockKind::indented_code) {
      doc.code.push_back(b.range);
    }
    if (b.kind == BlockKind::link_reference) {
      if (auto definition = reference_definition(text, b.range)) {
        doc.inline_tokens.links.push_back(*definition);
      }
    }
  }
  doc.code.insert(doc.code.end(), doc.inline_tokens.code_spans.begin(),
                  doc.inline_tokens.code_spans.end());
  std::sort(doc.code.begin(), doc.code.end(),
            [](ByteRange a, ByteRange b) { return a.begin < b.begin; });
  // Scanning yields tokens in order of their end; views need them in order of their start.
  auto& tokens = doc.inline_tokens;
  std::sort(tokens.math.begin(), tokens.math.end(),
            [](const MathSpan& a, const MathSpan& b) { return a.range.begin < b.range.begin; });
  std::sort(tokens.links.begin(), tokens.links.end(),
            [](const Link& a, const Link& b) { return a.range.begin < b.range.begin; });
  Extraction qa = extract_qa(source, doc.blocks, options);
  doc.sections = std::move(qa.sections);
  doc.items = std::move(qa.items);
  return doc;
}

}  // namespace qadeck
