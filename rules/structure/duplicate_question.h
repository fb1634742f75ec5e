// structure.duplicate-question across the files of one run: they become cards of one deck.
#pragma once

#include <vector>

#include "core/diagnostic.h"
#include "core/document.h"
#include "core/lint_engine.h"
#include "core/source_file.h"

namespace qadeck::structure {

// The questions of `doc` the run compares with other files; none when `linter` runs neither
// structure.duplicate-question nor structure.similar-question.
std::vector<QuestionRef> duplicate_question_keys(const Linter& linter, const Document& doc);

struct RunFile {
  const SourceFile* source = nullptr;
  const Linter* linter = nullptr;
  const std::vector<QuestionRef>* questions = nullptr;
  std::vector<Diagnostic>* diagnostics = nullptr;  // where findings are added, kept sorted
};

// Reports a question asked in an earlier file (by path, then position) at its first
// occurrence in each later file, naming the first ("same question as notes/b.md:12"), and a
// question nearly the same as one of an earlier file as structure.similar-question ("nearly
// the same question as notes/b.md:12"). A repeat within one file is the rules' own finding,
// so it is not reported again here; nor is a question where a suppression comment turns the
// rule off.
void report_duplicates_across_files(std::vector<RunFile> files);

}  // namespace qadeck::structure
