#include "rules/structure/duplicate_question.h"

#include <algorithm>
#include <map>
#include <set>

#include "rules/registry.h"
#include "rules/structure/question_key.h"

namespace qadeck {
namespace {

constexpr std::string_view rule_id = "structure.duplicate-question";

class DuplicateQuestionRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{rule_id,
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

namespace structure {

std::vector<QuestionRef> duplicate_question_keys(const Linter& linter, const Document& doc) {
  std::vector<QuestionRef> questions;
  if (!linter.severity_of(rule_id)) return questions;
  for (const Item& item : doc.items) {
    std::string key = question_key(doc, item).key;
    if (!key.empty()) questions.push_back({std::move(key), item.question});
  }
  return questions;
}

void report_duplicates_across_files(std::vector<RunFile> files) {
  std::stable_sort(files.begin(), files.end(), [](const RunFile& a, const RunFile& b) {
    return a.source->path() < b.source->path();
  });
  struct First {
    size_t file;
    size_t offset;
  };
  std::map<std::string_view, First> first_asked;
  for (size_t f = 0; f < files.size(); ++f) {
    const RunFile& file = files[f];
    const std::optional<Severity> severity = file.linter->severity_of(rule_id);
    if (!severity) continue;
    std::set<std::string_view> reported;
    bool added = false;
    for (const QuestionRef& q : *file.questions) {
      const auto [it, first] = first_asked.try_emplace(q.key, First{f, q.range.begin});
      if (first || it->second.file == f || !reported.insert(q.key).second) continue;
      const SourceFile& earlier = *files[it->second.file].source;
      Diagnostic& d = file.diagnostics->emplace_back();
      d.rule = rule_id;
      d.severity = *severity;
      d.range = q.range;
      d.message = "same question as " + earlier.path() + ":" +
                  std::to_string(earlier.lines().position(it->second.offset).line);
      added = true;
    }
    if (!added) continue;
    std::stable_sort(file.diagnostics->begin(), file.diagnostics->end(), diagnostic_order);
  }
}

}  // namespace structure

}  // namespace qadeck
