#include "rules/structure/duplicate_question.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "core/hash.h"
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
    std::map<std::string_view, size_t> first_asked;  // key -> item index
    const std::vector<structure::QuestionKey>& keys = structure::question_keys(doc);
    for (size_t i = 0; i < doc.items.size(); ++i) {
      const Item& item = doc.items[i];
      const std::string& key = keys[i].key;
      if (key.empty()) continue;
      auto [it, added] = first_asked.try_emplace(key, i);
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
  const std::vector<QuestionKey>& keys = question_keys(doc);
  for (size_t i = 0; i < doc.items.size(); ++i) {
    const Item& item = doc.items[i];
    const QuestionKey& key = keys[i];
    if (key.key.empty()) continue;
    QuestionRef& q = questions.emplace_back();
    q.key = key.key;
    q.range = item.question;
    q.term = key.term;
    q.duplicate_suppressed = suppressions.covers(off, item.question.begin);
    q.similar_suppressed = suppressions.covers(similar_off, item.question.begin);
    q.similarity_threshold = doc.similarity_threshold;
  }
  return questions;
}

uint32_t AskedQuestions::find(uint64_t hash, std::string_view key) const {
  const auto it = by_hash_.find(hash);
  uint32_t at = it == by_hash_.end() ? none : it->second;
  while (at != none && key_of(asked_[at]) != key) at = asked_[at].same_hash;
  return at;
}

uint32_t AskedQuestions::add(uint64_t hash, std::string_view key, uint32_t file, uint32_t line) {
  const auto at = static_cast<uint32_t>(asked_.size());
  Asked& a = asked_.emplace_back();
  a.file = file;
  a.line = line;
  a.key_begin = static_cast<uint32_t>(keys_.size());
  a.key_size = static_cast<uint32_t>(key.size());
  keys_ += key;
  // A second key of the same hash (a collision) goes after the first.
  const auto [it, first] = by_hash_.try_emplace(hash, at);
  if (!first) {
    uint32_t last = it->second;
    while (asked_[last].same_hash != none) last = asked_[last].same_hash;
    asked_[last].same_hash = at;
  }
  return at;
}

std::string AskedQuestions::where(const Asked& a) const {
  return paths_[a.file] + ":" + std::to_string(a.line);
}

void AskedQuestions::check(const RunFile& file) {
  const auto f = static_cast<uint32_t>(paths_.size());
  paths_.push_back(file.source->path());
  const LineIndex& lines = file.source->lines();
  const std::optional<Severity> severity = file.linter->severity_of(rule_id);
  const std::optional<Severity> similar_severity = file.linter->severity_of(similar_id);
  std::unordered_set<uint32_t> reported;
  bool added = false;
  for (const QuestionRef& q : *file.questions) {
    const uint64_t hash = hash_bytes(q.key).low;
    if (const uint32_t first = find(hash, q.key); first != none) {
      // Asked word for word before: a repeat within this file is the rule's own finding.
      const Asked& a = asked_[first];
      if (severity && !q.duplicate_suppressed && a.file != f && reported.insert(first).second) {
        report(file, rule_id, *severity, q.range, "same question as " + where(a));
        added = true;
      }
      continue;
    }
    const uint32_t at =
        add(hash, q.key, f, static_cast<uint32_t>(lines.line_of(q.range.begin) + 1));
    if (q.term) continue;
    const std::vector<std::u32string> words = question_words(q.key);
    if (words.empty()) continue;
    const std::u32string bucket = similarity_bucket(words);
    std::vector<uint32_t>& earlier = by_bucket_[hash_bytes(std::string_view(
        reinterpret_cast<const char*>(bucket.data()), bucket.size() * sizeof(char32_t))).low];
    // The first earlier file's question it nearly repeats, unless it nearly repeats one of
    // its own file: that is the rule's own finding. (The bucket holds the earlier files'
    // questions first.)
    const Asked* near = nullptr;
    bool own = false;
    for (const uint32_t e : earlier) {
      const Asked& a = asked_[e];
      if (near && a.file != f) continue;
      const std::vector<std::u32string> other = question_words(key_of(a));
      if (!similar_words(other, words, q.similarity_threshold)) continue;
      // Another bucket of the same hash holds no near repeat.
      if (similarity_bucket(other) != bucket) continue;
      own = a.file == f;
      if (own) break;
      near = &a;
    }
    if (near && !own && similar_severity && !q.similar_suppressed) {
      report(file, similar_id, *similar_severity, q.range,
             "nearly the same question as " + where(*near));
      added = true;
    }
    earlier.push_back(at);
  }
  if (added) std::stable_sort(file.diagnostics->begin(), file.diagnostics->end(), diagnostic_order);
}

void report_duplicates_across_files(std::vector<RunFile> files) {
  std::stable_sort(files.begin(), files.end(), [](const RunFile& a, const RunFile& b) {
    return a.source->path() < b.source->path();
  });
  AskedQuestions asked;
  for (const RunFile& file : files) asked.check(file);
}

}  // namespace structure

}  // namespace qadeck
