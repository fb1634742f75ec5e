#include "core/qa_extractor.h"

#include <algorithm>
#include <map>

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
  bool eligible = true;  // list items: a question, not a topic or part of another's answer
  int list = -1;         // list items: the list block
};

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
    collect();
    choose(options);
    classify_headings();
    Extraction out;
    build_sections(out);
    build_items(out);
    assign_sequences(out);
    return out;
  }

 private:
  // ---- candidates

  void collect() {
    find_enclosing_items();
    for (size_t b = 0; b < blocks_.size(); ++b) {
      const Block& block = blocks_[b];
      switch (block.kind) {
        case BlockKind::heading: heading(static_cast<int>(b)); break;
        case BlockKind::paragraph:
        case BlockKind::html_block: bold_lines(static_cast<int>(b)); break;
        case BlockKind::list_item:
          if (block.ordered) list_item(static_cast<int>(b));
          break;
        default: break;
      }
    }
    mark_list_questions();
    collect_navigation();
  }

  void heading(int b) {
    const Block& block = blocks_[static_cast<size_t>(b)];
    ByteRange content = trim_range(text_, block.content);
    // An ATX heading's closing sequence of '#' is not part of its text.
    while (content.end > content.begin && text_[content.end - 1] == '#') --content.end;
    content = trim_range(text_, content);
    content = strip_bold(text_, content);
    Candidate c;
    c.style = QuestionStyle::heading;
    c.block = b;
    c.level = block.heading_level;
    size_t rest = content.begin;
    if (auto n = parse_number(text_, content.begin, content.end, true, rest)) c.number = *n;
    c.question = trim_range(text_, strip_bold(text_, {rest, content.end}));
    c.line = trim_range(text_, block.range);
    c.answer_begin = block.range.end;
    c.question_mark = ends_with_question_mark(c.question.in(text_));
    headings_.push_back(c);
  }

  void bold_lines(int b) {
    const Block& block = blocks_[static_cast<size_t>(b)];
    const LineIndex& lines = source_.lines();
    const size_t first = lines.line_of(block.range.begin);
    const size_t last = lines.line_of(block.range.end > block.range.begin ? block.range.end - 1
                                                                           : block.range.begin);
    for (size_t l = first; l <= last; ++l) {
      const size_t begin = std::max(lines.line_start(l), block.range.begin);
      const size_t end = std::min(lines.line_end(l), block.range.end);
      bold_line(b, begin, end, l == first);
    }
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
    if (c.question.empty()) return;
    // What follows the question on its line: <br> tags are markup, anything else is answer.
    const size_t tail = skip_markup(after, end);
    if (!c.number.present()) {
      // An unnumbered bold question stands alone at the start of its paragraph, outside
      // numbered lists: there it is the item's own question (a list candidate) or a bold line
      // inside an item's answer.
      if (!first_line || tail < end || close_at == end ||
          enclosing_ordered_item_[static_cast<size_t>(b)] >= 0) {
        return;
      }
    }
    c.line = {begin, end};
    c.answer_begin =
        tail < end ? tail : source_.lines().line_end_with_break(source_.lines().line_of(begin));
    c.question_mark = ends_with_question_mark(c.question.in(text_));
    bolds_.push_back(c);
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
    c.question = trim_range(text_, {block.marker.end, line_end});
    // A comment after the question is not seen by a reader.
    while (c.question.in(text_).ends_with("-->")) {
      const size_t open = c.question.in(text_).rfind("<!--");
      if (open == std::string_view::npos) break;
      c.question = trim_range(text_, {c.question.begin, c.question.begin + open});
    }
    // "1. **Term:** definition": the bold term is the question and the rest of the line
    // begins its answer.
    if (auto term = bold_term(c.question)) {
      c.question = term->first;
      c.answer_begin = term->second;
    } else {
      c.question = strip_bold(text_, c.question);
    }
    c.question_mark = ends_with_question_mark(c.question.in(text_));
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

  void choose(const ExtractOptions& options) {
    std::map<int, int> numbered_per_level;
    std::map<int, int> per_level;
    for (const Candidate& h : headings_) {
      if (h.level <= 1) continue;
      ++per_level[h.level];
      if (h.number.present()) ++numbered_per_level[h.level];
    }
    const auto best = [](const std::map<int, int>& counts) {
      std::pair<int, int> out{0, 0};  // level, count; ties go to the deeper level
      for (auto [level, count] : counts) {
        if (count >= out.second) out = {level, count};
      }
      return out;
    };
    int numbered_bold = 0;
    int unnumbered_bold = 0;
    for (const Candidate& c : bolds_) (c.number.present() ? numbered_bold : unnumbered_bold)++;
    const int list_questions = static_cast<int>(
        std::count_if(lists_.begin(), lists_.end(), [](const Candidate& c) { return c.eligible; }));
    const auto [num_level, num_count] = best(numbered_per_level);
    const auto [any_level, any_count] = best(per_level);

    if (options.style) {
      style_ = *options.style;
      heading_level_ = num_count >= 2 ? num_level : any_level;
      numbered_ = style_ == QuestionStyle::heading ? num_count >= 2 : numbered_bold > 0;
      return;
    }
    if (numbered_bold >= 2 && numbered_bold >= num_count) {
      style_ = QuestionStyle::markdown_bold, numbered_ = true;
    } else if (num_count >= 2) {
      style_ = QuestionStyle::heading, numbered_ = true, heading_level_ = num_level;
    } else if (unnumbered_bold >= 2 && unnumbered_bold >= any_count &&
               unnumbered_bold >= list_questions) {
      style_ = QuestionStyle::markdown_bold;
    } else if (any_count >= 2 && any_count >= list_questions) {
      style_ = QuestionStyle::heading, heading_level_ = any_level;
    } else if (list_questions >= 2) {
      style_ = QuestionStyle::list_item;
    } else if (numbered_bold == 1 && num_count == 0) {
      // A document of one question: a numbered bold line is one, where a lone numbered
      // heading is more likely a section.
      style_ = QuestionStyle::markdown_bold, numbered_ = true;
    } else {
      found_ = false;
    }
  }

  bool heading_is_question(const Candidate& h) const {
    if (!found_ || h.question.empty()) return false;
    if (style_ == QuestionStyle::heading) {
      if (h.level != heading_level_) return false;
      return !numbered_ || h.number.present() || h.question_mark;
    }
    // In files of bold or list questions, a heading that asks a question is one too.
    return h.level > 1 && h.question_mark;
  }

  bool heading_is_section(const Candidate& h) const {
    if (heading_is_question(h)) return false;
    if (style_ == QuestionStyle::heading && found_ && h.level > heading_level_) return false;
    return !(h.level == 1 && level1_count() == 1);
  }

  // Which headings are questions and which are sections. In a file of heading questions, a
  // section heading that asks a question and holds no question headings is a question too
  // (## 3.13 …？ answered right below it, among sections of ### questions): it stays a
  // section as well, so that its answer is not filed under the section before it.
  void classify_headings() {
    const size_t n = headings_.size();
    question_heading_.assign(n, false);
    section_heading_.assign(n, false);
    for (size_t i = 0; i < n; ++i) {
      question_heading_[i] = heading_is_question(headings_[i]);
      section_heading_[i] = heading_is_section(headings_[i]);
    }
    if (!found_ || style_ != QuestionStyle::heading) return;
    for (size_t i = 0; i < n; ++i) {
      const Candidate& h = headings_[i];
      if (!section_heading_[i] || !h.question_mark || h.level <= 1 || h.level >= heading_level_) {
        continue;
      }
      bool holds_questions = false;
      for (size_t j = i + 1; j < n && headings_[j].level > h.level; ++j) {
        holds_questions = holds_questions || question_heading_[j];
      }
      question_heading_[i] = !holds_questions;
    }
  }

  int level1_count() const {
    return static_cast<int>(std::count_if(headings_.begin(), headings_.end(),
                                          [](const Candidate& h) { return h.level == 1; }));
  }

  // ---- model

  void build_sections(Extraction& out) {
    for (size_t i = 0; i < headings_.size(); ++i) {
      if (!section_heading_[i]) continue;
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
    std::vector<Candidate> chosen;
    if (found_) {
      for (size_t i = 0; i < headings_.size(); ++i) {
        if (question_heading_[i]) chosen.push_back(headings_[i]);
      }
      if (style_ == QuestionStyle::markdown_bold || style_ == QuestionStyle::html_bold) {
        for (const Candidate& c : bolds_) {
          if (c.number.present() == numbered_) chosen.push_back(c);
        }
      }
      if (style_ == QuestionStyle::list_item) {
        for (const Candidate& c : lists_) {
          if (c.eligible) chosen.push_back(c);
        }
      }
    }
    std::sort(chosen.begin(), chosen.end(),
              [](const Candidate& a, const Candidate& b) { return a.line.begin < b.line.begin; });

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
      const size_t begin = std::min(c.answer_begin, limit);
      item.answer = trim_answer({begin, navigation_stop(begin, limit)});
      auto section = std::upper_bound(section_starts.begin(), section_starts.end(), c.line.begin);
      item.section = static_cast<int>(section - section_starts.begin()) - 1;
      if (c.style == QuestionStyle::list_item) item.sequence = c.list;
      out.items.push_back(item);
    }
  }

  // Trims blank lines, and lines holding only closing tags or <br>, from the answer's end.
  ByteRange trim_answer(ByteRange r) const {
    r = trim_range(text_, r);
    const LineIndex& lines = source_.lines();
    while (!r.empty()) {
      const size_t l = lines.line_of(r.end - 1);
      const size_t start = std::max(lines.line_start(l), r.begin);
      if (!is_markup_only(start, r.end)) break;
      r = trim_range(text_, {r.begin, start});
    }
    return r;
  }

  // Paragraphs that are one link to a place in this document and nothing else
  // ("[back to top](#title)"), in document order: navigation, which ends an answer.
  void collect_navigation() {
    for (const Block& b : blocks_) {
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
  std::vector<Candidate> bolds_;
  std::vector<Candidate> lists_;
  std::vector<int> enclosing_ordered_item_;  // per block
  std::vector<size_t> navigation_;           // starts of navigation paragraphs
  std::vector<bool> question_heading_;       // per headings_ entry
  std::vector<bool> section_heading_;
  QuestionStyle style_ = QuestionStyle::markdown_bold;
  bool numbered_ = false;
  bool found_ = true;
  int heading_level_ = 0;
};

}  // namespace

const char* question_style_name(QuestionStyle style) {
  switch (style) {
    case QuestionStyle::html_bold: return "html-bold";
    case QuestionStyle::markdown_bold: return "bold";
    case QuestionStyle::heading: return "heading";
    case QuestionStyle::list_item: return "list";
  }
  return "bold";
}

std::optional<Number> parse_number(std::string_view text, size_t at, size_t limit,
                                   bool allow_bare, size_t& rest) {
  Number n;
  size_t i = at;
  if (i < limit && (text[i] == 'Q' || text[i] == 'q') && i + 1 < limit &&
      is_ascii_digit(text[i + 1])) {
    n.prefix = "Q";
    ++i;
  }
  for (;;) {
    const size_t digits = i;
    long value = 0;
    while (i < limit && is_ascii_digit(text[i]) && i - digits < 6) {
      value = value * 10 + (text[i] - '0');
      ++i;
    }
    if (i == digits || (i < limit && is_ascii_digit(text[i]))) return std::nullopt;
    n.parts.push_back(value);
    n.last = {digits, i};
    if (i + 1 < limit && text[i] == '.' && is_ascii_digit(text[i + 1])) {
      ++i;
      continue;
    }
    break;
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
             text.compare(i, 3, "\xEF\xBC\x8E") == 0) {
    after = i + 3;  // '：' '、' '．'
  } else if (text[i] == ' ' || text[i] == '\t') {
    if (!(allow_bare || !n.prefix.empty() || n.parts.size() > 1)) return std::nullopt;
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
