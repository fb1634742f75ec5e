// The Document: one source file parsed once into everything rules read. Rules never
// re-discover code, math, tags or links by themselves.
#pragma once

#include <map>
#include <set>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/blocks.h"
#include "core/front_matter.h"
#include "core/inline_tokens.h"
#include "core/language.h"
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
  std::optional<std::string> configured_lang;  // from config; front matter `lang` wins
  SlugStyle slug_style = SlugStyle::github;     // how headings become ids (link.anchor)
  double similarity_threshold = 0.85;           // structure.similar-question: from 0.5 to 1
  // This run's outcomes of external link checks, or null when external links are not
  // checked (see core/link_results.h).
  const LinkResults* external_links = nullptr;
  // Control words the configuration defines (math.macros), without the backslash.
  std::vector<std::string> math_macros;
  // What lints of earlier texts computed (see core/lint_memo.h), or null.
  LintMemo* memo = nullptr;

  std::string_view text() const { return source->text(); }
  const LineIndex& lines() const { return source->lines(); }
  bool in_code(size_t offset) const;
  bool in_math(size_t offset) const;  // inside a math span, delimiters included

  // The text of `range` with the chosen constructs blanked out: each of their bytes becomes
  // a space (line breaks stay), so offsets into the view equal offsets into the source minus
  // range.begin. The prose view (the default) hides code, math, HTML tags and URLs.
  enum Mask : unsigned { mask_code = 1, mask_math = 2, mask_html = 4, mask_urls = 8 };
  static constexpr unsigned prose_mask = mask_code | mask_math | mask_html | mask_urls;
  std::string masked(ByteRange range, unsigned mask = prose_mask) const;

  // The document's and each item's language, computed on first use (one thread per
  // Document, as the engine runs it).
  const LanguageProfile& languages() const;

  // Where local files must lie (core/project_root.h): absolute. The one ExtractOptions gave,
  // else found from the file's path on first use.
  const std::string& project_root() const;

  // Other files the findings depend on (link targets, present or not), recorded by the rules
  // that read them, so that the lint cache can tell when its entry has gone stale.
  void depends_on(std::string path) const { dependencies_.insert(std::move(path)); }
  const std::set<std::string>& dependencies() const { return dependencies_; }

  // An analysis several rules share (the HTML tag matching, say), computed by the first rule
  // that asks for it and kept with the document. Rules run on the document's own thread.
  template <typename T, typename Compute>
  const T& shared_analysis(std::string_view key, Compute compute) const {
    auto it = analyses_.find(key);
    if (it == analyses_.end()) {
      it = analyses_.emplace(std::string(key), std::make_shared<const T>(compute())).first;
    }
    return *static_cast<const T*>(it->second.get());
  }

 private:
  mutable std::map<std::string, std::shared_ptr<const void>, std::less<>> analyses_;
  mutable std::set<std::string> dependencies_;
  mutable std::string project_root_;
  friend Document build_document(const SourceFile& source, const ExtractOptions& options);
};

// Parses a source. The SourceFile must outlive the Document.
Document build_document(const SourceFile& source, const ExtractOptions& options = {});

}  // namespace qadeck
