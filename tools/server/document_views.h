// What the server shows of a document besides its diagnostics: the Q&A outline, and the
// suppression comments that turn a rule off.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/document.h"
#include "server/positions.h"

namespace qadeck::server {

// The outline as hierarchical DocumentSymbols: sections (Namespace) nested by heading level,
// each holding its numbered questions (Key); questions before the first section at the top.
// A section runs to the next heading of its level or above.
Json outline_symbols(const Document& doc, const Positions& positions);

// Text to insert at `at` that turns a rule off.
struct Suppression {
  std::string title;
  size_t at = 0;
  std::string text;
};

// "Disable RULE for this line" (a qadeck-disable-next-line comment) and "... for this file"
// (a qadeck-disable comment at the top, after any front matter) for the diagnostic's rule.
// The line's comment goes at the end of the line before when that line belongs to the same
// paragraph, where a line of its own would split the paragraph in two; else on a line of its
// own, indented as the line. None for the suppression rules, which no comment turns off.
std::vector<Suppression> suppression_edits(const Document& doc, const Diagnostic& diagnostic);

}  // namespace qadeck::server
