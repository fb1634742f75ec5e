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
#include "export/card_identity.h"
#include "export/deck_builder.h"
#include "export/export_time.h"
#include "export/identity_file.h"
#include "export/json_exporter.h"
#include "export/pdf_exporter.h"
#include "links/anchors.h"
#include "qadeck/commands.h"
#include "qadeck/output.h"
#include "report/report.h"
#include "rules/math/tex_safety.h"
#include "rules/registry.h"
#include "rules/structure/duplicate_question.h"
#include "session/session.h"

namespace qadeck::cli {
namespace {

// One file linted, and its cards prepared from the same parse.
struct Outcome {
  std::unique_ptr<SourceFile> source;
  std::vector<Diagnostic> diagnostics;
  std::vector<QuestionRef> questions;  // compared across the files of the run
  std::optional<std::string> error;
  PreparedDocument cards;
};

// The ids `#fragment` links reach sections and heading questions by, for the PDF.
void add_anchors(const Document& doc, PreparedDocument& cards) {
  const std::map<size_t, std::string> ids = heading_ids(doc);
  const auto id_at = [&](size_t offset) {
    const auto it = ids.find(offset);
    return it == ids.end() ? std::string() : it->second;
  };
  for (size_t s = 0; s < doc.sections.size(); ++s) {
    cards.meta.sections[s].anchor = id_at(doc.sections[s].heading.begin);
  }
  for (size_t i = 0; i < doc.items.size(); ++i) cards.cards[i].anchor = id_at(doc.items[i].line.begin);
}

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
    out.questions = structure::duplicate_question_keys(*job.linter, doc);
    out.cards = prepare_document(doc, deck_options);
    add_anchors(doc, out.cards);
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

// The output path the user meant, or an error: `-` and /dev/stdout are standard output
// (JSON only), a name without an extension gets the format's, a missing folder is named.
std::optional<std::string> resolve_output(const ExportArgs& args, std::string& out,
                                          bool& to_stdout) {
  namespace fs = std::filesystem;
  to_stdout = args.output == "-" || args.output == "/dev/stdout";
  if (to_stdout) {
    if (args.format != "json") {
      return "-o " + args.output + " is for `qadeck export json`; an " + args.format +
             " export needs a file name";
    }
    return std::nullopt;
  }
  fs::path path(args.output);
  if (!path.has_filename() || path.filename() == "." || path.filename() == "..") {
    return args.output + ": not a file name";
  }
  if (!path.has_extension()) {
    path += args.format == "anki" ? ".apkg" : "." + args.format;
  }
  const fs::path folder = path.parent_path();
  std::error_code ec;
  if (!folder.empty() && !fs::is_directory(folder, ec)) {
    return "cannot write " + path.string() + ": the folder " + folder.string() +
           (fs::exists(folder, ec) ? " is not a folder" : " does not exist");
  }
  out = path.string();
  return std::nullopt;
}

std::string percent(double similarity) {
  return std::to_string(static_cast<int>(similarity * 100 + 0.5)) + "%";
}

// Lints the files and builds the deck; the identity file's place from the first file's
// configuration. An exit code when the run stops here.
std::optional<int> build_deck(const ExportArgs& args, Deck& deck, std::string& ids_path,
                              ExportSettings& settings) {
  session::SessionOptions session_options;
  session_options.config = args.config;
  if (args.style) session_options.style = parse_question_style(*args.style);
  session_options.use_cache = false;
  if (!args.quiet) session_options.warn = print_warning;
  session::Session session(std::move(session_options));
  session::ConfigLookup& configs = session.configs();
  const auto paths = session::paths_to_lint(args.paths, configs);
  if (!paths) {
    std::cerr << "qadeck: " << configs.error() << "\n";
    return exit_error;
  }
  const WalkResult walk = collect_markdown_files(*paths);
  for (const std::string& e : walk.errors) std::cerr << "qadeck: " << e << "\n";
  if (!walk.errors.empty()) return exit_error;
  std::vector<FileJob> jobs;
  std::vector<std::string> sources;
  for (const std::string& file : walk.files) {
    auto job = session.job_for(file);
    if (!job) {
      std::cerr << "qadeck: " << configs.error() << "\n";
      return exit_error;
    }
    const std::string& root = job->extract.project_root;
    if (jobs.empty()) {
      settings = configs.for_file(file)->exports;
      const std::filesystem::path ids(settings.ids);
      ids_path = settings.ids == "off" ? ""
                 : ids.is_absolute()   ? ids.string()
                                       : (std::filesystem::path(root) / ids).string();
    }
    sources.push_back(project_relative(root, file));
    jobs.push_back(std::move(*job));
  }
  if (jobs.empty()) {
    std::cerr << "qadeck: no Markdown files to export\n";
    return exit_error;
  }
  DeckOptions deck_options;
  deck_options.title = args.title;
  deck_options.base_url = settings.base_url;
  std::vector<Outcome> outcomes = lint_and_prepare(jobs, deck_options, args.jobs);
  std::vector<structure::RunFile> run;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    Outcome& o = outcomes[i];
    if (!o.error) run.push_back({o.source.get(), jobs[i].linter, &o.questions, &o.diagnostics});
  }
  structure::report_duplicates_across_files(std::move(run));

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
    write_report(*human_writer(std::cerr, {false, false}), reports);
  }
  if (summary.errors > 0 && !args.force) {
    std::cerr << "qadeck: not exporting: " << summary.errors
              << (summary.errors == 1 ? " error" : " errors")
              << " in the documents (fix them, or pass --force to export anyway)\n";
    return exit_findings;
  }

  DeckBuilder builder(deck_options);
  for (size_t i = 0; i < outcomes.size(); ++i) {
    // A file with no Q&A structure (a README among the notes) gives no cards, and says so.
    if (outcomes[i].cards.cards.empty() && !args.quiet) {
      std::cerr << "qadeck: warning: " << outcomes[i].source->path()
                << ": no questions found (structure.no-questions); nothing exported from it\n";
    }
    outcomes[i].cards.meta.source = sources[i];
    builder.add(std::move(outcomes[i].cards));
  }
  deck = builder.finish();
  if (!args.quiet) {
    for (const std::string& w : builder.warnings()) std::cerr << "qadeck: warning: " << w << "\n";
  }
  if (!builder.errors().empty()) {
    for (const std::string& e : builder.errors()) std::cerr << "qadeck: error: " << e << "\n";
    std::cerr << "qadeck: not exporting: cards share an id\n";
    return exit_findings;
  }
  return std::nullopt;
}

std::optional<int> read_identities(const std::string& path, IdentityFile& file,
                                   bool& exists) {
  if (path.empty()) return std::nullopt;
  if (auto e = read_identity_file(path, file, exists)) {
    std::cerr << "qadeck: " << *e << "\n";
    return exit_error;
  }
  return std::nullopt;
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
  if ((args.locked || args.prune) && args.format != "anki") {
    std::cerr << "qadeck: " << (args.locked ? "--locked" : "--prune")
              << " is for `qadeck export anki`\n";
    return exit_error;
  }
  std::string output;
  bool to_stdout = false;
  if (auto e = resolve_output(args, output, to_stdout)) {
    std::cerr << "qadeck: " << *e << "\n";
    return exit_error;
  }
  int64_t time = 0;
  if (auto e = export_time(time)) {
    std::cerr << "qadeck: " << *e << "\n";
    return exit_error;
  }

  Deck deck;
  std::string ids_path;
  ExportSettings settings;
  if (auto code = build_deck(args, deck, ids_path, settings)) return *code;
  if (args.locked && ids_path.empty()) {
    std::cerr << "qadeck: --locked needs the identity file, but export.ids is off\n";
    return exit_error;
  }
  IdentityFile ids;
  bool ids_exist = false;
  if (args.format != "pdf") {
    if (auto code = read_identities(ids_path, ids, ids_exist)) return *code;
  }
  const IdentityMatches matches = ids_path.empty() ? IdentityMatches{} : match_identities(deck, ids);

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
  size_t removed = 0;
  std::string ids_text;
  if (args.format == "anki") {
    AnkiNotes notes = anki_notes(deck);
    if (!ids_path.empty()) {
      const IdentityUpdateResult update = update_identities(
          ids, deck, matches, notes.notes, {time, settings.keep_removed, args.prune});
      removed = update.removed_sent;
      // An unchanged file is neither rewritten nor compared: it is most of the export's time.
      std::string old_text;
      if (update.changed || !ids_exist) {
        ids_text = identity_file_text(ids);
        if (ids_exist && read_file(ids_path, old_text)) old_text.clear();
      }
      if (args.locked && old_text != ids_text) {
        std::cerr << "qadeck: " << ids_path
                  << (ids_exist ? " would change" : " does not exist")
                  << " (--locked): run `qadeck ids` to see why, then export without --locked "
                     "and commit it\n";
        return exit_findings;
      }
      if (old_text == ids_text) ids_text.clear();
    }
    // With the identity file, the package's own times are its newest note's: an export that
    // changes nothing makes the same bytes at any time, from any checkout.
    int64_t package_time = time;
    if (!ids_path.empty() && !notes.notes.empty()) {
      package_time = 0;
      for (const AnkiNote& n : notes.notes) package_time = std::max(package_time, n.mod);
    }
    failure = export_anki(deck, notes, {package_time}, output);
    if (!failure && !ids_text.empty()) failure = write_file_atomically(ids_path, ids_text);
  } else if (args.format == "json") {
    if (to_stdout) {
      std::cout << cards_json(deck);
      finish_output();
    } else {
      failure = export_json(deck, output);
    }
  } else {
    PdfOptions pdf;
    if (args.keep_intermediate) {
      const std::filesystem::path out(output);
      pdf.keep_intermediate = (out.parent_path() / (out.stem().string() + ".pandoc.md")).string();
    }
    failure = export_pdf(deck, pdf, output);
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
              << (deck.cards.size() == 1 ? " card" : " cards") << " to "
              << (to_stdout ? "standard output" : output) << "\n";
    if (removed > 0) {
      std::cerr << "qadeck: " << removed << (removed == 1 ? " note was" : " notes were")
                << " removed from the source; in Anki search tag:" << removed_tag << "\n";
    }
    if (!ids_text.empty()) {
      std::cerr << "qadeck: " << (ids_exist ? "updated " : "wrote ") << ids_path
                << " (commit it with the content)\n";
    }
  }
  return exit_clean;
}

int run_ids(const ExportArgs& args) {
  Deck deck;
  std::string ids_path;
  ExportSettings settings;
  if (auto code = build_deck(args, deck, ids_path, settings)) return *code;
  if (ids_path.empty()) {
    std::cerr << "qadeck: export.ids is off: there is no identity file\n";
    return exit_error;
  }
  IdentityFile ids;
  bool exists = false;
  if (auto code = read_identities(ids_path, ids, exists)) return *code;
  const IdentityMatches matches = match_identities(deck, ids);
  std::cout << ids_path << (exists ? "" : " (does not exist yet)") << "\n";
  size_t same = 0;
  for (const IdentityMatch& m : matches.cards) {
    const Card& card = deck.cards[m.card];
    const std::string where = deck.documents[card.document].source + ":" +
                              std::to_string(card.line);
    const std::string id = card_key_hex(card.key);
    switch (m.kind) {
      case IdentityMatch::Kind::same:
        ++same;
        if (m.answer_similarity < 1) {
          std::cout << "  changed  " << id << "  " << where << ": same question, answer edited\n";
        }
        break;
      case IdentityMatch::Kind::explicit_id:
        if (!ids.entries.count(card.key)) {
          std::cout << "  new      " << id << "  " << where << ": qadeck-id '" << card.explicit_id
                    << "'\n";
        }
        break;
      case IdentityMatch::Kind::added:
        std::cout << "  new      " << id << "  " << where << ": no earlier note is similar\n";
        break;
      case IdentityMatch::Kind::renamed: {
        std::cout << "  renamed  " << id << "  " << where << ": question "
                  << percent(m.question_similarity) << " similar to \""
                  << ids.entries.at(card.key).question << "\", answer "
                  << (m.answer_similarity >= 1 ? std::string("unchanged")
                                               : percent(m.answer_similarity) + " similar")
                  << ", position " << m.old_position << " -> " << card.position << "\n";
        break;
      }
    }
  }
  for (const uint64_t key : matches.removed) {
    const IdentityEntry& e = ids.entries.at(key);
    const unsigned left = e.removed < settings.keep_removed ? settings.keep_removed - e.removed : 0;
    std::cout << "  removed  " << card_key_hex(key) << "  " << e.document << ": \"" << e.question
              << "\" (sent tagged " << removed_tag << " by the next " << left
              << (left == 1 ? " export" : " exports") << ")\n";
  }
  std::cout << same << " unchanged or answer-edited, " << deck.cards.size() << " cards, "
            << matches.removed.size() << " removed\n";
  finish_output();
  return exit_clean;
}

}  // namespace qadeck::cli
