#include "core/plain_blocks.h"

#include <algorithm>
#include <array>

namespace qadeck {
namespace {

// The names that start a type 6 HTML block for the grammar's scanner, which reads a tag name
// as letters only: its h1 to h6 never match, and read as paragraphs.
constexpr std::array<std::string_view, 56> html6_names = {
    "address",  "article", "aside",    "base",       "basefont", "blockquote", "body",   "caption",
    "center",   "col",     "colgroup", "dd",         "details",  "dialog",     "dir",    "div",
    "dl",       "dt",      "fieldset", "figcaption", "figure",   "footer",     "form",   "frame",
    "frameset", "head",    "header",   "hr",         "html",     "iframe",     "legend", "li",
    "link",     "main",    "menu",     "menuitem",   "nav",      "noframes",   "ol",     "optgroup",
    "option",   "p",       "param",    "section",    "source",   "summary",    "table",  "tbody",
    "td",       "tfoot",   "th",       "thead",      "title",    "tr",         "track",  "ul"};
static_assert(std::is_sorted(html6_names.begin(), html6_names.end()));

}  // namespace

bool opens_html6(std::string_view line, bool line_break) {
  if (!line.starts_with('<')) return false;
  size_t i = line.size() > 1 && line[1] == '/' ? 2 : 1;
  std::string name;
  for (; i < line.size() && is_ascii_alpha(line[i]); ++i) name += static_cast<char>(line[i] | 0x20);
  if (!std::binary_search(html6_names.begin(), html6_names.end(), name)) return false;
  if (i == line.size()) return line_break;
  return line[i] == ' ' || line[i] == '>' || line.substr(i).starts_with("/>");
}

namespace {

// Where the tag name at line[at] ends, when it names a type 1 HTML block for the grammar's
// scanner (pre, script or style in any case; not textarea) and is followed by what the scanner
// wants after it: a space, a tab, `>`, or the line's end where a line break follows. npos
// otherwise.
size_t html1_name_end(std::string_view line, size_t at, bool line_break) {
  size_t i = at;
  std::string name;
  while (i < line.size() && is_ascii_alpha(line[i]) && name.size() < 7) {
    name += static_cast<char>(line[i++] | 0x20);
  }
  if (name != "pre" && name != "script" && name != "style") return std::string_view::npos;
  if (i == line.size()) return line_break ? i : std::string_view::npos;
  return line[i] == ' ' || line[i] == '\t' || line[i] == '>' ? i : std::string_view::npos;
}

// Whether a line opens a type 1 HTML block (`<script`, `<pre`, `<style`) in the first column;
// where its name ends if so, else npos.
size_t opens_html1(std::string_view line, bool line_break) {
  return line.starts_with('<') ? html1_name_end(line, 1, line_break) : std::string_view::npos;
}

// Whether line[from, ...) holds an end tag that closes a type 1 HTML block for the grammar,
// which takes `</pre`, `</script` or `</style` at any `<` of the block's lines, whichever
// name opened it.
bool closes_html1(std::string_view line, size_t from, bool line_break) {
  for (size_t at = line.find("</", from); at != std::string_view::npos;
       at = line.find("</", at + 1)) {
    if (html1_name_end(line, at + 2, line_break) != std::string_view::npos) return true;
  }
  return false;
}

// The heading level of an ATX heading line that has no closing sequence and no tab, else 0.
int atx_level(std::string_view line) {
  const size_t n = std::min(line.find_first_not_of('#'), line.size());
  if (n == 0 || n > 6 || (n < line.size() && line[n] != ' ')) return 0;
  if (line.find_first_of("#\t", n) != std::string_view::npos) return 0;
  return static_cast<int>(n);
}

// Whether a line is paragraph text wherever it stands: it begins with a character that begins
// no block and interrupts no paragraph, and holds no `|` (no table row).
bool is_plain_line(std::string_view line) {
  if (line.empty() || line.find('|') != std::string_view::npos) return false;
  const char c = line[0];
  if (static_cast<unsigned char>(c) >= 0x80 || is_ascii_alpha(c)) return true;
  if (is_ascii_digit(c)) {  // not an ordered list marker
    const size_t j = line.find_first_not_of("0123456789");
    return j == std::string_view::npos || (line[j] != '.' && line[j] != ')');
  }
  if (c == '<') {  // a phrase tag with text after it: no HTML block of type 7
    const size_t tag = phrase_tag_length(line, 0);
    return tag > 0 && line.find_first_not_of(" \t", tag) != std::string_view::npos;
  }
  return std::string_view("$\\({\"'!&").find(c) != std::string_view::npos;
}

bool is_blank_line(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// `range` without the spaces and tabs at its end.
ByteRange trim_end(std::string_view text, ByteRange range) {
  while (range.end > range.begin && (text[range.end - 1] == ' ' || text[range.end - 1] == '\t')) {
    --range.end;
  }
  return range;
}

}  // namespace

size_t phrase_tag_length(std::string_view line, size_t i) {
  static constexpr std::array<std::string_view, 18> names = {
      "b",   "big",  "br", "code",  "del",  "em",     "font", "i",   "ins",
      "kbd", "mark", "s",  "small", "span", "strong", "sub",  "sup", "u"};
  if (i >= line.size() || line[i] != '<') return 0;
  size_t j = i + 1;
  if (j < line.size() && line[j] == '/') ++j;
  const size_t name_begin = j;
  while (j < line.size() && is_ascii_alpha(line[j])) ++j;
  if (j == name_begin || j >= line.size() || line[j] != '>') return 0;
  std::string name(line.substr(name_begin, j - name_begin));
  for (char& c : name) c = static_cast<char>(c | 0x20);
  return std::binary_search(names.begin(), names.end(), name) ? j + 1 - i : 0;
}

bool closes_open_blocks(std::string_view line) {
  return !line.empty() &&
         std::string_view(" \t-+*>0123456789").find(line[0]) == std::string_view::npos;
}

bool starts_plain_block(std::string_view text, size_t at, size_t end) {
  const size_t line_end = std::min(text.find('\n', at), end);
  const std::string_view line = text.substr(at, line_end - at);
  if (line.find('\r') != std::string_view::npos) return false;
  return atx_level(line) > 0 || opens_html6(line, line_end < end) ||
         opens_html1(line, line_end < end) != std::string_view::npos || is_plain_line(line);
}

size_t read_plain_blocks(std::string_view text, size_t begin, size_t end,
                         std::vector<Block>& blocks) {
  size_t stop = begin;          // the last place the grammar may take over
  size_t kept = blocks.size();  // the blocks before `stop`
  enum class State { top, paragraph, html, html1 } state = State::top;
  Block open;           // the paragraph or HTML block being read
  ByteRange last_line;  // the paragraph's last line so far
  bool blank_before = false;
  const auto close_paragraph = [&] {
    open.range.end = std::min(last_line.end + 1, end);
    open.content = {open.range.begin, trim_end(text, last_line).end};
    blocks.push_back(open);
  };
  // A line the grammar must read: what was read since the last stop is read again by it.
  const auto hand_over = [&] {
    blocks.resize(kept);
    return stop;
  };
  size_t at = begin;
  while (at < end) {
    const size_t line_end = std::min(text.find('\n', at), end);
    const bool line_break = line_end < end;
    const size_t next = line_break ? line_end + 1 : end;
    const std::string_view line = text.substr(at, line_end - at);
    if (line.find('\r') != std::string_view::npos) return hand_over();
    const bool blank = is_blank_line(line);
    if (state == State::top && blank_before && closes_open_blocks(line)) {
      stop = at;
      kept = blocks.size();
    }
    switch (state) {
      case State::top:
        if (blank) break;
        if (const int level = atx_level(line)) {
          Block heading;
          heading.kind = BlockKind::heading;
          heading.range = {at, next};
          heading.heading_level = level;
          const size_t text_begin = line.find_first_not_of(' ', static_cast<size_t>(level));
          if (text_begin != std::string_view::npos) {
            heading.content = trim_end(text, {at + text_begin, line_end});
          }
          blocks.push_back(heading);
        } else if (opens_html6(line, line_break)) {
          open = Block{};
          open.kind = BlockKind::html_block;
          open.range.begin = at;
          state = State::html;
        } else if (const size_t name_end = opens_html1(line, line_break);
                   name_end != std::string_view::npos) {
          open = Block{};
          open.kind = BlockKind::html_block;
          open.range.begin = at;
          state = State::html1;
          if (closes_html1(line, name_end, line_break)) {  // the block's one line
            open.range.end = next;
            blocks.push_back(open);
            state = State::top;
          }
        } else if (is_plain_line(line)) {
          open = Block{};
          open.kind = BlockKind::paragraph;
          open.range.begin = at;
          last_line = {at, line_end};
          state = State::paragraph;
        } else {
          return hand_over();
        }
        break;
      case State::paragraph:
        if (is_plain_line(line)) {
          last_line = {at, line_end};
          break;
        }
        if (!blank && !atx_level(line) && !opens_html6(line, line_break)) return hand_over();
        close_paragraph();
        state = State::top;
        if (!blank) continue;  // a heading or an HTML block interrupts the paragraph
        break;
      case State::html:
        if (blank) {  // the blank line that ends the block is the block's
          open.range.end = next;
          blocks.push_back(open);
          state = State::top;
        }
        break;
      case State::html1:  // blank lines do not end it; its end tag's line does
        if (closes_html1(line, 0, line_break)) {
          open.range.end = next;
          blocks.push_back(open);
          state = State::top;
        }
        break;
    }
    blank_before = blank;
    at = next;
  }
  if (state == State::html1) return hand_over();  // left open: the grammar decides
  if (state == State::paragraph) close_paragraph();
  if (state == State::html) {
    open.range.end = end;
    blocks.push_back(open);
  }
  return end;
}

}  // namespace qadeck
