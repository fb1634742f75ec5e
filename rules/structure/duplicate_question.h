// structure.duplicate-question across the files of one run: they become cards of one deck.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
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

// The questions of the files of a run checked so far, to report at each next file the
// questions it repeats from them: a question asked in an earlier file (by path, then position)
// is reported at its first occurrence in each later file, naming the first ("same question as
// notes/b.md:12"), and a question nearly the same as one of an earlier file as
// structure.similar-question ("nearly the same question as notes/b.md:12"). A repeat within
// one file is the rules' own finding, so it is not reported again here; nor is a question
// where a suppression comment turns the rule off.
//
// What it keeps is small and holds nothing of a file once checked, so that a run can drop
// each file's text and findings as soon as they are printed: per distinct question, a hash of
// its key, where it was first asked (a file number and a line) and its key once (for the
// check when a hash hits, and for comparing near repeats), and per file its path.
class AskedQuestions {
 public:
  // Adds to `file`'s diagnostics (kept sorted) what it repeats of the files checked before
  // it, then remembers its questions. Files are to come in path order, as reports list them.
  void check(const RunFile& file);

 private:
  static constexpr uint32_t none = UINT32_MAX;
  struct Asked {
    uint32_t file;
    uint32_t line;  // 1-based
    uint32_t key_begin;  // of its key in keys_
    uint32_t key_size;
    uint32_t same_hash = none;  // the next question whose key has the same hash
  };
  std::string_view key_of(const Asked& a) const { return {keys_.data() + a.key_begin, a.key_size}; }
  // The question whose key is `key`, or `none`.
  uint32_t find(uint64_t hash, std::string_view key) const;
  uint32_t add(uint64_t hash, std::string_view key, uint32_t file, uint32_t line);
  std::string where(const Asked& a) const;

  std::vector<std::string> paths_;  // of the files checked, by file number
  std::vector<Asked> asked_;
  std::string keys_;  // the keys of asked_, one after the other
  std::unordered_map<uint64_t, uint32_t> by_hash_;  // a key's hash -> its first question
  // A similarity bucket's hash -> the questions in it, earlier files' first.
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_bucket_;
};

// The same for files in any order: they are checked in path order.
void report_duplicates_across_files(std::vector<RunFile> files);

}  // namespace qadeck::structure
