#include "rules/html/tag_matching.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class UnclosedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"html.unclosed",
                               "a non-void tag opened and never closed",
                               Severity::error,
                               false,
                               {Scope::html}};
    return info;
  }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    for (html::TagFinding& f : html::match_tags(doc)) {
      if (f.problem == html::TagProblem::unclosed) sink.report(f.range, std::move(f.message));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_html_unclosed_rule() { return std::make_unique<UnclosedRule>(); }

}  // namespace qadeck
