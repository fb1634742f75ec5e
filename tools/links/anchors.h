// The ids a `#fragment` can land on: headings (slugged as the renderer makes them), kramdown
// `{#id}` attributes (with kramdown's styles), and HTML `id` attributes and `<a name>`.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace qadeck {

enum class AnchorSource { heading, html, explicit_id };

// "heading", "html" or "explicit".
std::string_view anchor_source_name(AnchorSource source);

struct Anchor {
  size_t offset = 0;  // where it is defined: the heading, the attribute list or the tag
  std::string id;
  AnchorSource source = AnchorSource::heading;
};

class AnchorSet {
 public:
  explicit AnchorSet(std::vector<Anchor> anchors);
  // Whether `fragment` (decoded) lands somewhere. An empty fragment and `top` are the top of
  // the page. With GitHub's slugs the match ignores case, as GitHub's page script does;
  // kramdown's pages are plain HTML, where ids match exactly.
  bool lands(std::string_view fragment, SlugStyle style) const;
  const std::vector<std::string>& ids() const { return ids_; }
  // Every id the document offers, in document order, repeats included.
  const std::vector<Anchor>& anchors() const { return anchors_; }

 private:
  std::vector<Anchor> anchors_;
  std::vector<std::string> ids_;        // sorted, unique
  std::vector<std::string> lower_ids_;  // ASCII-lower-cased, sorted
};

// Each heading's id (its explicit `{#id}`, else its slug), by where its block begins.
std::map<size_t, std::string> heading_ids(const Document& doc);

// The document's anchors, with its slug style; computed once per document.
const AnchorSet& document_anchors(const Document& doc);

// The anchors of another Markdown file, parsed once per process and style (files do not
// change under a run); null when it cannot be read or is not valid UTF-8. Thread-safe.
std::shared_ptr<const AnchorSet> file_anchors(const std::string& path, SlugStyle style);

// For a process that outlives edits (the language server): from now on, file_anchors reads
// `text` for `path` instead of the file (an editor's unsaved buffer), or with nullopt the
// file again; either way what it remembered of `path` is forgotten.
void set_file_text(const std::string& path, std::optional<std::string> text);
// Whether set_file_text gave `path` a text: the file exists for the links that lead to it,
// whether or not it is on disk yet. Thread-safe.
bool has_file_text(const std::string& path);

}  // namespace qadeck
