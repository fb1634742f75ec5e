#include "links/slug.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/html_scanner.h"
#include "core/text.h"
#include "links/unicode_tables.h"

namespace qadeck {
namespace {

bool slug_keeps(char32_t cp) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    return is_ascii_alpha(c) || is_ascii_digit(c) || c == '_' || c == '-' || c == ' ';
  }
  const auto* end = unicode::slug_kept + unicode::slug_kept_count;
  const auto* it =
      std::upper_bound(unicode::slug_kept, end, cp,
                       [](char32_t c, const unicode::CodeRange& r) { return c < r.first; });
  return it != unicode::slug_kept && cp <= std::prev(it)->last;
}

void append_lower(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp));
    return;
  }
  const auto* end = unicode::lower_mappings + unicode::lower_mapping_count;
  const auto* it =
      std::lower_bound(unicode::lower_mappings, end, cp,
                       [](const unicode::LowerMapping& m, char32_t c) { return m.cp < c; });
  if (it != end && it->cp == cp) {
    out += it->lower;
  } else {
    append_utf8(out, cp);
  }
}

// The length of an emoji shortcode (`:rocket:`, `:+1:`) at md[at], or 0.
size_t emoji_shortcode_length(std::string_view md, size_t at) {
  size_t i = at + 1;
  while (i < md.size() && (is_ascii_alpha(md[i]) || is_ascii_digit(md[i]) || md[i] == '_' ||
                           md[i] == '+' || md[i] == '-')) {
    ++i;
  }
  if (i == at + 1 || i >= md.size() || md[i] != ':') return 0;
  // A shortcode stands alone: "12:30:45" and "a:b:c" are text.
  if (at > 0 && (is_ascii_alpha(md[at - 1]) || is_ascii_digit(md[at - 1]))) return 0;
  return i + 1 - at;
}

bool is_word_byte(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c) || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string decode_character_reference(std::string_view text, size_t at, size_t& length) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> named = {{
      {"&amp;", "&"},
      {"&lt;", "<"},
      {"&gt;", ">"},
      {"&quot;", "\""},
      {"&apos;", "'"},
      {"&nbsp;", "\u00a0"},
      {"&colon;", ":"},
      {"&num;", "#"},
  }};
  const std::string_view rest = text.substr(at);
  for (const auto& [entity, value] : named) {
    if (rest.starts_with(entity)) {
      length = entity.size();
      return std::string(value);
    }
  }
  size_t i = 0;
  const std::optional<char32_t> reference = numeric_reference(rest, 0, 7, i);
  if (!reference || i >= rest.size() || rest[i] != ';') return "";
  char32_t cp = *reference;
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  length = i + 1;
  std::string out;
  append_utf8(out, cp);
  return out;
}

std::string github_slug(std::string_view text) {
  std::string lowered;
  lowered.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;
    append_lower(lowered, decode_utf8(text, i, n));
    i += n;
  }
  std::string out;
  out.reserve(lowered.size());
  for (size_t i = 0; i < lowered.size();) {
    size_t n = 1;
    const char32_t cp = decode_utf8(lowered, i, n);
    if (cp == ' ') {
      out.push_back('-');
    } else if (slug_keeps(cp)) {
      out.append(lowered, i, n);
    }
    i += n;
  }
  return out;
}

std::string kramdown_slug(std::string_view text) {
  size_t start = 0;
  while (start < text.size() && !is_ascii_alpha(text[start])) ++start;
  std::string out;
  for (size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (is_ascii_alpha(c)) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (is_ascii_digit(c) || c == '-') {
      out.push_back(c);
    } else if (c == ' ') {
      out.push_back('-');
    }
  }
  return out.empty() ? "section" : out;
}

std::string rendered_heading_text(std::string_view md) {
  std::string out;
  size_t i = 0;
  while (i < md.size()) {
    const char c = md[i];
    if (c == '\\' && i + 1 < md.size() && is_ascii_punct(md[i + 1])) {
      out.push_back(md[i + 1]);
      i += 2;
    } else if (c == '`') {
      size_t n = 0;
      while (i + n < md.size() && md[i + n] == '`') ++n;
      const size_t close = md.find(std::string(n, '`'), i + n);
      if (close == std::string_view::npos) {
        out.append(md, i, n);
        i += n;
      } else {
        out += trim(md.substr(i + n, close - i - n));
        i = close + n;
      }
    } else if (c == '!' && i + 1 < md.size() && md[i + 1] == '[') {
      // An image: GitHub renders <img>, which adds no text.
      const size_t close = md.find(']', i + 2);
      if (close == std::string_view::npos) {
        out.push_back(c);
        ++i;
        continue;
      }
      i = close + 1;
      if (i < md.size() && md[i] == '(') {
        const size_t end = md.find(')', i);
        i = end == std::string_view::npos ? md.size() : end + 1;
      }
    } else if (c == ']' && i + 1 < md.size() && md[i + 1] == '(') {
      // The end of a link's label: its destination adds no text.
      const size_t end = md.find(')', i);
      i = end == std::string_view::npos ? md.size() : end + 1;
    } else if (c == '[' || c == ']') {
      ++i;  // link brackets
    } else if (c == '<') {
      if (auto tag = scan_html_tag(md, i, md.size())) {
        i = tag->range.end;
        continue;
      }
      // An autolink shows its URL.
      const size_t close = md.find('>', i);
      if (close != std::string_view::npos &&
          md.substr(i + 1, close - i - 1).find(':') != std::string_view::npos &&
          md.substr(i + 1, close - i - 1).find(' ') == std::string_view::npos) {
        out.append(md.substr(i + 1, close - i - 1));
        i = close + 1;
      } else {
        out.push_back(c);
        ++i;
      }
    } else if (c == '&') {
      size_t n = 0;
      std::string decoded = decode_character_reference(md, i, n);
      if (n > 0) {
        out += decoded;
        i += n;
      } else {
        out.push_back(c);
        ++i;
      }
    } else if (c == ':' && emoji_shortcode_length(md, i) > 0) {
      i += emoji_shortcode_length(md, i);  // GitHub renders :rocket: as an emoji, which slugs drop
    } else if (c == '*' || c == '~') {
      ++i;  // emphasis and strikethrough markers (punctuation the slug drops anyway)
    } else if (c == '_') {
      size_t n = 0;
      while (i + n < md.size() && md[i + n] == '_') ++n;
      // Inside a word, underscores are text (snake_case); at a word's edge, emphasis.
      const bool inside =
          i > 0 && is_word_byte(md[i - 1]) && i + n < md.size() && is_word_byte(md[i + n]);
      if (inside) out.append(md, i, n);
      i += n;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return std::string(trim(out));
}

std::string Slugger::next(std::string_view heading) {
  if (style_ == SlugStyle::kramdown) {
    const std::string base = kramdown_slug(trim(heading));
    auto [it, added] = seen_.try_emplace(base, 0);
    if (added) return base;
    return base + "-" + std::to_string(++it->second);
  }
  const std::string base = github_slug(rendered_heading_text(heading));
  std::string slug = base;
  while (seen_.count(slug)) {
    slug = base + "-" + std::to_string(++seen_[base]);
  }
  seen_.emplace(slug, 0);
  return slug;
}

}  // namespace qadeck
