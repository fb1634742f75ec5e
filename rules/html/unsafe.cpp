#include <algorithm>
#include <map>
#include <string>

#include "export/deck_builder.h"
#include "export/html_sanitizer.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class UnsafeRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"html.unsafe",
                               "HTML inside an item that the card sanitizer leaves out",
                               Severity::error,
                               false,
                               {Scope::html, Scope::link}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    const std::string_view text = doc.text();
    for (const Item& item : doc.items) {
      for (const auto& [range, inline_only] : {std::pair{item.question, true},
                                               std::pair{item.answer, false}}) {
        if (range.empty() || could_lose_nothing(text, range, doc.inline_tokens.math)) continue;
        std::vector<HtmlRemoval> removed;
        card_text(doc, range, inline_only, removed);
        report(text, range, removed, sink);
      }
    }
  }

 private:
  // Each removal at the place it was written, searched for in order; what the Markdown
  // renderer wrote itself (a link's href) is reported at the start of the item text.
  static void report(std::string_view text, ByteRange range,
                     const std::vector<HtmlRemoval>& removed, DiagnosticSink& sink) {
    std::map<std::string_view, size_t> next;  // needle -> where to search for it next
    for (const HtmlRemoval& r : removed) {
      ByteRange at{range.begin, range.begin};
      bool found = false;
      for (const std::string_view needle : {std::string_view(r.written), std::string_view(r.value)}) {
        if (needle.empty()) continue;
        auto it = next.try_emplace(needle, range.begin).first;
        const size_t hit = text.substr(0, range.end).find(needle, it->second);
        if (hit == std::string_view::npos) continue;
        at = {hit, hit + needle.size()};
        it->second = at.end;
        found = true;
        break;
      }
      if (!found) {
        const size_t end = text.find('\n', range.begin);
        at.end = std::min(end == std::string_view::npos ? range.end : end, range.end);
      }
      sink.report(at, r.reason + "; the card would leave it out");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_html_unsafe_rule() { return std::make_unique<UnsafeRule>(); }

}  // namespace qadeck
