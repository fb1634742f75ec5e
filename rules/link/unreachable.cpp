#include "links/link_targets.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class UnreachableRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"link.unreachable",
                               "an external link could not be checked (timeout, refused, TLS)",
                               Severity::warning,
                               false,
                               {Scope::link}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    if (!doc.external_links) return;
    for (const LinkTarget& t : link_targets(doc)) {
      if (t.kind != TargetKind::external) continue;
      const LinkCheck* c = doc.external_links->find(t.url);
      if (!c || c->outcome != LinkOutcome::unreachable) continue;
      sink.report(t.where, "could not check " + t.url + ": " + c->detail);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_link_unreachable_rule() { return std::make_unique<UnreachableRule>(); }

}  // namespace qadeck
