#include "links/link_targets.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class FileRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"link.file",
                               "a relative link or image to a file that does not exist",
                               Severity::error,
                               false,
                               {Scope::link}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    for (const LinkTarget& t : link_targets(doc)) {
      if (t.kind != TargetKind::file || find_local_file(doc, t.path)) continue;
      sink.report(t.where, std::string(t.image ? "image" : "linked file") + " '" + t.path +
                               "' does not exist");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_link_file_rule() { return std::make_unique<FileRule>(); }

}  // namespace qadeck
