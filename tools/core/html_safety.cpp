#include "core/html_safety.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "core/text.h"

namespace qadeck {
namespace {

// Decodes the character reference at text[i] ('&'), as a browser does in an attribute value
// (CommonMark does the same in link destinations); returns 0 when there is none.
char32_t character_reference(std::string_view text, size_t& i) {
  static constexpr std::array<std::pair<std::string_view, char32_t>, 3> named = {
      {{"&colon;", ':'}, {"&Tab;", '\t'}, {"&NewLine;", '\n'}}};
  for (const auto& [entity, cp] : named) {
    if (text.substr(i).starts_with(entity)) {
      i += entity.size();
      return cp;
    }
  }
  size_t j = 0;
  const std::optional<char32_t> cp = numeric_reference(text, i, 8, j);
  if (!cp) return 0;
  if (j < text.size() && text[j] == ';') ++j;
  i = j;
  return *cp;
}

}  // namespace

bool is_url_attribute(std::string_view name) {
  static constexpr std::array<std::string_view, 11> names = {
      "action", "background", "cite",   "data", "dynsrc",    "formaction",
      "href",   "lowsrc",     "poster", "src",  "xlink:href"};
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_event_handler(std::string_view name) {
  if (name.size() <= 2 || !name.starts_with("on")) return false;
  return std::all_of(name.begin() + 2, name.end(), [](char c) { return is_ascii_alpha(c); });
}

bool is_javascript_url(std::string_view url) {
  static constexpr std::string_view scheme = "javascript:";
  std::string seen;
  size_t i = 0;
  while (i < url.size() && seen.size() < scheme.size()) {
    char32_t cp = static_cast<unsigned char>(url[i]);
    if (url[i] == '&') {
      size_t j = i;
      if (const char32_t decoded = character_reference(url, j)) {
        cp = decoded;
        i = j;
      } else {
        ++i;
      }
    } else {
      ++i;
    }
    if (cp == '\t' || cp == '\n' || cp == '\r') continue;
    if (seen.empty() && cp <= ' ') continue;
    if (cp >= 'A' && cp <= 'Z') cp = cp - 'A' + 'a';
    if (cp >= 0x80) return false;
    seen.push_back(static_cast<char>(cp));
  }
  return seen == scheme;
}

}  // namespace qadeck
