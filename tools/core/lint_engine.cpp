#include "core/lint_engine.h"

#include <algorithm>

#include "core/suppressions.h"

namespace qadeck {
namespace {

bool on_boundary(std::string_view text, size_t offset) {
  return offset == text.size() ||
         (offset < text.size() && !is_utf8_continuation(static_cast<unsigned char>(text[offset])));
}

bool valid_range(std::string_view text, ByteRange r) {
  return r.begin <= r.end && r.end <= text.size() && on_boundary(text, r.begin) &&
         on_boundary(text, r.end);
}

void validate(std::string_view rule, std::string_view text, const Diagnostic& d) {
  const auto fail = [&](const std::string& what) {
    throw InternalError("rule " + std::string(rule) + " emitted " + what);
  };
  if (!valid_range(text, d.range)) fail("a diagnostic span outside the file or inside a character");
  if (d.message.empty()) fail("a diagnostic without a message");
  if (!d.fix) return;
  if (d.fix->edits.empty()) fail("a fix without edits");
  for (size_t i = 0; i < d.fix->edits.size(); ++i) {
    const ByteRange r = d.fix->edits[i].range;
    if (!valid_range(text, r)) fail("a fix edit outside the file or inside a character");
    if (i > 0 && d.fix->edits[i - 1].range.end > r.begin) fail("overlapping or unsorted fix edits");
  }
}

// Gives what one rule reported its id and severity, validates it and appends it to `out`.
void collect(const ConfiguredRule& configured, DiagnosticSink& sink, std::string_view text,
             std::vector<Diagnostic>& out) {
  for (Diagnostic& d : sink.take()) {
    d.rule = std::string(configured.rule->info().id);
    d.severity = configured.severity;
    validate(d.rule, text, d);
    out.push_back(std::move(d));
  }
}

}  // namespace

bool selects_rule(std::string_view pattern, std::string_view id) {
  if (pattern == id) return true;
  if (pattern.ends_with('.')) pattern.remove_suffix(1);
  return id.size() > pattern.size() && id.starts_with(pattern) && id[pattern.size()] == '.';
}

Linter::Linter(std::vector<ConfiguredRule> rules) : rules_(std::move(rules)) {
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (is_suppression_rule(*rules_[i].rule)) {
      suppression_rules_.push_back(i);
    } else {
      suppressible_.push_back(rules_[i].rule->info().id);
    }
  }
}

std::vector<Diagnostic> Linter::lint(const Document& doc) const {
  std::vector<Diagnostic> all;
  for (const ConfiguredRule& configured : rules_) {
    DiagnosticSink sink;
    configured.rule->check(doc, sink);
    collect(configured, sink, doc.text(), all);
  }
  Suppressions suppressions = find_suppressions(doc);
  if (!suppressions.directives.empty()) {
    suppressions.apply(all);
    for (const size_t i : suppression_rules_) {
      DiagnosticSink sink;
      static_cast<const SuppressionRule*>(rules_[i].rule)
          ->check_suppressions(doc, suppressions, suppressible_, sink);
      collect(rules_[i], sink, doc.text(), all);
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    return a.rule < b.rule;
  });
  return all;
}

int apply_safe_fixes(std::string& text, const std::vector<Diagnostic>& diagnostics) {
  std::vector<const Fix*> fixes;
  for (const Diagnostic& d : diagnostics) {
    if (d.fix && d.fix->applicability == Applicability::safe) fixes.push_back(&*d.fix);
  }
  std::stable_sort(fixes.begin(), fixes.end(), [](const Fix* a, const Fix* b) {
    return a->extent().begin < b->extent().begin;
  });
  std::vector<const Fix*> chosen;
  size_t covered = 0;
  for (const Fix* f : fixes) {
    if (!chosen.empty() && f->extent().begin < covered) continue;
    chosen.push_back(f);
    covered = f->extent().end;
  }
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  for (const Fix* f : chosen) {
    for (const Edit& e : f->edits) {
      out.append(text, at, e.range.begin - at);
      out.append(e.replacement);
      at = e.range.end;
    }
  }
  out.append(text, at, std::string::npos);
  text = std::move(out);
  return static_cast<int>(chosen.size());
}

Linter::FixResult Linter::fix(const std::string& path, std::string text,
                              const ExtractOptions& options) const {
  FixResult result;
  for (int pass = 0;; ++pass) {
    const SourceFile source(path, text);
    const Document doc = build_document(source, options);
    std::vector<Diagnostic> diagnostics = lint(doc);
    // The last pass's diagnostics are those of the final text: no parse is repeated.
    const int applied = pass < max_fix_passes ? apply_safe_fixes(text, diagnostics) : 0;
    if (applied == 0) {
      result.diagnostics = std::move(diagnostics);
      result.dependencies.assign(doc.dependencies().begin(), doc.dependencies().end());
      break;
    }
    result.applied += applied;
  }
  result.text = std::move(text);
  return result;
}

}  // namespace qadeck
