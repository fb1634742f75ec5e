#include <filesystem>

#include "links/anchors.h"
#include "links/link_targets.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class AnchorRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"link.anchor",
                               "#fragment with no heading or id to land on",
                               Severity::error,
                               false,
                               {Scope::link, Scope::heading}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    for (const LinkTarget& t : link_targets(doc)) {
      if (t.kind == TargetKind::fragment) {
        if (!document_anchors(doc).lands(t.fragment, doc.slug_style)) {
          sink.report(t.where, "no heading or id '" + t.fragment + "' in this document");
        }
        continue;
      }
      if (t.kind != TargetKind::file || t.fragment.empty() || !is_markdown_path(t.path)) continue;
      const auto file = find_local_file(doc, t.path);
      if (!file) continue;  // link.file reports it
      const auto anchors = file_anchors(*file, doc.slug_style);
      if (anchors && !anchors->lands(t.fragment, doc.slug_style)) {
        sink.report(t.where, "no heading or id '" + t.fragment + "' in " + t.path);
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_link_anchor_rule() { return std::make_unique<AnchorRule>(); }

}  // namespace qadeck
