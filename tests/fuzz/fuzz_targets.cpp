#include "fuzz_targets.h"

#include <cstdlib>
#include <iostream>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

#include "core/config.h"
#include "core/lint_runner.h"
#include "export/anki_fields.h"
#include "export/deck_builder.h"
#include "export/html_sanitizer.h"
#include "export/pandoc_markdown.h"
#include "report/report.h"
#include "rules/math/tex_safety.h"
#include "rules/registry.h"

namespace qadeck::fuzz {
namespace {

// A stream that discards what it is given, without formatting costs beyond the writers' own.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

const Linter& all_rules() {
  static const Linter linter = [] {
    std::vector<ConfiguredRule> rules;
    for (const auto& r : builtin_rules()) rules.push_back({r.get(), Severity::error});
    return Linter(std::move(rules));
  }();
  return linter;
}

[[noreturn]] void bug(const std::string& what) {
  std::cerr << "fuzz target found a bug: " << what << "\n";
  std::abort();
}

bool known_rule(std::string_view pattern) {
  for (const auto& r : builtin_rules()) {
    if (selects_rule(pattern, r->info().id)) return true;
  }
  return false;
}

}  // namespace

void lint_one_input(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const Linter& linter = all_rules();
  try {
    const FileOutcome linted = lint_text(linter, "fuzz.md", text, {});
    if (linted.error) return;
    NullBuffer null_buffer;
    std::ostream null(&null_buffer);
    const std::vector<FileReport> reports{{linted.source.get(), &linted.diagnostics}};
    write_report(*human_writer(null, {}), reports);
    write_report(*json_writer(null), reports);
    write_report(*github_writer(null), reports);
    write_report(*sarif_writer(null, {}), reports);

    // Fixing must leave text that can still be linted (valid UTF-8, parseable), and every
    // pass's diagnostics are validated by the engine (an invalid span is an InternalError).
    LintRunOptions fix;
    fix.fix = true;
    const FileOutcome fixed = lint_text(linter, "fuzz.md", text, fix);
    if (fixed.error) bug("the text lints but does not fix: " + *fixed.error);
    if (fixed.fixes_applied > 0) {
      const FileOutcome relinted =
          lint_text(linter, "fuzz.md", std::string(fixed.source->text()), {});
      if (relinted.error) bug("the fixed text cannot be linted: " + *relinted.error);
    }
  } catch (const InternalError& e) {
    bug(std::string("internal error: ") + e.what());
  }
}

void load_one_config(const uint8_t* data, size_t size) {
  static const Config defaults = [] {
    Config c;
    if (load_config("rules/default.yml", default_config_text(), known_rule, Config{}, c)) {
      bug("the built-in configuration does not load");
    }
    return c;
  }();
  const std::string text(reinterpret_cast<const char*>(data), size);
  Config config;
  if (load_config("fuzz/.qadeck.yml", text, known_rule, defaults, config)) return;
  for (const char* path : {"fuzz/a.md", "fuzz/drafts/b.md", "elsewhere/c.md", "fuzz/zh/d.md"}) {
    const FileSettings settings = resolve_settings(config, path);
    for (const auto& r : builtin_rules()) {
      const Severity s = settings.severity(r->info().id, r->info().default_severity);
      if (static_cast<int>(s) < 0 || s > Severity::error) bug("a severity out of range");
    }
  }
}

void sanitize_one_input(const uint8_t* data, size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  const SanitizedHtml once = sanitize_html(html);
  const SanitizedHtml twice = sanitize_html(once.html);
  if (!twice.removed.empty()) {
    bug("sanitized HTML still holds " + twice.removed.front().reason + ": " + once.html);
  }
  const auto same = [](std::string_view src) -> std::optional<std::string> {
    return std::string(src);
  };
  if (rewrite_image_sources(once.html, same) != once.html) {
    bug("rewriting image sources to themselves changed " + once.html);
  }
  image_sources(once.html);
  anki_field_checksum(once.html);
  html_text(html);
}

void pandoc_one_input(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (check_source_text(text)) return;
  try {
    const SourceFile source("fuzz.md", std::move(text));
    const Document doc = build_document(source);
    DeckBuilder builder;
    builder.add(doc);
    const Deck deck = builder.finish();
    const std::string markdown = pandoc_markdown(deck);
    if (!markdown.starts_with("---\n")) bug("the intermediate has no YAML header");
    if (find_invalid_utf8(markdown) != std::string::npos) {
      bug("the intermediate is not valid UTF-8");
    }
    for (const Card& card : deck.cards) {
      for (const CardText* part : {&card.question, &card.answer}) {
        for (const MathSpan& m : part->math) {
          if (m.range.end > part->markdown.size() || m.body.begin < m.range.begin ||
              m.body.end > m.range.end) {
            bug("a card's math span lies outside its text");
          }
          // The refusal reads the same spans: computing it must be safe on any math.
          (void)math::unsafe_tex(part->markdown, m.body);
        }
      }
    }
  } catch (const InputError&) {
    // Nesting too deep for the grammar: lint reports it; there is no deck to build.
  }
}

}  // namespace qadeck::fuzz
