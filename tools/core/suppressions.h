// Suppression comments in a document, and the byte regions where they turn rules off:
//
//   <!-- qadeck-disable ID, … -->            from the end of the comment to the end of the file,
//                                            or to a qadeck-enable that turns the rule back on
//   <!-- qadeck-enable ID, … -->             ends (or narrows) the disabled regions it names
//   <!-- qadeck-disable-next-line ID, … -->  the line after the comment's last line
//
// An ID is a rule id or a category ("numbering" or "numbering." selects every numbering.*
// rule, as selects_rule() matches); no ID means every rule. Only the comments qadeck's own
// scanner finds are read (paragraphs, headings, tables and HTML blocks), never code.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/rule.h"

namespace qadeck {

enum class DirectiveKind {
  disable,
  disable_next_line,
  enable,
  unknown,  // a comment starting with "qadeck-" and another word ("qadeck-disable-line")
};

// One rule pattern a directive names.
struct DirectiveRule {
  std::string pattern;  // a rule id or category, a trailing '.' dropped; empty: every rule
  ByteRange range;      // where the pattern is written; for every rule, the directive's keyword
  // A disable's pattern suppressed at least one diagnostic (set by apply()); an enable's
  // pattern ended or narrowed at least one disabled region (set by find_suppressions()).
  bool used = false;
};

struct Directive {
  DirectiveKind kind = DirectiveKind::unknown;
  ByteRange comment;  // the whole <!-- … -->
  ByteRange keyword;  // "qadeck-…"
  // disable-next-line: the line after the comment's last line, line break included; none
  // when the comment is on the last line.
  std::optional<ByteRange> next_line;
  // Never empty: "every rule" is one entry with an empty pattern. Parsed for unknown
  // directives too, but never applied.
  std::vector<DirectiveRule> rules;
};

// Where one pattern of a disable (or disable-next-line) directive turns a rule off.
struct SuppressedRegion {
  size_t directive = 0;  // index into Suppressions::directives
  size_t rule = 0;       // index into that directive's rules
  ByteRange range;
};

struct Suppressions {
  std::vector<Directive> directives;  // in document order
  size_t end_of_file = 0;             // the text's size

  // Where rule `id` is off, sorted by begin: for each pattern selecting it, a disable's
  // region runs from the end of its comment to the first later qadeck-enable pattern that
  // selects `id` (or to the end of the file); a disable-next-line's is the next line. A
  // region reaching the end of the file also covers the offset end_of_file, where
  // diagnostics about the end of the file start.
  std::vector<SuppressedRegion> regions_for(std::string_view id) const;

  // Whether a diagnostic starting at `offset` falls in one of `regions` (as apply() decides).
  bool covers(const std::vector<SuppressedRegion>& regions, size_t offset) const;

  // Removes the diagnostics that start inside a region of their rule, keeping the order of
  // the rest, and marks the patterns that suppressed them used. When several regions cover
  // a diagnostic, the pattern written last (the innermost) is the one used.
  void apply(std::vector<Diagnostic>& diagnostics);

  // Marks used the patterns that turn rule `id` off at any of `offsets` (the innermost one
  // at each, as apply() does): for a rule whose findings the run makes from several files,
  // which one file cannot tell (Rule::compared_across_files()).
  void mark_used_at(std::string_view id, std::vector<size_t> offsets);
};

// Reads the document's suppression comments, and marks the qadeck-enable patterns that end
// or narrow a disabled region used.
Suppressions find_suppressions(const Document& doc);

// The rule that reports on suppression comments themselves (unused, unknown rule ids). Its
// check() finds nothing: after the other rules ran and their suppressed diagnostics were
// dropped, the engine calls check_suppressions() with the usage recorded in `suppressions`.
// Its own diagnostics are never suppressed: a comment cannot turn off reports about comments.
class SuppressionRule : public Rule {
 public:
  void check(const Document&, DiagnosticSink&) const final {}
  // `suppressible` holds the ids of the other rules enabled in this run: the only ones a
  // suppression could have been used for.
  virtual void check_suppressions(const Document& doc, const Suppressions& suppressions,
                                  const std::vector<std::string_view>& suppressible,
                                  DiagnosticSink& sink) const = 0;
};

inline bool is_suppression_rule(const Rule& rule) {
  return dynamic_cast<const SuppressionRule*>(&rule) != nullptr;
}

}  // namespace qadeck
