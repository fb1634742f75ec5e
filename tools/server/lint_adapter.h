// The server's one door into the lint pipeline: a text the editor holds, linted as the file it
// stands for, under the configuration that governs that file (the nearest .qadeck.yml).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/qa_extractor.h"
#include "core/source_file.h"

namespace qadeck::server {

struct DocumentLint {
  std::unique_ptr<SourceFile> source;  // the text the diagnostics point into
  std::vector<Diagnostic> diagnostics;
  // Other files the findings depend on (link targets, present or not): absolute, normal.
  std::vector<std::string> dependencies;
  // The text cannot be linted (a NUL byte, nesting too deep), or its configuration is bad:
  // a message naming the file (the configuration's, "path:line:col: message", for the latter).
  std::optional<std::string> error;
  bool config_error = false;
};

class LintAdapter {
 public:
  LintAdapter();
  ~LintAdapter();
  LintAdapter(const LintAdapter&) = delete;
  LintAdapter& operator=(const LintAdapter&) = delete;

  // Under a configuration that checks external links, their findings come from the link
  // cache alone: the network is never asked, and a URL the cache does not hold is left
  // unchecked. With a memo, what its last texts computed is reused.
  DocumentLint lint(const std::string& path, std::string text, LintMemo* memo = nullptr);
  // The text with its fixes up to `level` applied, as `qadeck lint --fix` would write it;
  // nullopt when it cannot be fixed (see lint_text) or its configuration is bad.
  std::optional<std::string> fix(const std::string& path, std::string text, Applicability level);
  // How the file's questions are read (for the outline); nullopt on a configuration error.
  std::optional<ExtractOptions> extract_options(const std::string& path);
  // The error of the configuration that governs `path`, if it has one.
  std::optional<std::string> config_error(const std::string& path);
  // Forgets the configurations read so far (a .qadeck.yml changed).
  void reload();

  struct State;  // the configurations and linters loaded so far

 private:
  std::unique_ptr<State> state_;
};

}  // namespace qadeck::server
