#include <algorithm>

#include "core/lint_engine.h"
#include "core/suppressions.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

bool selects_any(std::string_view pattern, const std::vector<std::string_view>& ids) {
  return std::any_of(ids.begin(), ids.end(), [&](std::string_view id) {
    return pattern.empty() || selects_rule(pattern, id);
  });
}

class UnusedSuppressionRule final : public SuppressionRule {
 public:
  const RuleInfo& info() const override { return info_; }

  void check_suppressions(const Document& doc, const Suppressions& suppressions,
                          const std::vector<std::string_view>& suppressible,
                          DiagnosticSink& sink) const override {
    const std::string_view text = doc.text();
    for (const Directive& d : suppressions.directives) {
      const std::string keyword(d.keyword.in(text));
      if (d.kind == DirectiveKind::unknown) {
        sink.report(d.keyword, "'" + keyword +
                                   "' is not a qadeck directive (qadeck-disable, "
                                   "qadeck-disable-next-line or qadeck-enable)");
        continue;
      }
      for (const DirectiveRule& r : d.rules) {
        const std::string named = r.pattern.empty() ? "" : " " + r.pattern;
        if (!r.pattern.empty() && !selects_any(r.pattern, known_ids())) {
          sink.report(r.range, "unknown rule or category '" + r.pattern + "' (see `qadeck rules`)");
        } else if (r.used) {
          continue;
        } else if (d.kind == DirectiveKind::enable) {
          sink.report(r.range, "'" + keyword + named + "' turns nothing back on: " +
                                   (r.pattern.empty() ? "no rule is disabled here"
                                                      : r.pattern + " is not disabled here"));
        } else if (!selects_any(r.pattern, suppressible_ids())) {
          sink.report(r.range, "'" + r.pattern +
                                   "' cannot be suppressed by a comment; turn it off in the "
                                   "configuration or with --ignore");
        } else if (selects_any(r.pattern, suppressible)) {
          // Only a rule enabled in this run could have been suppressed.
          sink.report(r.range,
                      "unused suppression: no" + named + " diagnostic " +
                          (d.kind == DirectiveKind::disable_next_line ? "on the next line"
                                                                      : "where it is in force"));
        }
      }
    }
  }

 private:
  static const std::vector<std::string_view>& known_ids() {
    static const std::vector<std::string_view> ids = ids_of(false);
    return ids;
  }
  static const std::vector<std::string_view>& suppressible_ids() {
    static const std::vector<std::string_view> ids = ids_of(true);
    return ids;
  }
  static std::vector<std::string_view> ids_of(bool only_suppressible) {
    std::vector<std::string_view> ids;
    for (const auto& rule : builtin_rules()) {
      if (!only_suppressible || !is_suppression_rule(*rule)) ids.push_back(rule->info().id);
    }
    return ids;
  }

  RuleInfo info_{"suppression.unused",
                 "a suppression comment that suppresses nothing or names an unknown rule",
                 Severity::warning,
                 false,
                 {Scope::html}};
};

}  // namespace

std::unique_ptr<Rule> make_suppression_unused_rule() {
  return std::make_unique<UnusedSuppressionRule>();
}

}  // namespace qadeck
