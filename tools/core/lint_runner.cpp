#include "core/lint_runner.h"

#include <atomic>
#include <thread>

#include "core/atomic_write.h"

namespace qadeck {
namespace {

FileOutcome lint_file(const Linter& linter, const std::string& path,
                      const LintRunOptions& options) {
  std::string text;
  if (auto error = read_file(path, text)) {
    FileOutcome outcome;
    outcome.path = path;
    outcome.error = *error;
    return outcome;
  }
  const std::string original = options.fix ? text : std::string();
  FileOutcome outcome = lint_text(linter, path, std::move(text), options);
  if (options.fix && !outcome.error && outcome.source->text() != original) {
    if (auto error = write_file_atomically(path, outcome.source->text())) outcome.error = *error;
  }
  return outcome;
}

}  // namespace

FileOutcome lint_text(const Linter& linter, const std::string& path, std::string text,
                      const LintRunOptions& options) {
  FileOutcome outcome;
  outcome.path = path;
  if (auto problem = check_source_text(text)) {
    outcome.error = path + ": " + problem->message;
    return outcome;
  }
  try {
    if (options.fix) {
      Linter::FixResult fixed = linter.fix(path, std::move(text), options.extract);
      outcome.fixes_applied = fixed.applied;
      outcome.diagnostics = std::move(fixed.diagnostics);
      outcome.source = std::make_unique<SourceFile>(path, std::move(fixed.text));
    } else {
      outcome.source = std::make_unique<SourceFile>(path, std::move(text));
      outcome.diagnostics = linter.lint(build_document(*outcome.source, options.extract));
    }
  } catch (const InputError& e) {
    outcome.error = path + ": " + e.what();
    outcome.source.reset();
    outcome.diagnostics.clear();
  }
  return outcome;
}

std::vector<FileOutcome> lint_files(const Linter& linter, const std::vector<std::string>& paths,
                                    const LintRunOptions& options) {
  std::vector<FileJob> jobs;
  for (const std::string& p : paths) jobs.push_back({p, &linter, options.extract});
  return lint_files(jobs, options);
}

std::vector<FileOutcome> lint_files(const std::vector<FileJob>& file_jobs,
                                    const LintRunOptions& options) {
  const size_t count = file_jobs.size();
  std::vector<FileOutcome> outcomes(count);
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, static_cast<unsigned>(std::max<size_t>(count, 1)));
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  const auto work = [&] {
    for (size_t i = next++; i < count && !failed; i = next++) {
      try {
        LintRunOptions file_options = options;
        file_options.extract = file_jobs[i].extract;
        outcomes[i] = lint_file(*file_jobs[i].linter, file_jobs[i].path, file_options);
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
  return outcomes;
}

}  // namespace qadeck
