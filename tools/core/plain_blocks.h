// The blocks qadeck reads without the grammar: the run of top-level paragraphs, ATX headings
// and type 6 HTML blocks that most Q&A text is made of, and the type 1 HTML blocks (`<script>`,
// `<style>`, `<pre>`) of pages set up for MathJax or styled tables, whose bounds the grammar
// draws by simple rules. The grammar costs about 600 instructions per byte on such text (over
// 2,000 on a script's or a style sheet's punctuation); this reader about 10. Anything else
// (lists, quotes, code, tables, other HTML) is left to the grammar.
// The test that the blocks equal the grammar's (tests/unit/block_parse_test.cpp) parses the
// fixtures, the real-world files, generated corpora and random line mixes both ways.
#pragma once

#include <string_view>
#include <vector>

#include "core/blocks.h"

namespace qadeck {

// Reads blocks from `begin`, a line start where every block before has ended and no
// container is open (the body's start, or a place parse_blocks may cut a chunk), for as long
// as each line is one of those blocks' lines, and appends them to `blocks` exactly as the
// grammar would give them. Returns where the grammar must go on: `end`, or a line after a
// blank line that closes_open_blocks; `begin` when it reads nothing.
size_t read_plain_blocks(std::string_view text, size_t begin, size_t end,
                         std::vector<Block>& blocks);

// Whether read_plain_blocks may read something from the line at `at`.
bool starts_plain_block(std::string_view text, size_t at, size_t end);

// Whether a line opens a type 6 HTML block: `<name` or `</name` in the first column, then a
// space, `>`, `/>` or the line's end, where a line break follows (the scanner wants one).
bool opens_html6(std::string_view line, bool line_break);

// Whether a line that follows a blank line ends every block before it but a fenced code
// block and an HTML block of types 1 to 5 (CommonMark 4.5, 4.6): it does when it begins in
// the first column with a character that goes on with no list item or block quote.
bool closes_open_blocks(std::string_view line);

// The length of the inline tag at line[i] when it is a bare `<name>` or `</name>` of a phrase
// tag (no attributes), else 0. Such tags start no HTML block of any type.
size_t phrase_tag_length(std::string_view line, size_t i);

}  // namespace qadeck
