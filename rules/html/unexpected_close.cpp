#include "rules/html/tag_matching.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class UnexpectedCloseRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"html.unexpected-close",
                               "a closing tag with nothing open to close",
                               Severity::error,
                               false,
                               {Scope::html}};
    return info;
  }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    for (html::TagFinding& f : html::match_tags(doc)) {
      if (f.problem == html::TagProblem::unexpected_close)
        sink.report(f.range, std::move(f.message));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_html_unexpected_close_rule() {
  return std::make_unique<UnexpectedCloseRule>();
}

}  // namespace qadeck
