#include "rules/numbering/sequence.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class DuplicateRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"numbering.duplicate", "a question or section number repeats the previous one", Severity::error, true,
                               {Scope::structure}};
    return info;
  }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    numbering::check(doc, numbering::Problem::duplicate, sink);
  }
};

}  // namespace

std::unique_ptr<Rule> make_numbering_duplicate_rule() { return std::make_unique<DuplicateRule>(); }

}  // namespace qadeck
