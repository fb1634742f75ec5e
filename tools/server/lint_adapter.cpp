#include "server/lint_adapter.h"

#include <filesystem>

#include "session/session.h"

namespace qadeck::server {

struct LintAdapter::State {
  session::Session session{session::SessionOptions{}};
};

namespace {

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

DocumentLint LintAdapter::lint(const std::string& path, std::string text, LintMemo* memo) {
  session::TextRequest request;
  request.external_links = session::ExternalLinks::cached;
  request.memo = memo;
  session::TextOutcome outcome = state_->session.lint_text(path, std::move(text), request);
  if (outcome.fatal) return config_failure(*outcome.fatal);
  return document_lint(std::move(outcome.file));
}

std::optional<std::string> LintAdapter::fix(const std::string& path, std::string text,
                                            Applicability level) {
  session::TextRequest request;
  request.external_links = session::ExternalLinks::skip;  // no fix touches a link's finding
  request.fix.fix = true;
  request.fix.level = level;
  session::TextOutcome outcome = state_->session.lint_text(path, std::move(text), request);
  const FileOutcome& file = outcome.file;
  if (outcome.fatal || file.error || file.not_fixed || !file.source) return std::nullopt;
  return std::string(file.source->text());
}

}  // namespace qadeck::server
