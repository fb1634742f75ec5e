#include <algorithm>
#include <optional>
#include <set>
#include <string>

#include "core/math_scanner.h"
#include "rules/math/mathjax_commands.h"
#include "rules/math/tex.h"
#include "rules/math/tex_safety.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

using Kind = math::TexToken::Kind;

// What the document defines itself, in any of its math: `\newcommand{\x}`, `\def\x`,
// `\DeclareMathOperator{\x}`, `\newenvironment{x}` and their relatives.
struct Definitions {
  std::set<std::string_view, std::less<>> words;
  std::set<std::string_view, std::less<>> environments;
};

bool defines_word(std::string_view name) {
  return name == "newcommand" || name == "renewcommand" || name == "providecommand" ||
         name == "def" || name == "let" || name == "DeclareMathOperator" ||
         name == "DeclarePairedDelimiter" || name == "DeclarePairedDelimiterX" ||
         name == "newcommandx";
}

Definitions collect_definitions(const Document& doc) {
  Definitions out;
  const std::string_view text = doc.text();
  for (const std::vector<math::TexToken>& tokens : math::span_tokens(doc)) {
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
      const math::TexToken& t = tokens[i];
      if (t.kind != Kind::control_word) continue;
      if (defines_word(t.name)) {
        // The name is the next control word, braced or not: `\newcommand{\x}`, `\def\x`.
        size_t j = i + 1;
        if (tokens[j].kind == Kind::open_brace && j + 1 < tokens.size()) ++j;
        if (tokens[j].kind == Kind::control_word) out.words.insert(tokens[j].name);
      } else if (t.name == "newenvironment" || t.name == "renewenvironment") {
        size_t end = 0;
        const std::string_view name = math::environment_name(text, t, end);
        if (!name.empty()) out.environments.insert(name);
      }
    }
  }
  return out;
}

class UnknownCommandRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"math.unknown-command",
                               "a TeX command or environment that Anki's MathJax does not define",
                               Severity::error,
                               false,
                               {Scope::math}};
    return info;
  }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    const auto& spans = doc.inline_tokens.math;
    if (spans.empty()) return;
    const std::string_view text = doc.text();
    const Definitions defined = collect_definitions(doc);
    const auto known_word = [&](std::string_view name) {
      return math::mathjax_defines_control_word(name) || defined.words.contains(name) ||
             std::find(doc.math_macros.begin(), doc.math_macros.end(), name) !=
                 doc.math_macros.end();
    };
    const std::string version(math::mathjax_version());
    const auto& span_tokens = math::span_tokens(doc);
    for (size_t s = 0; s < spans.size(); ++s) {
      const MathSpan& m = spans[s];
      const std::vector<math::TexToken>& tokens = span_tokens[s];
      std::optional<std::vector<math::UnsafeTex>> unsafe;  // computed when first needed
      for (size_t i = 0; i < tokens.size(); ++i) {
        const math::TexToken& t = tokens[i];
        if (t.kind != Kind::control_word) continue;
        // MathJax reads no control words in a text argument: a group, or a single command.
        if (is_text_mode_command(t.name) && i + 1 < tokens.size() &&
            trim(text.substr(t.range.end, tokens[i + 1].range.begin - t.range.end)).empty()) {
          if (tokens[i + 1].kind == Kind::open_brace) {
            i = group_end(tokens, i + 1);
            continue;
          }
          if (tokens[i + 1].kind == Kind::control_word) ++i;
          continue;
        }
        if (t.name == "begin") {
          size_t end = 0;
          const std::string_view name = math::environment_name(text, t, end);
          if (end == 0 || end > m.body.end || math::mathjax_defines_environment(name) ||
              defined.environments.contains(name)) {
            continue;
          }
          sink.report({t.range.begin, end},
                      "`\\begin{" + std::string(name) + "}`: MathJax " + version +
                          " (as Anki loads it) knows no environment `" + std::string(name) +
                          "`; the card shows an error");
          continue;
        }
        if (known_word(t.name)) continue;
        // math.unsafe-command speaks for `\input` and its like: one finding, not two.
        if (!unsafe) unsafe = math::unsafe_tex(text, m.body);
        if (std::any_of(unsafe->begin(), unsafe->end(), [&](const math::UnsafeTex& u) {
              return u.range.begin == t.range.begin;
            })) {
          continue;
        }
        sink.report(t.range, "`\\" + std::string(t.name) + "` is not defined in MathJax " +
                                 version + " as Anki loads it: the card shows it in red "
                                 "(define it with \\newcommand, or in math.macros)");
      }
    }
  }

 private:
  // The index of the brace that closes the group opening at tokens[open], or the last token.
  static size_t group_end(const std::vector<math::TexToken>& tokens, size_t open) {
    int depth = 0;
    for (size_t i = open; i < tokens.size(); ++i) {
      if (tokens[i].kind == Kind::open_brace) ++depth;
      if (tokens[i].kind == Kind::close_brace && --depth == 0) return i;
    }
    return tokens.size() - 1;
  }
};

}  // namespace

std::unique_ptr<Rule> make_math_unknown_command_rule() {
  return std::make_unique<UnknownCommandRule>();
}

}  // namespace qadeck
