// What the question rules compare: a question as a reader sees it.
#pragma once

#include <string>
#include <vector>

#include "core/document.h"

namespace qadeck::structure {

struct QuestionKey {
  // The question without tags, emphasis, link targets and invisible characters, in lower
  // case, with white space collapsed and closing punctuation dropped; then the code, image or
  // options that come with it (see duplicate-question.md). Empty for a question with no text.
  std::string key;
  // A short term that is not a sentence ("Precision"): a question only under its section's
  // heading, so its key starts with the section.
  bool term = false;
};

QuestionKey question_key(const Document& doc, const Item& item);

// Every item's key, by item index: computed once per document for the rules that compare
// questions (duplicate-question, similar-question, and the comparison across files).
const std::vector<QuestionKey>& question_keys(const Document& doc);

// "question 12" (or "question" when unnumbered), to open a message about the item.
std::string describe_question(const Document& doc, const Item& item);

// "question 12 (line 40)" or "the question on line 40", to name an earlier item.
std::string name_question(const Document& doc, const Item& item);

}  // namespace qadeck::structure
