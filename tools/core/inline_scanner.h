// The inline scanner: one left-to-right pass over each region of inline text (paragraphs,
// headings, tables and HTML blocks), finding code spans, math, HTML tags and links. The
// first construct to start wins, as in pandoc: nothing inside a code span is math, and
// nothing inside math is a tag. As in MathJax, nothing inside <code> or <pre> is math.
#pragma once

#include <string_view>
#include <vector>

#include "core/inline_tokens.h"

namespace qadeck {

// Scans the regions, which are sorted and disjoint. Display math (`$$`, `\[`) left open at
// the end of one region may close in a later one past blank lines (a defect qadeck reports):
// in the next region, by a `\]` or by an odd one out of its `$$`; or further on, when the
// regions in between read as TeX and hold no dollar. `html_block` tells, by region, which are
// HTML blocks, whose tags are read as a browser reads them (Html5TagReader); the others' as
// CommonMark reads raw HTML.
InlineTokens scan_inline(std::string_view text, const std::vector<ByteRange>& regions,
                         std::vector<bool> html_block = {});

}  // namespace qadeck
