// The tree-sitter adapter for the block grammar of @tree-sitter-grammars/tree-sitter-markdown.
#include <tree_sitter/api.h>

#include <cstring>
#include <memory>
#include <algorithm>
#include <optional>
#include <stdexcept>

#include "core/blocks.h"
#include "core/source_file.h"

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

// The text the grammar parses. Long runs of emphasis delimiters cost its scanner quadratic
// time and never change the block structure, so all but the first three of a run become
// spaces; offsets stay the same. Returns nothing when the text needs no change.
void check_nesting(std::string_view line) {
  if (container_depth(line) > max_nesting) {
    throw InputError("containers (block quotes or lists) nest more than " +
                     std::to_string(max_nesting) + " levels deep");
  }
}

std::optional<std::string> parse_copy(std::string_view body) {
  constexpr size_t max_run = 64;
  std::optional<std::string> copy;
  size_t line_start = 0;
  for (size_t i = 0; i < body.size();) {
    const char c = body[i];
    if (c == '\n') {
      check_nesting(body.substr(line_start, i - line_start));
      line_start = ++i;
      continue;
    }
    if (c != '*' && c != '_' && c != '~') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < body.size() && body[j] == c) ++j;
    if (j - i > max_run) {
      if (!copy) copy.emplace(body);
      std::fill(copy->begin() + static_cast<std::ptrdiff_t>(i + 3),
                copy->begin() + static_cast<std::ptrdiff_t>(j), ' ');
    }
    i = j;
  }
  check_nesting(body.substr(line_start));
  return copy;
}

}  // namespace

std::vector<Block> parse_blocks(std::string_view text, size_t begin) {
  const std::optional<std::string> copy = parse_copy(text.substr(begin));
  const std::string_view body = copy ? std::string_view(*copy) : text.substr(begin);
  TSParser* parser = thread_parser();
  std::unique_ptr<TSTree, TreeDeleter> tree(
      ts_parser_parse_string(parser, nullptr, body.data(), static_cast<uint32_t>(body.size())));
  if (!tree) throw std::runtime_error("tree-sitter failed to parse the document");
  Walker walker(text, begin);
  walker.walk(ts_tree_root_node(tree.get()));
  return walker.take();
}

}  // namespace qadeck
