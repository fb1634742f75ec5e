#include "server/lint_adapter.h"

#include <ctime>
#include <filesystem>

#include "links/external_links.h"
#include "links/link_cache.h"
#include "session/session.h"

namespace qadeck::server {

struct LintAdapter::State {
  session::Session session{session::SessionOptions{}};
};

namespace {

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

DocumentLint document_lint(FileOutcome outcome) {
  DocumentLint result;
  result.source = std::move(outcome.source);
  result.diagnostics = std::move(outcome.diagnostics);
  result.error = std::move(outcome.error);
  for (const std::string& d : outcome.dependencies) result.dependencies.push_back(absolute_normal(d));
  return result;
}

DocumentLint config_failure(std::string error) {
  DocumentLint result;
  result.error = std::move(error);
  result.config_error = true;
  return result;
}

}  // namespace

LintAdapter::LintAdapter() : state_(std::make_unique<State>()) {}
LintAdapter::~LintAdapter() = default;

void LintAdapter::reload() { state_ = std::make_unique<State>(); }

std::optional<std::string> LintAdapter::config_error(const std::string& path) {
  if (state_->session.configs().for_file(path)) return std::nullopt;
  return state_->session.configs().error();
}

std::optional<ExtractOptions> LintAdapter::extract_options(const std::string& path) {
  auto job = state_->session.job_for(path);
  if (!job) return std::nullopt;
  return job->extract;
}

DocumentLint LintAdapter::lint(const std::string& path, std::string text, bool external,
                               LintMemo* memo) {
  session::Session& session = state_->session;
  if (external) {
    bool checked = false;
    auto job = session.job_for(path, &checked);
    if (!job) return config_failure(session.configs().error());
    // The session would ask the network for what the cache lacks; on save, the cache alone.
    if (checked) {
      const LinkResults links =
          cached_link_results(path, text, session.configs().for_file(path)->links);
      LintRunOptions options;
      options.extract = job->extract;
      options.extract.external_links = &links;
      options.extract.memo = memo;
      return document_lint(lint_text(*job->linter, path, std::move(text), options));
    }
  }
  session::TextRequest request;
  request.external_links = false;
  request.memo = memo;
  session::TextOutcome outcome = session.lint_text(path, std::move(text), request);
  if (outcome.fatal) return config_failure(*outcome.fatal);
  return document_lint(std::move(outcome.file));
}

std::optional<std::string> LintAdapter::fix(const std::string& path, std::string text,
                                            Applicability level) {
  session::TextRequest request;
  request.external_links = false;
  request.fix.fix = true;
  request.fix.level = level;
  session::TextOutcome outcome = state_->session.lint_text(path, std::move(text), request);
  const FileOutcome& file = outcome.file;
  if (outcome.fatal || file.error || file.not_fixed || !file.source) return std::nullopt;
  return std::string(file.source->text());
}

}  // namespace qadeck::server
