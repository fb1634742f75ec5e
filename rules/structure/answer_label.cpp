#include <map>
#include <vector>

#include "core/language.h"
#include "rules/registry.h"
#include "rules/structure/answer_text.h"

namespace qadeck {
namespace {

// A label is the convention when at least this many answers, and this share of them, use it.
constexpr size_t min_labelled = 3;
constexpr double min_share = 0.6;

struct Answer {
  const Item* item = nullptr;
  ByteRange first_line;                         // the first line holding prose
  std::optional<structure::AnswerLabel> label;  // on that line
};

struct Convention {
  std::string key;       // "solution"
  std::string name;      // "Solution:", as the first labelled answer writes it
  std::string language;  // the script the labelled answers are written in, or "und"
  std::string tally;     // "21 of 25"
};

ByteRange trimmed(std::string_view text, ByteRange r) {
  while (r.begin < r.end && is_ascii_space(text[r.begin])) ++r.begin;
  while (r.end > r.begin && is_ascii_space(text[r.end - 1])) --r.end;
  return r;
}

template <typename Map>
std::string most_frequent(const Map& counts, size_t& count) {
  std::string best;
  count = 0;
  for (const auto& [key, n] : counts) {
    if (n > count) best = key, count = n;
  }
  return best;
}

class AnswerLabelRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        "structure.answer-label",
        "an answer without the label most answers start with, or with another one",
        Severity::warning,
        false,
        {Scope::structure, Scope::prose}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    std::vector<Answer> answers;
    std::map<std::string, size_t> uses;
    const LanguageProfile& langs = doc.languages();
    for (size_t i = 0; i < doc.items.size(); ++i) {
      const Item& item = doc.items[i];
      if (!structure::has_real_answer(doc, item)) continue;
      // An answer wholly in another language (language.mismatch) carries that language's
      // label; translating it brings the convention's label back.
      if (langs.items[i].answer_foreign) continue;
      const std::optional<ByteRange> first_line = structure::next_answer_line(doc, item, 0);
      if (!first_line) continue;
      Answer a{&item, *first_line, structure::find_answer_label(doc, *first_line)};
      if (a.label) ++uses[a.label->key];
      answers.push_back(std::move(a));
    }
    Convention convention;
    size_t count = 0;
    convention.key = most_frequent(uses, count);
    if (count < min_labelled ||
        static_cast<double>(count) < min_share * static_cast<double>(answers.size())) {
      return;
    }
    convention.tally = std::to_string(count) + " of " + std::to_string(answers.size());
    std::map<std::string, size_t> languages;
    for (const Answer& a : answers) {
      if (!a.label || a.label->key != convention.key) continue;
      if (convention.name.empty()) convention.name = a.label->name;
      ++languages[detect_script_language(doc.masked(a.first_line))];
    }
    languages.erase("und");
    size_t votes = 0;
    convention.language = languages.empty() ? "und" : most_frequent(languages, votes);

    for (const Answer& a : answers) check_answer(doc, a, convention, sink);
  }

 private:
  // Reports the answer's first line in the convention's language, unless it starts with the
  // label. Lines in another language come first in a stray translation, and make up a whole
  // answer written in another language: those are language findings, not label ones.
  static void check_answer(const Document& doc, const Answer& a, const Convention& convention,
                           DiagnosticSink& sink) {
    std::optional<ByteRange> line = a.first_line;
    std::optional<structure::AnswerLabel> label = a.label;
    while (line) {
      // "Occlusion:" starts an answer with a term, not with a label.
      if (label && label->key != convention.key && !structure::is_answer_label_word(label->key)) {
        label.reset();
      }
      if (label) {
        if (label->key != convention.key) {
          sink.report(label->range, "answer starts with \"" + label->name + "\" where " +
                                        convention.tally + " answers start with \"" +
                                        convention.name + "\"");
        }
        return;
      }
      const std::string language = detect_script_language(doc.masked(*line));
      if (language == "und" || convention.language == "und" || language == convention.language) {
        sink.report(trimmed(doc.text(), *line), "answer lacks the \"" + convention.name +
                                                    "\" label that " + convention.tally +
                                                    " answers start with");
        return;
      }
      line = structure::next_answer_line(doc, *a.item, line->end + 1);
      if (line) label = structure::find_answer_label(doc, *line);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_structure_answer_label_rule() {
  return std::make_unique<AnswerLabelRule>();
}

}  // namespace qadeck
