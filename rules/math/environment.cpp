#include <algorithm>
#include <array>
#include <string>

#include "rules/math/tex.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

using Kind = math::TexToken::Kind;

// The environments MathJax typesets when they stand bare in the text, outside `$`/`$$`.
constexpr auto display_environments = std::to_array<std::string_view>({
    "align",     "align*",      "alignat",   "alignat*", "aligned",      "alignedat", "array",
    "Bmatrix",   "bmatrix",     "CD",        "cases",    "darray",       "dcases",    "eqnarray",
    "eqnarray*", "equation",    "equation*", "flalign",  "flalign*",     "gather",    "gather*",
    "gathered",  "lgathered",   "matrix",    "multline", "multline*",    "numcases",  "pmatrix",
    "rcases",    "smallmatrix", "split",     "subarray", "subequations", "Vmatrix",   "vmatrix",
    "xalignat",  "xalignat*",   "xxalignat",
});

bool is_display_environment(std::string_view name) {
  return std::find(display_environments.begin(), display_environments.end(), name) !=
         display_environments.end();
}

struct Open {
  std::string_view name;
  ByteRange command;  // `\begin{name}`
};

// Pairs `\begin{x}` with `\end{x}` in one stream of commands.
class Matcher {
 public:
  explicit Matcher(DiagnosticSink& sink) : sink_(sink) {}

  void begin(std::string_view name, ByteRange command) { open_.push_back({name, command}); }

  // `orphans`: whether an `\end` with nothing open is reported.
  void end(std::string_view name, ByteRange command, bool orphans) {
    auto it =
        std::find_if(open_.rbegin(), open_.rend(), [&](const Open& o) { return o.name == name; });
    if (it == open_.rend()) {
      if (open_.empty()) {
        if (!orphans) return;
        sink_.report(command, "`\\end{" + std::string(name) + "}` has no matching `\\begin{" +
                                  std::string(name) + "}`");
      } else {
        // Most likely a misspelt name: one finding, and the pair counts as closed.
        sink_.report(command, "`\\end{" + std::string(name) +
                                  "}` does not match the open `\\begin{" +
                                  std::string(open_.back().name) + "}`");
        open_.pop_back();
      }
      return;
    }
    // Environments opened inside this one and still open are closed too early.
    const size_t keep = static_cast<size_t>(open_.rend() - it) - 1;
    for (size_t i = keep + 1; i < open_.size(); ++i) {
      sink_.report(open_[i].command, "`\\begin{" + std::string(open_[i].name) +
                                         "}` is still open at `\\end{" + std::string(name) +
                                         "}`: environments must nest");
    }
    open_.resize(keep);
  }

  void finish(const char* where) {
    for (const Open& o : open_) {
      sink_.report(o.command, "`\\begin{" + std::string(o.name) + "}` has no matching `\\end{" +
                                  std::string(o.name) + "}` " + where);
    }
    open_.clear();
  }

 private:
  DiagnosticSink& sink_;
  std::vector<Open> open_;
};

class EnvironmentRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"math.environment",
                               "`\\begin{x}` without a matching `\\end{x}`",
                               Severity::error,
                               false,
                               {Scope::math, Scope::prose}};
    return info;
  }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    const std::string_view text = doc.text();
    const auto& tokens = math::span_tokens(doc);
    for (size_t s = 0; s < tokens.size(); ++s) {
      const MathSpan& m = doc.inline_tokens.math[s];
      Matcher matcher(sink);
      for (const math::TexToken& t : tokens[s]) {
        if (t.kind != Kind::control_word || (t.name != "begin" && t.name != "end")) continue;
        size_t end = 0;
        const std::string_view name = math::environment_name(text, t, end);
        if (name.empty() || end > m.body.end) continue;
        if (t.name == "begin") {
          matcher.begin(name, {t.range.begin, end});
        } else {
          matcher.end(name, {t.range.begin, end}, true);
        }
      }
      matcher.finish("in this math");
    }
    check_bare(doc, sink);
  }

 private:
  // Environments written straight into the text, outside math and code: MathJax typesets
  // `\begin{align}`…`\end{align}` there too. A lone `\end` there is left alone: MathJax shows
  // it as text, and it is often prose about LaTeX or the tail of math reported already.
  static void check_bare(const Document& doc, DiagnosticSink& sink) {
    const std::string_view text = doc.text();
    if (text.find("\\begin") == std::string_view::npos &&
        text.find("\\end") == std::string_view::npos) {
      return;
    }
    const size_t body = doc.front_matter.present ? doc.front_matter.range.end : 0;
    const std::string view = doc.masked(
        {body, text.size()}, Document::mask_code | Document::mask_math | Document::mask_html);
    Matcher matcher(sink);
    for (size_t i = view.find('\\'); i != std::string::npos; i = view.find('\\', i + 1)) {
      const std::string_view rest = std::string_view(view).substr(i + 1);
      const bool begin = rest.starts_with("begin");
      if (!begin && !rest.starts_with("end")) continue;
      const size_t word_end = i + 1 + (begin ? 5 : 3);
      if (word_end < view.size() && is_ascii_alpha(view[word_end])) continue;
      const math::TexToken command{Kind::control_word, {body + i, body + word_end}, {}};
      size_t end = 0;
      const std::string_view name = math::environment_name(text, command, end);
      if (!is_display_environment(name)) continue;
      if (begin) {
        matcher.begin(name, {body + i, end});
      } else {
        matcher.end(name, {body + i, end}, false);
      }
    }
    matcher.finish("in the text");
  }
};

}  // namespace

std::unique_ptr<Rule> make_math_environment_rule() { return std::make_unique<EnvironmentRule>(); }

}  // namespace qadeck
