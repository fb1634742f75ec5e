#include "rules/registry.h"

namespace qadeck {
namespace {

// Off by default in lint, where a folder may hold READMEs and notes beside the Q&A files;
// `qadeck export` warns about such a file itself, since it gives no cards.
class NoQuestionsRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"structure.no-questions",
                               "A document with no questions in it",
                               Severity::off,
                               false,
                               {Scope::structure}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    if (!doc.items.empty()) return;
    const LineIndex& lines = doc.lines();
    const size_t body = doc.front_matter.present ? doc.front_matter.range.end : 0;
    for (size_t l = lines.line_of(body); l < lines.line_count(); ++l) {
      const std::string_view line = trim(lines.line_text(l));
      if (line.empty()) continue;
      const size_t begin = lines.line_start(l) + (lines.line_text(l).find(line.front()));
      sink.report({begin, begin + line.size()},
                  "no questions found: nothing here is written as a Q&A (numbered or asking "
                  "headings, bold questions, numbered list questions, 1、… paragraphs, <details>, "
                  "Q:/A:)");
      return;
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_structure_no_questions_rule() {
  return std::make_unique<NoQuestionsRule>();
}

}  // namespace qadeck
