#include "links/link_targets.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class FileRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"link.file",
                               "a relative link or image to a file that does not exist, or "
                               "outside the project",
                               Severity::error,
                               false,
                               {Scope::link}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    for (const LinkTarget& t : link_targets(doc)) {
      if (t.kind != TargetKind::file) continue;
      const std::string what = std::string(t.image ? "image" : "linked file") + " '" + t.path + "'";
      if (!inside_project(doc, t.path)) {
        sink.report(t.where, what + " is outside the project; no deck packs it");
      } else if (!find_local_file(doc, t.path)) {
        sink.report(t.where, what + " does not exist");
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_link_file_rule() { return std::make_unique<FileRule>(); }

}  // namespace qadeck
