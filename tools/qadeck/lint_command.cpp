#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <iterator>

#include "core/file_walker.h"
#include "core/lint_runner.h"
#include "qadeck/commands.h"
#include "qadeck/output.h"
#include "qadeck/style_option.h"
#include "report/report.h"
#include "rules/registry.h"

namespace qadeck::cli {
namespace {

bool use_color(ColorMode mode) {
  if (mode != ColorMode::auto_detect) return mode == ColorMode::always;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
         !(term && std::string_view(term) == "dumb");
}

// The rules that --select and --ignore leave; an unknown id or prefix is a usage error.
std::optional<std::vector<ConfiguredRule>> select_rules(const LintArgs& args) {
  const auto& rules = builtin_rules();
  for (const auto* list : {&args.select, &args.ignore}) {
    for (const std::string& pattern : *list) {
      bool known = false;
      for (const auto& r : rules) known = known || selects_rule(pattern, r->info().id);
      if (!known) {
        std::cerr << "qadeck: unknown rule or category '" << pattern
                  << "' (see `qadeck rules`)\n";
        return std::nullopt;
      }
    }
  }
  std::vector<ConfiguredRule> chosen;
  for (const auto& r : rules) {
    const std::string_view id = r->info().id;
    const auto matches = [&](const std::vector<std::string>& patterns) {
      for (const std::string& p : patterns) {
        if (selects_rule(p, id)) return true;
      }
      return false;
    };
    if (!args.select.empty() && !matches(args.select)) continue;
    if (matches(args.ignore)) continue;
    if (r->info().default_severity == Severity::off) continue;
    chosen.push_back({r.get(), r->info().default_severity});
  }
  return chosen;
}

}  // namespace

int run_lint(const LintArgs& args) {
  auto rules = select_rules(args);
  if (!rules) return exit_error;
  LintRunOptions options;
  options.fix = args.fix;
  options.jobs = args.jobs;
  if (args.style) options.extract.style = parse_question_style(*args.style);
  const Linter linter(std::move(*rules));

  int status = exit_clean;
  std::vector<FileOutcome> outcomes;
  if (args.stdin_input) {
    std::string text(std::istreambuf_iterator<char>(std::cin), {});
    LintRunOptions stdin_options = options;
    stdin_options.fix = false;
    outcomes.push_back(lint_text(linter, args.stdin_filename, std::move(text), stdin_options));
  } else {
    const std::vector<std::string> paths =
        args.paths.empty() ? std::vector<std::string>{"content"} : args.paths;
    WalkResult walk = collect_markdown_files(paths);
    for (const std::string& e : walk.errors) {
      std::cerr << "qadeck: " << e << "\n";
      status = exit_error;
    }
    outcomes = lint_files(linter, walk.files, options);
  }

  std::vector<FileReport> reports;
  bool findings = false;
  int fixed = 0;
  for (const FileOutcome& o : outcomes) {
    if (o.error) {
      std::cerr << "qadeck: " << *o.error << "\n";
      status = exit_error;
      continue;
    }
    fixed += o.fixes_applied;
    reports.push_back({o.source.get(), &o.diagnostics});
    for (const Diagnostic& d : o.diagnostics) {
      findings = findings || static_cast<int>(d.severity) >= static_cast<int>(args.fail_on);
    }
  }
  if (args.fix && fixed > 0 && !args.quiet) {
    std::cerr << "qadeck: applied " << fixed << (fixed == 1 ? " fix" : " fixes") << "\n";
  }
  if (args.format == "json") {
    write_json(std::cout, reports);
  } else {
    write_human(std::cout, reports, {use_color(args.color), args.quiet});
  }
  finish_output();
  if (status == exit_error) return exit_error;
  return findings ? exit_findings : exit_clean;
}

}  // namespace qadeck::cli
