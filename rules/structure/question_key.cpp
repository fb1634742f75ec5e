#include "rules/structure/question_key.h"

#include <algorithm>
#include <array>

namespace qadeck::structure {
namespace {

bool is_ignorable(char32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF ||
         (cp >= 0xFE00 && cp <= 0xFE0F);  // zero-width characters and variation selectors
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000;
}

// Closing punctuation, and the symbols and emoji some files end a question with (a
// difficulty mark such as 👶 ⭐️ 🚀).
bool is_trailing_noise(char32_t cp) {
  if (cp < 0x80) return is_ascii_punct(static_cast<char>(cp)) || is_space(cp);
  return is_space(cp) || cp == 0x2026 || cp == 0x3002 || cp == 0x3001 ||
         (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF1F) ||
         (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

struct Normalized {
  std::string key;
  bool sentence = false;  // ended in a question mark or a full stop
  size_t words = 0;       // words, a CJK character counting as half of one
};

// Words that open a question or a task ("Define model ensembling.") rather than name a term.
constexpr std::array<std::string_view, 20> opening_words = {
    "what", "why", "how",    "when",   "where",   "which",    "who",     "is",   "are",  "can",
    "does", "do",  "should", "define", "explain", "describe", "compare", "give", "list", "name",
};

// Whether the question reads on its own, and not only as a term under its section's heading.
bool stands_alone(const Normalized& n) {
  constexpr size_t min_words = 5;
  if (n.sentence || n.words >= min_words) return true;
  const std::string_view first = std::string_view(n.key).substr(0, n.key.find(' '));
  return std::find(opening_words.begin(), opening_words.end(), first) != opening_words.end();
}

// A link's masked target leaves "( )" behind.
std::string drop_empty_parentheses(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') {
      const size_t close = i + 1 < s.size() && s[i + 1] == ' ' ? i + 2 : i + 1;
      if (close < s.size() && s[close] == ')') {
        i = close;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

Normalized normalize(const Document& doc, const Item& item) {
  const std::string view = doc.masked(item.question, Document::mask_html | Document::mask_urls);
  std::string out;
  bool space = false;
  size_t cjk = 0;
  for (size_t i = 0; i < view.size();) {
    size_t length = 1;
    const char32_t cp = decode_utf8(view, i, length);
    const std::string_view bytes = std::string_view(view).substr(i, length);
    i += length;
    if (is_ignorable(cp) || cp == '*' || cp == '_' || cp == '`' || cp == '~' || cp == '[' ||
        cp == ']') {
      continue;
    }
    if (is_space(cp)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    if (cp >= 'A' && cp <= 'Z') {
      out.push_back(static_cast<char>(cp - 'A' + 'a'));
    } else {
      out.append(bytes);
    }
    if (is_cjk(cp)) ++cjk;
  }
  out = drop_empty_parentheses(out);

  Normalized n;
  while (!out.empty()) {
    size_t start = out.size() - 1;
    while (start > 0 && is_utf8_continuation(static_cast<unsigned char>(out[start]))) --start;
    size_t length = 1;
    const char32_t cp = decode_utf8(out, start, length);
    if (!is_trailing_noise(cp)) break;
    n.sentence = n.sentence || cp == '?' || cp == 0xFF1F || cp == '.' || cp == 0x3002;
    out.resize(start);
  }
  n.words =
      out.empty() ? 0 : 1 + static_cast<size_t>(std::count(out.begin(), out.end(), ' ')) + cjk / 2;
  n.key = std::move(out);
  return n;
}

bool is_image_paragraph(std::string_view text) {
  const std::string_view t = trim(text);
  return t.starts_with("![") || t.starts_with("<img") || t.starts_with("<IMG");
}

// What comes with the question at the start of its answer — a code block, an image, a list of
// options — when more of the answer follows it: "What's the output?" over two different
// programs asks two things. Empty when the answer starts otherwise, or is nothing else
// (the code that answers "How do you reverse a list?" is its answer, not part of it).
std::string own_content(const Document& doc, const Item& item) {
  const std::string_view text = doc.text();
  const auto first =
      std::lower_bound(doc.blocks.begin(), doc.blocks.end(), item.answer.begin,
                       [](const Block& b, size_t offset) { return b.range.begin < offset; });
  size_t end = item.answer.begin;
  for (auto b = first; b != doc.blocks.end() && b->range.begin < item.answer.end; ++b) {
    if (b->range.begin < end) continue;  // inside a block already taken
    const bool taken = b->kind == BlockKind::fenced_code || b->kind == BlockKind::indented_code ||
                       b->kind == BlockKind::list ||
                       (b->kind == BlockKind::paragraph && is_image_paragraph(b->range.in(text)));
    if (!taken) break;
    end = std::min(b->range.end, item.answer.end);
  }
  if (end == item.answer.begin || trim(text.substr(end, item.answer.end - end)).empty()) return "";
  return normalize_space_lower(text.substr(item.answer.begin, end - item.answer.begin));
}

}  // namespace

QuestionKey question_key(const Document& doc, const Item& item) {
  Normalized n = normalize(doc, item);
  QuestionKey out;
  if (n.key.empty()) return out;
  if (std::string content = own_content(doc, item); !content.empty()) n.key += "\n" + content;
  // A term ("Precision") asks something only within its section: under another heading it
  // is another card.
  out.term = !stands_alone(n);
  if (out.term) n.key = std::to_string(item.section) + "\n" + n.key;
  out.key = std::move(n.key);
  return out;
}

const std::vector<QuestionKey>& question_keys(const Document& doc) {
  return doc.shared_analysis<std::vector<QuestionKey>>("question_keys", [&] {
    std::vector<QuestionKey> keys;
    keys.reserve(doc.items.size());
    for (const Item& item : doc.items) keys.push_back(question_key(doc, item));
    return keys;
  });
}

std::string describe_question(const Document& doc, const Item& item) {
  std::string out = "question";
  if (item.number.present()) out += " " + std::string(item.number.written.in(doc.text()));
  return out;
}

std::string name_question(const Document& doc, const Item& item) {
  const std::string line = std::to_string(doc.lines().line_of(item.question.begin) + 1);
  if (item.number.present()) {
    return "question " + std::string(item.number.written.in(doc.text())) + " (line " + line + ")";
  }
  return "the question on line " + line;
}

}  // namespace qadeck::structure
