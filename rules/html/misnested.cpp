#include "rules/html/tag_matching.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class MisnestedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"html.misnested",
                               "tags closed in the wrong order: <b><i></b></i>",
                               Severity::error,
                               false,
                               {Scope::html}};
    return info;
  }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    for (html::TagFinding& f : html::match_tags(doc)) {
      if (f.problem == html::TagProblem::misnested) sink.report(f.range, std::move(f.message));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_html_misnested_rule() { return std::make_unique<MisnestedRule>(); }

}  // namespace qadeck
