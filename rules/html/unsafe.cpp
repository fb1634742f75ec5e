#include <algorithm>
#include <string>

#include "core/html_safety.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

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
