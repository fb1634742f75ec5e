#include "session/session.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "core/file_walker.h"
#include "core/git_changes.h"
#include "core/local_links.h"
#include "core/project_root.h"
#include "links/external_links.h"
#include "rules/registry.h"
#include "rules/structure/duplicate_question.h"
#include "session/link_check.h"
#include "session/settings_key.h"

namespace qadeck::session {
namespace {

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

}  // namespace

std::string cache_build_key() {
  std::string key = build_identity(QADECK_VERSION);
  for (const auto& r : builtin_rules()) key += " " + std::string(r->info().id);
  return key;
}

Session::Session(SessionOptions options)
    : options_(std::move(options)),
      configs_(options_.config, options_.warn),
      linters_(options_.select, options_.ignore) {
  if (options_.use_cache) {
    if (auto dir = LintCache::default_dir()) cache_.emplace(*dir, cache_build_key());
  }
}

Session::~Session() = default;

std::optional<FileJob> Session::job_for(const std::string& path, bool* external) {
  const Config* config = configs_.for_file(path);
  if (!config) return std::nullopt;
  const FileSettings settings = resolve_settings(*config, path);
  const LinkSettings::Check check = options_.links.value_or(config->links.check);
  SettingsKey key;
  FileJob job;
  job.path = path;
  job.linter = linters_.for_settings(settings, check == LinkSettings::Check::off, key);
  job.extract.style = options_.style ? options_.style : settings.style;
  job.extract.lang = settings.lang;
  job.extract.slug_style = slug_style_for(*config, path);
  job.extract.similarity_threshold = settings.similarity_threshold();
  job.extract.project_root = project_root(config, path);
  job.extract.math_macros = config->math.macros;
  set_extraction(key, job.extract);
  job.settings_key = key.hash().hex();
  if (external) *external = check == LinkSettings::Check::all;
  return job;
}

Plan Session::plan(const std::vector<std::string>& paths,
                   const std::optional<std::string>& changed_since) {
  Plan plan;
  const auto to_lint = paths_to_lint(paths, configs_);
  if (!to_lint) {
    plan.fatal = configs_.error();
    return plan;
  }
  plan.paths = *to_lint;
  // Each path walked alone, to tell which of them holds no Markdown.
  std::set<std::string> files;
  for (const std::string& p : *to_lint) {
    WalkResult walk = collect_markdown_files({p});
    if (walk.errors.empty() && walk.files.empty()) plan.without_markdown.push_back(p);
    files.insert(walk.files.begin(), walk.files.end());
    plan.errors.insert(plan.errors.end(), walk.errors.begin(), walk.errors.end());
    std::error_code ec;
    const std::filesystem::path real = std::filesystem::weakly_canonical(p, ec);
    plan.roots.push_back(ec ? p : real.string());
  }
  std::vector<std::string> walked(files.begin(), files.end());
  if (changed_since) {
    const GitChanges changes = qadeck::changed_since(*changed_since);
    if (changes.error) {
      plan.fatal = *changes.error;
      return plan;
    }
    walked = select_changed(walked, changes.files);
  }
  for (const std::string& file : walked) {
    bool external = false;
    auto job = job_for(file, &external);
    if (!job) {
      plan.fatal = configs_.error();
      return plan;
    }
    if (external) {
      plan.external_jobs.push_back(plan.jobs.size());
      if (!plan.network) plan.network = configs_.for_file(file)->links;
    }
    plan.jobs.push_back(std::move(*job));
  }
  return plan;
}

LintRunOptions Session::run_options(const FixRequest& fix) const {
  LintRunOptions options;
  options.fix = fix.fix;
  options.write = fix.write;
  options.fix_level = fix.level;
  options.jobs = options_.jobs;
  return options;
}

std::optional<LinkResults> Session::check_links(const std::vector<std::string>& urls,
                                                const LinkSettings& network,
                                                ExternalCheckStats& stats,
                                                std::string& error) const {
  return session::check_links(urls, network,
                              {options_.use_cache, options_.link_progress, options_.warn}, stats,
                              error);
}

ProjectOutcome Session::lint(Plan& plan, const FixRequest& fix) {
  ProjectOutcome outcome;
  static_cast<RunOutcome&>(outcome) =
      lint(plan, fix, [&](FileOutcome& o) { outcome.files.push_back(std::move(o)); });
  return outcome;
}

RunOutcome Session::lint(Plan& plan, const FixRequest& fix,
                         const std::function<void(FileOutcome&)>& each) {
  RunOutcome outcome;
  std::optional<LinkResults> link_results;
  if (plan.network) {
    std::vector<std::string> paths;
    for (const size_t i : plan.external_jobs) paths.push_back(plan.jobs[i].path);
    std::string error;
    link_results = check_links(collect_external_urls(paths, options_.jobs), *plan.network,
                               outcome.link_stats, error);
    if (!link_results) {
      outcome.fatal = "cannot check external links: " + error;
      return outcome;
    }
    for (const size_t i : plan.external_jobs) plan.jobs[i].extract.external_links = &*link_results;
  }
  LintRunOptions options = run_options(fix);
  options.cache = cache();
  options.fix_within = plan.roots;
  options.question_keys = structure::duplicate_question_keys;
  // A file's findings across files are final once the files before it (by path) are seen.
  const bool by_path = std::is_sorted(plan.jobs.begin(), plan.jobs.end(),
                                      [](const FileJob& a, const FileJob& b) { return a.path < b.path; });
  if (!by_path) throw std::logic_error("a plan's jobs are not in path order");
  structure::AskedQuestions asked;
  lint_files(plan.jobs, options, [&](size_t i, FileOutcome& o) {
    if (!o.error) asked.check({o.source.get(), plan.jobs[i].linter, &o.questions, &o.diagnostics});
    // Kept for the cross-file check only.
    o.questions = {};
    each(o);
  });
  // The link results live no longer than this call.
  for (const size_t i : plan.external_jobs) plan.jobs[i].extract.external_links = nullptr;
  return outcome;
}

TextOutcome Session::lint_text(const std::string& path, std::string text,
                               const TextRequest& request) {
  TextOutcome outcome;
  bool external = false;
  auto job = job_for(path, &external);
  if (!job) {
    outcome.fatal = configs_.error();
    return outcome;
  }
  std::optional<LinkResults> link_results;
  if (external && request.external_links == ExternalLinks::check) {
    std::string error;
    link_results = check_links(collect_external_urls(path, text), configs_.for_file(path)->links,
                               outcome.link_stats, error);
    if (!link_results) {
      outcome.fatal = "cannot check external links: " + error;
      return outcome;
    }
    job->extract.external_links = &*link_results;
  } else if (external && request.external_links == ExternalLinks::cached) {
    job->extract.external_links =
        &cached_links_.results(configs_.for_file(path)->links, options_.use_cache);
  }
  FixRequest fix = request.fix;
  fix.write = false;
  LintRunOptions options = run_options(fix);
  options.extract = job->extract;
  options.extract.memo = request.memo;
  outcome.file = qadeck::lint_text(*job->linter, path, std::move(text), options);
  return outcome;
}

}  // namespace qadeck::session
