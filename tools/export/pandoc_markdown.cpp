#include "export/pandoc_markdown.h"

#include <algorithm>

#include "core/text.h"
#include "export/card_links.h"
#include "export/html_render.h"

namespace qadeck {
namespace {

// One thing in a text that is not copied as it is.
struct Token {
  enum Kind { math, code, tag, edit } kind;
  size_t index;
  ByteRange range;
};

struct Edit {
  ByteRange range;
  std::string replacement;
};

// Where a link in the PDF goes: nullopt when as written, "" nowhere (plain text).
std::optional<std::string> link_target(std::string_view destination, const PandocLinks& context) {
  if (destination.starts_with('#') && destination.size() > 1) {
    return "#" + context.id_prefix + std::string(destination.substr(1));
  }
  return markdown_link_target(destination, context.source, context.base_url);
}

// The link edits of a text: a link to another Markdown file points under the base URL or
// loses its brackets; a `#fragment` link points to the PDF's id.
std::vector<Edit> link_edits(const CardText& text, const PandocLinks& context) {
  std::vector<Edit> edits;
  const std::string_view md = text.markdown;
  for (const Link& link : text.links) {
    const size_t close = md.rfind("](", link.destination.begin);
    if (close == std::string_view::npos || close < link.range.begin) continue;
    const auto target = link_target(link.destination.in(md), context);
    if (!target) continue;
    if (target->empty()) {
      edits.push_back({{link.range.begin, link.range.begin + 1}, ""});
      edits.push_back({{close, link.range.end}, ""});
    } else {
      edits.push_back({link.destination, *target});
    }
  }
  return edits;
}

// The pandoc markup an inline HTML tag becomes, or nullptr.
const char* inline_markup(const HtmlTag& tag) {
  if (tag.kind != HtmlTagKind::open && tag.kind != HtmlTagKind::close) return nullptr;
  const std::string& n = tag.name;
  if (n == "i" || n == "em") return "*";
  // pandoc 2's LaTeX writer has no highlight, and its underline needs ulem, which the PDF
  // packages lack: a mark is bold.
  if (n == "b" || n == "strong" || n == "mark") return "**";
  if (n == "sub") return "~";
  if (n == "sup") return "^";
  if (n == "code" || n == "kbd") return "`";
  return nullptr;
}

std::vector<Token> tokens_of(const CardText& text, const std::vector<Edit>& edits) {
  std::vector<Token> tokens;
  for (size_t i = 0; i < edits.size(); ++i) tokens.push_back({Token::edit, i, edits[i].range});
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

std::string pandoc_text(const CardText& text, bool single_line, const PandocLinks& links) {
  const std::string_view md = text.markdown;
  const std::vector<Edit> edits = link_edits(text, links);
  const std::vector<Token> tokens = tokens_of(text, edits);
  std::string out;
  out.reserve(md.size());
  size_t at = 0;
  std::vector<std::string> link_ends;  // per open <a>: what its </a> becomes
  int scripts = 0;  // inside <sub> or <sup>: pandoc's ~x~ and ^x^ take no plain spaces
  const auto append = [&](std::string_view gap) {
    if (scripts == 0) {
      out.append(gap);
      return;
    }
    for (const char c : gap) {
      if (c == ' ') out += '\\';
      out += c;
    }
  };
  for (size_t t = 0; t < tokens.size(); ++t) {
    const Token& token = tokens[t];
    if (token.range.begin < at) continue;  // inside a token already written
    append(md.substr(at, token.range.begin - at));
    at = token.range.end;
    if (token.kind == Token::edit) {
      out += edits[token.index].replacement;
      continue;
    }
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
    if (tag.name == "a" && tag.kind == HtmlTagKind::open) {
      const HtmlAttribute* href = attribute(tag, "href");
      const auto target = href ? link_target(decode_html(href->value.in(md)), links) : std::nullopt;
      link_ends.push_back(target && !target->empty() ? "](" + link_part(*target) + ")" : "");
      if (!link_ends.back().empty()) out += '[';
      continue;
    }
    if (tag.name == "a" && tag.kind == HtmlTagKind::close && !link_ends.empty()) {
      out += link_ends.back();
      link_ends.pop_back();
      continue;
    }
    if (const char* markup = inline_markup(tag)) {
      if (tag.name == "sub" || tag.name == "sup") {
        scripts = std::max(0, scripts + (tag.kind == HtmlTagKind::open ? 1 : -1));
      }
      out += markup;
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
  append(md.substr(std::min(at, md.size())));
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
  PandocLinks links;
  links.base_url = deck.base_url;
  const auto id = [&](const std::string& anchor) {
    return anchor.empty() ? std::string() : "#" + links.id_prefix + anchor + " ";
  };
  for (const Card& card : deck.cards) {
    const DeckDocument& doc = deck.documents[card.document];
    if (card.document != document) {
      document = card.document;
      section = -2;
      links.source = doc.source;
      links.id_prefix = several ? "q" + std::to_string(document + 1) + "-" : "q-";
      if (several) out += "\n# " + one_line(doc.title) + "\n";
    }
    if (card.section != section) {
      section = card.section;
      if (section >= 0) {
        const DeckSection& s = doc.sections[static_cast<size_t>(section)];
        out += "\n" + std::string(several ? "##" : "#") + " " +
               one_line(s.number.empty() ? s.title : s.number + " " + s.title) + " {" +
               id(s.anchor) + "-}\n";
      }
    }
    const std::string number = card.number.empty() ? std::to_string(card.position) : card.number;
    const std::string target = card.anchor.empty() ? "" : "[]{" + id(card.anchor) + "}";
    out += "\n" + target + "**" + number + ".** " + pandoc_text(card.question, true, links) + "\n";
    const std::string answer = pandoc_text(card.answer, false, links);
    if (!answer.empty()) out += "\n" + answer + "\n";
  }
  return out;
}

}  // namespace qadeck
