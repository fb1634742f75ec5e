// The Q&A extractor: finds sections and items in a parsed document, whatever question style
// it uses (and files that mix them), looking inside HTML blocks too.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/blocks.h"
#include "core/link_results.h"
#include "core/qa_model.h"
#include "core/source_file.h"

namespace qadeck {

struct ExtractOptions {
  std::optional<QuestionStyle> style;  // pinned by config; detected when unset
  std::optional<std::string> lang;     // the document language from config, if any
  // Not used by extraction: build_document hands them on to the Document for the link rules.
  SlugStyle slug_style = SlugStyle::github;
  const LinkResults* external_links = nullptr;  // must outlive the Document; null: unchecked
  std::string project_root;  // see core/project_root.h; "" finds it from the file alone
};

struct Extraction {
  std::vector<Section> sections;
  std::vector<Item> items;
};

Extraction extract_qa(const SourceFile& source, const std::vector<Block>& blocks,
                      const ExtractOptions& options);

// Parses a number at text[at]: "12." "12)" "Q3：" "3.1.1 " (bare numbers followed by a
// space only when allow_bare). On success, `rest` is where the text after it begins.
std::optional<Number> parse_number(std::string_view text, size_t at, size_t limit,
                                   bool allow_bare, size_t& rest);

}  // namespace qadeck
