#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <iostream>
#include <iterator>

#include "core/file_walker.h"
#include "core/lint_runner.h"
#include "links/external_links.h"
#include "qadeck/link_check.h"
#include "qadeck/commands.h"
#include "qadeck/output.h"
#include "qadeck/configuration.h"
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

// Unknown ids or prefixes in --select and --ignore are usage errors.
bool check_selection(const LintArgs& args) {
  for (const auto* list : {&args.select, &args.ignore}) {
    for (const std::string& pattern : *list) {
      if (!is_known_rule(pattern)) {
        std::cerr << "qadeck: unknown rule or category '" << pattern
                  << "' (see `qadeck rules`)\n";
        return false;
      }
    }
  }
  return true;
}

bool matches_any(const std::vector<std::string>& patterns, std::string_view id) {
  for (const std::string& p : patterns) {
    if (selects_rule(p, id)) return true;
  }
  return false;
}

// One Linter per distinct set of rule severities: files that share a configuration share it.
class LinterCache {
 public:
  explicit LinterCache(const LintArgs& args) : args_(args) {}

  // `links_off`: without the link rules (--links off, or links.check: off).
  const Linter* for_settings(const FileSettings& settings, bool links_off) {
    std::vector<ConfiguredRule> chosen;
    std::string key(1, links_off ? 'x' : '-');
    for (const auto& r : builtin_rules()) {
      const std::string_view id = r->info().id;
      if (!args_.select.empty() && !matches_any(args_.select, id)) continue;
      if (matches_any(args_.ignore, id)) continue;
      if (links_off && selects_rule("link", id)) continue;
      const Severity severity = settings.severity(id, r->info().default_severity);
      key += static_cast<char>('0' + static_cast<int>(severity));
      if (severity != Severity::off) chosen.push_back({r.get(), severity});
    }
    auto [it, added] = linters_.try_emplace(key);
    if (added) it->second = std::make_unique<Linter>(std::move(chosen));
    return it->second.get();
  }

 private:
  const LintArgs& args_;
  std::map<std::string, std::unique_ptr<Linter>> linters_;
};

// Where a rule's doc page is published: rules/<category>/<name>.md in the repository.
constexpr std::string_view rule_doc_base = "https://github.com/qadeck/qadeck/blob/main/rules/";

// The doc page's "**What it finds**: …" paragraph as one line, "Finds …", or "" if it has none.
std::string doc_description(std::string_view doc) {
  constexpr std::string_view marker = "**What it finds**:";
  const size_t at = doc.find(marker);
  if (at == std::string_view::npos) return "";
  std::string_view paragraph = doc.substr(at + marker.size());
  paragraph = trim(paragraph.substr(0, paragraph.find("\n\n")));
  if (paragraph.empty()) return "";
  std::string text = "Finds ";
  for (const char c : paragraph) text += c == '\n' ? ' ' : c;
  return text;
}

// What SARIF says about each built-in rule, copied from the registry and the doc pages.
std::vector<SarifRule> sarif_rules() {
  std::vector<SarifRule> list;
  for (const auto& r : builtin_rules()) {
    const RuleInfo& info = r->info();
    SarifRule rule;
    rule.id = info.id;
    rule.summary = info.summary;
    rule.default_severity = info.default_severity;
    rule.fixable = info.fixable;
    const size_t dot = info.id.find('.');
    rule.help_uri = std::string(rule_doc_base) + std::string(info.id.substr(0, dot)) + "/" +
                    std::string(info.id.substr(dot + 1)) + ".md";
    if (const auto doc = rule_doc(info.id)) {
      rule.help = *doc;
      rule.description = doc_description(*doc);
    }
    list.push_back(std::move(rule));
  }
  return list;
}

}  // namespace

int run_lint(const LintArgs& args) {
  if (!check_selection(args)) return exit_error;
  ConfigLookup configs(args.config);
  LinterCache linters(args);
  LintRunOptions options;
  options.fix = args.fix;
  options.jobs = args.jobs;

  // External links: checked for the files whose check is `all`, with the network settings of
  // the first of them (see core/config.h).
  std::optional<LinkSettings> network;
  const auto link_check_of = [&](const Config& config) {
    if (!args.links) return config.links.check;
    return *args.links == "off"   ? LinkSettings::Check::off
           : *args.links == "all" ? LinkSettings::Check::all
                                  : LinkSettings::Check::local;
  };

  // What one file's configuration makes of it; nothing after printing a config error.
  // `external`: whether its external links are to be checked.
  const auto job_for = [&](const std::string& path, bool& external) -> std::optional<FileJob> {
    const Config* config = configs.for_file(path);
    if (!config) {
      std::cerr << "qadeck: " << configs.error() << "\n";
      return std::nullopt;
    }
    const FileSettings settings = resolve_settings(*config, path);
    const LinkSettings::Check check = link_check_of(*config);
    FileJob job{path, linters.for_settings(settings, check == LinkSettings::Check::off), {}};
    job.extract.style = args.style ? parse_question_style(*args.style) : settings.style;
    job.extract.lang = settings.lang;
    job.extract.slug_style = config->links.slugs;
    external = check == LinkSettings::Check::all;
    if (external && !network) network = config->links;
    return job;
  };
  std::optional<LinkResults> link_results;
  const LinkCheckRun link_run{!args.no_cache, args.quiet};

  int status = exit_clean;
  std::vector<FileOutcome> outcomes;
  if (args.stdin_input) {
    bool external = false;
    auto job = job_for(args.stdin_filename, external);
    if (!job) return exit_error;
    std::string text(std::istreambuf_iterator<char>(std::cin), {});
    if (external) {
      link_results = check_links(collect_external_urls(args.stdin_filename, text), *network, link_run);
      if (!link_results) return exit_error;
      job->extract.external_links = &*link_results;
    }
    LintRunOptions stdin_options = options;
    stdin_options.fix = false;
    stdin_options.extract = job->extract;
    outcomes.push_back(lint_text(*job->linter, args.stdin_filename, std::move(text), stdin_options));
  } else {
    std::vector<std::string> paths = args.paths;
    if (paths.empty()) {
      const Config* config = configs.for_current_folder();
      if (!config) {
        std::cerr << "qadeck: " << configs.error() << "\n";
        return exit_error;
      }
      // Relative to the config file's folder, shown relative to the current one.
      std::error_code ec;
      const std::filesystem::path here = std::filesystem::current_path(ec);
      for (const std::string& p : config->paths) {
        const std::filesystem::path full = std::filesystem::path(config->dir) / p;
        paths.push_back(config->dir.empty() ? p : full.lexically_relative(here).string());
      }
    }
    WalkResult walk = collect_markdown_files(paths);
    for (const std::string& e : walk.errors) {
      std::cerr << "qadeck: " << e << "\n";
      status = exit_error;
    }
    std::vector<FileJob> jobs;
    std::vector<size_t> external_jobs;  // indices into `jobs`
    for (const std::string& file : walk.files) {
      bool external = false;
      auto job = job_for(file, external);
      if (!job) return exit_error;
      if (external) external_jobs.push_back(jobs.size());
      jobs.push_back(std::move(*job));
    }
    if (network) {
      std::vector<std::string> paths_to_check;
      for (const size_t i : external_jobs) paths_to_check.push_back(jobs[i].path);
      link_results =
          check_links(collect_external_urls(paths_to_check, args.jobs), *network, link_run);
      if (!link_results) return exit_error;
      for (const size_t i : external_jobs) jobs[i].extract.external_links = &*link_results;
    }
    outcomes = lint_files(jobs, options);
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
  } else if (args.format == "sarif") {
    write_sarif(std::cout, reports, sarif_rules());
  } else if (args.format == "github") {
    write_github(std::cout, reports);
  } else {
    write_human(std::cout, reports, {use_color(args.color), args.quiet});
  }
  finish_output();
  if (status == exit_error) return exit_error;
  return findings ? exit_findings : exit_clean;
}

}  // namespace qadeck::cli
