#include "rules/math/tex.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

using Kind = math::TexToken::Kind;

// A \left and its \right must sit in the same group: the same {...}, and inside an
// environment the same alignment cell (`&` and `\\` end a cell).
struct Group {
  bool environment = false;
  std::vector<ByteRange> lefts;  // open \left commands, innermost last
};

class LeftRightRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"math.left-right",
                               "`\\left` without `\\right` or the reverse (`\\right.` is fine)",
                               Severity::error,
                               false,
                               {Scope::math}};
    return info;
  }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    for (const std::vector<math::TexToken>& tokens : math::span_tokens(doc)) {
      check_span(tokens, sink);
    }
  }

 private:
  static void close_group(Group& g, DiagnosticSink& sink, const char* where) {
    for (const ByteRange& r : g.lefts) {
      sink.report(r, std::string("`\\left` has no matching `\\right` ") + where);
    }
    g.lefts.clear();
  }

  static void check_span(const std::vector<math::TexToken>& tokens, DiagnosticSink& sink) {
    std::vector<Group> groups(1);
    for (const math::TexToken& t : tokens) {
      Group& top = groups.back();
      switch (t.kind) {
        case Kind::open_brace:
          groups.push_back({});
          break;
        case Kind::close_brace:
          // An unbalanced `}` is math.braces' finding; here it closes nothing.
          if (groups.size() > 1 && !top.environment) {
            close_group(top, sink, "before the end of its `{…}` group");
            groups.pop_back();
          }
          break;
        case Kind::ampersand:
          if (top.environment) close_group(top, sink, "in its alignment cell (before `&`)");
          break;
        case Kind::control_symbol:
          if (t.name == "\\" && top.environment) {
            close_group(top, sink, "in its alignment row (before `\\\\`)");
          }
          break;
        case Kind::control_word:
          if (t.name == "left") {
            top.lefts.push_back(t.range);
          } else if (t.name == "right") {
            if (top.lefts.empty()) {
              sink.report(t.range, "`\\right` has no matching `\\left`");
            } else {
              top.lefts.pop_back();
            }
          } else if (t.name == "middle") {
            if (top.lefts.empty()) {
              sink.report(t.range, "`\\middle` outside a `\\left`…`\\right` pair");
            }
          } else if (t.name == "begin") {
            groups.push_back({true, {}});
          } else if (t.name == "end" && top.environment) {
            close_group(top, sink, "before `\\end`");
            groups.pop_back();
          }
          break;
      }
    }
    for (Group& g : groups) close_group(g, sink, "in this math");
  }
};

}  // namespace

std::unique_ptr<Rule> make_math_left_right_rule() { return std::make_unique<LeftRightRule>(); }

}  // namespace qadeck
