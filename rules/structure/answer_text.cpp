#include "rules/structure/answer_text.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace qadeck::structure {
namespace {

// Compared after lower-casing ASCII, dropping emphasis and brackets and trailing punctuation.
constexpr std::array<std::string_view, 17> placeholders = {
    "answer here",
    "your answer here",
    "add answer here",
    "answer goes here",
    "todo",
    "to do",
    "tbd",
    "tba",
    "to be added",
    "to be answered",
    "to be written",
    "coming soon",
    "placeholder",
    "待补充",
    "待完善",
    "待更新",
    "待填写",
};

constexpr std::array<std::string_view, 15> label_words = {
    "a",  "ans",  "answer", "explanation", "reply", "response", "sol",      "solution",
    "答", "答案", "解",     "解答",        "解析",  "回答",     "参考答案",
};

// Labels of a follow-up question: "引申：" (extension), "延伸：", "追问：" (a further question),
// "拓展：", "Follow up:".
constexpr std::array<std::string_view, 6> follow_up_words = {
    "follow up", "further questions", "引申", "延伸", "追问", "拓展",
};

bool is_letter(char32_t cp) {
  if (cp < 0x80) return is_ascii_alpha(static_cast<char>(cp));
  // Latin with diacritics, Greek, Cyrillic and the other alphabets below the general
  // punctuation block, and the CJK scripts; the multiplication and division signs are not.
  return (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7) || is_cjk(cp);
}

bool is_emphasis(char c) { return c == '*' || c == '_'; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The answer's prose with markup, emphasis, brackets and closing punctuation removed.
std::string bare_answer_text(const Document& doc, const Item& item) {
  const std::string prose = doc.masked(item.answer);
  std::string kept;
  for (char c : prose) {
    if (is_emphasis(c) || c == '~' || c == '`' || c == '[' || c == ']' || c == '(' || c == ')' ||
        c == '>' || c == '#') {
      kept.push_back(' ');
    } else {
      kept.push_back(c);
    }
  }
  std::string out = normalize_space_lower(kept);
  for (bool changed = true; changed && !out.empty();) {
    changed = false;
    for (std::string_view tail :
         {".", "!", ":", "\xE3\x80\x82", "\xEF\xBC\x81", "\xE2\x80\xA6", "\xEF\xBC\x9A"}) {
      if (out.ends_with(tail)) {
        out.resize(out.size() - tail.size());
        changed = true;
      }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back(), changed = true;
  }
  return out;
}

// Whether `s` holds only white space and <br> or <p> tags (opening or closing).
bool only_line_breaks(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (is_ascii_space(s[i])) {
      ++i;
      continue;
    }
    if (s[i] != '<') return false;
    const size_t close = s.find('>', i);
    if (close == std::string_view::npos) return false;
    std::string name = lower_ascii(s.substr(i + 1, close - i - 1));
    if (name.starts_with('/')) name.erase(0, 1);
    const size_t end = name.find_first_of(" \t\n/");
    if (end != std::string::npos) name.resize(end);
    if (name != "br" && name != "p") return false;
    i = close + 1;
  }
  return true;
}

bool is_placeholder(std::string_view bare) {
  return std::find(placeholders.begin(), placeholders.end(), bare) != placeholders.end();
}

// The bare answer without a leading label ("answer: todo" -> "todo"); nullopt when it does
// not start with one. A label alone has lost its colon to the trailing punctuation, so
// `colon_written` says whether the answer as written has one ("A." is an answer, "A:" a label).
std::optional<std::string> after_label(const std::string& bare, bool colon_written) {
  std::string_view rest = bare;
  if (rest.starts_with("- ") || rest.starts_with("* ") || rest.starts_with("+ "))
    rest.remove_prefix(2);
  size_t colon = rest.find(':');
  size_t colon_size = 1;
  const size_t wide = rest.find("\xEF\xBC\x9A");
  if (wide != std::string_view::npos && wide < colon) colon = wide, colon_size = 3;
  if (colon == std::string_view::npos) {
    if (colon_written && is_answer_label_word(trim(rest))) return std::string();
    return std::nullopt;
  }
  if (!is_answer_label_word(trim(rest.substr(0, colon)))) return std::nullopt;
  return std::string(trim(rest.substr(colon + colon_size)));
}

std::optional<Placeholder> find_placeholder(const Document& doc, const Item& item) {
  if (item.answer.empty()) return std::nullopt;
  // A placeholder is a few words; reading longer answers closely is not worth it.
  if (item.answer.size() > 64) return std::nullopt;
  const std::string_view written = item.answer.in(doc.text());
  Placeholder p;
  p.written = std::string(trim(written));
  if (only_line_breaks(written)) {
    p.kind = Placeholder::line_breaks;
    return p;
  }
  const std::string bare = bare_answer_text(doc, item);
  if (is_placeholder(bare)) return p;
  const bool colon_written = written.find(':') != std::string_view::npos ||
                             written.find("\xEF\xBC\x9A") != std::string_view::npos;
  const std::optional<std::string> rest = after_label(bare, colon_written);
  if (!rest) return std::nullopt;
  if (rest->empty()) {
    // Only a label, unless a formula, code or an image follows it.
    const auto visible = [](const std::string& t) {
      return std::count_if(t.begin(), t.end(), [](char c) { return !is_ascii_space(c); });
    };
    if (visible(doc.masked(item.answer, Document::mask_html)) > visible(doc.masked(item.answer)) ||
        lower_ascii(written).find("<img") != std::string::npos) {
      return std::nullopt;
    }
    p.kind = Placeholder::label;
    return p;
  }
  if (is_placeholder(*rest)) return p;
  return std::nullopt;
}

}  // namespace

const std::optional<Placeholder>& placeholder_answer(const Document& doc, const Item& item) {
  // The answer rules each ask of every item: the answers are read once per Document.
  const auto& all = doc.shared_analysis<std::vector<std::optional<Placeholder>>>(
      "placeholder_answers", [&] {
        std::vector<std::optional<Placeholder>> out;
        out.reserve(doc.items.size());
        for (const Item& i : doc.items) out.push_back(find_placeholder(doc, i));
        return out;
      });
  return all[static_cast<size_t>(&item - doc.items.data())];
}

bool follow_up_only(const Document& doc, const Item& item) {
  const std::string_view text = doc.text();
  const LineIndex& lines = doc.lines();
  bool in_quote = false;
  bool any = false;
  for (size_t l = lines.line_of(item.answer.begin);
       !item.answer.empty() && l < lines.line_count() && lines.line_start(l) < item.answer.end;
       ++l) {
    const size_t begin = std::max(lines.line_start(l), item.answer.begin);
    const size_t end = std::min(lines.line_end(l), item.answer.end);
    const std::string_view line = begin < end ? text.substr(begin, end - begin) : "";
    const size_t quote = line.find_first_not_of(" \t");
    if (quote == std::string_view::npos) {
      in_quote = false;  // a blank line ends the block quote
      continue;
    }
    if (line[quote] != '>') return false;
    if (in_quote) continue;
    const std::optional<AnswerLabel> label = find_answer_label(doc, {begin + quote + 1, end});
    if (!label || std::find(follow_up_words.begin(), follow_up_words.end(), label->key) ==
                      follow_up_words.end()) {
      return false;
    }
    in_quote = any = true;
  }
  return any;
}

bool has_real_answer(const Document& doc, const Item& item) {
  return !item.answer.empty() && !placeholder_answer(doc, item) && !follow_up_only(doc, item);
}

bool is_answer_label_word(std::string_view key) {
  return std::find(label_words.begin(), label_words.end(), key) != label_words.end();
}

std::optional<AnswerLabel> find_answer_label(const Document& doc, ByteRange line) {
  // Tags, code and math become spaces: "<b>Answer:</b>" reads as "   Answer:    ".
  const std::string s =
      doc.masked(line, Document::mask_html | Document::mask_code | Document::mask_math);
  size_t p = 0;
  while (p < s.size() && (s[p] == ' ' || s[p] == '\t' || is_emphasis(s[p]))) ++p;
  const size_t word_begin = p;
  // Up to three words of letters, 32 bytes at most: "Solution", "Short answer", "答案".
  constexpr size_t max_label_bytes = 32;
  int words = 1;
  size_t word_end = p;
  while (p < s.size() && p - word_begin <= max_label_bytes) {
    size_t length = 1;
    const char32_t cp = decode_utf8(s, p, length);
    if (is_letter(cp)) {
      p += length;
      word_end = p;
    } else if (cp == ' ' && word_end == p && words < 3 && p + 1 < s.size() &&
               is_letter(decode_utf8(s, p + 1, length))) {
      ++words;
      ++p;
    } else {
      break;
    }
  }
  if (word_end == word_begin || word_end - word_begin > max_label_bytes) return std::nullopt;
  p = word_end;
  while (p < s.size() && is_emphasis(s[p])) ++p;  // "**Answer**:"
  // Emphasis closed before the colon marks a label even with no space after it: "**A**:Batch".
  const bool emphasized = p > word_end;
  static constexpr std::string_view fullwidth_colon = "\xEF\xBC\x9A";
  // Chinese input methods often leave a space before the full-width colon: "A ：".
  size_t after_spaces = p;
  while (after_spaces < s.size() && s[after_spaces] == ' ') ++after_spaces;
  if (std::string_view(s).substr(after_spaces).starts_with(fullwidth_colon)) p = after_spaces;
  size_t colon_end = 0;
  if (p < s.size() && s[p] == ':') {
    colon_end = p + 1;
    // "Answer: ..." but not "ratio:x" or a time such as "10:30".
    if (colon_end < s.size()) {
      const char next = s[colon_end];
      if (!(emphasized || next == ' ' || next == '\t' || is_emphasis(next) ||
            static_cast<unsigned char>(next) >= 0x80)) {
        return std::nullopt;
      }
    }
  } else if (std::string_view(s).substr(p).starts_with(fullwidth_colon)) {
    colon_end = p + fullwidth_colon.size();
  } else {
    return std::nullopt;
  }
  size_t end = colon_end;
  while (end < s.size() && is_emphasis(s[end])) ++end;  // "**Answer:**"
  size_t begin = word_begin;
  while (begin > 0 && is_emphasis(s[begin - 1])) --begin;

  AnswerLabel label;
  label.range = {line.begin + begin, line.begin + end};
  const std::string_view word(s.data() + word_begin, word_end - word_begin);
  label.key = lower_ascii(word);
  label.name = std::string(word) + s.substr(p, colon_end - p);
  return label;
}

namespace {

// Whether a line holds images and nothing else: the figure that comes with a question, or one
// that stands above the answer's label, is no text of the answer.
bool images_only(const Document& doc, ByteRange line) {
  const std::vector<Link>& links = doc.inline_tokens.links;
  auto it = std::lower_bound(links.begin(), links.end(), line.begin,
                             [](const Link& l, size_t at) { return l.range.begin < at; });
  const std::string_view text = doc.text();
  size_t p = line.begin;
  bool any = false;
  for (; it != links.end() && it->range.begin < line.end; ++it) {
    if (it->kind != LinkKind::image) continue;
    if (it->range.begin > p && !trim(text.substr(p, it->range.begin - p)).empty()) return false;
    p = std::max(p, std::min(it->range.end, line.end));
    any = true;
  }
  return any && trim(text.substr(p, line.end - p)).empty();
}

}  // namespace

std::optional<ByteRange> next_answer_line(const Document& doc, const Item& item, size_t from) {
  from = std::max(from, item.answer.begin);
  if (from >= item.answer.end) return std::nullopt;
  const LineIndex& lines = doc.lines();
  const size_t last = lines.line_of(item.answer.end - 1);
  for (size_t l = lines.line_of(from); l <= last; ++l) {
    const ByteRange r{std::max(lines.line_start(l), from),
                      std::min(lines.line_end(l), item.answer.end)};
    if (!r.empty() && !trim(doc.masked(r)).empty() && !images_only(doc, r)) return r;
  }
  return std::nullopt;
}

}  // namespace qadeck::structure
