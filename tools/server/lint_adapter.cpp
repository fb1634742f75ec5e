#include "server/lint_adapter.h"

#include <ctime>
#include <filesystem>

#include "core/config.h"
#include "core/lint_runner.h"
#include "core/project_root.h"
#include "links/external_links.h"
#include "links/link_cache.h"
#include "qadeck/configuration.h"

namespace qadeck::server {

struct LintAdapter::State {
  cli::ConfigLookup configs{std::nullopt};
  cli::LinterCache linters{{}, {}};
};

namespace {

struct Job {
  const Linter* linter = nullptr;
  ExtractOptions extract;
  bool external = false;
  LinkSettings links;
};

std::optional<Job> job_for(LintAdapter::State& state, const std::string& path) {
  const Config* config = state.configs.for_file(path);
  if (!config) return std::nullopt;
  const FileSettings settings = resolve_settings(*config, path);
  Job job;
  std::string key;
  job.linter = state.linters.for_settings(settings, config->links.check == LinkSettings::Check::off, key);
  job.extract.style = settings.style;
  job.extract.lang = settings.lang;
  job.extract.slug_style = cli::slug_style_for(*config, path);
  job.extract.similarity_threshold = settings.similarity_threshold();
  job.extract.project_root = project_root(config, path);
  job.extract.math_macros = config->math.macros;
  job.external = config->links.check == LinkSettings::Check::all;
  job.links = config->links;
  return job;
}

// The link cache's answers for the text's external links; never the network's.
LinkResults cached_link_results(const std::string& path, const std::string& text,
                                const LinkSettings& settings) {
  LinkResults results;
  LinkCache cache(default_link_cache_path(), settings.cache_max_age_s,
                  static_cast<int64_t>(std::time(nullptr)));
  cache.load();
  for (const std::string& url : collect_external_urls(path, text)) {
    bool excluded = false;
    for (const std::string& glob : settings.exclude) excluded = excluded || glob_match(glob, url);
    if (excluded) continue;
    if (const FetchResult* found = cache.find(url)) results.set(url, judge(*found, settings.accept));
  }
  return results;
}

std::string absolute_normal(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path abs = std::filesystem::absolute(path, ec);
  return (ec ? std::filesystem::path(path) : abs).lexically_normal().string();
}

}  // namespace

LintAdapter::LintAdapter() : state_(std::make_unique<State>()) {}
LintAdapter::~LintAdapter() = default;

void LintAdapter::reload() { state_ = std::make_unique<State>(); }

std::optional<std::string> LintAdapter::config_error(const std::string& path) {
  if (state_->configs.for_file(path)) return std::nullopt;
  return state_->configs.error();
}

std::optional<ExtractOptions> LintAdapter::extract_options(const std::string& path) {
  auto job = job_for(*state_, path);
  if (!job) return std::nullopt;
  return job->extract;
}

DocumentLint LintAdapter::lint(const std::string& path, std::string text, bool external) {
  DocumentLint result;
  auto job = job_for(*state_, path);
  if (!job) {
    result.error = state_->configs.error();
    result.config_error = true;
    return result;
  }
  LinkResults links;
  if (external && job->external) {
    links = cached_link_results(path, text, job->links);
    job->extract.external_links = &links;
  }
  LintRunOptions options;
  options.extract = job->extract;
  FileOutcome outcome = lint_text(*job->linter, path, std::move(text), options);
  result.source = std::move(outcome.source);
  result.diagnostics = std::move(outcome.diagnostics);
  result.error = std::move(outcome.error);
  for (const std::string& d : outcome.dependencies) result.dependencies.push_back(absolute_normal(d));
  return result;
}

std::optional<std::string> LintAdapter::fix(const std::string& path, std::string text,
                                            Applicability level) {
  auto job = job_for(*state_, path);
  if (!job) return std::nullopt;
  LintRunOptions options;
  options.fix = true;
  options.fix_level = level;
  options.write = false;
  options.extract = job->extract;
  FileOutcome outcome = lint_text(*job->linter, path, std::move(text), options);
  if (outcome.error || outcome.not_fixed || !outcome.source) return std::nullopt;
  return std::string(outcome.source->text());
}

}  // namespace qadeck::server
