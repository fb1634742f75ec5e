#include "rules/registry.h"

#include <algorithm>

#include "core/lint_memo.h"

namespace qadeck {
namespace {

// An image's alt text describes the picture (often in the language of its caption or source),
// it is not a line of prose.
void blank_image_alt(std::string& line) {
  for (size_t at = line.find("!["); at != std::string::npos; at = line.find("![", at)) {
    const size_t close = line.find(']', at + 2);
    if (close == std::string::npos) return;
    std::fill(line.begin() + static_cast<std::ptrdiff_t>(at),
              line.begin() + static_cast<std::ptrdiff_t>(close) + 1, ' ');
    at = close;
  }
}

class MixedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"language.mixed",
                               "a line in another language inside an item (a stray translation)",
                               Severity::warning, false, {Scope::prose}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    const LanguageProfile& langs = doc.languages();
    const std::string& lang = langs.document;
    if (lang == "und" || langs.bilingual) return;
    // Strays are told apart by script: CJK lines in an English document, English lines in a
    // CJK one.
    if (!is_cjk_language(lang) && lang != "en") return;
    for (size_t i = 0; i < doc.items.size(); ++i) {
      const Item& item = doc.items[i];
      // An answer wholly in another language is language.mismatch's finding, not this one's.
      if (langs.items[i].answer_foreign) continue;
      check_lines(doc, item.answer, lang, sink);
    }
  }

 private:
  static void check_lines(const Document& doc, ByteRange range, const std::string& lang,
                          DiagnosticSink& sink) {
    if (range.empty()) return;
    const std::string prose = doc.masked(range);
    const LineIndex& lines = doc.lines();
    for (size_t l = lines.line_of(range.begin); l <= lines.line_of(range.end - 1); ++l) {
      const size_t begin = std::max(lines.line_start(l), range.begin);
      const size_t end = std::min(lines.line_end(l), range.end);
      if (begin >= end) continue;
      const std::string_view text = trim(doc.text().substr(begin, end - begin));
      // A table row is cells, often of keywords or names, and a blockquote quotes its source
      // in the source's language: neither is a line of the answer's own prose.
      if (text.starts_with('|') || text.starts_with('>')) continue;
      std::string line(prose.data() + (begin - range.begin), end - begin);
      blank_image_alt(line);
      // Most lines are the same in the next pass of --fix, and in the next edit in an editor.
      const std::string found = remembered<std::string>(
          doc.memo, "language.mixed", lang + '\n' + line, [](std::string_view key) {
            const size_t cut = key.find('\n');
            return foreign_line_language(key.substr(cut + 1), std::string(key.substr(0, cut)));
          });
      if (found.empty()) continue;
      const size_t b = static_cast<size_t>(text.data() - doc.text().data());
      sink.report({b, b + text.size()},
                  "a line in " + language_name(found) + " inside an item of a document in " +
                      language_name(lang) + " (a stray translation?)");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_language_mixed_rule() { return std::make_unique<MixedRule>(); }

}  // namespace qadeck
