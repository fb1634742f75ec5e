#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "rules/registry.h"

namespace qadeck {
namespace {

// Attributes whose value a browser loads or follows as a URL.
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
  if (!text.substr(i).starts_with("&#")) return 0;
  size_t j = i + 2;
  const bool hex = j < text.size() && (text[j] == 'x' || text[j] == 'X');
  if (hex) ++j;
  char32_t cp = 0;
  const size_t digits = j;
  while (j < text.size() && j - digits < 8) {
    const char c = text[j];
    int v = -1;
    if (is_ascii_digit(c)) v = c - '0';
    if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) break;
    cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
    ++j;
  }
  if (j == digits) return 0;
  if (j < text.size() && text[j] == ';') ++j;
  i = j;
  return cp;
}

// Whether a URL as written uses the javascript: scheme, the way a browser reads it: character
// references decoded, leading spaces and control characters dropped, tabs and line breaks
// inside ignored, letters in any case.
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

// The question and answer text of every item, sorted and merged.
std::vector<ByteRange> item_ranges(const Document& doc) {
  std::vector<ByteRange> ranges;
  for (const Item& item : doc.items) {
    for (ByteRange r : {item.line, item.question, item.answer}) {
      if (!r.empty()) ranges.push_back(r);
    }
  }
  std::sort(ranges.begin(), ranges.end(),
            [](ByteRange a, ByteRange b) { return a.begin < b.begin; });
  std::vector<ByteRange> merged;
  for (ByteRange r : ranges) {
    if (!merged.empty() && r.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, r.end);
    } else {
      merged.push_back(r);
    }
  }
  return merged;
}

bool inside_item(const std::vector<ByteRange>& items, ByteRange r) {
  auto it = std::upper_bound(items.begin(), items.end(), r.begin,
                             [](size_t o, ByteRange item) { return o < item.begin; });
  if (it != items.begin() && std::prev(it)->overlaps(r)) return true;
  return it != items.end() && it->overlaps(r);
}

class UnsafeRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"html.unsafe",
                               "<script>, on…= handlers or javascript: URLs inside an item",
                               Severity::error,
                               false,
                               {Scope::html, Scope::link}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    const std::vector<ByteRange> items = item_ranges(doc);
    if (items.empty()) return;
    const std::string_view text = doc.text();
    for (const HtmlTag& tag : doc.inline_tokens.html) {
      if (tag.kind != HtmlTagKind::open && tag.kind != HtmlTagKind::self_closing) continue;
      if (!inside_item(items, tag.range)) continue;
      if (tag.name == "script") {
        sink.report(tag.range,
                    "<script> inside a question or answer would run when Anki shows "
                    "the card");
      }
      for (const HtmlAttribute& a : tag.attributes) {
        if (is_event_handler(a.name)) {
          const ByteRange r{a.name_range.begin, std::max(a.name_range.end, a.value.end)};
          sink.report(r, "event handler " + a.name +
                             "= inside a question or answer would run "
                             "JavaScript when Anki shows the card");
        } else if (is_url_attribute(a.name) && is_javascript_url(a.value.in(text))) {
          sink.report(a.value, "javascript: URL in " + a.name +
                                   "= inside a question or answer "
                                   "would run JavaScript in Anki");
        }
      }
    }
    for (const Link& link : doc.inline_tokens.links) {
      if (link.kind != LinkKind::inline_link && link.kind != LinkKind::image &&
          link.kind != LinkKind::autolink) {
        continue;
      }
      if (!inside_item(items, link.range) || !is_javascript_url(link.destination.in(text))) {
        continue;
      }
      sink.report(link.destination,
                  "javascript: link inside a question or answer would run JavaScript in Anki");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_html_unsafe_rule() { return std::make_unique<UnsafeRule>(); }

}  // namespace qadeck
