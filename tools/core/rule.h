// The rule interface. A rule reads a Document and reports Diagnostics; the engine fills in
// each diagnostic's rule id and severity, and validates what the rule emitted.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/document.h"

namespace qadeck {

// What a rule reads; the Document offers each as a view.
enum class Scope { structure, prose, heading, math, html, link, code };

struct RuleInfo {
  std::string_view id;       // "category.name", independent of the class name
  std::string_view summary;  // one line, for `qadeck rules`
  Severity default_severity = Severity::warning;
  bool fixable = false;
  std::vector<Scope> scopes;
};

class DiagnosticSink {
 public:
  void report(ByteRange range, std::string message, std::optional<Fix> fix = std::nullopt) {
    Diagnostic d;
    d.range = range;
    d.message = std::move(message);
    d.fix = std::move(fix);
    diagnostics_.push_back(std::move(d));
  }
  std::vector<Diagnostic> take() { return std::move(diagnostics_); }

 private:
  std::vector<Diagnostic> diagnostics_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // Must be thread-safe: the engine checks several documents at once with one Rule object.
  virtual void check(const Document& doc, DiagnosticSink& sink) const = 0;  // The run also compares the items of this document with those of its other files, and
  // reports what it finds at item questions: whether a suppression comment there is used
  // depends on those files, so the engine never calls it unused.
  virtual bool compared_across_files() const { return false; }
};

}  // namespace qadeck
