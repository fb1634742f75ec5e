#include "rules/registry.h"
#include "rules/structure/answer_text.h"

namespace qadeck {
namespace {

class EmptyAnswerRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"structure.empty-answer",
                               "a question with no answer, or only a placeholder",
                               Severity::warning,
                               false,
                               {Scope::structure, Scope::prose}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    size_t answered = 0;
    for (const Item& item : doc.items) answered += structure::has_real_answer(doc, item) ? 1 : 0;
    // A file whose questions are mostly unanswered is a question list by design.
    if (doc.items.size() - answered > answered) return;
    const std::string_view text = doc.text();
    for (const Item& item : doc.items) {
      std::string what;
      if (item.answer.empty()) {
        what = " has no answer";
      } else if (const auto& placeholder = structure::placeholder_answer(doc, item)) {
        switch (placeholder->kind) {
          case structure::Placeholder::text:
            what = " has only a placeholder for an answer: \"" + placeholder->written + "\"";
            break;
          case structure::Placeholder::label:
            what = " has only a label for an answer: \"" + placeholder->written + "\"";
            break;
          case structure::Placeholder::line_breaks:
            what = " has no answer, only line breaks";
            break;
        }
      } else if (structure::follow_up_only(doc, item)) {
        what = " has only follow-up questions for an answer";
      } else {
        continue;
      }
      std::string message = "question";
      if (item.number.present()) message += " " + std::string(item.number.written.in(text));
      message += what;
      sink.report(item.question, std::move(message));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_structure_empty_answer_rule() {
  return std::make_unique<EmptyAnswerRule>();
}

}  // namespace qadeck
