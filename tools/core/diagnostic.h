// The diagnostic core: what a rule reports, and the edits that fix it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/text.h"

namespace qadeck {

enum class Severity { off, info, warning, error };

const char* severity_name(Severity severity);
std::optional<Severity> parse_severity(std::string_view name);

// Replace the bytes of `range` with `replacement`.
struct Edit {
  ByteRange range;
  std::string replacement;
  friend bool operator==(const Edit&, const Edit&) = default;
};

enum class Applicability {
  safe,    // applied by --fix
  unsafe,  // shown, never applied automatically
};

struct Fix {
  std::string title;
  std::vector<Edit> edits;  // sorted by range, non-overlapping
  Applicability applicability = Applicability::safe;

  ByteRange extent() const;  // from the first edit's begin to the last edit's end
};

struct Diagnostic {
  std::string rule;  // user-facing id, e.g. "numbering.gap"
  Severity severity = Severity::warning;
  ByteRange range;
  std::string message;
  std::optional<Fix> fix;
};

// The order diagnostics are reported in: by position, then rule id.
bool diagnostic_order(const Diagnostic& a, const Diagnostic& b);

// A question as the questions of other files are compared with it: its comparison key (the
// duplicate-question rule's) and where it is.
struct QuestionRef {
  std::string key;
  ByteRange range;
  // A short term under its section's heading: compared word for word only, never for a
  // near-duplicate.
  bool term = false;
  // A suppression comment turns structure.duplicate-question (structure.similar-question) off
  // where the question is: it is still compared, but nothing is reported at it.
  bool duplicate_suppressed = false;
  bool similar_suppressed = false;
  // The file's structure.similar-question threshold, for the near-duplicates reported at it.
  double similarity_threshold = 1;
};

}  // namespace qadeck
