#include "core/lint_runner.h"

#include <atomic>
#include <thread>

#include "core/atomic_write.h"
#include "core/mapped_file.h"

namespace qadeck {
namespace {

bool has_safe_fix(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    if (d.fix && d.fix->applicability == Applicability::safe) return true;
  }
  return false;
}

FileOutcome lint_file(const FileJob& job, const LintRunOptions& options) {
  const std::string& path = job.path;
  std::string text;
  if (auto error = read_file(path, text)) {
    FileOutcome outcome;
    outcome.path = path;
    outcome.error = *error;
    return outcome;
  }
  if (options.cache) {
    auto cached = options.cache->load(path, job.settings_key, text);
    // With --fix, a pending safe fix means the file changes: lint it for real.
    if (cached && !(options.fix && has_safe_fix(*cached))) {
      FileOutcome outcome;
      outcome.path = path;
      outcome.source = std::make_unique<SourceFile>(path, std::move(text));
      outcome.diagnostics = std::move(*cached);
      return outcome;
    }
  }
  const std::string original = options.fix ? text : std::string();
  FileOutcome outcome = lint_text(*job.linter, path, std::move(text), options);
  if (outcome.error) return outcome;
  if (options.fix && outcome.source->text() != original) {
    if (auto error = write_file_atomically(path, outcome.source->text())) {
      outcome.error = *error;
      return outcome;
    }
  }
  if (options.cache) {
    options.cache->store(path, job.settings_key, outcome.source->text(), outcome.diagnostics);
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
  for (const std::string& p : paths) jobs.push_back({p, &linter, options.extract, {}});
  return lint_files(jobs, options);
}

namespace {

// Calls task(i) for i in [0, count) on up to `jobs` threads (0: one per core); the first
// exception a task throws is rethrown once all threads stopped.
template <typename Task>
void run_parallel(size_t count, unsigned jobs, const Task& task) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, static_cast<unsigned>(std::max<size_t>(count, 1)));
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  const auto work = [&] {
    for (size_t i = next++; i < count && !failed; i = next++) {
      try {
        task(i);
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
}

}  // namespace

std::vector<FileOutcome> lint_files(const std::vector<FileJob>& file_jobs,
                                    const LintRunOptions& options) {
  std::vector<FileOutcome> outcomes(file_jobs.size());
  run_parallel(file_jobs.size(), options.jobs, [&](size_t i) {
    LintRunOptions file_options = options;
    file_options.extract = file_jobs[i].extract;
    outcomes[i] = lint_file(file_jobs[i], file_options);
  });
  return outcomes;
}

std::vector<std::optional<Hash128>> hash_files(const std::vector<std::string>& paths,
                                               unsigned jobs) {
  std::vector<std::optional<Hash128>> hashes(paths.size());
  run_parallel(paths.size(), jobs, [&](size_t i) {
    const MappedFile file(paths[i].c_str());
    if (file.ok()) hashes[i] = hash_bytes(file.bytes());
  });
  return hashes;
}

}  // namespace qadeck
