// `qadeck export anki|json|pdf [PATH…] -o OUT`: lint first (errors stop the export unless
// --force), then build one Deck and hand it to the exporter.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "core/atomic_write.h"
#include "core/file_walker.h"
#include "core/lint_runner.h"
#include "core/parallel.h"
#include "core/project_root.h"
#include "export/anki_exporter.h"
#include "export/deck_builder.h"
#include "export/export_time.h"
#include "export/json_exporter.h"
#include "export/pdf_exporter.h"
#include "qadeck/commands.h"
#include "qadeck/configuration.h"
#include "qadeck/output.h"
#include "report/report.h"
#include "rules/math/tex_safety.h"
#include "rules/registry.h"

namespace qadeck::cli {
namespace {

// One file linted, and its cards prepared from the same parse.
struct Outcome {
  std::unique_ptr<SourceFile> source;
  std::vector<Diagnostic> diagnostics;
  std::optional<std::string> error;
  PreparedDocument cards;
};

// Math that math.unsafe-command reports, as "path:line: message": it never reaches TeX or a
// card, whatever --force says or the rule's severity is.
std::vector<std::string> unsafe_math(const Deck& deck) {
  std::vector<std::string> found;
  for (const Card& card : deck.cards) {
    const std::string& path = deck.documents[card.document].path;
    for (const auto& [text, line] : {std::pair{&card.question, card.line},
                                     std::pair{&card.answer, card.answer_line}}) {
      for (const MathSpan& m : text->math) {
        for (const math::UnsafeTex& u : math::unsafe_tex(text->markdown, m.body)) {
          const auto before = text->markdown.begin() + static_cast<ptrdiff_t>(u.range.begin);
          const size_t at = line + static_cast<size_t>(std::count(text->markdown.begin(), before, '\n'));
          found.push_back(path + ":" + std::to_string(at) + ": " + u.message +
                          " [math.unsafe-command]");
        }
      }
    }
  }
  return found;
}

Outcome lint_and_prepare(const FileJob& job, const DeckOptions& deck_options) {
  Outcome out;
  std::string text;
  if (auto e = read_file(job.path, text)) {
    out.error = *e;
    return out;
  }
  if (auto problem = check_source_text(text)) {
    out.error = job.path + ": " + problem->message;
    return out;
  }
  try {
    out.source = std::make_unique<SourceFile>(job.path, std::move(text));
    const Document doc = build_document(*out.source, job.extract);
    out.diagnostics = job.linter->lint(doc);
    out.cards = prepare_document(doc, deck_options);
  } catch (const InputError& e) {
    out.error = job.path + ": " + e.what();
  }
  return out;
}

// Lints and prepares every file, several at once; outcomes in the order of `jobs`.
std::vector<Outcome> lint_and_prepare(const std::vector<FileJob>& jobs,
                                      const DeckOptions& deck_options, unsigned threads) {
  std::vector<Outcome> outcomes(jobs.size());
  run_parallel(jobs.size(), threads,
               [&](size_t i) { outcomes[i] = lint_and_prepare(jobs[i], deck_options); });
  return outcomes;
}

}  // namespace

int run_export(const ExportArgs& args) {
  if (args.schema) {
    if (args.format != "json") {
      std::cerr << "qadeck: --schema is for `qadeck export json`\n";
      return exit_error;
    }
    std::cout << cards_json_schema();
    finish_output();
    return exit_clean;
  }
  if (args.output.empty()) {
    std::cerr << "qadeck: export needs an output file: -o OUT\n";
    return exit_error;
  }
  if (args.keep_intermediate && args.format != "pdf") {
    std::cerr << "qadeck: --keep-intermediate is for `qadeck export pdf`\n";
    return exit_error;
  }
  int64_t time = 0;
  if (auto e = export_time(time)) {
    std::cerr << "qadeck: " << *e << "\n";
    return exit_error;
  }

  ConfigLookup configs(args.config);
  LinterCache linters({}, {});
  const auto paths = paths_to_lint(args.paths, configs);
  if (!paths) return exit_error;
  const WalkResult walk = collect_markdown_files(*paths);
  for (const std::string& e : walk.errors) std::cerr << "qadeck: " << e << "\n";
  if (!walk.errors.empty()) return exit_error;
  std::vector<FileJob> jobs;
  for (const std::string& file : walk.files) {
    const Config* config = configs.for_file(file);
    if (!config) {
      std::cerr << "qadeck: " << configs.error() << "\n";
      return exit_error;
    }
    const FileSettings settings = resolve_settings(*config, file);
    FileJob job;
    job.path = file;
    job.linter = linters.for_settings(settings, config->links.check == LinkSettings::Check::off,
                                      job.settings_key);
    job.extract.slug_style = config->links.slugs;
    job.extract.project_root = project_root(config, file);
    job.extract.style = args.style ? parse_question_style(*args.style) : settings.style;
    job.extract.lang = settings.lang;
    jobs.push_back(std::move(job));
  }
  if (jobs.empty()) {
    std::cerr << "qadeck: no Markdown files to export\n";
    return exit_error;
  }
  DeckOptions deck_options;
  deck_options.title = args.title;
  std::vector<Outcome> outcomes = lint_and_prepare(jobs, deck_options, args.jobs);

  // Lint first: the findings go to standard error; errors stop the export unless forced.
  std::vector<FileReport> reports;
  bool unreadable = false;
  for (const Outcome& o : outcomes) {
    if (o.error) {
      std::cerr << "qadeck: " << *o.error << "\n";
      unreadable = true;
    } else {
      reports.push_back({o.source.get(), &o.diagnostics});
    }
  }
  if (unreadable) return exit_error;
  const Summary summary = summarize(reports);
  if (!args.quiet && summary.errors + summary.warnings + summary.infos > 0) {
    write_human(std::cerr, reports, {false, false});
  }
  if (summary.errors > 0 && !args.force) {
    std::cerr << "qadeck: not exporting: " << summary.errors
              << (summary.errors == 1 ? " error" : " errors")
              << " in the documents (fix them, or pass --force to export anyway)\n";
    return exit_findings;
  }

  DeckBuilder builder(deck_options);
  for (Outcome& o : outcomes) builder.add(std::move(o.cards));
  const Deck deck = builder.finish();
  if (!args.quiet) {
    for (const std::string& w : builder.warnings()) std::cerr << "qadeck: warning: " << w << "\n";
  }
  if (!builder.errors().empty()) {
    for (const std::string& e : builder.errors()) std::cerr << "qadeck: error: " << e << "\n";
    std::cerr << "qadeck: not exporting: cards share an id\n";
    return exit_findings;
  }
  if (const std::vector<std::string> unsafe = unsafe_math(deck); !unsafe.empty()) {
    for (const std::string& u : unsafe) std::cerr << "qadeck: error: " << u << "\n";
    std::cerr << "qadeck: not exporting: math that reads files, runs programs or puts HTML into "
                 "cards is refused, with --force too (see `qadeck rules math.unsafe-command`)\n";
    return exit_findings;
  }

  if (deck.cards.empty() && !args.quiet) {
    std::cerr << "qadeck: warning: no questions found; the export holds no cards\n";
  }

  std::optional<std::string> failure;
  if (args.format == "anki") {
    failure = export_anki(deck, {time}, args.output);
  } else if (args.format == "json") {
    failure = export_json(deck, args.output);
  } else {
    PdfOptions pdf;
    if (args.keep_intermediate) {
      const std::filesystem::path out(args.output);
      pdf.keep_intermediate = (out.parent_path() / (out.stem().string() + ".pandoc.md")).string();
    }
    failure = export_pdf(deck, pdf, args.output);
    if (!failure && !pdf.keep_intermediate.empty() && !args.quiet) {
      std::cerr << "qadeck: kept the pandoc intermediate in " << pdf.keep_intermediate << "\n";
    }
  }
  if (failure) {
    std::cerr << "qadeck: " << *failure << "\n";
    return exit_error;
  }
  if (!args.quiet) {
    std::cerr << "qadeck: wrote " << deck.cards.size()
              << (deck.cards.size() == 1 ? " card" : " cards") << " to " << args.output << "\n";
  }
  return exit_clean;
}

}  // namespace qadeck::cli
