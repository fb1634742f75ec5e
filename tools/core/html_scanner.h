// Parses one HTML construct (tag, comment or declaration) starting at a '<'.
#pragma once

#include <optional>
#include <string_view>

#include "core/inline_tokens.h"

namespace qadeck {

// Parses the construct at text[at] (which is '<'), not reading past `limit`. Returns nothing
// when the bytes are not an HTML construct (`a < 1`, `<3`, an unterminated tag).
std::optional<HtmlTag> scan_html_tag(std::string_view text, size_t at, size_t limit);

// Tags whose content is raw text, never Markdown: math and tags inside are not scanned.
bool is_raw_text_tag(std::string_view lower_name);

// Void elements, which never take a closing tag.
bool is_void_tag(std::string_view lower_name);

}  // namespace qadeck
