// The TeX tokenizer the math rules share: comments, \verb and exact environment names.
#include <gtest/gtest.h>

#include "rules/math/tex.h"

namespace qadeck::math {
namespace {

std::vector<std::string> kinds_and_names(std::string_view text) {
  std::vector<std::string> out;
  for (const TexToken& t : tokenize(text, {0, text.size()})) {
    switch (t.kind) {
      case TexToken::Kind::control_word: out.push_back("\\" + std::string(t.name)); break;
      case TexToken::Kind::control_symbol: out.push_back("\\" + std::string(t.name)); break;
      case TexToken::Kind::open_brace: out.emplace_back("{"); break;
      case TexToken::Kind::close_brace: out.emplace_back("}"); break;
      case TexToken::Kind::ampersand: out.emplace_back("&"); break;
    }
  }
  return out;
}

TEST(Tokenize, CommentsRunToTheEndOfTheLine) {
  EXPECT_EQ(kinds_and_names("50%{"), std::vector<std::string>{});
  EXPECT_EQ(kinds_and_names("\\frac{1}{2} % note {\n}"),
            (std::vector<std::string>{"\\frac", "{", "}", "{", "}", "}"}));
  // An escaped percent sign is a control symbol, not a comment.
  EXPECT_EQ(kinds_and_names("50\\%{"), (std::vector<std::string>{"\\%", "{"}));
}

TEST(Tokenize, VerbArgumentsAreVerbatim) {
  EXPECT_EQ(kinds_and_names("\\verb|{| x}"), (std::vector<std::string>{"\\verb", "}"}));
  // No closing delimiter on the line: MathJax fails it, and the rest is read as TeX.
  EXPECT_EQ(kinds_and_names("\\verb|{"), (std::vector<std::string>{"\\verb", "{"}));
}

TEST(EnvironmentName, IsExactlyWhatTheBracesHold) {
  const std::string_view text = "\\begin{ matrix } \\begin {pmatrix}";
  const std::vector<TexToken> tokens = tokenize(text, {0, text.size()});
  size_t end = 0;
  EXPECT_EQ(environment_name(text, tokens[0], end), " matrix ");
  EXPECT_EQ(end, 16u);
  const auto second = std::find_if(tokens.begin() + 1, tokens.end(), [](const TexToken& t) {
    return t.kind == TexToken::Kind::control_word;
  });
  EXPECT_EQ(environment_name(text, *second, end), "pmatrix");
}

}  // namespace
}  // namespace qadeck::math
