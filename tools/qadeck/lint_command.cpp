#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <unordered_map>

#include "core/atomic_write.h"
#include "core/lint_runner.h"
#include "qadeck/file_watcher.h"
#include "qadeck/commands.h"
#include "qadeck/output.h"
#include "report/report.h"
#include "rules/registry.h"
#include "session/session.h"

namespace qadeck::cli {
namespace {

bool use_color(ColorMode mode, int fd) {
  if (mode != ColorMode::auto_detect) return mode == ColorMode::always;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(fd) && !(no_color && *no_color) &&
         !(term && std::string_view(term) == "dumb");
}

// Redraws one line on standard error at most ten times a second, and clears it when the
// check is done (before the report is printed).
class ProgressBar {
 public:
  void update(size_t done, size_t total) {
    if (done >= total) {
      clear();
      return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    constexpr size_t width = 30;
    const size_t filled = total ? done * width / total : width;
    std::cerr << "\rchecking links [" << std::string(filled, '#')
              << std::string(width - filled, '.') << "] " << done << "/" << total << std::flush;
    drawn_ = true;
  }
  ~ProgressBar() { clear(); }

 private:
  void clear() {
    if (drawn_) std::cerr << "\r\033[K" << std::flush;
    drawn_ = false;
  }

  std::chrono::steady_clock::time_point last_{};
  bool drawn_ = false;
};

// Unknown ids or prefixes in --select and --ignore are usage errors.
bool check_selection(const LintArgs& args) {
  for (const auto* list : {&args.select, &args.ignore}) {
    for (const std::string& pattern : *list) {
      if (!session::is_known_rule(pattern)) {
        std::cerr << "qadeck: unknown rule or category '" << pattern
                  << "' (see `qadeck rules`)\n";
        return false;
      }
    }
  }
  return true;
}

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
    rule.help_uri = rule_doc_url(info.id);
    if (const auto doc = rule_doc(info.id)) {
      rule.help = *doc;
      rule.description = doc_description(*doc);
    }
    list.push_back(std::move(rule));
  }
  return list;
}

// What names a kind of run for the report cache: everything on the command line that shapes
// the report, and the folder it runs in.
Hash128 report_slot(const LintArgs& args, bool color) {
  Hasher h;
  std::error_code ec;
  h.add(std::filesystem::current_path(ec).string());
  h.add(args.format).add(color ? "color" : "plain").add(args.quiet ? "quiet" : "full");
  h.add(args.statistics ? "statistics" : "findings").add(args.show_fixes ? "fixes" : "-");
  h.add(static_cast<uint64_t>(args.fail_on));
  for (const auto* list : {&args.paths, &args.select, &args.ignore}) {
    h.add(list->size());
    for (const std::string& item : *list) h.add(item);
  }
  h.add(args.style.value_or("")).add(args.config.value_or(""));
  h.add(args.changed_since.value_or("")).add(args.links.value_or(""));
  return h.finish();
}

// Everything a report is made from but the files' contents (which the report's stamps
// stand for): the slot, and each file's path and settings.
Hash128 report_inputs(const Hash128& slot, const std::vector<FileJob>& jobs) {
  Hasher h;
  h.add(slot.low).add(slot.high).add(jobs.size());
  for (const FileJob& job : jobs) h.add(job.path).add(job.settings_key);
  return h.finish();
}

// --diff: what --fix would write, as a unified diff per changed file on standard output,
// printed file by file. Exit 1 when there is a change, so that CI and pre-commit can fail on it.
class DiffPrinter {
 public:
  void add(const FileOutcome& o) {
    if (o.error) {
      std::cerr << "qadeck: " << *o.error << "\n";
      failed_ = true;
      return;
    }
    if (!o.original) return;
    write_unified_diff(std::cout, o.path, *o.original, o.source->text());
    finish_output();
    fixes_ += o.fixes_applied;
    ++files_;
  }

  int finish(int status, bool quiet) const {
    if (!quiet && files_ > 0) {
      std::cerr << "qadeck: --fix would apply " << fixes_ << (fixes_ == 1 ? " fix" : " fixes")
                << " to " << files_ << (files_ == 1 ? " file" : " files") << "\n";
    }
    finish_output();
    if (status == exit_error || failed_) return exit_error;
    return files_ > 0 ? exit_findings : exit_clean;
  }

 private:
  int fixes_ = 0;
  int files_ = 0;
  bool failed_ = false;
};

// Whether --show-fixes lists the fixes in the report itself; beside a machine-readable report,
// which stays one document, it goes to standard error.
bool fixes_in_report(const LintArgs& args) { return args.format == "human" || args.statistics; }

// Copies what is written to a stream into a string (the report --output-file writes whole)
// and to the report cache (what an unchanged re-run replays), while it is printed.
class TeeBuffer final : public std::streambuf {
 public:
  TeeBuffer(std::streambuf* target, std::string* whole, LintCache::ReportRecorder* recorder)
      : target_(target), whole_(whole), recorder_(recorder) {}

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char ch = traits_type::to_char_type(c);
    copy({&ch, 1});
    return target_ ? target_->sputc(ch) : c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    copy({s, static_cast<size_t>(n)});
    return target_ ? target_->sputn(s, n) : n;
  }
  int sync() override { return target_ ? target_->pubsync() : 0; }

 private:
  void copy(std::string_view bytes) {
    if (whole_) whole_->append(bytes);
    if (recorder_) recorder_->append(bytes);
  }

  std::streambuf* target_;  // null: only the copies
  std::string* whole_;      // null: none kept
  LintCache::ReportRecorder* recorder_;  // null: not cached
};

// The report of a run, as --format, --statistics and --show-fixes ask, written file by file
// as the outcomes come: to standard output (or standard error when standard output carries
// the fixed text), or to --output-file, written whole, atomically, at the end; and to
// `recorder`, unless it is null.
class Report {
 public:
  Report(const LintArgs& args, bool color, LintCache::ReportRecorder* recorder)
      : args_(args),
        to_file_(args.output_file.has_value()),
        console_(args.stdin_input && args.fix ? std::cerr : std::cout),
        recorder_(recorder),
        tee_(to_file_ ? nullptr : console_.rdbuf(), to_file_ ? &bytes_ : nullptr, recorder),
        out_(to_file_ || recorder ? &tee_ : console_.rdbuf()) {
    if (args.statistics) {
      writer_ = statistics_writer(out_, args.format == "json");
    } else if (args.format == "json") {
      writer_ = json_writer(out_);
    } else if (args.format == "sarif") {
      writer_ = sarif_writer(out_, sarif_rules());
    } else if (args.format == "github") {
      writer_ = github_writer(out_);
    } else {
      writer_ = human_writer(out_, {color, args.quiet});
    }
  }

  // Adds a file's part of the report: `written` is what the last report of this kind wrote
  // for it, if that is still what it would write (ReportWriter::add_written()). Returns where
  // the part is in what the recorder was given.
  LintCache::ReportFile add(const FileOutcome& o, std::optional<std::string_view> written) {
    const FileReport report{o.source.get(), &o.diagnostics};
    const std::string_view separator = writer_->separator();
    LintCache::ReportFile part;
    part.offset = recorder_ ? recorder_->size() : 0;
    if (written) {
      writer_->add_written(report, *written);
    } else {
      writer_->add(report);
    }
    part.size = recorder_ ? recorder_->size() - part.offset : 0;
    if (part.size > 0) {
      part.offset += separator.size();
      part.size -= separator.size();
    }
    if (args_.show_fixes) {
      FileFixes fixes = args_.fix ? FileFixes{o.path, o.fixes_by_rule} : available_fixes(report);
      if (!fixes.by_rule.empty()) fixes_.push_back(std::move(fixes));
    }
    // A reader that went away (`qadeck lint | head`) ends the run here.
    if (!to_file_) finish_output();
    return part;
  }

  // Writes the rest of the report; an error when --output-file cannot be written.
  std::optional<std::string> finish(bool failed) {
    writer_->finish(failed);
    if (args_.show_fixes) {
      write_fix_list(fixes_in_report(args_) ? out_ : std::cerr, fixes_, args_.fix);
    }
    out_.flush();
    if (to_file_) return write_file_atomically(*args_.output_file, bytes_);
    return std::nullopt;
  }

  const Summary& summary() const { return writer_->summary(); }

 private:
  const LintArgs& args_;
  bool to_file_;
  std::ostream& console_;
  std::string bytes_;  // with --output-file
  LintCache::ReportRecorder* recorder_;
  TeeBuffer tee_;
  std::ostream out_;
  std::unique_ptr<ReportWriter> writer_;
  std::vector<FileFixes> fixes_;
};

// Replays a stored report where the report goes (a replayed run never reads standard input).
std::optional<std::string> emit(const LintArgs& args, std::string_view report) {
  if (args.output_file) return write_file_atomically(*args.output_file, report);
  std::cout << report;
  return std::nullopt;
}

// A path without Markdown is a warning: it fails the run (exit 2) when --fail-on reaches
// warnings, as a mistyped path should.
bool empty_path_fails(const LintArgs& args, bool empty_path) {
  return empty_path && static_cast<int>(args.fail_on) <= static_cast<int>(Severity::warning);
}

// The exit code of a replayed or new report, with what ends a run besides it: 2 for a path
// that fails it, and 0 for findings with --exit-zero.
int final_code(const LintArgs& args, int code, bool empty_path) {
  if (empty_path_fails(args, empty_path)) return exit_error;
  return code == exit_findings && args.exit_zero ? exit_clean : code;
}

session::SessionOptions session_options(const LintArgs& args, ProgressBar& bar) {
  session::SessionOptions options;
  options.config = args.config;
  options.select = args.select;
  options.ignore = args.ignore;
  if (args.style) options.style = parse_question_style(*args.style);
  if (args.links) {
    options.links = *args.links == "off"   ? LinkSettings::Check::off
                    : *args.links == "all" ? LinkSettings::Check::all
                                           : LinkSettings::Check::local;
  }
  // Standard input is never cached: an editor sends a new text on every keystroke.
  options.use_cache = !args.no_cache && !args.stdin_input;
  options.jobs = args.jobs;
  if (!args.quiet) options.warn = print_warning;
  if (!args.quiet && isatty(STDERR_FILENO)) {
    options.link_progress = [&bar](size_t done, size_t total) { bar.update(done, total); };
  }
  return options;
}

// One run: lint, print, and the exit code. `paths` is set to the paths linted.
int lint_once(const LintArgs& args, session::Session& session,
              std::vector<std::string>* paths = nullptr) {
  // --diff fixes as --fix would, in memory.
  const session::FixRequest fix{args.fix || args.diff, !args.diff,
                                args.unsafe_fixes ? Applicability::unsafe : Applicability::safe};
  int status = exit_clean;
  bool empty_path = false;
  // With --stdin --fix, standard output carries the fixed text, and the report goes to
  // standard error (as ruff does for editors).
  const bool fixed_text_out = args.stdin_input && args.fix;
  const bool color = !args.output_file &&
                     use_color(args.color, fixed_text_out ? STDERR_FILENO : STDOUT_FILENO);
  // Set when this run's report may be stored for an unchanged re-run to replay.
  std::unique_ptr<LintCache::ReportRecorder> recorder;
  std::vector<LintCache::ReportFile> report_files;  // what it is made from
  bool storable = true;
  // The report the last such run stored, whose files' parts are written again where they
  // are still what this run would write; its files by path.
  std::optional<LintCache::Report> previous;
  std::unordered_map<std::string, size_t> previous_parts;
  const LintCache* cache = session.cache();
  std::optional<session::Plan> plan;
  if (!args.stdin_input) {
    plan = session.plan(args.paths, args.changed_since);
    if (paths) *paths = plan->paths;
    for (const std::string& e : plan->errors) {
      std::cerr << "qadeck: " << e << "\n";
      status = exit_error;
    }
    if (plan->fatal) {
      std::cerr << "qadeck: " << *plan->fatal << "\n";
      return exit_error;
    }
    for (const std::string& p : plan->without_markdown) {
      std::cerr << "qadeck: warning: no Markdown files (*.md, *.markdown) in " << p << "\n";
      empty_path = true;
    }
    // An unchanged re-run prints what the same run printed last time: nothing is parsed,
    // and not even the diagnostics are formatted again. Not with external links, whose
    // answers are the link cache's to keep, nor with a list of fixes beside the report.
    const bool replayable = !(args.show_fixes && !fixes_in_report(args));
    if (cache && !plan->network && !fix.fix && status == exit_clean && replayable) {
      const Hash128 slot = report_slot(args, color);
      const Hash128 inputs = report_inputs(slot, plan->jobs);
      previous = cache->load_report(slot, inputs);
      if (previous && previous->unchanged) {
        if (auto error = emit(args, previous->bytes)) {
          std::cerr << "qadeck: " << *error << "\n";
          return exit_error;
        }
        finish_output();
        return final_code(args, previous->exit_code, empty_path);
      }
      if (previous) {
        for (size_t i = 0; i < previous->files.size(); ++i) {
          previous_parts.emplace(previous->files[i].path, i);
        }
      }
      recorder = std::make_unique<LintCache::ReportRecorder>(*cache, slot, inputs);
    }
  }

  // Each file's outcome is printed as it comes, then dropped.
  std::optional<DiffPrinter> diffs;
  std::optional<Report> report;
  if (args.diff) {
    diffs.emplace();
  } else {
    report.emplace(args, color, recorder.get());
  }
  bool findings = false;
  int fixed = 0;
  int refused = 0;
  std::set<std::string> dependencies;  // of a report to store
  const auto print = [&](const FileOutcome& o) {
    if (diffs) {
      diffs->add(o);
      return;
    }
    if (o.error) {
      std::cerr << "qadeck: " << *o.error << "\n";
      status = exit_error;
      return;
    }
    if (o.not_fixed) std::cerr << "qadeck: " << *o.not_fixed << "\n";
    fixed += o.fixes_applied;
    refused += o.fixes_refused;
    for (const Diagnostic& d : o.diagnostics) {
      findings = findings || static_cast<int>(d.severity) >= static_cast<int>(args.fail_on);
    }
    Hash128 key;
    std::optional<std::string_view> written;
    if (recorder || previous) key = report_key({o.source.get(), &o.diagnostics});
    if (const auto it = previous_parts.find(o.path); it != previous_parts.end()) {
      const LintCache::ReportFile& before = previous->files[it->second];
      if (before.key == key) written = previous->bytes.substr(before.offset, before.size);
    }
    LintCache::ReportFile part = report->add(o, written);
    if (recorder) {
      dependencies.insert(o.dependencies.begin(), o.dependencies.end());
      // A file not known as it was read cannot be known unchanged: no report to store.
      if (o.read_as) {
        part.path = o.path;
        part.stamp = *o.read_as;
        part.key = key;
        report_files.push_back(std::move(part));
      } else {
        storable = false;
      }
    }
  };

  if (args.stdin_input) {
    std::string text(std::istreambuf_iterator<char>(std::cin), {});
    const std::string input = fixed_text_out ? text : std::string();
    session::TextOutcome result = session.lint_text(args.stdin_filename, std::move(text), {fix});
    if (result.fatal) {
      std::cerr << "qadeck: " << *result.fatal << "\n";
      return exit_error;
    }
    const FileOutcome& out = result.file;
    if (fixed_text_out && !out.error && !args.diff) {
      std::cout << (out.not_fixed ? input : out.source->text());
    }
    print(out);
  } else {
    const session::RunOutcome result =
        session.lint(*plan, fix, [&](FileOutcome& o) { print(o); });
    if (result.fatal) {
      std::cerr << "qadeck: " << *result.fatal << "\n";
      return exit_error;
    }
  }

  if (diffs) return final_code(args, diffs->finish(status, args.quiet), empty_path);

  // (With --stdin, standard error carries the report, which this would break.)
  if (args.fix && (fixed > 0 || refused > 0) && !args.quiet && !fixed_text_out) {
    std::cerr << "qadeck: applied " << fixed << (fixed == 1 ? " fix" : " fixes");
    if (refused > 0) std::cerr << ", refused " << refused << " that made a file worse";
    std::cerr << "\n";
  }
  if (auto error = report->finish(status == exit_error || empty_path_fails(args, empty_path))) {
    std::cerr << "qadeck: " << *error << "\n";
    return exit_error;
  }
  const int code = status == exit_error ? exit_error : findings ? exit_findings : exit_clean;
  // A report that may be replayed is stored as well as printed.
  if (recorder && storable && status == exit_clean) {
    recorder->commit(code, report_files, {dependencies.begin(), dependencies.end()});
  }
  finish_output();
  return final_code(args, code, empty_path);
}

// --watch: a run, then another each time a linted file changes, until SIGINT or SIGTERM
// (exit 130). The session lives across runs, so that its lint cache answers for the files
// that did not change; a changed configuration file starts a new one.
int watch(const LintArgs& args, ProgressBar& bar) {
  std::optional<session::Session> session;
  session.emplace(session_options(args, bar));
  std::vector<std::string> paths;
  lint_once(args, *session, &paths);
  if (paths.empty()) return exit_error;
  FileWatcher watcher(paths, args.config);
  if (watcher.error()) {
    std::cerr << "qadeck: " << *watcher.error() << "\n";
    return exit_error;
  }
  for (;;) {
    std::cerr << "qadeck: watching for changes (Ctrl-C to stop)\n";
    bool config_changed = false;
    if (watcher.wait(config_changed) == FileWatcher::Wake::interrupted) return 130;
    if (config_changed) session.emplace(session_options(args, bar));
    lint_once(args, *session);
  }
}

}  // namespace

int run_lint(const LintArgs& args) {
  if (!check_selection(args)) return exit_error;
  if (args.unsafe_fixes && !args.fix && !args.diff) {
    std::cerr << "qadeck: --unsafe-fixes needs --fix or --diff\n";
    return exit_error;
  }
  ProgressBar bar;
  if (args.watch) return watch(args, bar);
  session::Session session(session_options(args, bar));
  return lint_once(args, session);
}

}  // namespace qadeck::cli
