#include <algorithm>

#include "rules/registry.h"

namespace qadeck {
namespace {

class FrontMatterRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"structure.front-matter",
                               "front matter that is not valid YAML, or lacks `title`",
                               Severity::error,
                               false,
                               {Scope::structure}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    const FrontMatter& fm = doc.front_matter;
    if (!fm.present) return;
    const LineIndex& lines = doc.lines();
    if (fm.error) {
      const std::string_view text = doc.text();
      size_t at = std::min(fm.error_offset, text.size());
      while (at > 0 && at < text.size() &&
             is_utf8_continuation(static_cast<unsigned char>(text[at]))) {
        --at;
      }
      const size_t end = std::max(at, lines.line_end(lines.line_of(at)));
      sink.report({at, end}, *fm.error);
      return;
    }
    // The opening `---` stands for the front matter as a whole.
    const ByteRange opening{fm.range.begin, lines.line_end(lines.line_of(fm.range.begin))};
    const std::optional<std::string> title = fm.get("title");
    if (!title) {
      sink.report(opening, "front matter has no `title`");
    } else if (trim(*title).empty()) {
      sink.report(opening, "front matter has an empty `title`");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_structure_front_matter_rule() {
  return std::make_unique<FrontMatterRule>();
}

}  // namespace qadeck
