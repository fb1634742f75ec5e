// The Q&A extractor: finds sections and items in a parsed document, whatever question style
// it uses (and files that mix them), looking inside HTML blocks too.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/blocks.h"
#include "core/lint_memo.h"
#include "core/link_results.h"
#include "core/qa_model.h"
#include "core/source_file.h"

namespace qadeck {

struct ExtractOptions {
  std::optional<QuestionStyle> style;  // pinned by config; detected when unset
  std::optional<std::string> lang;     // the document language from config, if any
  // Not used by extraction: build_document hands them on to the Document for the link rules.
  // Unset: github-pages when the front matter is Jekyll's (`layout:`, `permalink:`), else
  // github; the command line sets github-pages itself for a file inside a Jekyll site.
  std::optional<SlugStyle> slug_style;
  double similarity_threshold = 0.85;           // structure.similar-question's `threshold`
  const LinkResults* external_links = nullptr;  // must outlive the Document; null: unchecked
  std::vector<std::string> math_macros;          // for math.unknown-command (math.macros)
  std::string project_root;  // see core/project_root.h; "" finds it from the file alone
  // What lints of earlier texts computed, for a text linted again after edits; null: none.
  LintMemo* memo = nullptr;
};

struct Extraction {
  std::vector<Section> sections;
  std::vector<Item> items;
};

Extraction extract_qa(const SourceFile& source, const std::vector<Block>& blocks,
                      const ExtractOptions& options);

// A MkDocs/Material admonition's first line: `??? question "Title"`, `???+ note`, `!!! tip`.
// Its body is the lines indented by four spaces below it, Markdown.
struct AdmonitionMarker {
  std::string_view kind;   // "question", "note", …
  std::string_view title;  // without its quotes; empty when there is none
};
std::optional<AdmonitionMarker> admonition_marker(std::string_view line);

// A decimal digit at text[at], ASCII or full-width ("７", U+FF17), and its width in bytes.
struct DigitAt {
  int value = 0;
  size_t width = 1;
};
std::optional<DigitAt> digit_at(std::string_view text, size_t at, size_t limit);

// Parses a number at text[at]: "12." "12)" "Q3：" "3.1.1 " (bare numbers followed by a
// space only when allow_bare), the Chinese ways "一、" "（一）" "（1）" "2.1，", and full-width
// digits and Q ("１．" "Ｑ１："). Its parts are the values; `last` spans the last one's digits
// as written. On success, `rest` is where the text after it begins.
std::optional<Number> parse_number(std::string_view text, size_t at, size_t limit,
                                   bool allow_bare, size_t& rest);

}  // namespace qadeck
