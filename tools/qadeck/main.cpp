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

// What the command line parses into, one struct per subcommand.
struct Parsed {
  LintArgs lint;
  std::string fail_on = "warning";
  std::string color = "auto";
  InspectArgs inspect;
  InitArgs init;
  RulesArgs rules;
  ExportArgs export_args;
  ExportArgs ids = [] {
    ExportArgs args;
    args.quiet = true;
    return args;
  }();
  ServerArgs server;
  std::string shell;
};

void define_lint(CLI::App& cmd, Parsed& parsed) {
  LintArgs& lint = parsed.lint;
  cmd.add_option("paths", lint.paths, "Files or folders (default: content/)");
  cmd.add_option("--format", lint.format, "Output format")
      ->check(CLI::IsMember({"human", "json", "sarif", "github"}));
  // One value per occurrence (comma lists allowed), so paths after the option stay paths.
  cmd.add_option("--select", lint.select, "Only these rule ids or categories")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd.add_option("--ignore", lint.ignore, "Not these rule ids or categories")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd.add_option("--fail-on", parsed.fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  cmd.add_option("--jobs,-j", lint.jobs, "Files linted at once (default: all cores)");
  CLI::Option* fix_flag =
      cmd.add_flag("--fix", lint.fix, "Apply safe fixes in place, then report what remains");
  cmd.add_flag("--unsafe-fixes", lint.unsafe_fixes,
               "With --fix or --diff, apply the unsafe fixes too");
  cmd.add_flag("--diff", lint.diff,
               "Print the unified diff of what --fix would write, write nothing; exit 1 if "
               "there is a change")
      ->excludes(fix_flag);
  cmd.add_flag("--quiet,-q", lint.quiet, "Print diagnostics only");
  cmd.add_option("--color", parsed.color, "Color the output")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  CLI::Option* stdin_flag = cmd.add_flag(
      "--stdin", lint.stdin_input,
      "Lint standard input; with --fix, print the fixed text and report on standard error");
  cmd.add_option("--stdin-filename", lint.stdin_filename,
                 "The name standard input is linted as (its config and overrides apply)");
  cmd.add_option("--changed-since", lint.changed_since,
                 "Only files changed since this git revision, and files linking to them")
      ->excludes(stdin_flag);
  cmd.add_option("--links", lint.links,
                 "Check links: off, local (files and anchors, offline) or all (external too)")
      ->check(CLI::IsMember({"off", "local", "all"}));
  cmd.add_flag("--no-cache", lint.no_cache,
               "Neither read nor write the lint and link caches (under $XDG_CACHE_HOME/qadeck)");
  cmd.add_flag("--statistics", lint.statistics,
               "Print how many findings each rule has instead of the findings");
  cmd.add_flag("--show-fixes", lint.show_fixes,
               "List the fixes applied (with --fix) or that --fix would apply");
  cmd.add_flag("--exit-zero", lint.exit_zero, "Exit 0 even when there are findings");
  cmd.add_option("--output-file,-o", lint.output_file, "Write the report to this file");
  cmd.add_flag("--watch", lint.watch, "Lint again whenever a linted file changes")
      ->excludes(stdin_flag)
      ->excludes(fix_flag)
      ->excludes("--diff");
  add_document_options(cmd, lint.style, lint.config);
}

void define_inspect(CLI::App& cmd, Parsed& parsed) {
  InspectArgs& inspect = parsed.inspect;
  cmd.add_option("file", inspect.path, "The Markdown file")->required();
  cmd.add_option("--format", inspect.format, "Output format")
      ->check(CLI::IsMember({"human", "json"}));
  add_document_options(cmd, inspect.style, inspect.config);
}

void define_init(CLI::App& cmd, Parsed& parsed) {
  cmd.add_flag("--force", parsed.init.force, "Replace an existing .qadeck.yml");
}

void define_rules(CLI::App& cmd, Parsed& parsed) {
  cmd.add_option("id", parsed.rules.id,
                 "A rule id (numbering.gap: its doc page) or a category (numbering: its rules)");
  cmd.add_option("--format", parsed.rules.format, "Output format")
      ->check(CLI::IsMember({"human", "json"}));
}

void define_export(CLI::App& cmd, Parsed& parsed) {
  ExportArgs& args = parsed.export_args;
  cmd.add_option("format", args.format, "anki, json or pdf")
      ->required()
      ->check(CLI::IsMember({"anki", "json", "pdf"}));
  cmd.add_option("paths", args.paths, "Files or folders (default: content/)");
  cmd.add_option("--output,-o", args.output, "The file to write");
  cmd.add_flag("--force", args.force, "Export even when lint finds errors");
  cmd.add_flag("--keep-intermediate", args.keep_intermediate,
               "pdf: keep the pandoc Markdown as OUT.pandoc.md");
  cmd.add_flag("--schema", args.schema, "json: print the JSON Schema and exit");
  cmd.add_option("--title", args.title, "The deck title (replaces the documents')");
  cmd.add_option("--jobs,-j", args.jobs, "Files linted at once (default: all cores)");
  cmd.add_flag("--quiet,-q", args.quiet, "Print errors only");
  cmd.add_flag("--locked", args.locked, "anki: fail (exit 1) when the identity file would change");
  cmd.add_flag("--prune", args.prune, "anki: send removed questions one last time, then forget them");
  add_document_options(cmd, args.style, args.config);
}

void define_ids(CLI::App& cmd, Parsed& parsed) {
  ExportArgs& ids = parsed.ids;
  cmd.add_option("paths", ids.paths, "Files or folders (default: content/)");
  cmd.add_option("--jobs,-j", ids.jobs, "Files linted at once (default: all cores)");
  add_document_options(cmd, ids.style, ids.config);
}

void define_server(CLI::App& cmd, Parsed& parsed) {
  cmd.add_option("--debounce", parsed.server.debounce_ms,
                 "Milliseconds without a change before a document is linted (default 100)");
}

void define_completion(CLI::App& cmd, Parsed& parsed) {
  cmd.add_option("shell", parsed.shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
}

struct Subcommand {
  const char* name;
  const char* description;
  void (*define)(CLI::App&, Parsed&);  // adds its options and positionals
};

constexpr Subcommand subcommands[] = {
    {"lint", "Lint Markdown files or folders", define_lint},
    {"inspect", "Print the Q&A model of a file", define_inspect},
    {"init", "Write a starter .qadeck.yml here", define_init},
    {"rules", "List the rules, or explain one", define_rules},
    {"export", "Lint, then export Q&A to an Anki deck (.apkg), JSON or a PDF (via pandoc)",
     define_export},
    {"ids", "Show how the identity file matches edited questions to their Anki notes",
     define_ids},
    {"server", "Language Server Protocol over standard input and output, for editors",
     define_server},
    {"completion", "Print the shell completions for bash, zsh or fish", define_completion},
};

// The subcommand the command line names, as check_subcommand reads it: its first word, unless
// that is an option (then the program's own options decide, and every subcommand is defined).
std::string_view named_subcommand(int argc, char** argv) {
  return argc < 2 || argv[1][0] == '-' ? std::string_view() : std::string_view(argv[1]);
}

int run(int argc, char** argv) {
  CLI::App app{"qadeck: lint Markdown Q&A study material and export it to Anki, JSON and PDF"};
  app.set_version_flag("--version", version_text,
                       "Print the version, the libraries' and what of qadeck can run here");
  app.require_subcommand(1);

  // Only the subcommand that runs is defined, with its options: defining every option of every
  // subcommand in CLI11 was a third of the instructions of a lint served from the cache. The
  // program's help, a mistyped subcommand and `completion` (which describes them all) get
  // every subcommand, and only `completion` every option.
  Parsed parsed;
  const std::string_view named = named_subcommand(argc, argv);
  const auto known = std::find_if(std::begin(subcommands), std::end(subcommands),
                                  [&](const Subcommand& s) { return named == s.name; });
  const bool everything = known == std::end(subcommands) || named == "completion";
  for (const Subcommand& s : subcommands) {
    if (!everything && &s != known) continue;
    CLI::App* cmd = app.add_subcommand(s.name, s.description);
    if (named == "completion" || &s == known) s.define(*cmd, parsed);
  }

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

  const std::string_view command = app.get_subcommands().front()->get_name();
  if (command == "lint") {
    LintArgs& lint = parsed.lint;
    if (!check_lint_args(lint)) return exit_error;
    lint.fail_on = *parse_severity(parsed.fail_on);
    lint.color = parsed.color == "always" ? ColorMode::always
                 : parsed.color == "never" ? ColorMode::never
                                           : ColorMode::auto_detect;
    return run_lint(lint);
  }
  if (command == "completion") {
    std::cout << completion_script(app, parsed.shell);
    finish_output();
    return exit_clean;
  }
  if (command == "inspect") return run_inspect(parsed.inspect);
  if (command == "init") return run_init(parsed.init);
  if (command == "export") return run_export(parsed.export_args);
  if (command == "ids") return run_ids(parsed.ids);
  if (command == "server") return run_server(parsed.server);
  return run_rules(parsed.rules);
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
