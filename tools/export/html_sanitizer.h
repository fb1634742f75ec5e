// Cleans rendered card HTML. Whatever html.unsafe reports never reaches a card, even in an
// export forced past lint errors: <script> elements (with their content), on…= event handler
// attributes and javascript: URLs are removed. qadeck's own comments (`<!-- qadeck-… -->`)
// are dropped too. Media tags (img, audio, video, source, object) are written in one
// canonical form — src (or data) first, every value double-quoted with `"`, `<` and `>`
// escaped — so that their sources can be found and rewritten without a full HTML parser.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qadeck {

struct SanitizedHtml {
  std::string html;
  int removed = 0;  // unsafe constructs removed
};

SanitizedHtml sanitize_html(std::string_view html);

// The src values of the <img> tags in sanitized HTML, as written (character references not
// decoded), in order.
std::vector<std::string> image_sources(std::string_view html);

// Gives an <img> tag's src value its new value, or nullopt to replace the tag by its alt text.
using ImageRename = std::function<std::optional<std::string>(std::string_view src)>;

// Rewrites the src of every <img> tag in sanitized HTML.
std::string rewrite_image_sources(std::string_view html, const ImageRename& rename);

}  // namespace qadeck
