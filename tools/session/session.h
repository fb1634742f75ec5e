// One lint session: what every front end (the command line, an editor server) runs below its
// own input and output. It resolves the configuration of each file, builds the files' jobs,
// checks external links, keeps the lint cache, lints, and compares questions across files.
// It prints nothing: problems come back as messages ("path:line:col: message" where there is
// a place) for the front end to show.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/lint_cache.h"
#include "core/lint_runner.h"
#include "links/external_links.h"
#include "session/configuration.h"
#include "session/link_check.h"

namespace qadeck::session {

struct SessionOptions {
  std::optional<std::string> config;  // this file governs every file; unset: the nearest one
  std::vector<std::string> select;    // rule ids or categories; empty: all rules
  std::vector<std::string> ignore;
  std::optional<QuestionStyle> style;       // overrides the configuration's
  std::optional<LinkSettings::Check> links;  // overrides the configuration's links.check
  // The lint cache and the external link cache, where DESIGN.md puts them.
  bool use_cache = true;
  unsigned jobs = 0;  // 0: one per core
  // Called as the external link check goes (done, total); unset: nothing is reported.
  std::function<void(size_t, size_t)> link_progress;
  // Told each warning once, a line without a place: a configuration file ignored, the network
  // looking down. Unset: none is reported.
  std::function<void(const std::string&)> warn;
};

// Whether and how files are fixed.
struct FixRequest {
  bool fix = false;
  bool write = true;  // with `fix`, write the fixed files (false: only report the change)
  Applicability level = Applicability::safe;
};

// The files of a project run and their jobs, before anything is linted.
struct Plan {
  std::vector<FileJob> jobs;
  // Paths that could not be walked: the run goes on without them, but it failed.
  std::vector<std::string> errors;
  // The run stops here: a configuration that cannot be read, a git revision that is not one.
  std::optional<std::string> fatal;
  // Folders given (or configured) that hold no Markdown file: most likely a wrong path.
  std::vector<std::string> without_markdown;
  std::vector<std::string> paths;  // the linted paths, as given (or configured)
  std::vector<std::string> roots;  // the same, absolute with symlinks resolved
  std::vector<size_t> external_jobs;  // indices of the jobs whose external links are checked
  std::optional<LinkSettings> network;  // the first of those files' link settings
};

// What a project run gives besides its files' outcomes.
struct RunOutcome {
  std::optional<std::string> fatal;  // the external link check could not run
  ExternalCheckStats link_stats;     // of the external link check, when there was one
};

struct ProjectOutcome : RunOutcome {
  std::vector<FileOutcome> files;  // in the order of the plan's jobs
};

// What a text's external links are judged by, when its configuration says `links.check: all`.
enum class ExternalLinks {
  check,   // the link cache, then the network for what it lacks (as a project run)
  cached,  // the link cache alone: never the network, and a link it lacks is not reported
  skip,    // nothing: no link.broken or link.unreachable
};

struct TextRequest {
  FixRequest fix;  // `write` is ignored: a text from memory is never written anywhere
  ExternalLinks external_links = ExternalLinks::check;
  // An editor's memo of what the document's earlier lints computed (see LintMemo), or null.
  LintMemo* memo = nullptr;
};

struct TextOutcome {
  FileOutcome file;
  // The text could not be linted: its configuration cannot be read, or the link check
  // could not run.
  std::optional<std::string> fatal;
  ExternalCheckStats link_stats;  // of the external link check, when there was one
};

// One call at a time: the configurations and Linters it keeps are not guarded (a server
// calls it from one thread; the lint itself runs on many).
class Session {
 public:
  explicit Session(SessionOptions options);
  ~Session();

  // The files under `paths` (else the configuration's `paths`) and their jobs; with
  // `changed_since`, only those git reports as changed since that revision and those that
  // link into them.
  Plan plan(const std::vector<std::string>& paths,
            const std::optional<std::string>& changed_since = std::nullopt);
  // Checks the external links of the plan's files that ask for it, then lints (and fixes)
  // every file, then reports the questions repeated across them.
  ProjectOutcome lint(Plan& plan, const FixRequest& fix);
  // The same, handing each file's outcome to `each` as soon as it is final (with the
  // questions it repeats from the files before it), in the order of the plan's jobs, which is
  // by path; it is dropped when `each` returns. Nothing of a file is held past that but its
  // path and what AskedQuestions keeps of its questions.
  RunOutcome lint(Plan& plan, const FixRequest& fix,
                  const std::function<void(FileOutcome&)>& each);
  // One document whose text comes from the caller (an editor's buffer, standard input), not
  // from disk; `path` places it for the configuration and for its relative links. Not cached.
  TextOutcome lint_text(const std::string& path, std::string text, const TextRequest& request);

  // What one file's configuration makes of it; nullopt when the configuration cannot be read
  // (configs().error() says why). `external`: whether its external links are to be checked.
  std::optional<FileJob> job_for(const std::string& path, bool* external = nullptr);
  // The configurations, each loaded once. A changed configuration file needs a new Session.
  ConfigLookup& configs() { return configs_; }

  // The lint cache, or nullptr when there is none (caching off, or no cache folder).
  const LintCache* cache() const { return cache_ ? &*cache_ : nullptr; }

 private:
  std::optional<LinkResults> check_links(const std::vector<std::string>& urls,
                                         const LinkSettings& network, ExternalCheckStats& stats,
                                         std::string& error) const;
  LintRunOptions run_options(const FixRequest& fix) const;

  SessionOptions options_;
  ConfigLookup configs_;
  LinterCache linters_;
  std::optional<LintCache> cache_;
  CachedLinks cached_links_;
};

// The lint cache's name for this build and its rules: entries of other builds are ignored.
std::string cache_build_key();

}  // namespace qadeck::session
