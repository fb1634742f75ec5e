// The subcommands, each taking a plain struct of its parsed arguments and returning the exit
// code. Nothing here or below knows CLI11: main.cpp fills the structs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace qadeck::cli {

// Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage/config/I-O/internal error.
inline constexpr int exit_clean = 0;
inline constexpr int exit_findings = 1;
inline constexpr int exit_error = 2;

enum class ColorMode { auto_detect, always, never };

struct LintArgs {
  std::vector<std::string> paths;
  std::string format = "human";
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  Severity fail_on = Severity::warning;
  unsigned jobs = 0;
  bool fix = false;
  bool unsafe_fixes = false;  // with --fix or --diff, apply the unsafe fixes too
  bool diff = false;          // print the diff of what --fix would write; write nothing
  bool quiet = false;
  ColorMode color = ColorMode::auto_detect;
  bool stdin_input = false;
  std::string stdin_filename = "<stdin>";
  bool no_cache = false;
  std::optional<std::string> changed_since;  // a git revision
  std::optional<std::string> style;
  std::optional<std::string> config;
  std::optional<std::string> links;  // off, local or all; the config's links.check when unset
  bool statistics = false;  // per-rule counts instead of the diagnostics
  bool show_fixes = false;  // list the fixes applied (--fix) or available
  bool exit_zero = false;   // findings do not make the exit code 1
  bool watch = false;       // re-lint whenever a linted file changes, until interrupted
  std::optional<std::string> output_file;  // the report goes there (written atomically)
};

struct InspectArgs {
  std::string path;
  std::string format = "human";
  std::optional<std::string> style;
  std::optional<std::string> config;
};

struct InitArgs {
  bool force = false;
};

struct RulesArgs {
  std::optional<std::string> id;
  std::string format = "human";
};

struct ExportArgs {
  std::string format;  // anki, json or pdf
  std::vector<std::string> paths;
  std::string output;
  bool force = false;               // export despite lint errors
  bool keep_intermediate = false;   // pdf: keep the pandoc Markdown beside the PDF
  bool schema = false;              // json: print the JSON Schema instead
  bool locked = false;              // anki: fail when the identity file would change
  bool prune = false;               // anki: forget removed notes after this export
  bool quiet = false;
  unsigned jobs = 0;
  std::optional<std::string> title;
  std::optional<std::string> style;
  std::optional<std::string> config;
};

int run_lint(const LintArgs& args);
int run_inspect(const InspectArgs& args);
int run_rules(const RulesArgs& args);
int run_init(const InitArgs& args);
int run_export(const ExportArgs& args);
// `qadeck ids`: how the identity file matches the cards (ExportArgs: paths, config, style, jobs).
int run_ids(const ExportArgs& args);

}  // namespace qadeck::cli
