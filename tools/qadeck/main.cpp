// The qadeck command line: CLI11 parses into plain structs, the commands do the rest.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "core/interrupt_cleanup.h"
#include "core/lint_engine.h"
#include "core/text.h"
#include "qadeck/commands.h"
#include "qadeck/completion.h"
#include "qadeck/output.h"
#include "qadeck/version.h"
#include "session/configuration.h"

namespace qadeck::cli {
namespace {

// CLI11 reads an unknown first word as a missing subcommand; name the word instead, and the
// subcommand it is likely a typo of. False after printing the error.
bool check_subcommand(CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return true;
  const std::string_view word = argv[1];
  std::vector<std::string_view> names;
  // (Without a filter, CLI11 lists the subcommands parsed, not those defined.)
  for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  if (std::find(names.begin(), names.end(), word) != names.end()) return true;
  std::cerr << "qadeck: unknown command '" << word << "'";
  if (const auto near = closest_match(word, names)) {
    std::cerr << "; did you mean '" << *near << "'?";
  }
  std::cerr << " (see qadeck --help)\n";
  return false;
}

// What the lint command line cannot mean, beyond what CLI11 checks. False after printing it.
bool check_lint_args(const LintArgs& lint) {
  if (lint.stdin_input && !lint.paths.empty()) {
    std::cerr << "qadeck: --stdin lints standard input and takes no paths (got '"
              << lint.paths.front() << "'); --stdin-filename NAME names the text\n";
    return false;
  }
  // --select and --ignore take one value each, so a second name after one is a path; when it
  // is no file but a rule, say how to write what was likely meant.
  if (!lint.select.empty() || !lint.ignore.empty()) {
    const bool select = !lint.select.empty();
    const std::string option =
        select ? "--select " + lint.select.back() : "--ignore " + lint.ignore.back();
    std::error_code ec;
    for (const std::string& path : lint.paths) {
      if (session::is_known_rule(path) && !std::filesystem::exists(path, ec)) {
        std::cerr << "qadeck: note: '" << path << "' is read as a path, as --select and "
                  << "--ignore take one value each: write " << option << "," << path << " to "
                  << (select ? "select" : "ignore") << " it too\n";
      }
    }
  }
  return true;
}

// Options lint and inspect share: the question style and the configuration file.
void add_document_options(CLI::App& cmd, std::optional<std::string>& style,
                          std::optional<std::string>& config) {
  cmd.add_option("--style", style,
                 "Pin the question style: html-bold, bold, heading, list, details, qa, "
                 "admonition, paragraph")
      ->check(CLI::IsMember({"html-bold", "bold", "heading", "list", "details", "qa", "admonition",
                             "paragraph"}));
  cmd.add_option("--config", config,
                 "Use this configuration file instead of the nearest .qadeck.yml");
}

int run(int argc, char** argv) {
  CLI::App app{"qadeck: lint Markdown Q&A study material and export it to Anki, JSON and PDF"};
  app.set_version_flag("--version", version_text,
                       "Print the version, the libraries' and what of qadeck can run here");
  app.require_subcommand(1);

  LintArgs lint;
  std::string fail_on = "warning";
  std::string color = "auto";
  CLI::App* lint_cmd = app.add_subcommand("lint", "Lint Markdown files or folders");
  lint_cmd->add_option("paths", lint.paths, "Files or folders (default: content/)");
  lint_cmd->add_option("--format", lint.format, "Output format")
      ->check(CLI::IsMember({"human", "json", "sarif", "github"}));
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
  CLI::Option* fix_flag =
      lint_cmd->add_flag("--fix", lint.fix, "Apply safe fixes in place, then report what remains");
  lint_cmd->add_flag("--unsafe-fixes", lint.unsafe_fixes,
                     "With --fix or --diff, apply the unsafe fixes too");
  lint_cmd
      ->add_flag("--diff", lint.diff,
                 "Print the unified diff of what --fix would write, write nothing; exit 1 if "
                 "there is a change")
      ->excludes(fix_flag);
  lint_cmd->add_flag("--quiet,-q", lint.quiet, "Print diagnostics only");
  lint_cmd->add_option("--color", color, "Color the output")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  CLI::Option* stdin_flag = lint_cmd->add_flag(
      "--stdin", lint.stdin_input,
      "Lint standard input; with --fix, print the fixed text and report on standard error");
  lint_cmd->add_option("--stdin-filename", lint.stdin_filename,
                       "The name standard input is linted as (its config and overrides apply)");
  lint_cmd->add_option("--changed-since", lint.changed_since,
                       "Only files changed since this git revision, and files linking to them")
      ->excludes(stdin_flag);
  lint_cmd->add_option("--links", lint.links,
                       "Check links: off, local (files and anchors, offline) or all (external too)")
      ->check(CLI::IsMember({"off", "local", "all"}));
  lint_cmd->add_flag("--no-cache", lint.no_cache,
                     "Neither read nor write the lint and link caches (under $XDG_CACHE_HOME/qadeck)");
  lint_cmd->add_flag("--statistics", lint.statistics,
                     "Print how many findings each rule has instead of the findings");
  lint_cmd->add_flag("--show-fixes", lint.show_fixes,
                     "List the fixes applied (with --fix) or that --fix would apply");
  lint_cmd->add_flag("--exit-zero", lint.exit_zero, "Exit 0 even when there are findings");
  lint_cmd->add_option("--output-file,-o", lint.output_file, "Write the report to this file");
  lint_cmd->add_flag("--watch", lint.watch, "Lint again whenever a linted file changes")
      ->excludes(stdin_flag)
      ->excludes(fix_flag)
      ->excludes("--diff");
  add_document_options(*lint_cmd, lint.style, lint.config);

  InspectArgs inspect;
  CLI::App* inspect_cmd = app.add_subcommand("inspect", "Print the Q&A model of a file");
  inspect_cmd->add_option("file", inspect.path, "The Markdown file")->required();
  inspect_cmd->add_option("--format", inspect.format, "Output format")
      ->check(CLI::IsMember({"human", "json"}));
  add_document_options(*inspect_cmd, inspect.style, inspect.config);

  InitArgs init;
  CLI::App* init_cmd = app.add_subcommand("init", "Write a starter .qadeck.yml here");
  init_cmd->add_flag("--force", init.force, "Replace an existing .qadeck.yml");

  RulesArgs rules;
  CLI::App* rules_cmd = app.add_subcommand("rules", "List the rules, or explain one");
  rules_cmd->add_option("id", rules.id,
                        "A rule id (numbering.gap: its doc page) or a category (numbering: its "
                        "rules)");
  rules_cmd->add_option("--format", rules.format, "Output format")
      ->check(CLI::IsMember({"human", "json"}));

  ExportArgs export_args;
  CLI::App* export_cmd = app.add_subcommand(
      "export", "Lint, then export Q&A to an Anki deck (.apkg), JSON or a PDF (via pandoc)");
  export_cmd->add_option("format", export_args.format, "anki, json or pdf")
      ->required()
      ->check(CLI::IsMember({"anki", "json", "pdf"}));
  export_cmd->add_option("paths", export_args.paths, "Files or folders (default: content/)");
  export_cmd->add_option("--output,-o", export_args.output, "The file to write");
  export_cmd->add_flag("--force", export_args.force, "Export even when lint finds errors");
  export_cmd->add_flag("--keep-intermediate", export_args.keep_intermediate,
                       "pdf: keep the pandoc Markdown as OUT.pandoc.md");
  export_cmd->add_flag("--schema", export_args.schema, "json: print the JSON Schema and exit");
  export_cmd->add_option("--title", export_args.title, "The deck title (replaces the documents')");
  export_cmd->add_option("--jobs,-j", export_args.jobs, "Files linted at once (default: all cores)");
  export_cmd->add_flag("--quiet,-q", export_args.quiet, "Print errors only");
  export_cmd->add_flag("--locked", export_args.locked,
                       "anki: fail (exit 1) when the identity file would change");
  export_cmd->add_flag("--prune", export_args.prune,
                       "anki: send removed questions one last time, then forget them");
  add_document_options(*export_cmd, export_args.style, export_args.config);

  ExportArgs ids_args;
  ids_args.quiet = true;
  CLI::App* ids_cmd = app.add_subcommand(
      "ids", "Show how the identity file matches edited questions to their Anki notes");
  ids_cmd->add_option("paths", ids_args.paths, "Files or folders (default: content/)");
  ids_cmd->add_option("--jobs,-j", ids_args.jobs, "Files linted at once (default: all cores)");
  add_document_options(*ids_cmd, ids_args.style, ids_args.config);

  ServerArgs server;
  CLI::App* server_cmd = app.add_subcommand(
      "server", "Language Server Protocol over standard input and output, for editors");
  server_cmd->add_option("--debounce", server.debounce_ms,
                         "Milliseconds without a change before a document is linted (default 100)");

  std::string shell;
  CLI::App* completion_cmd =
      app.add_subcommand("completion", "Print the shell completions for bash, zsh or fish");
  completion_cmd->add_option("shell", shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));

  if (!check_subcommand(app, argc, argv)) return exit_error;
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
    if (!check_lint_args(lint)) return exit_error;
    lint.fail_on = *parse_severity(fail_on);
    lint.color = color == "always" ? ColorMode::always
                 : color == "never" ? ColorMode::never
                                    : ColorMode::auto_detect;
    return run_lint(lint);
  }
  if (*completion_cmd) {
    std::cout << completion_script(app, shell);
    finish_output();
    return exit_clean;
  }
  if (*inspect_cmd) return run_inspect(inspect);
  if (*init_cmd) return run_init(init);
  if (*export_cmd) return run_export(export_args);
  if (*ids_cmd) return run_ids(ids_args);
  if (*server_cmd) return run_server(server);
  return run_rules(rules);
}

}  // namespace
}  // namespace qadeck::cli

int main(int argc, char** argv) {
  qadeck::cli::prepare_output();
  qadeck::install_interrupt_cleanup();
  try {
    return qadeck::cli::run(argc, argv);
  } catch (const qadeck::InternalError& e) {
    std::cerr << "qadeck: internal error: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "qadeck: internal error: " << e.what() << "\n";
  }
  return qadeck::cli::exit_error;
}
