// The Document: one source file parsed once into everything rules read. Rules never
// re-discover code, math, tags or links by themselves.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/blocks.h"
#include "core/front_matter.h"
#include "core/inline_tokens.h"
#include "core/qa_extractor.h"
#include "core/qa_model.h"
#include "core/source_file.h"

namespace qadeck {

struct Document {
  const SourceFile* source = nullptr;
  FrontMatter front_matter;
  std::vector<Block> blocks;
  InlineTokens inline_tokens;
  std::vector<ByteRange> code;  // code blocks and code spans, sorted
  std::vector<Section> sections;
  std::vector<Item> items;

  std::string_view text() const { return source->text(); }
  const LineIndex& lines() const { return source->lines(); }
  bool in_code(size_t offset) const;
};

// Parses a source. The SourceFile must outlive the Document.
Document build_document(const SourceFile& source, const ExtractOptions& options = {});

}  // namespace qadeck
