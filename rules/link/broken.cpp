#include "links/link_targets.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class BrokenRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"link.broken",
                               "an external link answers 4xx/5xx, or its host does not exist",
                               Severity::error,
                               false,
                               {Scope::link}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    if (!doc.external_links) return;  // external links are checked only when asked
    for (const LinkTarget& t : link_targets(doc)) {
      if (t.kind != TargetKind::external) continue;
      const LinkCheck* c = doc.external_links->find(t.url);
      if (!c || c->outcome != LinkOutcome::broken) continue;
      sink.report(t.where, std::string(t.image ? "broken image " : "broken link ") + t.url + ": " +
                               c->detail);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_link_broken_rule() { return std::make_unique<BrokenRule>(); }

}  // namespace qadeck
