// The lint engine: runs the configured rules over a Document, validates every diagnostic a
// rule emits, and applies safe fixes.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/document.h"
#include "core/rule.h"

namespace qadeck {

// A bug in qadeck itself (a rule emitted an invalid span, say): exit code 2, never dropped.
class InternalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// True when `pattern` selects the rule `id`: the id itself, or its category prefix
// ("numbering" or "numbering." selects "numbering.gap").
bool selects_rule(std::string_view pattern, std::string_view id);

struct ConfiguredRule {
  const Rule* rule = nullptr;
  Severity severity = Severity::warning;
};

class Linter {
 public:
  // The rules must outlive the Linter.
  explicit Linter(std::vector<ConfiguredRule> rules);

  // Diagnostics sorted by position, then rule id. A diagnostic that starts where a
  // suppression comment disables its rule is dropped (see suppressions.h); a configured
  // SuppressionRule then reports on the suppression comments themselves.
  std::vector<Diagnostic> lint(const Document& doc) const;

  struct FixResult {
    std::string text;                     // the fixed text
    int applied = 0;                      // fixes applied over all passes
    std::map<std::string, int> applied_by_rule;  // the same, per rule id
    int refused = 0;                      // fixes withheld because they made the file worse
    std::vector<Diagnostic> diagnostics;  // what remains in `text`
    std::vector<std::string> dependencies;  // of the last pass: see Document::dependencies()
  };
  // Applies fixes up to `level` (safe: the safe ones; unsafe: both kinds), non-overlapping
  // per pass, re-linting until nothing changes. A fix is checked, not trusted: a pass whose
  // fixes leave some rule with more findings than before is undone, and its fixes are then
  // tried one by one; each one that still makes the file worse is refused for the rest of
  // the run (its diagnostic keeps the fix, so a person can still apply it).
  FixResult fix(const std::string& path, std::string text, const ExtractOptions& options,
                Applicability level = Applicability::safe) const;

  static constexpr int max_fix_passes = 10;

  // The severity the rule `id` runs at here; nullopt when it is not configured.
  std::optional<Severity> severity_of(std::string_view id) const;

 private:
  std::vector<ConfiguredRule> rules_;
  std::vector<size_t> suppression_rules_;       // indices into rules_ of SuppressionRules
  std::vector<std::string_view> suppressible_;  // the ids of the other configured rules
};

// Whether `fix` is applied at `level`: a safe fix always, an unsafe one only at unsafe.
bool applies_at(const Fix& fix, Applicability level);

// Applies the safe fixes of `diagnostics` that do not overlap an earlier one; returns how
// many were applied.
int apply_safe_fixes(std::string& text, const std::vector<Diagnostic>& diagnostics);

}  // namespace qadeck
