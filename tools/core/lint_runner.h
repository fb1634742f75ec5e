// Runs the Linter over many files, several at once, fixing in place when asked.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/lint_cache.h"
#include "core/lint_engine.h"

namespace qadeck {

struct LintRunOptions {
  bool fix = false;
  Applicability fix_level = Applicability::safe;  // which fixes --fix applies
  bool write = true;  // with `fix`, write fixed files in place (false: only report the change)
  unsigned jobs = 0;  // 0: one per core
  ExtractOptions extract;
  // Files whose entry is valid are not parsed (with --fix, unless a safe fix is pending);
  // what is linted is stored. Null: no cache.
  const LintCache* cache = nullptr;
  // With fix: the paths being linted (files and folders), absolute with symlinks resolved. A
  // fix is written only to a file inside one of them: a symlink in a linted folder that leads
  // out of it is an error naming both, and its target is left alone. Empty: no such limit.
  std::vector<std::string> fix_within;
  // The questions of a linted document that the run compares across files (kept in each
  // outcome and cache entry); null: none are kept.
  std::function<std::vector<QuestionRef>(const Linter&, const Document&)> question_keys;
};

struct FileOutcome {
  std::string path;
  std::unique_ptr<SourceFile> source;  // the text the diagnostics point into (after fixes)
  std::vector<Diagnostic> diagnostics;
  std::optional<std::string> error;  // the file could not be read, decoded or written
  // With a cache or `fix`: the file as it was read (a report stored for a re-run keeps it).
  std::optional<FileStamp> read_as;
  // With fix: why the file was linted but not fixed (bytes that are not UTF-8).
  std::optional<std::string> not_fixed;
  std::vector<std::string> dependencies;  // other files the diagnostics depend on
  std::vector<QuestionRef> questions;     // see LintRunOptions::question_keys
  int fixes_applied = 0;
  std::map<std::string, int> fixes_by_rule;  // fixes_applied per rule id
  int fixes_refused = 0;  // withheld because they made the file worse (see Linter::fix)
  // With `fix`, the text before fixing when the fixes changed it.
  std::optional<std::string> original;
};

// Lints one text already in memory (a file's or standard input's). Bytes that are not UTF-8
// are linted as U+FFFD (`source` then holds the repaired text) and reported by
// structure.encoding; such a text is never fixed, as a fix could change bytes qadeck did not
// understand.
FileOutcome lint_text(const Linter& linter, const std::string& path, std::string text,
                      const LintRunOptions& options);

// One file to lint, with the rules and extraction settings its configuration gives it.
struct FileJob {
  std::string path;
  const Linter* linter = nullptr;
  ExtractOptions extract;
  // Everything besides the text that decides the file's diagnostics (its rules, their
  // severities, the extraction settings): the lint cache's key.
  std::string settings_key;
};

// Reads, lints (and fixes) each file; outcomes are in the order of `jobs`. The options'
// `extract` is unused: each job has its own.
std::vector<FileOutcome> lint_files(const std::vector<FileJob>& jobs,
                                    const LintRunOptions& options);

// Lints (and fixes) the jobs, several at once, and hands each outcome to `consume` (with its
// job's index) on the calling thread, in the order of `jobs`: an outcome goes as soon as it
// and every one before it are done, and is dropped when `consume` returns. A few outcomes per
// thread are held at a time, however many files there are. An exception from a lint or from
// `consume` stops the run (the lints under way finish) and is rethrown.
void lint_files(const std::vector<FileJob>& jobs, const LintRunOptions& options,
                const std::function<void(size_t, FileOutcome&)>& consume);

// The same for files that share one Linter and options.
std::vector<FileOutcome> lint_files(const Linter& linter, const std::vector<std::string>& paths,
                                    const LintRunOptions& options);

}  // namespace qadeck
