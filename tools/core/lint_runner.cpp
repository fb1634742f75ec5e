#include "core/lint_runner.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "core/atomic_write.h"

namespace qadeck {
namespace {

bool has_fix(const std::vector<Diagnostic>& diagnostics, Applicability level) {
  for (const Diagnostic& d : diagnostics) {
    if (d.fix && applies_at(*d.fix, level)) return true;
  }
  return false;
}

// Where a fix of `path` would be written, when that is outside every linted path.
std::optional<std::string> outside_linted_paths(const std::string& path,
                                                const std::vector<std::string>& within) {
  if (within.empty()) return std::nullopt;
  std::error_code ec;
  const std::filesystem::path real = std::filesystem::weakly_canonical(path, ec);
  if (ec) return path;
  const bool inside = std::any_of(within.begin(), within.end(), [&](const std::string& root) {
    const std::filesystem::path rel = real.lexically_relative(root);
    return !rel.empty() && *rel.begin() != "..";
  });
  return inside ? std::nullopt : std::optional<std::string>(real.string());
}

FileOutcome lint_file(const FileJob& job, const LintRunOptions& options) {
  const std::string& path = job.path;
  std::string text;
  FileStamp stamp;
  // External link findings come from the network (and the link cache), never this cache.
  const LintCache* cache = job.extract.external_links ? nullptr : options.cache;
  const bool stamped = options.fix || cache;
  if (auto error = stamped ? read_file(path, text, stamp) : read_file(path, text)) {
    FileOutcome outcome;
    outcome.path = path;
    outcome.error = *error;
    return outcome;
  }
  if (cache) {
    auto cached = cache->load(path, job.settings_key, text);
    // With --fix, a pending fix means the file may change: lint it for real.
    if (cached && !(options.fix && has_fix(cached->diagnostics, options.fix_level))) {
      FileOutcome outcome;
      outcome.path = path;
      outcome.source = std::make_unique<SourceFile>(path, std::move(text));
      outcome.diagnostics = std::move(cached->diagnostics);
      outcome.dependencies = std::move(cached->dependencies);
      outcome.questions = std::move(cached->questions);
      outcome.read_as = stamp;
      return outcome;
    }
  }
  FileOutcome outcome = lint_text(*job.linter, path, std::move(text), options);
  if (outcome.error) return outcome;
  if (stamped) outcome.read_as = stamp;
  if (outcome.original && options.write) {
    if (auto target = outside_linted_paths(path, options.fix_within)) {
      outcome.error = path + ": not fixed: it leads to " + *target +
                      ", outside the paths being linted (a symlink?)";
      return outcome;
    }
    if (auto error = replace_file_if_unchanged(path, outcome.source->text(), stamp)) {
      outcome.error = *error;
      return outcome;
    }
    if (cache) cache->forget_states();
  }
  // A text that was not written is not the file's: its findings are not the file's either.
  if (cache && !(outcome.original && !options.write)) {
    cache->store(path, job.settings_key, outcome.source->text(), outcome.diagnostics,
                 outcome.dependencies, outcome.questions);
  }
  return outcome;
}

}  // namespace

FileOutcome lint_text(const Linter& linter, const std::string& path, std::string text,
                      const LintRunOptions& options) {
  FileOutcome outcome;
  outcome.path = path;
  if (auto problem = check_no_nul(text)) {
    outcome.error = path + ": " + problem->message;
    return outcome;
  }
  std::vector<ByteRange> replaced;
  if (find_invalid_utf8(text) != std::string_view::npos) text = repair_utf8(text, replaced);
  try {
    if (options.fix && !replaced.empty()) {
      outcome.not_fixed = path + ": not fixed: it holds bytes that are not UTF-8 "
                                 "(structure.encoding); correct them, then fix again";
    }
    if (options.fix && replaced.empty()) {
      std::function<void(const Document&)> keep_questions;
      if (options.question_keys) {
        keep_questions = [&](const Document& doc) {
          outcome.questions = options.question_keys(linter, doc);
        };
      }
      Linter::FixResult fixed =
          linter.fix(path, text, options.extract, options.fix_level, keep_questions);
      outcome.fixes_applied = fixed.applied;
      outcome.fixes_by_rule = std::move(fixed.applied_by_rule);
      outcome.fixes_refused = fixed.refused;
      if (fixed.text != text) outcome.original = std::move(text);
      outcome.diagnostics = std::move(fixed.diagnostics);
      outcome.dependencies = std::move(fixed.dependencies);
      outcome.source = std::make_unique<SourceFile>(path, std::move(fixed.text));
    } else {
      outcome.source = std::make_unique<SourceFile>(path, std::move(text), std::move(replaced));
      const Document doc = build_document(*outcome.source, options.extract);
      outcome.diagnostics = linter.lint(doc);
      outcome.dependencies.assign(doc.dependencies().begin(), doc.dependencies().end());
      if (options.question_keys) outcome.questions = options.question_keys(linter, doc);
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

std::vector<FileOutcome> lint_files(const std::vector<FileJob>& file_jobs,
                                    const LintRunOptions& options) {
  std::vector<FileOutcome> outcomes(file_jobs.size());
  lint_files(file_jobs, options, [&](size_t i, FileOutcome& o) { outcomes[i] = std::move(o); });
  return outcomes;
}

void lint_files(const std::vector<FileJob>& file_jobs, const LintRunOptions& options,
                const std::function<void(size_t, FileOutcome&)>& consume) {
  const auto lint_job = [&](size_t i) {
    LintRunOptions file_options = options;
    file_options.extract = file_jobs[i].extract;
    return lint_file(file_jobs[i], file_options);
  };
  const size_t threads = std::min<size_t>(
      options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency()),
      std::max<size_t>(file_jobs.size(), 1));
  if (threads == 1) {
    for (size_t i = 0; i < file_jobs.size(); ++i) {
      FileOutcome outcome = lint_job(i);
      consume(i, outcome);
    }
    return;
  }
  // Workers take the jobs in order, at most `window` ahead of the one consumed: a file much
  // slower than the others holds up no more than that many finished outcomes.
  const size_t window = 2 * threads;
  std::mutex mutex;
  std::condition_variable changed;
  std::map<size_t, FileOutcome> done;
  size_t next = 0;      // the next job to take
  size_t consumed = 0;  // the next outcome to hand over
  bool stop = false;
  std::exception_ptr failure;
  const auto work = [&] {
    for (;;) {
      size_t i = 0;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] {
          return stop || next == file_jobs.size() || next < consumed + window;
        });
        if (stop || next == file_jobs.size()) return;
        i = next++;
      }
      try {
        FileOutcome outcome = lint_job(i);
        const std::lock_guard lock(mutex);
        done.emplace(i, std::move(outcome));
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (size_t t = 0; t < threads; ++t) workers.emplace_back(work);
  // Whatever ends the loop (a failure, an exception from `consume`), the workers stop first.
  const auto finish = [&] {
    {
      const std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    for (std::thread& t : workers) t.join();
  };
  try {
    while (consumed < file_jobs.size()) {
      FileOutcome outcome;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return failure || done.contains(consumed); });
        if (failure) break;
        auto node = done.extract(consumed);
        outcome = std::move(node.mapped());
      }
      consume(consumed, outcome);
      {
        const std::lock_guard lock(mutex);
        ++consumed;
      }
      changed.notify_all();
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace qadeck
