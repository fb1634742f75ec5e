// What the kramdown-TOC rules share: recognising the lines of the `* TOC` + `{:toc}` idiom, and
// the edit that removes whole lines without leaving a doubled blank line behind.
#pragma once

#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/document.h"

namespace qadeck::structure {

// A `{:toc}` line: kramdown's marker that the list just before it is the table of contents.
bool is_toc_marker(std::string_view line);

// A line starting a list item: "* TOC", "- ", "1. x", "3)", indented or not.
bool is_list_item_line(std::string_view line);

bool is_blank(std::string_view line);

// The 0-based lines holding a `{:toc}` marker outside code, in order.
std::vector<size_t> toc_marker_lines(const Document& doc);

// Removes lines first..last (0-based, line breaks included). When they stand between a blank
// line (or the start of the text) and a blank line, the blank line after them goes too.
Edit remove_lines(const Document& doc, size_t first, size_t last);

}  // namespace qadeck::structure
