// The qadeck command line: CLI11 parses into plain structs, the commands do the rest.
#include <CLI/CLI.hpp>

#include <iostream>

#include "core/lint_engine.h"
#include "qadeck/commands.h"
#include "qadeck/output.h"
#include "qadeck/style_option.h"

namespace qadeck::cli {
namespace {

constexpr const char* version = "0.1.0";

void add_style_option(CLI::App& cmd, std::optional<std::string>& style) {
  cmd.add_option("--style", style, std::string("Pin the question style: ") + style_names)
      ->check(CLI::IsMember({"html-bold", "bold", "heading", "list"}));
}

int run(int argc, char** argv) {
  CLI::App app{"qadeck: lint Markdown Q&A study material and export it to Anki, JSON and PDF"};
  app.set_version_flag("--version", version);
  app.require_subcommand(1);

  LintArgs lint;
  std::string fail_on = "warning";
  std::string color = "auto";
  CLI::App* lint_cmd = app.add_subcommand("lint", "Lint Markdown files or folders");
  lint_cmd->add_option("paths", lint.paths, "Files or folders (default: content/)");
  lint_cmd->add_option("--format", lint.format, "Output format")
      ->check(CLI::IsMember({"human", "json"}));
  // One value per occurrence (comma lists allowed), so paths after the option stay paths.
  lint_cmd->add_option("--select", lint.select, "Only these rule ids or categories")
      ->delimiter(',')
      ->allow_extra_args(false);
  lint_cmd->add_option("--ignore", lint.ignore, "Not these rule ids or categories")
      ->delimiter(',')
      ->allow_extra_args(false);
  lint_cmd->add_option("--fail-on", fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  lint_cmd->add_option("--jobs,-j", lint.jobs, "Files linted at once (default: all cores)");
  lint_cmd->add_flag("--fix", lint.fix, "Apply safe fixes in place, then report what remains");
  lint_cmd->add_flag("--quiet,-q", lint.quiet, "Print diagnostics only");
  lint_cmd->add_option("--color", color, "Color the output")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  lint_cmd->add_flag("--stdin", lint.stdin_input, "Lint standard input");
  lint_cmd->add_option("--stdin-filename", lint.stdin_filename,
                       "The name standard input is reported under");
  add_style_option(*lint_cmd, lint.style);

  InspectArgs inspect;
  CLI::App* inspect_cmd = app.add_subcommand("inspect", "Print the Q&A model of a file");
  inspect_cmd->add_option("file", inspect.path, "The Markdown file")->required();
  inspect_cmd->add_option("--format", inspect.format, "Output format")
      ->check(CLI::IsMember({"human", "json"}));
  add_style_option(*inspect_cmd, inspect.style);

  RulesArgs rules;
  CLI::App* rules_cmd = app.add_subcommand("rules", "List the rules, or explain one");
  rules_cmd->add_option("id", rules.id, "A rule id, e.g. numbering.gap");
  rules_cmd->add_option("--format", rules.format, "Output format")
      ->check(CLI::IsMember({"human", "json"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    app.exit(e);
    return exit_clean;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_error;
  }

  if (*lint_cmd) {
    lint.fail_on = *parse_severity(fail_on);
    lint.color = color == "always" ? ColorMode::always
                 : color == "never" ? ColorMode::never
                                    : ColorMode::auto_detect;
    return run_lint(lint);
  }
  if (*inspect_cmd) return run_inspect(inspect);
  return run_rules(rules);
}

}  // namespace
}  // namespace qadeck::cli

int main(int argc, char** argv) {
  qadeck::cli::prepare_output();
  try {
    return qadeck::cli::run(argc, argv);
  } catch (const qadeck::InternalError& e) {
    std::cerr << "qadeck: internal error: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "qadeck: internal error: " << e.what() << "\n";
  }
  return qadeck::cli::exit_error;
}
