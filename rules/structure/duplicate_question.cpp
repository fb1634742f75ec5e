#include "rules/structure/duplicate_question.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/suppressions.h"
#include "rules/registry.h"
#include "rules/structure/question_key.h"
#include "rules/structure/similar_question.h"

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

  bool compared_across_files() const override { return true; }

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

namespace {

constexpr std::string_view similar_id = "structure.similar-question";

// A question of an earlier file that a later file's question may nearly repeat.
struct Asked {
  size_t file;
  size_t offset;
  std::vector<std::u32string> words;
};

void report(const RunFile& file, std::string_view rule, Severity severity, ByteRange range,
            std::string message) {
  Diagnostic& d = file.diagnostics->emplace_back();
  d.rule = rule;
  d.severity = severity;
  d.range = range;
  d.message = std::move(message);
}

}  // namespace

std::vector<QuestionRef> duplicate_question_keys(const Linter& linter, const Document& doc) {
  std::vector<QuestionRef> questions;
  if (!linter.severity_of(rule_id) && !linter.severity_of(similar_id)) return questions;
  const Suppressions suppressions = find_suppressions(doc);
  const std::vector<SuppressedRegion> off = suppressions.regions_for(rule_id);
  const std::vector<SuppressedRegion> similar_off = suppressions.regions_for(similar_id);
  for (const Item& item : doc.items) {
    QuestionKey key = question_key(doc, item);
    if (key.key.empty()) continue;
    QuestionRef& q = questions.emplace_back();
    q.key = std::move(key.key);
    q.range = item.question;
    q.term = key.term;
    q.duplicate_suppressed = suppressions.covers(off, item.question.begin);
    q.similar_suppressed = suppressions.covers(similar_off, item.question.begin);
    q.similarity_threshold = doc.similarity_threshold;
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
  std::map<std::u32string, std::vector<Asked>> by_bucket;
  const auto where = [&](size_t file, size_t offset) {
    const SourceFile& source = *files[file].source;
    return source.path() + ":" + std::to_string(source.lines().position(offset).line);
  };
  for (size_t f = 0; f < files.size(); ++f) {
    const RunFile& file = files[f];
    const std::optional<Severity> severity = file.linter->severity_of(rule_id);
    const std::optional<Severity> similar_severity = file.linter->severity_of(similar_id);
    std::set<std::string_view> reported;
    bool added = false;
    for (const QuestionRef& q : *file.questions) {
      const auto [it, first] = first_asked.try_emplace(q.key, First{f, q.range.begin});
      if (!first) {
        // Asked word for word before: a repeat within this file is the rule's own finding.
        if (severity && !q.duplicate_suppressed && it->second.file != f &&
            reported.insert(q.key).second) {
          report(file, rule_id, *severity, q.range,
                 "same question as " + where(it->second.file, it->second.offset));
          added = true;
        }
        continue;
      }
      if (q.term) continue;
      std::vector<std::u32string> words = question_words(q.key);
      if (words.empty()) continue;
      std::vector<Asked>& earlier = by_bucket[similarity_bucket(words)];
      // The first earlier file's question it nearly repeats, unless it nearly repeats one of
      // its own file: that is the rule's own finding. (The bucket holds the earlier files'
      // questions first.)
      const Asked* near = nullptr;
      bool own = false;
      for (const Asked& a : earlier) {
        if (near && a.file != f) continue;
        if (!similar_words(a.words, words, q.similarity_threshold)) continue;
        own = a.file == f;
        if (own) break;
        near = &a;
      }
      if (near && !own && similar_severity && !q.similar_suppressed) {
        report(file, similar_id, *similar_severity, q.range,
               "nearly the same question as " + where(near->file, near->offset));
        added = true;
      }
      earlier.push_back({f, q.range.begin, std::move(words)});
    }
    if (!added) continue;
    std::stable_sort(file.diagnostics->begin(), file.diagnostics->end(), diagnostic_order);
  }
}

}  // namespace structure

}  // namespace qadeck
