// The links of a document, each classified by where it leads: Markdown links and images,
// autolinks and bare URLs, reference definitions, and HTML href/src attributes (a document
// head's <script src> too), each with the exact span of its destination as written.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace qadeck {

enum class TargetKind {
  external,  // http(s): checked over the network, when asked
  fragment,  // `#id`: a heading or id of this document
  file,      // a relative path, maybe with `#id`
};

struct LinkTarget {
  TargetKind kind = TargetKind::external;
  bool image = false;    // an image or an HTML src: it loads, rather than leads
  ByteRange where;       // the destination as written: where diagnostics point
  std::string url;       // external: what is fetched and the key of LinkResults
  std::string path;      // file: the path, percent-decoded, relative to the document
  std::string fragment;  // fragment and file: the id, percent-decoded ("" when none)
};

// The document's checkable links in document order, computed once per document. Links that
// lead nowhere qadeck can check are left out: other schemes (mailto:, data:, …), links to
// the page itself (`[x]()`), root-relative links (`/about/`: they depend on where the site is
// served; an image's absolute path is kept, as a file) and Liquid templates (`{{ site.url }}/…`).
const std::vector<LinkTarget>& link_targets(const Document& doc);

// The file a relative link leads to, resolved against the document's folder, or nothing when
// there is none. As Jekyll publishes `x.md` as `x.html` (and at `x`), a link to `x.html` or to
// an extensionless `x` also lands on `x.md` or `x.markdown`.
std::optional<std::string> find_local_file(const Document& doc, const std::string& path);

// Whether a file target's path (relative to the document, or absolute) lies inside the
// document's project, symlinks resolved (core/project_root.h).
bool inside_project(const Document& doc, const std::string& path);

// Whether a path names a Markdown file (its anchors can be checked).
bool is_markdown_path(std::string_view path);

// The key an external URL is checked and cached under: the URL without its fragment.
std::string external_key(std::string_view url);

}  // namespace qadeck
