#include "core/document.h"

#include <algorithm>

#include "core/inline_scanner.h"

namespace qadeck {
namespace {

// The blocks whose text holds inline Markdown, math and tags, in document order.
std::vector<ByteRange> inline_regions(const std::vector<Block>& blocks) {
  std::vector<ByteRange> regions;
  for (const Block& b : blocks) {
    switch (b.kind) {
      case BlockKind::heading:
      case BlockKind::paragraph: regions.push_back(b.content); break;
      case BlockKind::html_block:
      case BlockKind::table: regions.push_back(b.range); break;
      default: break;
    }
  }
  std::sort(regions.begin(), regions.end(),
            [](ByteRange a, ByteRange b) { return a.begin < b.begin; });
  return regions;
}

}  // namespace

bool Document::in_code(size_t offset) const {
  auto it = std::upper_bound(code.begin(), code.end(), offset,
                             [](size_t o, ByteRange r) { return o < r.begin; });
  return it != code.begin() && std::prev(it)->contains(offset);
}

Document build_document(const SourceFile& source, const ExtractOptions& options) {
  Document doc;
  doc.source = &source;
  const std::string_view text = source.text();
  doc.front_matter = parse_front_matter(text, source.content_begin());
  const size_t body = doc.front_matter.present ? doc.front_matter.range.end : source.content_begin();
  doc.blocks = parse_blocks(text, body);
  doc.inline_tokens = scan_inline(text, inline_regions(doc.blocks));
  for (const Block& b : doc.blocks) {
    if (b.kind == BlockKind::fenced_code || b.kind == BlockKind::indented_code) {
      doc.code.push_back(b.range);
    }
  }
  doc.code.insert(doc.code.end(), doc.inline_tokens.code_spans.begin(),
                  doc.inline_tokens.code_spans.end());
  std::sort(doc.code.begin(), doc.code.end(),
            [](ByteRange a, ByteRange b) { return a.begin < b.begin; });
  Extraction qa = extract_qa(source, doc.blocks, options);
  doc.sections = std::move(qa.sections);
  doc.items = std::move(qa.items);
  return doc;
}

}  // namespace qadeck
