// What the three numbering rules share: the numbered sequences of a document (questions and
// sections), the analysis that finds gaps, repeats and reversals, and the renumbering fix.
#pragma once

#include <string>
#include <vector>

#include "core/document.h"
#include "core/rule.h"

namespace qadeck::numbering {

enum class Problem { gap, duplicate, order };

struct Entry {
  Number number;
  const Section* section = nullptr;  // a section heading, not a question
  bool list = false;     // an item of a Markdown ordered list
};

struct Finding {
  Problem problem = Problem::gap;
  size_t index = 0;     // into the sequence
  long expected = 0;    // the number this entry should have
  bool swap = false;    // an order finding on two swapped numbers: index and index + 1
};

// The numbered sequences of a document, each in document order: questions grouped by
// Item::sequence, then sections grouped by level and number prefix. A sub-question
// written with a letter after its number (Q4a, Q4b after Q4) shares its question's number:
// only the first of a run of equal numbers with letters is an entry.
std::vector<std::vector<Entry>> sequences(const Document& doc);

// Gaps, repeats and reversals in one sequence. A lazily numbered Markdown list (1. 1. 1.,
// which renders as 1, 2, 3) has none.
std::vector<Finding> analyze(const std::vector<Entry>& sequence);

// Reports the findings of kind `problem` in every sequence of the document. `id` is the
// reporting rule's: the fix of a run goes on its first finding the rule's suppressions leave.
void check(const Document& doc, Problem problem, std::string_view id, DiagnosticSink& sink);

// numbering.gap, numbering.duplicate and numbering.order differ only in their info and the
// kind of finding they report.
class ProblemRule final : public Rule {
 public:
  ProblemRule(RuleInfo info, Problem problem) : info_(std::move(info)), problem_(problem) {}
  const RuleInfo& info() const override { return info_; }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    numbering::check(doc, problem_, info_.id, sink);
  }

 private:
  RuleInfo info_;
  Problem problem_;
};

}  // namespace qadeck::numbering
