#include "rules/registry.h"

namespace qadeck {
namespace {

class MismatchRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"language.mismatch",
                               "a question or answer written in another language than the document's",
                               Severity::warning, false, {Scope::prose}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    const LanguageProfile& langs = doc.languages();
    if (langs.document == "und" || langs.bilingual) return;
    for (size_t i = 0; i < doc.items.size(); ++i) {
      const Item& item = doc.items[i];
      const ItemLanguages& l = langs.items[i];
      // The whole part is judged, its first line reported.
      const auto report = [&](ByteRange part, ByteRange at, const std::string& lang,
                              bool foreign, const char* name) {
        if (!foreign || !enough_prose_to_judge(doc.masked(part), langs.document)) return;
        sink.report(at, std::string(name) + " is written in " + language_name(lang) +
                            ", the document in " + language_name(langs.document));
      };
      report(item.question, item.question, l.question, l.question_foreign, "the question");
      report(item.answer, first_line(doc, item.answer), l.answer, l.answer_foreign,
             "the answer");
    }
  }

 private:
  static ByteRange first_line(const Document& doc, ByteRange r) {
    if (r.empty()) return r;
    const size_t line = doc.lines().line_of(r.begin);
    return {r.begin, std::min(r.end, doc.lines().line_end(line))};
  }
};

}  // namespace

std::unique_ptr<Rule> make_language_mismatch_rule() { return std::make_unique<MismatchRule>(); }

}  // namespace qadeck
