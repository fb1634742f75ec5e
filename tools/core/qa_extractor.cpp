#include "core/qa_extractor.h"

#include <algorithm>
#include <array>
#include <map>
#include <span>

#include "core/html_scanner.h"

namespace qadeck {
namespace {

struct Candidate {
  QuestionStyle style = QuestionStyle::markdown_bold;
  int block = -1;
  int level = 0;  // heading level
  Number number;
  ByteRange question;
  ByteRange line;
  size_t answer_begin = 0;
  size_t answer_limit = std::string_view::npos;  // list items: the end of the item
  bool question_mark = false;
  bool asks = false;     // ends in a question mark, or carries a Q number or a Q: label
  bool eligible = true;  // list items: a question, not a topic or part of another's answer
  int list = -1;         // list items: the list block
  bool bold_term = false;  // list items: "1. **Term:** definition", or a bold item
  bool reads = false;      // reads as a question (see reads_as_question)
  bool labelled = false;   // headings: a "Q:" label before the question
  std::string numbering;   // numbered paragraphs: how the number is written (see numbering_of)
};

// The groups of non-heading questions a region chooses among, in order of precedence.
enum class Group { numbered_bold, details, pair, list, paragraph, unnumbered_bold };
constexpr size_t group_count = 6;

Group group_of(const Candidate& c) {
  switch (c.style) {
    case QuestionStyle::details:
    case QuestionStyle::admonition: return Group::details;
    case QuestionStyle::qa_pair: return Group::pair;
    case QuestionStyle::list_item: return Group::list;
    case QuestionStyle::paragraph: return Group::paragraph;
    default: return c.number.present() ? Group::numbered_bold : Group::unnumbered_bold;
  }
}

// A "Q:" or "Question:" label at text[at] (plain, full-width colon, or "Q." before a space).
// Returns where the text after it begins.
std::optional<size_t> question_label(std::string_view text, size_t at, size_t limit) {
  for (std::string_view label : {"question", "q"}) {
    if (at + label.size() >= limit) continue;
    size_t i = at;
    bool match = true;
    for (char l : label) {
      char c = text[i++];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      match = match && c == l;
    }
    if (!match) continue;
    if (text[i] == ':') return i + 1;
    if (text.compare(i, 3, "\xEF\xBC\x9A") == 0) return i + 3;  // '：'
    if (text[i] == '.' && i + 1 < limit && text[i + 1] == ' ') return i + 1;
  }
  return std::nullopt;
}

bool starts_with_ci(std::string_view text, size_t at, std::string_view prefix) {
  if (at + prefix.size() > text.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = text[at + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

size_t skip_spaces(std::string_view text, size_t at, size_t limit) {
  while (at < limit && (text[at] == ' ' || text[at] == '\t')) ++at;
  return at;
}

// Trims white space, and any zero-width spaces, from both ends of a range.
ByteRange trim_range(std::string_view text, ByteRange r) {
  static constexpr std::string_view zwsp = "\xE2\x80\x8B";
  for (bool changed = true; changed;) {
    changed = false;
    while (r.begin < r.end && is_ascii_space(text[r.begin])) ++r.begin, changed = true;
    while (r.end > r.begin && is_ascii_space(text[r.end - 1])) --r.end, changed = true;
    if (r.size() >= 3 && text.compare(r.begin, 3, zwsp) == 0) r.begin += 3, changed = true;
    if (r.size() >= 3 && text.compare(r.end - 3, 3, zwsp) == 0) r.end -= 3, changed = true;
  }
  return r;
}

// Whether a question's text reads as one: a question mark anywhere (emoji may follow it), or
// an interrogative or task word first. Used to judge whether unlabelled candidates are
// credible questions, never to decide one alone.
bool reads_as_question(std::string_view text) {
  if (text.find('?') != std::string_view::npos ||
      text.find("\xEF\xBC\x9F") != std::string_view::npos) {
    return true;
  }
  static constexpr std::array<std::string_view, 24> words{
      "what", "why",  "how",     "when",     "which",   "who",     "where",  "whom",
      "is",   "are",  "can",     "do",       "does",    "should",  "define", "explain",
      "describe", "compare", "list", "name", "give",   "state",   "derive", "prove"};
  size_t end = 0;
  while (end < text.size() && is_ascii_alpha(text[end])) ++end;
  std::string first(text.substr(0, end));
  for (char& c : first) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (std::find(words.begin(), words.end(), first) != words.end()) return true;
  // 什么 如何 为什么 怎 吗
  for (std::string_view cjk : {"\xE4\xBB\x80\xE4\xB9\x88", "\xE5\xA6\x82\xE4\xBD\x95",
                               "\xE4\xB8\xBA\xE4\xBB\x80\xE4\xB9\x88", "\xE6\x80\x8E",
                               "\xE5\x90\x97"}) {
    if (text.find(cjk) != std::string_view::npos) return true;
  }
  return false;
}

// A summary that labels an answer rather than asking: "Answer", "Show solution", "答案".
bool answer_label(std::string_view text) {
  for (std::string_view word : {"answer", "solution", "show", "reveal", "click", "hint",
                                "explanation", "result", "output"}) {
    if (starts_with_ci(text, 0, word)) return true;
  }
  for (std::string_view word : {"\xE7\xAD\x94\xE6\xA1\x88", "\xE8\xA7\xA3\xE7\xAD\x94",
                                "\xE6\x9F\xA5\xE7\x9C\x8B", "\xE7\x82\xB9\xE5\x87\xBB",
                                "\xE5\xB1\x95\xE5\xBC\x80"}) {  // 答案 解答 查看 点击 展开
    if (text.starts_with(word)) return true;
  }
  return false;
}

// A bold "A:" or "答：" line: the label an answer opens with, never a question.
bool bare_answer_label(std::string_view text) {
  text = trim(text);
  if (text.ends_with(":")) {
    text.remove_suffix(1);
  } else if (text.ends_with("\xEF\xBC\x9A")) {  // '：'
    text.remove_suffix(3);
  } else {
    return false;
  }
  text = trim(text);
  for (std::string_view label : {"a", "answer", "\xE7\xAD\x94", "\xE7\xAD\x94\xE6\xA1\x88",
                                 "\xE5\x9B\x9E\xE7\xAD\x94"}) {  // 答 答案 回答
    if (text.size() == label.size() && starts_with_ci(text, 0, label)) return true;
  }
  return false;
}

bool ends_with_question_mark(std::string_view text) {
  text = trim(text);
  return text.ends_with("?") || text.ends_with("\xEF\xBC\x9F");  // '?' or '？'
}

// Strips a bold wrapper (**x**, __x__, <b>x</b>, <strong>x</strong>) around the whole range.
ByteRange strip_bold(std::string_view text, ByteRange r) {
  const std::string_view s = r.in(text);
  for (std::string_view mark : {"**", "__"}) {
    if (s.size() > 4 && s.starts_with(mark) && s.ends_with(mark)) {
      return trim_range(text, {r.begin + 2, r.end - 2});
    }
  }
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"<b>", "</b>"},
                             {"<strong>", "</strong>"}}) {
    if (s.size() > open.size() + close.size() && starts_with_ci(text, r.begin, open) &&
        starts_with_ci(text, r.end - close.size(), close)) {
      return trim_range(text, {r.begin + open.size(), r.end - close.size()});
    }
  }
  return r;
}

// Block-level wrapper tags that may precede a question on its line inside an HTML block.
bool is_wrapper_tag(const std::string& name) {
  return name == "p" || name == "div" || name == "li" || name == "td" || name == "section" ||
         name == "article" || name == "center" || name == "blockquote";
}

class Extractor {
 public:
  Extractor(const SourceFile& source, const std::vector<Block>& blocks)
      : source_(source), text_(source.text()), blocks_(blocks) {}

  Extraction run(const ExtractOptions& options) {
    collect(options);
    classify_headings(options);
    Extraction out;
    build_sections(out);
    choose_questions(options, out);
    build_items(out);
    assign_sequences(out);
    return out;
  }

 private:
  // ---- candidates

  void collect(const ExtractOptions& options) {
    find_enclosing_items();
    for (size_t b = 0; b < blocks_.size(); ++b) {
      const Block& block = blocks_[b];
      // What is inside a <details> element is its answer, headings and bold lines included.
      if (in_details(block.range.begin)) continue;
      const int index = static_cast<int>(b);
      switch (block.kind) {
        case BlockKind::heading: heading(index); break;
        case BlockKind::paragraph:
          if (!pair(index) && !html_heading(index)) {
            bold_lines(index);
            numbered_lines(index);
          }
          break;
        case BlockKind::html_block:
          if (!details(index) && !html_heading(index)) bold_lines(index);
          break;
        case BlockKind::list_item:
          if (block.ordered) {
            list_item(index);
          } else {
            admonition(index);
          }
          break;
        default: break;
      }
    }
    mark_list_questions();
    for (Candidate& c : lists_) others_.push_back(c);
    mark_paragraph_questions(options);
    std::sort(others_.begin(), others_.end(),
              [](const Candidate& a, const Candidate& b) { return a.line.begin < b.line.begin; });
    collect_navigation();
  }

  bool in_details(size_t at) const {
    auto it = std::upper_bound(details_bodies_.begin(), details_bodies_.end(), at,
                               [](size_t p, const ByteRange& r) { return p < r.begin; });
    return it != details_bodies_.begin() && std::prev(it)->contains(at);
  }

  // <details><summary>N. question</summary> answer </details>: the summary is a question
  // unless it only labels the answer it hides ("Answer", "Show solution"); either way the
  // body is answer text, not questions or sections.
  bool details(int b) {
    const Block& block = blocks_[static_cast<size_t>(b)];
    const size_t p = skip_spaces(text_, block.range.begin, block.range.end);
    if (!starts_with_ci(text_, p, "<details")) return false;
    const std::string_view head = text_.substr(0, block.range.end);
    const size_t open = find_ci(head, "<summary", p);
    if (open == std::string_view::npos) return false;
    const auto open_tag = scan_html_tag(text_, open, block.range.end);
    const size_t close =
        open_tag ? find_ci(head, "</summary", open_tag->range.end) : std::string_view::npos;
    const auto close_tag =
        close != std::string_view::npos ? scan_html_tag(text_, close, block.range.end) : std::nullopt;
    if (!close_tag) return false;
    size_t end = find_ci(text_, "</details", close_tag->range.end);
    if (end == std::string_view::npos) end = text_.size();
    const auto end_tag = scan_html_tag(text_, end, text_.size());
    details_bodies_.push_back({close_tag->range.end, end_tag ? end_tag->range.end : end});
    Candidate c;
    c.style = QuestionStyle::details;
    c.block = b;
    const ByteRange summary = strip_bold(text_, trim_range(text_, {open_tag->range.end, close}));
    size_t rest = summary.begin;
    if (auto n = parse_number(text_, summary.begin, summary.end, false, rest)) c.number = *n;
    c.question = trim_range(text_, strip_bold(text_, {rest, summary.end}));
    const LineIndex& lines = source_.lines();
    c.line = {lines.line_start(lines.line_of(open)), lines.line_end(lines.line_of(close))};
    c.answer_begin = close_tag->range.end;
    c.answer_limit = end;
    c.question_mark = ends_with_question_mark(c.question.in(text_));
    c.asks = c.question_mark || !c.number.prefix.empty();
    c.reads = c.asks || reads_as_question(c.question.in(text_));
    c.eligible = c.number.present() || c.reads || !answer_label(c.question.in(text_));
    if (!c.question.empty()) others_.push_back(c);
    return true;
  }

  // ??? question "Title": document.cpp had the grammar read its marker line as an empty
  // bullet, so the admonition is that item, its body the item's blocks. The title asks when
  // the kind says so or it reads as a question; either way the body is answer text.
  bool admonition(int b) {
    const Block& block = blocks_[static_cast<size_t>(b)];
    const LineIndex& lines = source_.lines();
    const size_t line = lines.line_of(block.range.begin);
    const size_t end = std::min(lines.line_end(line), block.range.end);
    const auto marker = admonition_marker(text_.substr(block.range.begin, end - block.range.begin));
    if (!marker) return false;
    const size_t body = std::min(lines.line_end_with_break(line), block.range.end);
    details_bodies_.push_back({body, block.range.end});
    if (marker->title.empty()) return true;
    const size_t title = static_cast<size_t>(marker->title.data() - text_.data());
    Candidate c;
    c.style = QuestionStyle::admonition;
    c.block = b;
    const ByteRange whole = trim_range(text_, {title, title + marker->title.size()});
    size_t rest = whole.begin;
    if (auto n = parse_number(text_, whole.begin, whole.end, false, rest)) c.number = *n;
    c.question = trim_range(text_, {rest, whole.end});
    c.line = {lines.line_start(line), end};
    c.answer_begin = body;
    c.answer_limit = block.range.end;
    c.question_mark = ends_with_question_mark(c.question.in(text_));
    c.asks = c.question_mark || !c.number.prefix.empty();
    c.reads = c.asks || reads_as_question(c.question.in(text_));
    const bool asking_kind = marker->kind == "question" || marker->kind == "faq" ||
                             marker->kind == "quiz" || marker->kind == "help";
    const bool label = answer_label(c.question.in(text_));
    c.eligible = !label && (asking_kind || c.reads || c.number.present());
    if (!c.question.empty()) others_.push_back(c);
    return true;
  }

  // "Q: question" (or **Q:**, Question:) at the start of a paragraph: the question is the
  // rest of its line, and the answer (its "A:" label included) follows.
  bool pair(int b) {
    const Block& block = blocks_[static_cast<size_t>(b)];
    if (enclosing_ordered_item_[static_cast<size_t>(b)] >= 0) return false;
    const LineIndex& lines = source_.lines();
    const size_t line = lines.line_of(block.range.begin);
    const size_t end = std::min(lines.line_end(line), block.range.end);
    size_t p = skip_spaces(text_, block.range.begin, end);
    std::string_view bold;
    if (text_.compare(p, 2, "**") == 0 || text_.compare(p, 2, "__") == 0) {
      bold = text_.substr(p, 2);
      p += 2;
    }
    const auto after = question_label(text_, p, end);
    if (!after) return false;
    size_t q = skip_spaces(text_, *after, end);
    size_t q_end = end;
    if (!bold.empty()) {
      if (text_.compare(q, 2, bold) == 0) {
        q = skip_spaces(text_, q + 2, end);  // **Q:** question
      } else if (text_.substr(q, end - q).ends_with(bold)) {
        q_end = end - 2;  // **Q: question**
      }
    }
    Candidate c;
    c.style = QuestionStyle::qa_pair;
    c.block = b;
    c.question = trim_range(text_, {q, q_end});
    if (c.question.empty()) return false;
    c.line = {lines.line_start(line), end};
    c.answer_begin = lines.line_end_with_break(line);
    c.question_mark = ends_with_question_mark(c.question.in(text_));
    c.asks = c.reads = true;
    others_.push_back(c);
    return true;
  }

  void heading(int b) {
    const Block& block = blocks_[static_cast<size_t>(b)];
    ByteRange content = trim_range(text_, block.content);
    // An ATX heading's closing sequence of '#' is not part of its text.
    while (content.end > content.begin && text_[content.end - 1] == '#') --content.end;
    content.begin = skip_doubled_marker(content);
    heading(b, block.heading_level, content, trim_range(text_, block.range), block.range.end);
  }

  // "### ### Q14. …": a heading marker typed twice shows as text, but the heading is still
  // question 14; its text begins after the second marker. Only a number or a Q label after
  // it says so ("## # of items" counts items).
  size_t skip_doubled_marker(ByteRange content) const {
    size_t p = content.begin;
    while (p < content.end && text_[p] == '#' && p - content.begin < 6) ++p;
    if (p == content.begin || p >= content.end || text_[p] != ' ') return content.begin;
    p = skip_spaces(text_, p, content.end);
    size_t rest = p;
    const bool numbered = parse_number(text_, p, content.end, true, rest).has_value() ||
                          question_label(text_, p, content.end).has_value();
    return numbered ? p : content.begin;
  }

  // <h3 id="7">Q: 7. question</h3> opening a block (an HTML block, or a paragraph where the
  // grammar does not see one): a heading a reader sees like any other; what follows its
  // closing tag is answer.
  bool html_heading(int b) {
    const Block& block = blocks_[static_cast<size_t>(b)];
    const size_t p = skip_spaces(text_, block.range.begin, block.range.end);
    const auto open = scan_html_tag(text_, p, block.range.end);
    if (!open || open->kind != HtmlTagKind::open || open->name.size() != 2 ||
        open->name[0] != 'h' || open->name[1] < '1' || open->name[1] > '6') {
      return false;
    }
    const std::string close_name = "</" + std::string(open->name);
    const size_t close = find_ci(text_.substr(0, block.range.end), close_name, open->range.end);
    if (close == std::string_view::npos) return false;
    const auto close_tag = scan_html_tag(text_, close, block.range.end);
    if (!close_tag) return false;
    const LineIndex& lines = source_.lines();
    heading(b, open->name[1] - '0', {open->range.end, close},
            {block.range.begin, lines.line_end(lines.line_of(close))}, close_tag->range.end);
    return true;
  }

  void heading(int b, int level, ByteRange content, ByteRange line, size_t answer_begin) {
    content = trim_range(text_, content);
    content = strip_bold(text_, content);
    Candidate c;
    c.style = QuestionStyle::heading;
    c.block = b;
    c.level = level;
    size_t rest = content.begin;
    bool labelled = false;
    if (auto n = parse_number(text_, content.begin, content.end, true, rest)) {
      c.number = *n;
    } else if (auto label = question_label(text_, content.begin, content.end)) {
      // ### Q. question, and "Q: 7. question" with its number after the label.
      rest = skip_spaces(text_, *label, content.end), labelled = true;
      if (auto after = parse_number(text_, rest, content.end, false, rest)) c.number = *after;
    }
    c.question = trim_range(text_, strip_bold(text_, {rest, content.end}));
    c.line = line;
    c.answer_begin = answer_begin;
    c.question_mark = ends_with_question_mark(c.question.in(text_));
    c.labelled = labelled;
    c.asks = c.question_mark || labelled || !c.number.prefix.empty();
    c.reads = c.asks || reads_as_question(c.question.in(text_));
    headings_.push_back(c);
  }

  // Calls line(begin, end, first) for each line of block b, clipped to the block.
  template <class F>
  void each_line(int b, F&& line) const {
    const Block& block = blocks_[static_cast<size_t>(b)];
    const LineIndex& lines = source_.lines();
    const size_t first = lines.line_of(block.range.begin);
    const size_t last = lines.line_of(block.range.end > block.range.begin ? block.range.end - 1
                                                                           : block.range.begin);
    for (size_t l = first; l <= last; ++l) {
      line(std::max(lines.line_start(l), block.range.begin),
           std::min(lines.line_end(l), block.range.end), l == first);
    }
  }

  void bold_lines(int b) {
    each_line(b, [&](size_t begin, size_t end, bool first) { bold_line(b, begin, end, first); });
  }

  void bold_line(int b, size_t begin, size_t end, bool first_line) {
    size_t p = skip_spaces(text_, begin, end);
    if (blocks_[static_cast<size_t>(b)].kind == BlockKind::html_block) {
      while (p < end && text_[p] == '<') {
        auto tag = scan_html_tag(text_, p, end);
        if (!tag || tag->kind != HtmlTagKind::open || !is_wrapper_tag(tag->name)) break;
        p = skip_spaces(text_, tag->range.end, end);
      }
    }
    std::string_view close;
    QuestionStyle style = QuestionStyle::markdown_bold;
    size_t open_len = 0;
    if (starts_with_ci(text_, p, "<b>")) {
      style = QuestionStyle::html_bold, close = "</b>", open_len = 3;
    } else if (starts_with_ci(text_, p, "<strong>")) {
      style = QuestionStyle::html_bold, close = "</strong>", open_len = 8;
    } else if (text_.compare(p, 2, "**") == 0 || text_.compare(p, 2, "__") == 0) {
      close = text_.substr(p, 2), open_len = 2;
    } else {
      return;
    }
    const size_t inner = skip_spaces(text_, p + open_len, end);
    Candidate c;
    c.style = style;
    c.block = b;
    size_t rest = inner;
    if (auto n = parse_number(text_, inner, end, false, rest)) c.number = *n;
    const std::string_view line = text_.substr(0, end);
    size_t close_at = close.starts_with("<") ? find_ci(line, close, rest) : line.find(close, rest);
    size_t after = std::string_view::npos;
    if (close_at != std::string_view::npos) {
      after = close_at + close.size();
    } else {
      // An unclosed <b> still asks a question: it runs to a <br> or the end of the line.
      const size_t br = find_ci(line, "<br", rest);
      close_at = br == std::string_view::npos ? end : br;
      after = close_at;
    }
    c.question = trim_range(text_, {rest, close_at});
    size_t tail = skip_markup(after, end);
    if (c.question.empty() && c.number.present() && tail < end) {
      // **Q1:** question, **3)** question: the bold number labels the text after it.
      c.question = trim_range(text_, {tail, end});
      tail = end;
    }
    if (c.question.empty()) return;
    // What follows the question on its line: <br> tags are markup, anything else is answer.
    if (!c.number.present()) {
      // An unnumbered bold question stands alone at the start of its paragraph, outside
      // numbered lists: there it is the item's own question (a list candidate) or a bold line
      // inside an item's answer.
      if (!first_line || tail < end || close_at == end ||
          enclosing_ordered_item_[static_cast<size_t>(b)] >= 0 ||
          bare_answer_label(c.question.in(text_))) {
        return;
      }
    }
    c.line = {begin, end};
    c.answer_begin =
        tail < end ? tail : source_.lines().line_end_with_break(source_.lines().line_of(begin));
    c.question_mark = ends_with_question_mark(c.question.in(text_));
    c.asks = c.question_mark || !c.number.prefix.empty();
    c.reads = c.asks || reads_as_question(c.question.in(text_));
    others_.push_back(c);
  }

  // 1、question, 一、question, （一）question, 2.1，question: lines of a paragraph that open with
  // a number written the Chinese way. CommonMark's list markers are ASCII, so such a list is
  // paragraphs; each numbered line is a candidate, answered by what follows it. Whether they
  // are questions is decided for the file (mark_paragraph_questions); inside a numbered list
  // item they are points of its answer.
  void numbered_lines(int b) {
    if (enclosing_ordered_item_[static_cast<size_t>(b)] >= 0) return;
    each_line(b, [&](size_t begin, size_t end, bool) {
      const size_t p = skip_spaces(text_, begin, end);
      size_t rest = p;
      const auto n = parse_number(text_, p, end, false, rest);
      if (!n || !n->prefix.empty() || !n->suffix.empty()) return;
      Candidate c;
      c.numbering = numbering_of(*n, rest);
      c.question = strip_bold(text_, without_trailing_comments(trim_range(text_, {rest, end})));
      if (c.numbering.empty() || c.question.empty()) return;
      c.style = QuestionStyle::paragraph;
      c.block = b;
      c.number = *n;
      c.line = {begin, end};
      c.answer_begin = source_.lines().line_end_with_break(source_.lines().line_of(begin));
      c.question_mark = ends_with_question_mark(c.question.in(text_));
      c.asks = c.question_mark;
      c.reads = c.asks || reads_as_question(c.question.in(text_));
      others_.push_back(std::move(c));
    });
  }

  // A comment after a question on its line is not seen by a reader.
  ByteRange without_trailing_comments(ByteRange r) const {
    while (r.in(text_).ends_with("-->")) {
      const size_t open = r.in(text_).rfind("<!--");
      if (open == std::string_view::npos) break;
      r = trim_range(text_, {r.begin, r.begin + open});
    }
    return r;
  }

  // How a paragraph's number is written: "1、", "一、", "1）", "（一）" and "（1）" are kinds of
  // their own (hierarchical 2.1， is the kind of 1，, and full-width digits are digits: １、 is
  // 1、). "" for a number written the ASCII way ("1.", "1:"), which is not Chinese numbering.
  std::string numbering_of(const Number& n, size_t rest) const {
    const std::string_view written = n.written.in(text_);
    const std::string_view separator = trim(text_.substr(n.written.end, rest - n.written.end));
    const auto ascii = [](std::string_view t) {
      return std::all_of(t.begin(), t.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    };
    if (ascii(written) && ascii(separator)) return "";
    return std::string(digit_at(text_, n.last.begin, n.last.end) ? "1" : "\xE4\xB8\x80") +  // 一
           std::string(written.starts_with("\xEF\xBC\x88") ? written.substr(0, 3) : separator);
  }

  // For every block, the nearest ordered list item around it (-1 for none). Parents come
  // before their children, so one pass does it.
  void find_enclosing_items() {
    enclosing_ordered_item_.assign(blocks_.size(), -1);
    for (size_t b = 0; b < blocks_.size(); ++b) {
      const int p = blocks_[b].parent;
      if (p < 0) continue;
      const Block& parent = blocks_[static_cast<size_t>(p)];
      enclosing_ordered_item_[b] = parent.kind == BlockKind::list_item && parent.ordered
                                       ? p
                                       : enclosing_ordered_item_[static_cast<size_t>(p)];
    }
  }

  static size_t find_ci(std::string_view text, std::string_view needle, size_t from) {
    for (size_t i = text.find('<', from); i != std::string_view::npos; i = text.find('<', i + 1)) {
      if (starts_with_ci(text, i, needle)) return i;
    }
    return std::string_view::npos;
  }

  void list_item(int b) {
    const Block& block = blocks_[static_cast<size_t>(b)];
    Candidate c;
    c.style = QuestionStyle::list_item;
    c.block = b;
    c.list = block.parent;
    // The grammar counts a nested list's extra indentation into its first marker (" 1.").
    const size_t marker = skip_spaces(text_, block.marker.begin, block.marker.end);
    size_t rest = marker;
    auto n = parse_number(text_, marker, block.marker.end + 1, false, rest);
    if (!n) return;
    c.number = *n;
    const LineIndex& lines = source_.lines();
    const size_t line = lines.line_of(marker);
    const size_t line_end = std::min(lines.line_end(line), block.range.end);
    c.line = {lines.line_start(line), line_end};
    c.answer_begin = lines.line_end_with_break(line);
    c.answer_limit = block.range.end;
    c.question = without_trailing_comments(trim_range(text_, {block.marker.end, line_end}));
    // "1. **Term:** definition": the bold term is the question and the rest of the line
    // begins its answer.
    if (auto term = bold_term(c.question)) {
      c.question = term->first;
      c.answer_begin = term->second;
      c.bold_term = true;
    } else {
      const ByteRange unbolded = strip_bold(text_, c.question);
      c.bold_term = unbolded.size() < c.question.size();
      c.question = unbolded;
    }
    c.question_mark = ends_with_question_mark(c.question.in(text_));
    c.asks = c.question_mark || !c.number.prefix.empty();
    c.reads = c.asks || reads_as_question(c.question.in(text_));
    if (!c.question.empty()) lists_.push_back(c);
  }

  // A bold span at the start of `r` that is followed by a separator (":", "-", "—") or ends
  // in a colon itself, and text after it: the term of a "**Term:** definition" line. Returns
  // the term and where the text after it begins.
  std::optional<std::pair<ByteRange, size_t>> bold_term(ByteRange r) const {
    const std::string_view s = r.in(text_);
    for (std::string_view mark : {"**", "__"}) {
      if (!s.starts_with(mark)) continue;
      const size_t close = s.find(mark, mark.size());
      if (close == std::string_view::npos) return std::nullopt;
      const ByteRange term = trim_range(text_, {r.begin + mark.size(), r.begin + close});
      size_t after = skip_spaces(text_, r.begin + close + mark.size(), r.end);
      if (term.empty() || after >= r.end) return std::nullopt;
      const std::string_view term_text = term.in(text_);
      const bool colon = term_text.ends_with(":") || term_text.ends_with("\xEF\xBC\x9A");
      bool separator = false;
      for (std::string_view sep : {":", "\xEF\xBC\x9A", "- ", "\xE2\x80\x94", "\xE2\x80\x93"}) {
        if (text_.compare(after, sep.size(), sep) == 0) {
          separator = true;
          after = skip_spaces(text_, after + sep.size(), r.end);
          break;
        }
      }
      if (!colon && !separator) return std::nullopt;
      return std::make_pair(term, after);
    }
    return std::nullopt;
  }

  // Which numbered list items ask questions. A topic item (a title whose nested ordered list
  // follows right after it, the questions) asks none itself, unless it asks and its nested
  // items do not: those are its choices. An item inside a question's body is part of the
  // answer.
  void mark_list_questions() {
    std::map<int, bool> list_asks;  // list block -> one of its items asks a question
    std::map<int, size_t> by_block;
    for (size_t i = 0; i < lists_.size(); ++i) {
      list_asks[lists_[i].list] = list_asks[lists_[i].list] || lists_[i].question_mark;
      by_block[lists_[i].block] = i;
    }
    // Candidates come in document order, so an item's enclosing items are decided first.
    std::vector<bool> topic(lists_.size(), false);
    std::vector<bool> in_topics(lists_.size(), true);  // every enclosing numbered item a topic
    for (size_t i = 0; i < lists_.size(); ++i) {
      Candidate& c = lists_[i];
      const int nested = nested_list(c.block);
      topic[i] = nested >= 0 && (!c.question_mark || list_asks[nested]);
      const int outer = enclosing_ordered_item_[static_cast<size_t>(c.block)];
      if (outer >= 0) {
        auto it = by_block.find(outer);
        in_topics[i] = it != by_block.end() && topic[it->second] && in_topics[it->second];
      }
      c.eligible = !topic[i] && in_topics[i];
    }
  }

  // Numbered paragraphs are questions where their kind of number asks in the file: at least
  // two paragraphs are numbered that way, and half of them end in a question mark (an
  // essay's numbered points and steps seldom do). The kind is judged over the whole file,
  // not per region, so that a list of interview questions keeps its few prompts
  // ("1、TCP 的三次握手；") beside the questions that ask. A pinned style takes them all.
  void mark_paragraph_questions(const ExtractOptions& options) {
    const bool pinned = options.style == QuestionStyle::paragraph;
    std::map<std::string, std::pair<int, int>> kinds;  // numbering -> paragraphs, asking
    for (const Candidate& c : others_) {
      if (c.style != QuestionStyle::paragraph) continue;
      auto& [all, asking] = kinds[c.numbering];
      ++all;
      asking += c.question_mark;
    }
    for (Candidate& c : others_) {
      if (c.style != QuestionStyle::paragraph) continue;
      const auto [all, asking] = kinds[c.numbering];
      c.eligible = pinned || (all >= 2 && asking * 2 >= all);
      paragraph_questions_ = paragraph_questions_ || c.eligible;
    }
    // Beside them, Q:/A: lines in a block quote are an exchange the text quotes
    // ("此时连环追问来了：> Q：… > A：…"), not questions of the file's own.
    if (!paragraph_questions_) return;
    for (Candidate& c : others_) {
      if (c.style == QuestionStyle::qa_pair && in_block_quote(c.block)) c.eligible = false;
    }
  }

  bool in_block_quote(int b) const {
    for (int p = blocks_[static_cast<size_t>(b)].parent; p >= 0;) {
      const Block& parent = blocks_[static_cast<size_t>(p)];
      if (parent.kind == BlockKind::block_quote) return true;
      p = parent.parent;
    }
    return false;
  }

  // The ordered list that directly follows a list item's first paragraph, or -1.
  int nested_list(int item) const {
    int seen = 0;
    for (size_t d = static_cast<size_t>(item) + 1; d < blocks_.size(); ++d) {
      const Block& child = blocks_[d];
      if (child.range.begin >= blocks_[static_cast<size_t>(item)].range.end) break;
      if (child.parent != item) continue;
      if (++seen == 2) {
        return child.kind == BlockKind::list && child.ordered ? static_cast<int>(d) : -1;
      }
      if (child.kind != BlockKind::paragraph) return -1;
    }
    return -1;
  }

  // ---- style

  // Whether a heading's own body (up to the next heading) holds questions of its own: two of
  // one kind, or one numbered bold line, <details> or Q: pair, most of which read as
  // questions (the numbered points of an answer do not). Such a heading titles a section.
  bool holds_questions(size_t begin, size_t end) const {
    static constexpr std::array<int, group_count> minimum{1, 1, 1, 2, 1, 2};
    std::array<int, group_count> counts{};
    std::array<int, group_count> reading{};
    for (const Candidate& c : candidates_in({begin, end})) {
      if (c.eligible) {
        const size_t g = static_cast<size_t>(group_of(c));
        ++counts[g];
        // Numbered paragraphs that are candidates still were judged over the file.
        reading[g] += c.reads || c.style == QuestionStyle::details ||
                      c.style == QuestionStyle::qa_pair || c.style == QuestionStyle::paragraph;
      }
    }
    for (size_t g = 0; g < group_count; ++g) {
      if (counts[g] >= minimum[g] && reading[g] * 2 > counts[g]) return true;
    }
    return false;
  }

  // Whether questions in <details> or admonitions begin in [begin, end).
  bool holds_containers(size_t begin, size_t end) const {
    return std::any_of(others_.begin(), others_.end(), [&](const Candidate& c) {
      return c.eligible && group_of(c) == Group::details && c.line.begin >= begin &&
             c.line.begin < end;
    });
  }

  // The heading level of questions, chosen among the levels where most headings hold no
  // questions of their own: the one with most numbered headings, else the one with most
  // headings when enough of them ask or there are many (a README's Installation / Usage /
  // License are neither).
  void choose_heading_level(const ExtractOptions& options) {
    struct Stats {
      int all = 0, numbered = 0, leaves = 0, numbered_leaves = 0, asking_leaves = 0;
    };
    std::map<int, Stats> levels;
    for (size_t i = 0; i < headings_.size(); ++i) {
      const Candidate& h = headings_[i];
      if (h.level <= 1) continue;
      Stats& s = levels[h.level];
      ++s.all;
      s.numbered += h.number.present();
      if (holder_[i]) continue;
      ++s.leaves;
      s.numbered_leaves += h.number.present();
      s.asking_leaves += h.reads;
    }
    const auto best = [&](auto count) {
      std::pair<int, int> out{0, 0};  // level, count; ties go to the deeper level
      for (const auto& [level, stats] : levels) {
        const int n = count(stats);
        if (n >= 2 && n >= out.second) out = {level, n};
      }
      return out.first;
    };
    if (options.style && *options.style != QuestionStyle::heading) return;
    if (options.style) {
      heading_level_ = best([](const Stats& s) { return s.numbered; });
      numbered_ = heading_level_ > 0;
      if (!numbered_) heading_level_ = best([](const Stats& s) { return s.all; });
      return;
    }
    const auto leafy = [](const Stats& s) { return s.leaves > s.all - s.leaves; };
    heading_level_ =
        best([&](const Stats& s) { return leafy(s) ? s.numbered_leaves : 0; });
    numbered_ = heading_level_ > 0;
    // A file that numbers its questions as paragraphs titles its sections with headings.
    if (numbered_ || paragraph_questions_) return;
    heading_level_ = best([&](const Stats& s) {
      return leafy(s) && (s.asking_leaves * 4 >= s.leaves || s.leaves >= 8) ? s.leaves : 0;
    });
  }

  // Which headings are questions and which are sections. A heading holding questions of its
  // own is a section; at the question level, the others are questions (numbered ones, in a
  // numbered file); elsewhere a heading that asks is a question too. A section heading that
  // asks and holds no question headings (## 3.13 …？ answered right below it, among sections
  // of ### questions) is a question as well as a section, so that its answer is not filed
  // under the section before it. Headings inside a question's answer or a <details> are
  // answer text.
  void classify_headings(const ExtractOptions& options) {
    const size_t n = headings_.size();
    holder_.assign(n, false);
    for (size_t i = 0; i < n; ++i) {
      const size_t body_end = i + 1 < n ? headings_[i + 1].line.begin : text_.size();
      // A heading that asks is answered below it, unless what is below asks questions of its
      // own in containers made for that (`??? question "…"`, <details>): "### Was this page
      // helpful?" over a `??? question` admonition names a feature.
      const size_t begin = headings_[i].answer_begin;
      holder_[i] = holds_questions(begin, body_end) &&
                   (!headings_[i].asks || holds_containers(begin, body_end));
    }
    // A heading over headings labelled as questions (## 一、常见报错 over ### Q：…) titles a
    // section, though its own body is empty; a labelled one over them (### Q4 over #### Q4a)
    // stays a question. Each heading is under at most five others, so this is linear.
    const auto labelled = [&](size_t i) {
      return headings_[i].labelled || !headings_[i].number.prefix.empty();
    };
    for (size_t i = 0; i < n; ++i) {
      if (labelled(i)) continue;
      for (size_t j = i + 1; j < n && headings_[j].level > headings_[i].level && !holder_[i]; ++j) {
        holder_[i] = labelled(j);
      }
    }
    choose_heading_level(options);
    const bool headings_pinned_away = options.style && *options.style != QuestionStyle::heading;
    question_heading_.assign(n, false);
    section_heading_.assign(n, false);
    for (size_t i = 0; i < n; ++i) {
      const Candidate& h = headings_[i];
      if (h.question.empty() || holder_[i]) continue;
      if (heading_level_ > 0) {
        question_heading_[i] =
            h.level == heading_level_ && (!numbered_ || h.number.present() || h.asks);
      } else {
        // Where the questions are numbered paragraphs, a heading that asks ("那，到底要不要去
        // 华为 OD？") is a section's title, unless a label or Q number makes it a question.
        const bool explicit_question = h.labelled || !h.number.prefix.empty();
        question_heading_[i] = h.level > 1 && h.asks && !headings_pinned_away &&
                               (!paragraph_questions_ || explicit_question);
      }
    }
    size_t open_question = n;  // the question heading whose answer we are in
    const bool one_title = level1_count() == 1;
    for (size_t i = 0; i < n; ++i) {
      const Candidate& h = headings_[i];
      if (open_question < n && h.level <= headings_[open_question].level) open_question = n;
      if (open_question < n) continue;  // part of the answer
      if (question_heading_[i]) {
        open_question = i;
        continue;
      }
      section_heading_[i] = !(h.level == 1 && one_title);
    }
    if (heading_level_ == 0) return;
    for (size_t i = 0; i < n; ++i) {
      const Candidate& h = headings_[i];
      if (!section_heading_[i] || !h.question_mark || h.level <= 1 || h.level >= heading_level_ ||
          holder_[i]) {
        continue;
      }
      bool holds = false;
      for (size_t j = i + 1; j < n && headings_[j].level > h.level; ++j) {
        holds = holds || question_heading_[j];
      }
      question_heading_[i] = !holds;
    }
  }

  int level1_count() const {
    return static_cast<int>(std::count_if(headings_.begin(), headings_.end(),
                                          [](const Candidate& h) { return h.level == 1; }));
  }

  // Whether the candidates of a kind in `range` are credible questions: labelled kinds
  // always; list items and unnumbered bold lines when a quarter of them read as questions,
  // most are bold terms of a glossary, or (bold lines) there are many. Numbered steps and
  // the numbered points of a prose section are none of these.
  bool credible(Group g, std::span<const Candidate> candidates) const {
    int all = 0, reading = 0, terms = 0;
    for (const Candidate& c : candidates) {
      if (!c.eligible || group_of(c) != g) continue;
      ++all;
      reading += c.reads;
      terms += c.bold_term;
    }
    if (g == Group::list) return reading * 4 >= all || terms * 2 >= all;
    if (g == Group::unnumbered_bold) return reading * 4 >= all || all >= 8;
    return true;
  }

  // The candidates whose line starts in `range`, found in others_ (in document order) so that
  // a region costs its own candidates, not the file's.
  std::span<const Candidate> candidates_in(ByteRange range) const {
    const auto before = [](const Candidate& c, size_t at) { return c.line.begin < at; };
    const auto lo = std::lower_bound(others_.begin(), others_.end(), range.begin, before);
    const auto hi = std::lower_bound(lo, others_.end(), range.end, before);
    return {lo, hi};
  }

  // The questions: the question headings, and in each region between section headings that
  // has none at the question level, the candidates of the one kind it is written in (the
  // most numerous credible kind; ties go to the more explicit one).
  void choose_questions(const ExtractOptions& options, const Extraction& out) {
    for (size_t i = 0; i < headings_.size(); ++i) {
      if (question_heading_[i]) chosen_.push_back(headings_[i]);
    }
    std::array<bool, group_count> allowed{};
    for (size_t g = 0; g < group_count; ++g) allowed[g] = credible(static_cast<Group>(g), others_);
    // Beside numbered paragraph questions, an unnumbered bold line is emphasis
    // ("**条件 2 连续两次绩效 A**").
    if (paragraph_questions_) allowed[static_cast<size_t>(Group::unnumbered_bold)] = false;
    if (options.style) {
      std::array<bool, group_count> pinned{};
      switch (*options.style) {
        case QuestionStyle::html_bold:
        case QuestionStyle::markdown_bold: {
          const bool any_numbered = std::any_of(others_.begin(), others_.end(), [](const Candidate& c) {
            return group_of(c) == Group::numbered_bold;
          });
          pinned[static_cast<size_t>(any_numbered ? Group::numbered_bold : Group::unnumbered_bold)] = true;
          break;
        }
        case QuestionStyle::details:
        case QuestionStyle::admonition: pinned[static_cast<size_t>(Group::details)] = true; break;
        case QuestionStyle::qa_pair: pinned[static_cast<size_t>(Group::pair)] = true; break;
        case QuestionStyle::list_item: pinned[static_cast<size_t>(Group::list)] = true; break;
        case QuestionStyle::paragraph: pinned[static_cast<size_t>(Group::paragraph)] = true; break;
        case QuestionStyle::heading: break;
      }
      allowed = pinned;
    }
    // Unlabelled kinds need two in the file; then a region may hold one. (Numbered paragraphs
    // were counted by kind already.)
    static constexpr std::array<int, group_count> minimum{1, 1, 1, 2, 1, 2};
    std::array<int, group_count> in_file{};
    for (const Candidate& c : others_) in_file[static_cast<size_t>(group_of(c))] += c.eligible;
    for (size_t g = 0; g < group_count; ++g) allowed[g] = allowed[g] && in_file[g] >= minimum[g];
    std::vector<size_t> bounds{0};
    for (const Section& s : out.sections) bounds.push_back(s.heading.begin);
    bounds.push_back(text_.size() + 1);
    // Where the question headings at the question level start, sorted.
    std::vector<size_t> question_level;
    for (size_t i = 0; i < headings_.size(); ++i) {
      if (question_heading_[i] && heading_level_ > 0 && headings_[i].level == heading_level_) {
        question_level.push_back(headings_[i].line.begin);
      }
    }
    std::sort(question_level.begin(), question_level.end());
    for (size_t r = 0; r + 1 < bounds.size(); ++r) {
      const ByteRange region{bounds[r], bounds[r + 1]};
      // A section heading that is its own question (## 3.13 …？) is answered by its body.
      const auto heading = std::lower_bound(question_level.begin(), question_level.end(),
                                            region.begin);
      if ((r > 0 && question_heading_[section_headings_[r - 1]]) ||
          (heading != question_level.end() && *heading < region.end)) {
        continue;
      }
      const std::span<const Candidate> candidates = candidates_in(region);
      std::array<int, group_count> counts{};
      for (const Candidate& c : candidates) {
        if (c.eligible) ++counts[static_cast<size_t>(group_of(c))];
      }
      size_t pick = group_count;
      for (size_t g = 0; g < group_count; ++g) {
        if (!allowed[g] || counts[g] == 0 || !credible(static_cast<Group>(g), candidates)) {
          continue;
        }
        if (pick == group_count || counts[g] > counts[pick]) pick = g;
      }
      // Q: labels are explicit: they are questions beside whatever else the region uses.
      const size_t pairs = static_cast<size_t>(Group::pair);
      for (const Candidate& c : candidates) {
        const size_t g = static_cast<size_t>(group_of(c));
        if (c.eligible && (g == pick || (g == pairs && allowed[pairs]))) {
          chosen_.push_back(c);
        }
      }
    }
    std::sort(chosen_.begin(), chosen_.end(),
              [](const Candidate& a, const Candidate& b) { return a.line.begin < b.line.begin; });
  }

  // ---- model

  void build_sections(Extraction& out) {
    for (size_t i = 0; i < headings_.size(); ++i) {
      if (!section_heading_[i]) continue;
      section_headings_.push_back(i);
      const Candidate& h = headings_[i];
      Section s;
      s.heading = h.line;
      s.title = h.question;
      s.number = h.number;
      s.level = h.level;
      out.sections.push_back(s);
    }
  }

  void build_items(Extraction& out) {
    const std::vector<Candidate>& chosen = chosen_;
    // Boundaries end answers: the next question, and the next section heading.
    std::vector<size_t> section_starts;
    for (const Section& s : out.sections) section_starts.push_back(s.heading.begin);
    for (size_t i = 0; i < chosen.size(); ++i) {
      const Candidate& c = chosen[i];
      Item item;
      item.style = c.style;
      item.number = c.number;
      item.question = c.question;
      item.line = c.line;
      // The next question's whole line is not answer: a list marker or wrapper tag before it
      // belongs to it.
      size_t limit = text_.size();
      if (i + 1 < chosen.size()) {
        limit = source_.lines().line_start(source_.lines().line_of(chosen[i + 1].line.begin));
      }
      auto next_section =
          std::upper_bound(section_starts.begin(), section_starts.end(), c.line.begin);
      if (next_section != section_starts.end()) limit = std::min(limit, *next_section);
      limit = std::min(limit, c.answer_limit);
      size_t begin = std::min(c.answer_begin, limit);
      // An admonition that only wraps the answer ("??? success "Reveal answer"") is not part
      // of it: the answer is its body.
      const size_t first = skip_blank_lines(begin, limit);
      if (first < limit && in_details(source_.lines().line_end_with_break(source_.lines().line_of(first))) &&
          admonition_marker(source_.lines().line_text(source_.lines().line_of(first)))) {
        begin = source_.lines().line_end_with_break(source_.lines().line_of(first));
      }
      item.answer = trim_answer({begin, navigation_stop(begin, limit)});
      auto section = std::upper_bound(section_starts.begin(), section_starts.end(), c.line.begin);
      item.section = static_cast<int>(section - section_starts.begin()) - 1;
      if (c.style == QuestionStyle::list_item) item.sequence = c.list;
      out.items.push_back(item);
    }
  }

  // Trims blank lines, lines holding only closing tags or <br>, and thematic breaks (the rule
  // between one answer and the next question) from the answer's end.
  ByteRange trim_answer(ByteRange r) const {
    r = trim_range(text_, r);
    const LineIndex& lines = source_.lines();
    while (!r.empty()) {
      const size_t l = lines.line_of(r.end - 1);
      const size_t start = std::max(lines.line_start(l), r.begin);
      if (!is_markup_only(start, r.end) &&
          !std::binary_search(breaks_.begin(), breaks_.end(), skip_spaces(text_, start, r.end))) {
        break;
      }
      r = trim_range(text_, {r.begin, start});
    }
    return r;
  }

  // Paragraphs that are one link to a place in this document and nothing else
  // ("[back to top](#title)"), in document order: navigation, which ends an answer. And the
  // thematic breaks.
  void collect_navigation() {
    for (const Block& b : blocks_) {
      if (b.kind == BlockKind::thematic_break) breaks_.push_back(b.range.begin);
      if (b.kind != BlockKind::paragraph) continue;
      const std::string_view s = trim(b.content.in(text_));
      const size_t middle = s.find("](#");
      if (s.starts_with("[") && s.ends_with(")") && middle != std::string_view::npos &&
          s.find(']') == middle && s.find(')') == s.size() - 1) {
        navigation_.push_back(b.range.begin);
      }
    }
  }

  // Where an answer that begins at `begin` stops before `limit`: at its first navigation line.
  size_t navigation_stop(size_t begin, size_t limit) const {
    auto it = std::lower_bound(navigation_.begin(), navigation_.end(), begin);
    return it != navigation_.end() && *it < limit ? *it : limit;
  }

  size_t skip_blank_lines(size_t begin, size_t end) const {
    size_t p = begin;
    while (p < end && is_ascii_space(text_[p])) ++p;
    return p;
  }

  bool is_markup_only(size_t begin, size_t end) const { return skip_markup(begin, end) == end; }

  // Skips white space, closing tags, <br> and comments: markup that carries no answer text.
  size_t skip_markup(size_t begin, size_t end) const {
    size_t p = skip_spaces(text_, begin, end);
    while (p < end && text_[p] == '<') {
      auto tag = scan_html_tag(text_, p, end);
      if (!tag || !(tag->kind == HtmlTagKind::close || tag->kind == HtmlTagKind::comment ||
                    tag->name == "br")) {
        break;
      }
      p = skip_spaces(text_, tag->range.end, end);
    }
    return p;
  }

  // Items are numbered together within a list (list style), else within a section when the
  // document restarts numbering per section, else across the file; hierarchical numbers
  // (3.1.1) are numbered within their prefix.
  void assign_sequences(Extraction& out) {
    bool restarts = false;
    int previous_section = -2;
    bool seen_item = false;
    for (const Item& item : out.items) {
      if (item.style == QuestionStyle::list_item) continue;
      if (item.section != previous_section && seen_item && item.number.parts.size() == 1 &&
          item.number.value() == 1) {
        restarts = true;
      }
      previous_section = item.section;
      seen_item = true;
    }
    std::map<std::pair<std::string, std::vector<long>>, int> keys;
    for (Item& item : out.items) {
      if (item.style == QuestionStyle::list_item) continue;
      std::vector<long> prefix(item.number.parts.begin(),
                               item.number.parts.end() - (item.number.parts.empty() ? 0 : 1));
      if (prefix.empty() && restarts) prefix.push_back(-1 - item.section);
      auto key = std::make_pair(item.number.prefix, prefix);
      auto it = keys.try_emplace(key, static_cast<int>(blocks_.size() + keys.size())).first;
      item.sequence = it->second;
    }
  }

  const SourceFile& source_;
  std::string_view text_;
  const std::vector<Block>& blocks_;
  std::vector<Candidate> headings_;
  std::vector<Candidate> lists_;   // numbered list items, until mark_list_questions
  std::vector<Candidate> others_;  // every question candidate but headings, in order
  std::vector<Candidate> chosen_;  // the questions, in order
  std::vector<ByteRange> details_bodies_;  // what follows each <details> summary, in order
  std::vector<int> enclosing_ordered_item_;  // per block
  std::vector<size_t> navigation_;           // starts of navigation paragraphs
  std::vector<size_t> breaks_;               // starts of thematic breaks
  std::vector<bool> holder_;                 // per headings_ entry: holds questions of its own
  std::vector<bool> question_heading_;
  std::vector<bool> section_heading_;
  std::vector<size_t> section_headings_;     // per section: its headings_ entry
  bool numbered_ = false;  // the question headings are numbered
  bool paragraph_questions_ = false;  // some numbered paragraphs are questions
  int heading_level_ = 0;  // of question headings; 0 for none
};

}  // namespace

const char* question_style_name(QuestionStyle style) {
  switch (style) {
    case QuestionStyle::html_bold: return "html-bold";
    case QuestionStyle::markdown_bold: return "bold";
    case QuestionStyle::heading: return "heading";
    case QuestionStyle::list_item: return "list";
    case QuestionStyle::details: return "details";
    case QuestionStyle::qa_pair: return "qa";
    case QuestionStyle::admonition: return "admonition";
    case QuestionStyle::paragraph: return "paragraph";
  }
  return "bold";
}

std::optional<AdmonitionMarker> admonition_marker(std::string_view line) {
  size_t i = 0;
  if (line.starts_with("???+")) {
    i = 4;
  } else if (line.starts_with("???") || line.starts_with("!!!")) {
    i = 3;
  } else {
    return std::nullopt;
  }
  if (i >= line.size() || line[i] != ' ') return std::nullopt;
  while (i < line.size() && line[i] == ' ') ++i;
  const size_t kind = i;
  while (i < line.size() && (is_ascii_alpha(line[i]) || is_ascii_digit(line[i]) ||
                             line[i] == '-' || line[i] == '_')) {
    ++i;
  }
  if (i == kind) return std::nullopt;
  AdmonitionMarker marker;
  marker.kind = line.substr(kind, i - kind);
  const std::string_view rest = trim(line.substr(i));
  const size_t open = rest.find('"');
  if (open != std::string_view::npos && rest.size() > open + 1 && rest.back() == '"') {
    marker.title = rest.substr(open + 1, rest.size() - open - 2);
  }
  return marker;
}

namespace {

// The value of a Chinese numeral at text[at] (一 … 九十九), and where it ends.
std::optional<std::pair<long, size_t>> chinese_numeral(std::string_view text, size_t at,
                                                       size_t limit) {
  static constexpr std::array<std::string_view, 10> digits{
      "\xE9\x9B\xB6", "\xE4\xB8\x80", "\xE4\xBA\x8C", "\xE4\xB8\x89", "\xE5\x9B\x9B",
      "\xE4\xBA\x94", "\xE5\x85\xAD", "\xE4\xB8\x83", "\xE5\x85\xAB", "\xE4\xB9\x9D"};
  static constexpr std::string_view ten = "\xE5\x8D\x81";  // 十
  const auto numeral_at = [&](size_t i) -> int {
    for (size_t d = 1; d < digits.size(); ++d) {
      if (i + 3 <= limit && text.compare(i, 3, digits[d]) == 0) return static_cast<int>(d);
    }
    return -1;
  };
  size_t i = at;
  long value = 0;
  const int first = numeral_at(i);
  if (first > 0) value = first, i += 3;
  if (i + 3 <= limit && text.compare(i, 3, ten) == 0) {
    value = (first > 0 ? first : 1) * 10;
    i += 3;
    if (const int unit = numeral_at(i); unit > 0) value += unit, i += 3;
  }
  if (i == at) return std::nullopt;
  return std::make_pair(value, i);
}

}  // namespace

std::optional<DigitAt> digit_at(std::string_view text, size_t at, size_t limit) {
  if (at < limit && is_ascii_digit(text[at])) return DigitAt{text[at] - '0', 1};
  // U+FF10..U+FF19: EF BC 90..99.
  if (at + 3 <= limit && text.compare(at, 2, "\xEF\xBC") == 0) {
    const auto last = static_cast<unsigned char>(text[at + 2]);
    if (last >= 0x90 && last <= 0x99) return DigitAt{last - 0x90, 3};
  }
  return std::nullopt;
}

std::optional<Number> parse_number(std::string_view text, size_t at, size_t limit,
                                   bool allow_bare, size_t& rest) {
  static constexpr std::string_view open_paren = "\xEF\xBC\x88";   // '（'
  static constexpr std::string_view close_paren = "\xEF\xBC\x89";  // '）'
  Number n;
  size_t i = at;
  // （一） and 一、: Chinese numerals, in full-width parentheses or before a separator.
  const bool parenthesized = at + 3 < limit && text.compare(i, 3, open_paren) == 0;
  if (auto numeral = chinese_numeral(text, parenthesized ? i + 3 : i, limit)) {
    n.parts.push_back(numeral->first);
    n.last = {parenthesized ? i + 3 : i, numeral->second};
    i = numeral->second;
    if (parenthesized) {
      if (text.compare(i, 3, close_paren) != 0) return std::nullopt;
      i += 3;
    } else if (!(text.compare(i, 3, "\xE3\x80\x81") == 0 || text.compare(i, 3, "\xEF\xBC\x8C") == 0 ||
                 text.compare(i, 3, "\xEF\xBC\x8E") == 0 || (i < limit && text[i] == '.'))) {
      return std::nullopt;  // 一个 is a word, not a number
    }
    n.written = {at, i};
    rest = skip_spaces(text, i < limit && text[i] == '.' ? i + 1 : parenthesized ? i : i + 3, limit);
    return n;
  }
  if (parenthesized) i += 3;  // （1）: digits in full-width parentheses
  // Q12, and Ｑ１２ in full-width letters.
  size_t q = 0;
  if (!parenthesized && i < limit && (text[i] == 'Q' || text[i] == 'q')) {
    q = 1;
  } else if (!parenthesized && (text.compare(i, 3, "\xEF\xBC\xB1") == 0 ||
                                text.compare(i, 3, "\xEF\xBD\x91") == 0)) {
    q = 3;
  }
  if (q > 0 && digit_at(text, i + q, limit)) {
    n.prefix = "Q";
    i += q;
  }
  for (;;) {
    const size_t digits = i;
    long value = 0;
    int count = 0;
    for (auto d = digit_at(text, i, limit); d && count < 6; d = digit_at(text, i, limit)) {
      value = value * 10 + d->value;
      i += d->width;
      ++count;
    }
    if (i == digits || digit_at(text, i, limit)) return std::nullopt;
    n.parts.push_back(value);
    n.last = {digits, i};
    if (!parenthesized && i + 1 < limit && text[i] == '.' && is_ascii_digit(text[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  if (parenthesized) {
    if (text.compare(i, 3, close_paren) != 0) return std::nullopt;
    n.written = {at, i + 3};
    rest = skip_spaces(text, i + 3, limit);
    return n;
  }
  // Q4a, 4b): a lowercase letter right after the digits, before the terminator, marks a
  // sub-question.
  if (n.parts.size() == 1 && i + 1 < limit && text[i] >= 'a' && text[i] <= 'z' &&
      (text[i + 1] == '.' || text[i + 1] == ')' || text[i + 1] == ':' ||
       (text[i + 1] == ' ' && !n.prefix.empty()) || text.compare(i + 1, 3, "\xEF\xBC\x9A") == 0)) {
    n.suffix = std::string(1, text[i]);
    ++i;
  }
  n.written = {at, i};
  // The terminator: punctuation, or (for Q-numbers, hierarchical numbers, and headings) a
  // space.
  size_t after = i;
  if (i >= limit) {
    if (!allow_bare && n.prefix.empty()) return std::nullopt;
  } else if (text[i] == '.' || text[i] == ')' || text[i] == ':' || text[i] == '-') {
    after = i + 1;
  } else if (text.compare(i, 3, "\xEF\xBC\x9A") == 0 || text.compare(i, 3, "\xE3\x80\x81") == 0 ||
             text.compare(i, 3, "\xEF\xBC\x8E") == 0 || text.compare(i, 3, "\xEF\xBC\x8C") == 0 ||
             text.compare(i, 3, close_paren) == 0) {
    after = i + 3;  // '：' '、' '．' '，' '）'
  } else if (text[i] == ' ' || text[i] == '\t') {
    if (!(allow_bare || !n.prefix.empty() || n.parts.size() > 1 || !n.suffix.empty())) {
      return std::nullopt;
    }
  } else if (n.prefix.empty()) {
    return std::nullopt;
  }
  rest = skip_spaces(text, after, limit);
  return n;
}

Extraction extract_qa(const SourceFile& source, const std::vector<Block>& blocks,
                      const ExtractOptions& options) {
  return Extractor(source, blocks).run(options);
}

}  // namespace qadeck
