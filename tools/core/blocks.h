// The block structure of a Markdown document, as qadeck's own types: the tree-sitter adapter
// (tree_sitter_blocks.cpp) produces it, and no tree-sitter type leaves that file.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "core/hash.h"
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

// The blocks of the chunks parse_blocks has parsed, by their content. A text parsed again
// after a few edits (a fix, then the re-lint that checks it) has the grammar parse only the
// chunks the edits touched: the others begin where they did, shifted, and hold the same
// bytes. An editor keeps one per open document, so that a keystroke re-parses one chunk.
// One thread at a time.
class BlockMemo {
 public:
  // The blocks of `chunk`, offsets from its start, or null when it was not parsed yet.
  const std::vector<Block>* find(std::string_view chunk, BlockParse mode);
  void store(std::string_view chunk, BlockParse mode, std::vector<Block> blocks);
  // Drops the chunks no find or store asked for since the last call: a memo kept across
  // many edits holds only the chunks of the latest text.
  void forget_unused();
  size_t size() const { return chunks_.size(); }

 private:
  using Key = std::array<uint64_t, 3>;  // the chunk's hash, and its size and parse mode
  struct Entry {
    std::vector<Block> blocks;
    bool used = true;
  };
  static Key key(std::string_view chunk, BlockParse mode);
  std::map<Key, Entry> chunks_;
};

// Parses text[begin, end) and returns its blocks in document order (parents before children).
// Offsets are into `text`. With a memo, chunks it holds are not parsed again.
std::vector<Block> parse_blocks(std::string_view text, size_t begin,
                                BlockParse mode = BlockParse::fast,
                                size_t chunk_bytes = default_chunk_bytes,
                                BlockMemo* memo = nullptr);

}  // namespace qadeck
