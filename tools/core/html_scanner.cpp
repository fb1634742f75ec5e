#include "core/html_scanner.h"

#include <array>

namespace qadeck {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_name_char(char c) { return is_ascii_alpha(c) || is_ascii_digit(c) || c == '-'; }
bool is_attr_name_char(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c) || c == '_' || c == ':' || c == '.' || c == '-';
}

std::optional<HtmlTag> scan_comment(std::string_view text, size_t at, size_t limit) {
  const size_t close = text.substr(0, limit).find("-->", at + 4);
  if (close == std::string_view::npos) return std::nullopt;
  HtmlTag tag;
  tag.kind = HtmlTagKind::comment;
  tag.range = {at, close + 3};
  return tag;
}

std::optional<HtmlTag> scan_declaration(std::string_view text, size_t at, size_t limit) {
  const size_t close = text.substr(0, limit).find('>', at + 2);
  if (close == std::string_view::npos) return std::nullopt;
  HtmlTag tag;
  tag.kind = HtmlTagKind::declaration;
  tag.range = {at, close + 1};
  return tag;
}

}  // namespace

bool is_raw_text_tag(std::string_view name) {
  return name == "script" || name == "style" || name == "textarea";
}

bool is_void_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 14> voids = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
      "source", "track", "wbr"};
  for (auto v : voids) {
    if (v == name) return true;
  }
  return false;
}

std::optional<HtmlTag> scan_html_tag(std::string_view text, size_t at, size_t limit) {
  size_t i = at + 1;
  if (i >= limit) return std::nullopt;
  if (text.substr(i).starts_with("!--")) return scan_comment(text, at, limit);
  if (text[i] == '!' || text[i] == '?') return scan_declaration(text, at, limit);

  HtmlTag tag;
  if (text[i] == '/') {
    tag.kind = HtmlTagKind::close;
    ++i;
  }
  if (i >= limit || !is_ascii_alpha(text[i])) return std::nullopt;
  while (i < limit && is_name_char(text[i])) tag.name.push_back(lower(text[i++]));
  if (i < limit && !(is_ascii_space(text[i]) || text[i] == '>' || text[i] == '/')) {
    return std::nullopt;
  }

  // Attributes: name, optional = value (quoted or not), until '>' or '/>'.
  while (i < limit) {
    while (i < limit && is_ascii_space(text[i])) ++i;
    if (i >= limit) return std::nullopt;
    if (text[i] == '>') {
      tag.range = {at, i + 1};
      return tag;
    }
    if (text[i] == '/' && i + 1 < limit && text[i + 1] == '>') {
      if (tag.kind == HtmlTagKind::close) return std::nullopt;
      tag.kind = HtmlTagKind::self_closing;
      tag.range = {at, i + 2};
      return tag;
    }
    if (tag.kind == HtmlTagKind::close) return std::nullopt;
    if (!is_attr_name_char(text[i])) return std::nullopt;
    HtmlAttribute attr;
    attr.name_range.begin = i;
    while (i < limit && is_attr_name_char(text[i])) attr.name.push_back(lower(text[i++]));
    attr.name_range.end = i;
    size_t j = i;
    while (j < limit && is_ascii_space(text[j])) ++j;
    if (j < limit && text[j] == '=') {
      ++j;
      while (j < limit && is_ascii_space(text[j])) ++j;
      if (j >= limit) return std::nullopt;
      if (text[j] == '"' || text[j] == '\'') {
        const char quote = text[j];
        const size_t close = text.substr(0, limit).find(quote, j + 1);
        if (close == std::string_view::npos) return std::nullopt;
        attr.value = {j + 1, close};
        i = close + 1;
      } else {
        const size_t v = j;
        while (j < limit && !is_ascii_space(text[j]) && text[j] != '>' && text[j] != '"' &&
               text[j] != '\'' && text[j] != '=' && text[j] != '<' && text[j] != '`') {
          ++j;
        }
        if (j == v) return std::nullopt;
        attr.value = {v, j};
        i = j;
      }
    }
    tag.attributes.push_back(std::move(attr));
  }
  return std::nullopt;
}

}  // namespace qadeck
