// The block structure of a Markdown document, as qadeck's own types: the tree-sitter adapter
// (tree_sitter_blocks.cpp) produces it, and no tree-sitter type leaves that file.
#pragma once

#include <string_view>
#include <vector>

#include "core/text.h"

namespace qadeck {

enum class BlockKind {
  front_matter,
  heading,
  paragraph,
  html_block,
  fenced_code,
  indented_code,
  list,
  list_item,
  block_quote,
  thematic_break,
  table,
  link_reference,
};

struct Block {
  BlockKind kind = BlockKind::paragraph;
  ByteRange range;
  int parent = -1;        // index of the enclosing list, list item or block quote; -1 at top
  int heading_level = 0;  // 1..6 for headings
  ByteRange content;      // heading: its text; paragraph: its inline text; code: the code
  ByteRange marker;       // list item: its marker ("1.", "-", "3)")
  bool ordered = false;   // list and list item: an ordered list
};

// How much of the text the grammar sees as written. `fast` joins the words of each line
// into one token for the grammar, which halves its time and gives the same blocks; `exact`
// is there for the test that shows so.
enum class BlockParse { fast, exact };

// How much text the grammar parses at once (see parse_blocks); the test that chunks give the
// blocks of one parse uses smaller ones.
constexpr size_t default_chunk_bytes = 64 * 1024;

// Parses text[begin, end) and returns its blocks in document order (parents before children).
// Offsets are into `text`.
std::vector<Block> parse_blocks(std::string_view text, size_t begin,
                                BlockParse mode = BlockParse::fast,
                                size_t chunk_bytes = default_chunk_bytes);

}  // namespace qadeck
