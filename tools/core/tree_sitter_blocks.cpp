// The tree-sitter adapter for the block grammar of @tree-sitter-grammars/tree-sitter-markdown.
#include <tree_sitter/api.h>

#include <cstring>
#include <memory>
#include <algorithm>
#include <array>
#include <stdexcept>

#include "core/blocks.h"
#include "core/plain_blocks.h"
#include "core/source_file.h"
#include "core/text.h"

extern "C" const TSLanguage* tree_sitter_markdown(void);

namespace qadeck {
namespace {

enum class NodeRole {
  ignore,
  descend,  // a container whose children are blocks: document, section
  block,
  heading_marker,
  list_marker,
  inline_content,
  code_content,
  setext_paragraph,
};

struct NodeInfo {
  NodeRole role = NodeRole::ignore;
  BlockKind kind = BlockKind::paragraph;
  int level = 0;
  bool ordered = false;
};

// Node roles indexed by grammar symbol, computed once from the symbol names.
const std::vector<NodeInfo>& node_table() {
  static const std::vector<NodeInfo> table = [] {
    const TSLanguage* lang = tree_sitter_markdown();
    std::vector<NodeInfo> t(ts_language_symbol_count(lang));
    for (TSSymbol s = 0; s < t.size(); ++s) {
      const char* name = ts_language_symbol_name(lang, s);
      const auto is = [&](const char* n) { return std::strcmp(name, n) == 0; };
      NodeInfo& info = t[s];
      if (is("document") || is("section")) {
        info.role = NodeRole::descend;
      } else if (is("atx_heading") || is("setext_heading")) {
        info = {NodeRole::block, BlockKind::heading};
      } else if (is("paragraph")) {
        info = {NodeRole::block, BlockKind::paragraph};
      } else if (is("html_block")) {
        info = {NodeRole::block, BlockKind::html_block};
      } else if (is("fenced_code_block")) {
        info = {NodeRole::block, BlockKind::fenced_code};
      } else if (is("indented_code_block")) {
        info = {NodeRole::block, BlockKind::indented_code};
      } else if (is("list")) {
        info = {NodeRole::block, BlockKind::list};
      } else if (is("list_item")) {
        info = {NodeRole::block, BlockKind::list_item};
      } else if (is("block_quote")) {
        info = {NodeRole::block, BlockKind::block_quote};
      } else if (is("thematic_break")) {
        info = {NodeRole::block, BlockKind::thematic_break};
      } else if (is("pipe_table")) {
        info = {NodeRole::block, BlockKind::table};
      } else if (is("link_reference_definition")) {
        info = {NodeRole::block, BlockKind::link_reference};
      } else if (is("minus_metadata") || is("plus_metadata")) {
        info = {NodeRole::block, BlockKind::front_matter};
      } else if (std::strncmp(name, "atx_h", 5) == 0 && std::strstr(name, "_marker")) {
        info = {NodeRole::heading_marker, BlockKind::heading, name[5] - '0'};
      } else if (is("setext_h1_underline") || is("setext_h2_underline")) {
        info = {NodeRole::heading_marker, BlockKind::heading, name[8] - '0'};
      } else if (is("list_marker_dot") || is("list_marker_parenthesis")) {
        info = {NodeRole::list_marker, BlockKind::list_item, 0, true};
      } else if (is("list_marker_minus") || is("list_marker_plus") || is("list_marker_star")) {
        info = {NodeRole::list_marker, BlockKind::list_item, 0, false};
      } else if (is("inline")) {
        info.role = NodeRole::inline_content;
      } else if (is("code_fence_content")) {
        info.role = NodeRole::code_content;
      }
      // Every other symbol (continuations, delimiters, info strings, ...) is ignored.
    }
    return t;
  }();
  return table;
}

// The role of a node. ERROR nodes (a symbol past the table) are descended into: the blocks
// inside them are still blocks.
const NodeInfo& info_of(TSNode node) {
  static const NodeInfo error_node{NodeRole::descend};
  const auto& table = node_table();
  const TSSymbol symbol = ts_node_symbol(node);
  return symbol < table.size() ? table[symbol] : error_node;
}

struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};

TSParser* thread_parser() {
  thread_local std::unique_ptr<TSParser, ParserDeleter> parser = [] {
    std::unique_ptr<TSParser, ParserDeleter> p(ts_parser_new());
    if (!ts_parser_set_language(p.get(), tree_sitter_markdown())) {
      throw std::runtime_error("the tree-sitter Markdown grammar does not match the runtime");
    }
    return p;
  }();
  return parser.get();
}

ByteRange range_of(TSNode node, size_t base) {
  return {base + ts_node_start_byte(node), base + ts_node_end_byte(node)};
}

class Walker {
 public:
  Walker(std::string_view text, size_t base) : text_(text), base_(base) {}

  void walk(TSNode root) {
    // Iterative pre-order walk: documents with thousands of nested containers must not
    // exhaust the stack.
    struct Frame {
      TSNode node;
      int parent;
    };
    std::vector<Frame> stack{{root, -1}};
    while (!stack.empty()) {
      const Frame frame = stack.back();
      stack.pop_back();
      const NodeInfo& info = info_of(frame.node);
      int parent = frame.parent;
      if (info.role == NodeRole::block) {
        parent = add_block(frame.node, info, frame.parent);
        if (!is_container(info.kind)) continue;
      } else if (info.role != NodeRole::descend) {
        continue;
      }
      const uint32_t n = ts_node_named_child_count(frame.node);
      for (uint32_t i = n; i-- > 0;) stack.push_back({ts_node_named_child(frame.node, i), parent});
    }
  }

  std::vector<Block> take() { return std::move(blocks_); }

 private:
  static bool is_container(BlockKind kind) {
    return kind == BlockKind::list || kind == BlockKind::list_item ||
           kind == BlockKind::block_quote;
  }

  int add_block(TSNode node, const NodeInfo& info, int parent) {
    Block b;
    b.kind = info.kind;
    b.range = range_of(node, base_);
    b.parent = parent;
    const uint32_t n = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode child = ts_node_named_child(node, i);
      const NodeInfo& c = info_of(child);
      switch (c.role) {
        case NodeRole::heading_marker:
          b.heading_level = c.level;
          break;
        case NodeRole::list_marker:
          if (b.kind == BlockKind::list_item) {
            b.marker = range_of(child, base_);
            b.ordered = c.ordered;
          }
          break;
        case NodeRole::inline_content:
        case NodeRole::code_content:
          b.content = range_of(child, base_);
          break;
        case NodeRole::block:
          // A setext heading's text is the paragraph inside it.
          if (b.kind == BlockKind::heading && c.kind == BlockKind::paragraph) {
            b.content = inline_of(child);
          }
          break;
        default:
          break;
      }
    }
    // `[^1]:` with its text on the next line parses as a link reference definition whose
    // destination is the text's first word; it is a footnote (GFM, pandoc, Python-Markdown),
    // and its text is prose. On one line the grammar already makes it a paragraph.
    if (b.kind == BlockKind::link_reference &&
        trim(b.range.in(text_)).starts_with("[^")) {
      b.kind = BlockKind::paragraph;
    }
    if (b.kind == BlockKind::paragraph && b.content.empty()) b.content = b.range;
    if (b.kind == BlockKind::list_item) {
      // Trim the marker's trailing white space, which the grammar includes.
      while (b.marker.end > b.marker.begin && is_ascii_space(text_[b.marker.end - 1])) {
        --b.marker.end;
      }
    }
    blocks_.push_back(b);
    const int index = static_cast<int>(blocks_.size()) - 1;
    // A list is ordered when its items are.
    if (b.kind == BlockKind::list_item && parent >= 0 &&
        blocks_[static_cast<size_t>(parent)].kind == BlockKind::list && b.ordered) {
      blocks_[static_cast<size_t>(parent)].ordered = true;
    }
    return index;
  }

  ByteRange inline_of(TSNode paragraph) const {
    const uint32_t n = ts_node_named_child_count(paragraph);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode child = ts_node_named_child(paragraph, i);
      if (info_of(child).role == NodeRole::inline_content) {
        return range_of(child, base_);
      }
    }
    return range_of(paragraph, base_);
  }

  std::string_view text_;
  size_t base_;
  std::vector<Block> blocks_;
};

// The grammar's external scanner serializes one byte per open container into a fixed buffer
// and aborts past about 255; qadeck refuses such files with a clear error instead.
constexpr size_t max_nesting = 128;

size_t container_depth(std::string_view line) {
  size_t depth = 0;
  size_t spaces = 0;
  size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == ' ') {
      ++spaces, ++i;
    } else if (c == '\t') {
      spaces += 4, ++i;
    } else if (c == '>') {
      ++depth, ++i;
    } else if ((c == '-' || c == '*' || c == '+') && i + 1 < line.size() && line[i + 1] == ' ') {
      ++depth, i += 2;
    } else if (is_ascii_digit(c)) {
      size_t j = i;
      while (j < line.size() && is_ascii_digit(line[j])) ++j;
      if (j + 1 < line.size() && (line[j] == '.' || line[j] == ')') && line[j + 1] == ' ') {
        ++depth, i = j + 2;
      } else {
        break;
      }
    } else {
      break;
    }
  }
  // Indented lists nest by indentation: every two columns may open a level.
  return depth + spaces / 2;
}

void check_nesting(std::string_view line) {
  if (container_depth(line) > max_nesting) {
    throw InputError("containers (block quotes or lists) nest more than " +
                     std::to_string(max_nesting) + " levels deep");
  }
}

// Long runs of emphasis delimiters cost the grammar's scanner quadratic time and never change
// the block structure, so all but the first three of a run become spaces.
void blank_delimiter_runs(std::string& copy, size_t begin, size_t end) {
  constexpr size_t max_run = 64;
  for (size_t i = begin; i < end;) {
    const char c = copy[i];
    if (c != '*' && c != '_' && c != '~') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < end && copy[j] == c) ++j;
    if (j - i > max_run) {
      std::fill(copy.begin() + static_cast<std::ptrdiff_t>(i + 3),
                copy.begin() + static_cast<std::ptrdiff_t>(j), ' ');
    }
    i = j;
  }
}

// The end of a line's container and heading markers (block quotes, list markers, task boxes,
// ATX openers) with the white space after them: the part that decides block structure.
size_t marker_prefix_end(std::string_view line) {
  size_t i = 0;
  const auto skip_blanks = [&] {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  };
  const auto blank_at = [&](size_t j) { return j < line.size() && (line[j] == ' ' || line[j] == '\t'); };
  skip_blanks();
  for (;;) {
    const size_t start = i;
    if (i < line.size() && line[i] == '>') {
      ++i;
    } else if (i < line.size() && (line[i] == '-' || line[i] == '+' || line[i] == '*') &&
               blank_at(i + 1)) {
      ++i;
    } else if (i < line.size() && is_ascii_digit(line[i])) {
      size_t j = i;
      while (j < line.size() && j - i < 9 && is_ascii_digit(line[j])) ++j;
      if (j < line.size() && (line[j] == '.' || line[j] == ')') && blank_at(j + 1)) i = j + 1;
    } else if (i + 2 < line.size() && line[i] == '[' && line[i + 2] == ']' &&
               (line[i + 1] == ' ' || line[i + 1] == 'x' || line[i + 1] == 'X') && blank_at(i + 3)) {
      i += 3;
    } else if (i < line.size() && line[i] == '#') {
      size_t j = i;
      while (j < line.size() && line[j] == '#') ++j;
      if (j - i <= 6 && blank_at(j)) i = j;
    }
    if (i == start) return i;
    skip_blanks();
  }
}

// Whether a line is made only of the characters of thematic breaks, setext underlines and
// table delimiter rows, whose spaces matter.
bool is_rule_like(std::string_view line) {
  return line.find_first_not_of("-*_=|: \t\r") == std::string_view::npos;
}

// The block grammar makes one token of every word and punctuation mark, so prose costs it
// most of its time; joining the words of a line changes no block. The copy turns into 'q'
// (a letter in none of the end tags that close HTML blocks):
// - a space between two non-blank characters, except next to the characters of ATX closing
//   sequences, task boxes, block quotes, tables and escapes;
// - phrase tags such as `</b><br>`, keeping the line's last '>' (a '>' ends a type 4 HTML
//   block), and a phrase tag opening the line when text follows it (no HTML block then).
// Block structure reads nothing else past the marker prefix, so that stays, as do the first
// tag of a line otherwise (type 6 and 7 HTML blocks), and fence, rule and link reference
// definition lines.
void join_words(std::string& copy, size_t begin, size_t end) {
  const std::string_view line(copy.data() + begin, end - begin);
  size_t i = marker_prefix_end(line);
  const std::string_view rest = line.substr(i);
  if (rest.starts_with("```") || rest.starts_with("~~~") || rest.starts_with('[') ||
      is_rule_like(line)) {
    return;
  }
  if (rest.starts_with('<')) {
    const size_t tag = phrase_tag_length(rest, 0);
    const bool text_follows =
        tag > 0 && rest.find_first_not_of(" \t\r", tag) != std::string_view::npos;
    if (!text_follows) {
      const size_t close = rest.find('>');
      if (close == std::string_view::npos) return;
      i += close + 1;
    }
  }
  constexpr std::string_view keep_before = " \t\r#|\\>";
  constexpr std::string_view keep_after = " \t\r#|\\]";
  size_t last_close = std::string_view::npos;  // the '>' of the last tag turned into 'q's
  for (; i < line.size(); ++i) {
    if (const size_t tag = phrase_tag_length(line, i)) {
      std::fill_n(copy.begin() + static_cast<std::ptrdiff_t>(begin + i), tag, 'q');
      i += tag - 1;
      last_close = i;
    } else if (line[i] == ' ' && i > 0 && i + 1 < line.size() &&
               keep_before.find(line[i - 1]) == std::string_view::npos &&
               keep_after.find(line[i + 1]) == std::string_view::npos) {
      copy[begin + i] = 'q';
    }
  }
  if (last_close != std::string_view::npos && line.find('>') == std::string_view::npos) {
    copy[begin + last_close] = '>';
  }
}

// The text the grammar parses: a copy of the body with the same offsets, changed only where
// the change cannot move a block boundary (see the two functions above). The check that it
// does not is a test that parses the fixtures, the real-world files and generated corpora
// both ways.
std::string parse_copy(std::string_view body, BlockParse mode) {
  std::string copy(body);
  size_t line_start = 0;
  bool destination_line = false;
  while (line_start <= copy.size()) {
    size_t line_end = copy.find('\n', line_start);
    if (line_end == std::string::npos) line_end = copy.size();
    const std::string_view line = body.substr(line_start, line_end - line_start);
    check_nesting(line);
    blank_delimiter_runs(copy, line_start, line_end);
    // After "[label]:" alone, the next line is a destination and title only if its words
    // stay apart: joined, "Its text on the next line" would become one valid destination.
    if (mode == BlockParse::fast && !destination_line) join_words(copy, line_start, line_end);
    const std::string_view t = trim(line);
    destination_line = t.starts_with('[') && t.ends_with("]:");
    line_start = line_end + 1;
  }
  return copy;
}

// Where the next chunk may end: the start of the first line at or after `from` that begins
// in its first column, after a blank line, with neither white space nor a character that
// may begin a list item or a block quote (which would go on with the list or the quote
// before it). Such a line ends every open block except a fenced code block and an HTML
// block of types 1 to 5 (CommonMark 4.5, 4.6), which parse_blocks checks for. `end` when
// there is none.
size_t next_boundary(std::string_view text, size_t from, size_t end) {
  size_t line = text.rfind('\n', from == 0 ? 0 : from - 1);
  line = line == std::string_view::npos ? 0 : line + 1;
  bool blank_before = false;
  while (line < end) {
    size_t line_end = text.find('\n', line);
    if (line_end == std::string_view::npos || line_end > end) line_end = end;
    const std::string_view content = text.substr(line, line_end - line);
    const bool blank = content.find_first_not_of(" \t\r") == std::string_view::npos;
    if (line >= from && blank_before && !blank && closes_open_blocks(content)) return line;
    blank_before = blank;
    line = line_end + 1;
  }
  return end;
}

// The blocks of `chunk` as the grammar parses it alone, offsets from its start.
std::vector<Block> parse_alone(std::string_view chunk, BlockParse mode) {
  const std::string body = parse_copy(chunk, mode);
  TSParser* parser = thread_parser();
  std::unique_ptr<TSTree, TreeDeleter> tree(
      ts_parser_parse_string(parser, nullptr, body.data(), static_cast<uint32_t>(body.size())));
  if (!tree) throw std::runtime_error("tree-sitter failed to parse the document");
  Walker walker(chunk, 0);
  walker.walk(ts_tree_root_node(tree.get()));
  return walker.take();
}

// A range the block does not have stays {0, 0}. No range a block has is empty at the start
// of a chunk: a chunk starts with no list marker, and an empty paragraph's content is its
// range.
void shift(ByteRange& r, size_t by) {
  if (r == ByteRange{}) return;
  r.begin += by;
  r.end += by;
}

// Appends the blocks of text[begin, end) to `blocks`, with offsets into `text` and parent
// indices past the blocks already there.
void parse_chunk(std::string_view text, size_t begin, size_t end, BlockParse mode,
                 BlockMemo* memo, std::vector<Block>& blocks) {
  const std::string_view chunk = text.substr(begin, end - begin);
  const std::vector<Block>* known = memo ? memo->find(chunk, mode) : nullptr;
  std::vector<Block> parsed;
  if (!known) {
    parsed = parse_alone(chunk, mode);
    known = &parsed;
  }
  const int offset = static_cast<int>(blocks.size());
  for (Block b : *known) {
    if (b.parent >= 0) b.parent += offset;
    shift(b.range, begin);
    shift(b.content, begin);
    shift(b.marker, begin);
    blocks.push_back(b);
  }
  if (memo && known == &parsed) memo->store(chunk, mode, std::move(parsed));
}

// Whether an HTML block that reaches a chunk's end is closed before it. A chunk ends after a
// blank line, which ends a type 6 block; a type 1 block is closed by a line of its end tag.
bool html_block_closed(std::string_view text, ByteRange block) {
  const std::string_view body = block.in(text);
  const size_t first_end = std::min(body.find('\n'), body.size());
  const std::string_view first = trim(body.substr(0, first_end));
  if (opens_html6(first, first_end < body.size())) return true;
  const std::string_view rest = trim(body.substr(first_end));
  for (const std::string_view name : {"pre", "script", "style"}) {
    if (first.size() > name.size() && first.starts_with('<') && first.substr(1).starts_with(name) &&
        (rest == "</" + std::string(name) + ">" || rest.ends_with("\n</" + std::string(name) + ">"))) {
      return true;
    }
  }
  return false;
}

// Whether a chunk ending at `end` left a fenced code block or an HTML block open: the end of
// the chunk closed it, where the whole text might have gone on with it.
bool left_open(std::string_view text, const std::vector<Block>& blocks, size_t first, size_t end) {
  for (size_t i = first; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (b.range.end < end) continue;
    if (b.kind == BlockKind::fenced_code) return true;
    if (b.kind == BlockKind::html_block && !html_block_closed(text, b.range)) return true;
  }
  return false;
}

}  // namespace

BlockMemo::Key BlockMemo::key(std::string_view chunk, BlockParse mode) {
  const Hash128 h = hash_bytes(chunk);
  return {h.low, h.high, chunk.size() * 2 + (mode == BlockParse::fast ? 1 : 0)};
}

const std::vector<Block>* BlockMemo::find(std::string_view chunk, BlockParse mode) {
  const auto it = chunks_.find(key(chunk, mode));
  if (it == chunks_.end()) return nullptr;
  it->second.used = true;
  return &it->second.blocks;
}

void BlockMemo::store(std::string_view chunk, BlockParse mode, std::vector<Block> blocks) {
  chunks_[key(chunk, mode)] = Entry{std::move(blocks), true};
}

void BlockMemo::forget_unused() {
  std::erase_if(chunks_, [](const auto& entry) { return !entry.second.used; });
  for (auto& [key, entry] : chunks_) entry.used = false;
}

std::vector<Block> parse_blocks(std::string_view text, size_t begin, BlockParse mode,
                                size_t chunk_bytes, BlockMemo* memo) {
  // The grammar's tree takes about 25 bytes per byte of text: the text is parsed in chunks
  // of about chunk_bytes, cut where no block can go on (see next_boundary), each chunk's tree
  // freed once its blocks are taken. A chunk that leaves a block open is parsed again up to a
  // later boundary, at least twice as far, so that a text with no good cut costs at most
  // about twice one parse. In fast mode, the runs of blocks read_plain_blocks reads are not
  // the grammar's to parse: a chunk ends where such a run begins.
  std::vector<Block> blocks;
  const size_t end = text.size();
  size_t min_size = std::max<size_t>(chunk_bytes, 1);
  bool retry = false;  // the last chunk left a block open
  size_t reach = 0;    // where a chunk may end before a run of plain blocks, at the earliest
  while (begin < end || blocks.empty()) {
    if (mode == BlockParse::fast && !retry) {
      const size_t read = read_plain_blocks(text, begin, end, blocks);
      for (size_t line = begin; line < read;) {
        const size_t line_end = std::min(text.find('\n', line), read);
        check_nesting(text.substr(line, line_end - line));
        line = line_end + 1;
      }
      if (read == end) break;
      begin = read;
      reach = begin + 1;
    }
    const size_t want = end - begin > min_size ? begin + min_size : end;
    size_t cut = next_boundary(text, want, end);
    if (mode == BlockParse::fast) {
      for (size_t b = next_boundary(text, reach, cut); b < cut;
           b = next_boundary(text, b + 1, cut)) {
        if (starts_plain_block(text, b, end)) {
          cut = b;
          break;
        }
      }
    }
    const size_t first = blocks.size();
    parse_chunk(text, begin, cut, mode, memo, blocks);
    if (cut < end && left_open(text, blocks, first, cut)) {
      blocks.resize(first);
      min_size = std::max(min_size, cut - begin) * 2;
      reach = begin + (cut - begin) * 2;
      retry = true;
      continue;
    }
    retry = false;
    if (cut == end) break;
    begin = cut;
    min_size = std::max<size_t>(chunk_bytes, 1);
  }
  return blocks;
}

}  // namespace qadeck
