#include "export/pandoc_markdown.h"

#include <algorithm>

#include "core/text.h"

namespace qadeck {
namespace {

// One thing in a text that is not copied as it is.
struct Token {
  enum Kind { math, code, tag } kind;
  size_t index;
  ByteRange range;
};

std::vector<Token> tokens_of(const CardText& text) {
  std::vector<Token> tokens;
  for (size_t i = 0; i < text.math.size(); ++i)
    tokens.push_back({Token::math, i, text.math[i].range});
  for (size_t i = 0; i < text.code.size(); ++i) tokens.push_back({Token::code, i, text.code[i]});
  for (size_t i = 0; i < text.tags.size(); ++i)
    tokens.push_back({Token::tag, i, text.tags[i].range});
  std::sort(tokens.begin(), tokens.end(), [](const Token& a, const Token& b) {
    return a.range.begin != b.range.begin ? a.range.begin < b.range.begin : a.kind < b.kind;
  });
  return tokens;
}

bool is_break(const HtmlTag& tag) {
  return tag.name == "br" &&
         (tag.kind == HtmlTagKind::open || tag.kind == HtmlTagKind::self_closing);
}

const HtmlAttribute* attribute(const HtmlTag& tag, std::string_view name) {
  for (const HtmlAttribute& a : tag.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

// Text for a Markdown link's text or destination: brackets, parentheses and line breaks out.
std::string link_part(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '[' || c == ']') continue;
    if (c == '(')
      out += "%28";
    else if (c == ')')
      out += "%29";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string yaml_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// A heading or question text on one line.
std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : trim(text)) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string pandoc_text(const CardText& text, bool single_line) {
  const std::string_view md = text.markdown;
  const std::vector<Token> tokens = tokens_of(text);
  std::string out;
  out.reserve(md.size());
  size_t at = 0;
  for (size_t t = 0; t < tokens.size(); ++t) {
    const Token& token = tokens[t];
    if (token.range.begin < at) continue;  // inside a token already written
    out.append(md.substr(at, token.range.begin - at));
    at = token.range.end;
    if (token.kind == Token::code) {
      out.append(token.range.in(md));
      continue;
    }
    if (token.kind == Token::math) {
      const MathSpan& m = text.math[token.index];
      const bool display =
          m.kind == MathKind::display_dollar || m.kind == MathKind::display_bracket;
      const std::string_view body = display ? m.body.in(md) : trim(m.body.in(md));
      if (body.empty()) continue;
      out += display ? "$$" : "$";
      out.append(body);
      out += display ? "$$" : "$";
      continue;
    }
    const HtmlTag& tag = text.tags[token.index];
    if (tag.kind == HtmlTagKind::open && (tag.name == "script" || tag.name == "style")) {
      // The element goes with its content, up to its closing tag.
      for (size_t u = t + 1; u < tokens.size(); ++u) {
        if (tokens[u].kind != Token::tag) continue;
        const HtmlTag& close = text.tags[tokens[u].index];
        if (close.kind == HtmlTagKind::close && close.name == tag.name) {
          at = close.range.end;
          break;
        }
      }
      continue;
    }
    if (tag.name == "img" && tag.kind != HtmlTagKind::close) {
      const HtmlAttribute* src = attribute(tag, "src");
      const HtmlAttribute* alt = attribute(tag, "alt");
      if (src && !src->value.empty()) {
        out += "![" + link_part(alt ? alt->value.in(md) : "") + "](" +
               link_part(src->value.in(md)) + ")";
      }
      continue;
    }
    if (!is_break(tag)) continue;
    // A run of <br>: a paragraph break for two or more, a line break for one; nothing where
    // the paragraph ends anyway (pandoc would print a trailing backslash).
    int breaks = 1;
    size_t next = at;
    for (size_t u = t + 1; u < tokens.size(); ++u) {
      const size_t gap_end = tokens[u].range.begin;
      if (tokens[u].kind != Token::tag || !is_break(text.tags[tokens[u].index]) ||
          !trim(md.substr(next, gap_end - next)).empty()) {
        break;
      }
      ++breaks;
      next = tokens[u].range.end;
      t = u;
    }
    at = next;
    size_t look = at;
    while (look < md.size() && (md[look] == ' ' || md[look] == '\t')) ++look;
    if (look < md.size() && md[look] == '\r') ++look;
    const bool line_end = look >= md.size() || md[look] == '\n';
    size_t after_line = line_end && look < md.size() ? look + 1 : look;
    while (after_line < md.size() && (md[after_line] == ' ' || md[after_line] == '\t')) {
      ++after_line;
    }
    const bool paragraph_ends =
        after_line >= md.size() || md[after_line] == '\n' || md[after_line] == '\r';
    if (single_line || paragraph_ends) {
      out += single_line ? " " : "";
    } else if (breaks >= 2) {
      out += "\n\n";
      at = line_end ? std::min(look + 1, md.size()) : at;
    } else {
      out += "\\\n";
      at = line_end ? std::min(look + 1, md.size()) : at;
    }
  }
  out.append(md.substr(std::min(at, md.size())));
  return single_line ? one_line(out) : std::string(trim(out));
}

std::string pandoc_markdown(const Deck& deck) {
  std::string out = "---\n";
  out += "title: " + yaml_string(deck.title) + "\n";
  out += "documentclass: article\n";
  out += "papersize: a4\n";
  out += "geometry: margin=2.5cm\n";
  out += "CJKmainfont: Noto Serif CJK SC\n";
  out += "CJKsansfont: Noto Sans CJK SC\n";
  out += "CJKmonofont: Noto Sans Mono CJK SC\n";
  out += "colorlinks: true\n";
  out += "mathfont: Latin Modern Math\n";
  out += "---\n";
  const bool several = deck.documents.size() > 1;
  size_t document = static_cast<size_t>(-1);
  int section = -2;
  for (const Card& card : deck.cards) {
    const DeckDocument& doc = deck.documents[card.document];
    if (card.document != document) {
      document = card.document;
      section = -2;
      if (several) out += "\n# " + one_line(doc.title) + "\n";
    }
    if (card.section != section) {
      section = card.section;
      if (section >= 0) {
        const DeckSection& s = doc.sections[static_cast<size_t>(section)];
        out += "\n" + std::string(several ? "##" : "#") + " " +
               one_line(s.number.empty() ? s.title : s.number + " " + s.title) + " {-}\n";
      }
    }
    const std::string number = card.number.empty() ? std::to_string(card.position) : card.number;
    out += "\n**" + number + ".** " + pandoc_text(card.question, true) + "\n";
    const std::string answer = pandoc_text(card.answer, false);
    if (!answer.empty()) out += "\n" + answer + "\n";
  }
  return out;
}

}  // namespace qadeck
