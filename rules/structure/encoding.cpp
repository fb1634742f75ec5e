#include "rules/registry.h"

namespace qadeck {
namespace {

class EncodingRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"structure.encoding",
                               "bytes that are not UTF-8 (the rest of the file is still linted)",
                               Severity::error,
                               false,
                               {Scope::structure}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    for (const ByteRange& r : doc.source->replaced_bytes()) {
      const size_t bytes = r.size() / 3;  // one U+FFFD per byte
      sink.report(r, bytes == 1 ? std::string("a byte that is not UTF-8 (shown as U+FFFD)")
                                : std::to_string(bytes) +
                                      " bytes that are not UTF-8 (shown as U+FFFD)");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_structure_encoding_rule() { return std::make_unique<EncodingRule>(); }

}  // namespace qadeck
