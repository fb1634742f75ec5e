// Links from a card to another Markdown file of the project (`[see](other.md#part)`): in a
// card or a PDF a relative path leads nowhere, so it points under `export.base_url` (the
// repository's web address, say) when one is set, and is plain text otherwise. One decision
// for the Anki and JSON HTML and the PDF.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace qadeck {

// A URL without a scheme or a leading `//`, and not a bare `#fragment`: a file of the project.
bool is_relative_reference(std::string_view url);

// What a link destination (decoded, as the renderer reads it) becomes, for a link in the
// document whose project-relative path is `source`: nullopt when it is not a relative link
// to a .md or .markdown file (it stays as it is); "" for plain text; else the URL.
std::optional<std::string> markdown_link_target(std::string_view destination,
                                                std::string_view source, std::string_view base_url);

// Card HTML with its <a href> links to Markdown files rewritten by markdown_link_target
// (plain text: the <a> and its </a> go, the text stays).
std::string rewrite_markdown_links(std::string_view html, std::string_view source,
                                   std::string_view base_url);

}  // namespace qadeck
