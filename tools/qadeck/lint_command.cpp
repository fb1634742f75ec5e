#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "core/file_walker.h"
#include "core/git_changes.h"
#include "core/lint_runner.h"
#include "links/external_links.h"
#include "qadeck/link_check.h"
#include "core/local_links.h"
#include "core/project_root.h"
#include "qadeck/commands.h"
#include "qadeck/output.h"
#include "qadeck/configuration.h"
#include "report/report.h"
#include "rules/registry.h"
#include "rules/structure/duplicate_question.h"

namespace qadeck::cli {
namespace {

bool use_color(ColorMode mode, int fd) {
  if (mode != ColorMode::auto_detect) return mode == ColorMode::always;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(fd) && !(no_color && *no_color) &&
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

// The lint cache's name for this build and its rules: entries of other builds are ignored.
std::string cache_build_key() {
  std::string key = build_identity(QADECK_VERSION);
  for (const auto& r : builtin_rules()) key += " " + std::string(r->info().id);
  return key;
}

std::string absolute_normal(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path abs = std::filesystem::absolute(path, ec);
  return (ec ? std::filesystem::path(path) : abs).lexically_normal().string();
}

// Of the walked files, those git reports as changed, and those whose links point into a
// changed file (their anchors and relative links may have broken with it); sorted.
std::vector<std::string> select_changed(const std::vector<std::string>& files,
                                        const std::vector<std::string>& changed) {
  std::vector<std::string> selected;
  std::vector<std::string> others;
  for (const std::string& f : files) {
    const bool hit = std::binary_search(changed.begin(), changed.end(), absolute_normal(f));
    (hit ? selected : others).push_back(f);
  }
  std::vector<std::string> linking = files_linking_into(others, changed);
  selected.insert(selected.end(), linking.begin(), linking.end());
  std::sort(selected.begin(), selected.end());
  return selected;
}

// What names a kind of run for the report cache: everything on the command line that shapes
// the report, and the folder it runs in.
Hash128 report_slot(const LintArgs& args, bool color) {
  Hasher h;
  std::error_code ec;
  h.add(std::filesystem::current_path(ec).string());
  h.add(args.format).add(color ? "color" : "plain").add(args.quiet ? "quiet" : "full");
  h.add(static_cast<uint64_t>(args.fail_on));
  for (const auto* list : {&args.paths, &args.select, &args.ignore}) {
    h.add(list->size());
    for (const std::string& item : *list) h.add(item);
  }
  h.add(args.style.value_or("")).add(args.config.value_or(""));
  h.add(args.changed_since.value_or("")).add(args.links.value_or(""));
  return h.finish();
}

// Everything a report is made from: the slot, and each file's path, settings and content.
// Nullopt when a file cannot be read (its error is no part of a replayable report).
std::optional<Hash128> report_inputs(const Hash128& slot, const std::vector<FileJob>& jobs,
                                     unsigned threads) {
  std::vector<std::string> paths;
  for (const FileJob& job : jobs) paths.push_back(job.path);
  const std::vector<std::optional<Hash128>> digests = hash_files(paths, threads);
  Hasher h;
  h.add(slot.low).add(slot.high).add(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (!digests[i]) return std::nullopt;
    h.add(jobs[i].path).add(jobs[i].settings_key).add(digests[i]->low).add(digests[i]->high);
  }
  return h.finish();
}

// --diff: what --fix would write, as a unified diff per changed file on standard output.
// Exit 1 when there is a change, so that CI and pre-commit can fail on it.
int print_diffs(const std::vector<FileOutcome>& outcomes, int status, bool quiet) {
  int fixes = 0;
  int files = 0;
  for (const FileOutcome& o : outcomes) {
    if (o.error) {
      std::cerr << "qadeck: " << *o.error << "\n";
      status = exit_error;
      continue;
    }
    if (!o.original) continue;
    write_unified_diff(std::cout, o.path, *o.original, o.source->text());
    fixes += o.fixes_applied;
    ++files;
  }
  if (!quiet && files > 0) {
    std::cerr << "qadeck: --fix would apply " << fixes << (fixes == 1 ? " fix" : " fixes") << " to "
              << files << (files == 1 ? " file" : " files") << "\n";
  }
  finish_output();
  if (status == exit_error) return exit_error;
  return files > 0 ? exit_findings : exit_clean;
}

}  // namespace

int run_lint(const LintArgs& args) {
  if (!check_selection(args)) return exit_error;
  ConfigLookup configs(args.config);
  LinterCache linters(args.select, args.ignore);
  if (args.unsafe_fixes && !args.fix && !args.diff) {
    std::cerr << "qadeck: --unsafe-fixes needs --fix or --diff\n";
    return exit_error;
  }
  LintRunOptions options;
  // --diff fixes as --fix would, in memory.
  options.fix = args.fix || args.diff;
  options.write = !args.diff;
  options.fix_level = args.unsafe_fixes ? Applicability::unsafe : Applicability::safe;
  options.jobs = args.jobs;
  // Standard input is never cached: an editor sends a new text on every keystroke.
  std::optional<LintCache> cache;
  if (!args.no_cache && !args.stdin_input) {
    if (auto dir = LintCache::default_dir()) cache.emplace(*dir, cache_build_key());
  }
  options.cache = cache ? &*cache : nullptr;

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
    FileJob job;
    job.path = path;
    job.linter = linters.for_settings(settings, check == LinkSettings::Check::off, job.settings_key);
    job.extract.style = args.style ? parse_question_style(*args.style) : settings.style;
    job.extract.lang = settings.lang;
    job.extract.slug_style = slug_style_for(*config, path);
    job.extract.similarity_threshold = settings.similarity_threshold();
    job.extract.project_root = project_root(config, path);
    job.settings_key += ";root=" + job.extract.project_root;
    job.settings_key += ";style=";
    job.settings_key += job.extract.style ? question_style_name(*job.extract.style) : "auto";
    job.settings_key += ";lang=" + job.extract.lang.value_or("auto");
    job.settings_key += ";slugs=";
    job.settings_key += job.extract.slug_style ? slug_style_name(*job.extract.slug_style) : "auto";
    job.settings_key += ";similar=" + std::to_string(job.extract.similarity_threshold);
    job.extract.math_macros = config->math.macros;
    for (const std::string& m : job.extract.math_macros) job.settings_key += ";macro=" + m;
    external = check == LinkSettings::Check::all;
    if (external && !network) network = config->links;
    return job;
  };
  std::optional<LinkResults> link_results;
  const LinkCheckRun link_run{!args.no_cache, args.quiet};

  int status = exit_clean;
  std::vector<FileOutcome> outcomes;
  // With --stdin --fix, standard output carries the fixed text, and the report goes to
  // standard error (as ruff does for editors).
  const bool fixed_text_out = args.stdin_input && args.fix;
  const bool color = use_color(args.color, fixed_text_out ? STDERR_FILENO : STDOUT_FILENO);
  // Set when this run's report may be stored for an unchanged re-run to replay.
  struct ReportKey {
    Hash128 slot;
    Hash128 inputs;
  };
  std::optional<ReportKey> report_key;
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
    stdin_options.extract = job->extract;
    const std::string input = fixed_text_out ? text : std::string();
    outcomes.push_back(lint_text(*job->linter, args.stdin_filename, std::move(text), stdin_options));
    const FileOutcome& out = outcomes.back();
    if (fixed_text_out && !out.error && !args.diff) {
      std::cout << (out.not_fixed ? input : out.source->text());
    }
  } else {
    const auto paths = paths_to_lint(args.paths, configs);
    if (!paths) return exit_error;
    WalkResult walk = collect_markdown_files(*paths);
    for (const std::string& p : *paths) {
      std::error_code ec;
      const std::filesystem::path real = std::filesystem::weakly_canonical(p, ec);
      options.fix_within.push_back(ec ? p : real.string());
    }
    for (const std::string& e : walk.errors) {
      std::cerr << "qadeck: " << e << "\n";
      status = exit_error;
    }
    if (args.changed_since) {
      const GitChanges changes = changed_since(*args.changed_since);
      if (changes.error) {
        std::cerr << "qadeck: " << *changes.error << "\n";
        return exit_error;
      }
      walk.files = select_changed(walk.files, changes.files);
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
    // An unchanged re-run prints what the same run printed last time: nothing is parsed,
    // and not even the diagnostics are formatted again. Not with external links, whose
    // answers are the link cache's to keep.
    if (cache && !network && !options.fix && status == exit_clean) {
      const Hash128 slot = report_slot(args, color);
      if (const auto inputs = report_inputs(slot, jobs, args.jobs)) {
        if (auto report = cache->load_report(slot, *inputs)) {
          std::cout << report->bytes;
          finish_output();
          return report->exit_code;
        }
        report_key = ReportKey{slot, *inputs};
      }
    }
    options.question_keys = structure::duplicate_question_keys;
    outcomes = lint_files(jobs, options);
    std::vector<structure::RunFile> run;
    for (size_t i = 0; i < outcomes.size(); ++i) {
      FileOutcome& o = outcomes[i];
      if (!o.error) run.push_back({o.source.get(), jobs[i].linter, &o.questions, &o.diagnostics});
    }
    structure::report_duplicates_across_files(std::move(run));
  }

  if (args.diff) return print_diffs(outcomes, status, args.quiet);

  std::vector<FileReport> reports;
  bool findings = false;
  int fixed = 0;
  int refused = 0;
  for (const FileOutcome& o : outcomes) {
    if (o.error) {
      std::cerr << "qadeck: " << *o.error << "\n";
      status = exit_error;
      continue;
    }
    if (o.not_fixed) std::cerr << "qadeck: " << *o.not_fixed << "\n";
    fixed += o.fixes_applied;
    refused += o.fixes_refused;
    reports.push_back({o.source.get(), &o.diagnostics});
    for (const Diagnostic& d : o.diagnostics) {
      findings = findings || static_cast<int>(d.severity) >= static_cast<int>(args.fail_on);
    }
  }
  // (With --stdin, standard error carries the report, which this would break.)
  if (args.fix && (fixed > 0 || refused > 0) && !args.quiet && !fixed_text_out) {
    std::cerr << "qadeck: applied " << fixed << (fixed == 1 ? " fix" : " fixes");
    if (refused > 0) std::cerr << ", refused " << refused << " that made a file worse";
    std::cerr << "\n";
  }
  // A report that may be replayed is kept in memory to be stored as well as printed.
  const bool keep_report = report_key && status == exit_clean;
  std::ostringstream kept;
  std::ostream& out = keep_report ? kept : fixed_text_out ? std::cerr : std::cout;
  if (args.format == "json") {
    write_json(out, reports);
  } else if (args.format == "sarif") {
    write_sarif(out, reports, sarif_rules());
  } else if (args.format == "github") {
    write_github(out, reports);
  } else {
    write_human(out, reports, {color, args.quiet});
  }
  const int code = status == exit_error ? exit_error : findings ? exit_findings : exit_clean;
  if (keep_report) {
    const std::string bytes = std::move(kept).str();
    std::cout << bytes;
    std::set<std::string> dependencies;
    for (const FileOutcome& o : outcomes) {
      dependencies.insert(o.dependencies.begin(), o.dependencies.end());
    }
    cache->store_report(report_key->slot, report_key->inputs, {code, bytes, nullptr},
                        {dependencies.begin(), dependencies.end()});
  }
  finish_output();
  return code;
}

}  // namespace qadeck::cli
