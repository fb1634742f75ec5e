#include <map>

#include "rules/registry.h"
#include "rules/structure/question_key.h"

namespace qadeck {
namespace {

class DuplicateQuestionRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"structure.duplicate-question",
                               "the same question asked twice",
                               Severity::warning,
                               false,
                               {Scope::structure, Scope::prose}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    std::map<std::string, size_t> first_asked;  // key -> item index
    for (size_t i = 0; i < doc.items.size(); ++i) {
      const Item& item = doc.items[i];
      std::string key = structure::question_key(doc, item).key;
      if (key.empty()) continue;
      auto [it, added] = first_asked.try_emplace(std::move(key), i);
      if (added) continue;
      sink.report(item.question, structure::describe_question(doc, item) + " repeats " +
                                     structure::name_question(doc, doc.items[it->second]));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_structure_duplicate_question_rule() {
  return std::make_unique<DuplicateQuestionRule>();
}

}  // namespace qadeck
