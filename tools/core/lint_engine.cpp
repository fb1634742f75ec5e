#include "core/lint_engine.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>

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

std::optional<Severity> Linter::severity_of(std::string_view id) const {
  for (const ConfiguredRule& configured : rules_) {
    if (configured.rule->info().id == id) return configured.severity;
  }
  return std::nullopt;
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
    std::vector<size_t> questions;
    for (const Item& item : doc.items) questions.push_back(item.question.begin);
    for (const ConfiguredRule& configured : rules_) {
      if (configured.rule->compared_across_files())
        suppressions.mark_used_at(configured.rule->info().id, questions);
    }
    for (const size_t i : suppression_rules_) {
      DiagnosticSink sink;
      static_cast<const SuppressionRule*>(rules_[i].rule)
          ->check_suppressions(doc, suppressions, suppressible_, sink);
      collect(rules_[i], sink, doc.text(), all);
    }
  }
  std::stable_sort(all.begin(), all.end(), diagnostic_order);
  return all;
}

bool applies_at(const Fix& fix, Applicability level) {
  return fix.applicability == Applicability::safe || level == Applicability::unsafe;
}

namespace {

// The fixes of `diagnostics` applicable at `level`, minus the refused ones, with those that
// overlap an earlier one dropped; sorted by position.
std::vector<const Fix*> choose_fixes(const std::vector<Diagnostic>& diagnostics,
                                     Applicability level,
                                     const std::function<bool(const Fix&)>& refused) {
  std::vector<const Fix*> fixes;
  for (const Diagnostic& d : diagnostics) {
    if (d.fix && applies_at(*d.fix, level) && !refused(*d.fix)) fixes.push_back(&*d.fix);
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
  return chosen;
}

// `text` with the edits of `fixes` (sorted, non-overlapping) made.
std::string with_fixes(const std::string& text, const std::vector<const Fix*>& fixes) {
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  for (const Fix* f : fixes) {
    for (const Edit& e : f->edits) {
      out.append(text, at, e.range.begin - at);
      out.append(e.replacement);
      at = e.range.end;
    }
  }
  out.append(text, at, std::string::npos);
  return out;
}

// What a fix changes, by content rather than position: other fixes move it between passes.
std::string fix_identity(std::string_view text, std::string_view rule, const Fix& fix) {
  std::string key(rule);
  key += '\n';
  key += fix.title;
  for (const Edit& e : fix.edits) {
    key += '\n';
    key += e.range.in(text);
    key += '\x1f';
    key += e.replacement;
  }
  return key;
}

}  // namespace

int apply_safe_fixes(std::string& text, const std::vector<Diagnostic>& diagnostics) {
  const std::vector<const Fix*> chosen =
      choose_fixes(diagnostics, Applicability::safe, [](const Fix&) { return false; });
  text = with_fixes(text, chosen);
  return static_cast<int>(chosen.size());
}

Linter::FixResult Linter::fix(const std::string& path, std::string text,
                              const ExtractOptions& options, Applicability level,
                              const std::function<void(const Document&)>& last) const {
  struct Linted {
    std::unique_ptr<SourceFile> source;
    std::unique_ptr<Document> doc;  // of `source`: the last pass's is handed to `last`
    std::vector<Diagnostic> diagnostics;
    std::vector<std::string> dependencies;
    std::map<std::string, size_t> counts;  // findings per rule

    // Whether some rule has more findings here than in `before`.
    bool worse_than(const Linted& before) const {
      for (const auto& [rule, n] : counts) {
        const auto it = before.counts.find(rule);
        if (n > (it == before.counts.end() ? 0 : it->second)) return true;
      }
      return false;
    }
  };
  // Each pass changes a few places: the grammar parses again only the chunks around them,
  // and only the prose they changed has its language detected again.
  LintMemo own_memo;
  ExtractOptions memo_options = options;
  if (!memo_options.memo) memo_options.memo = &own_memo;
  const auto lint_text = [&](const std::string& t) {
    Linted out;
    out.source = std::make_unique<SourceFile>(path, t);
    out.doc = std::make_unique<Document>(build_document(*out.source, memo_options));
    out.diagnostics = lint(*out.doc);
    out.dependencies.assign(out.doc->dependencies().begin(), out.doc->dependencies().end());
    for (const Diagnostic& d : out.diagnostics) ++out.counts[d.rule];
    return out;
  };

  FixResult result;
  std::set<std::string> refused;
  Linted current = lint_text(text);
  for (int pass = 0; pass < max_fix_passes; ++pass) {
    // Which rule emitted a fix: refusals are remembered by content and rule.
    std::map<const Fix*, std::string_view> rule_of;
    for (const Diagnostic& d : current.diagnostics) {
      if (d.fix) rule_of.emplace(&*d.fix, d.rule);
    }
    const auto identity = [&](const Fix& f) { return fix_identity(text, rule_of.at(&f), f); };
    const std::vector<const Fix*> chosen = choose_fixes(
        current.diagnostics, level, [&](const Fix& f) { return refused.contains(identity(f)); });
    if (chosen.empty()) break;
    std::string fixed = with_fixes(text, chosen);
    // What the next passes read of this one is its findings: its Document goes before the
    // next is built, so that a large file's two Documents are never held at once.
    current.doc.reset();
    current.source.reset();
    Linted after = lint_text(fixed);
    if (after.worse_than(current)) {
      // Keep, one at a time, the fixes that do not make the file worse by themselves.
      std::vector<const Fix*> kept;
      for (const Fix* f : chosen) {
        std::vector<const Fix*> trial = kept;
        trial.push_back(f);
        std::string candidate = with_fixes(text, trial);
        Linted linted = lint_text(candidate);
        if (linted.worse_than(current)) {
          refused.insert(identity(*f));
          ++result.refused;
          continue;
        }
        kept = std::move(trial);
        fixed = std::move(candidate);
        after = std::move(linted);
      }
      if (kept.empty()) continue;  // every fix of this pass refused: the next pass has fewer
      result.applied += static_cast<int>(kept.size());
      for (const Fix* f : kept) ++result.applied_by_rule[std::string(rule_of.at(f))];
    } else {
      result.applied += static_cast<int>(chosen.size());
      for (const Fix* f : chosen) ++result.applied_by_rule[std::string(rule_of.at(f))];
    }
    text = std::move(fixed);
    current = std::move(after);
  }
  // Every fix of the last pass refused: the text is the one its Document was dropped for.
  if (!current.doc) current = lint_text(text);
  if (last) last(*current.doc);
  result.diagnostics = std::move(current.diagnostics);
  result.dependencies = std::move(current.dependencies);
  result.text = std::move(text);
  return result;
}

}  // namespace qadeck
