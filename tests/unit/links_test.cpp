// Link collection, heading slugs (GitHub's and kramdown's) and the anchors of a document.
#include <gtest/gtest.h>

#include "core/lint_engine.h"
#include "links/anchors.h"
#include "links/link_targets.h"
#include "links/slug.h"
#include "rules/registry.h"
#include "test_support.h"

namespace qadeck {
namespace {

using testing::Parsed;

// ---- slugs

TEST(GithubSlug, LowerCasesAndDropsPunctuation) {
  EXPECT_EQ(github_slug("1. What is ReLU?"), "1-what-is-relu");
  EXPECT_EQ(github_slug("Q&A: friends, (and) more!"), "qa-friends-and-more");
  EXPECT_EQ(github_slug("snake_case and kebab-case"), "snake_case-and-kebab-case");
  // Every space becomes a hyphen; runs are not collapsed.
  EXPECT_EQ(github_slug("a  b - c"), "a--b---c");
  EXPECT_EQ(github_slug("Mean Squared Error vs. MAE"), "mean-squared-error-vs-mae");
}

TEST(GithubSlug, UnicodeLettersStayAndLowerCase) {
  EXPECT_EQ(github_slug("梯度消失是什么？"), "梯度消失是什么");
  EXPECT_EQ(github_slug("第三章 深度学习基础"), "第三章-深度学习基础");
  EXPECT_EQ(github_slug("Ünïcödé ÄÖÜ"), "ünïcödé-äöü");
  EXPECT_EQ(github_slug("Ελληνικά Σ"), "ελληνικά-σ");
  EXPECT_EQ(github_slug("emoji 🚀 and ⭐"), "emoji--and-");
  // A variation selector is a mark: it stays, as github-slugger keeps \p{M}.
  EXPECT_EQ(github_slug("⭐\ufe0f"), "\ufe0f");
  EXPECT_EQ(github_slug("x² ½"), "x-");  // other numbers are dropped
  EXPECT_EQ(github_slug("3.1.1 卷积"), "311-卷积");
}

TEST(RenderedHeadingText, MarkupIsRemoved) {
  EXPECT_EQ(rendered_heading_text("Why `tanh` (and not **sigmoid**)?"),
            "Why tanh (and not sigmoid)?");
  EXPECT_EQ(rendered_heading_text("[Dropout](https://x.com/a_b) & *friends*"), "Dropout & friends");
  EXPECT_EQ(rendered_heading_text("__init__ and snake_case"), "init and snake_case");
  EXPECT_EQ(rendered_heading_text("<b>Bold</b> ![img](a.png) text"), "Bold  text");
  EXPECT_EQ(rendered_heading_text("A &amp; B \\* c"), "A & B * c");
  EXPECT_EQ(rendered_heading_text("see <https://example.com>"), "see https://example.com");
  EXPECT_EQ(rendered_heading_text("Launch :rocket: at 12:30:45"), "Launch  at 12:30:45");
}

TEST(KramdownSlug, AsciiOnlyFromTheFirstLetter) {
  EXPECT_EQ(kramdown_slug("1. What is ReLU?"), "what-is-relu");
  EXPECT_EQ(kramdown_slug("3.1.1 Convolution"), "convolution");
  EXPECT_EQ(kramdown_slug("Q&A: friends"), "qa-friends");
  EXPECT_EQ(kramdown_slug("梯度消失"), "section");
  EXPECT_EQ(kramdown_slug("ReLU 激活函数"), "relu-");
  // The heading as written: kramdown keeps what Markdown syntax leaves of letters.
  EXPECT_EQ(kramdown_slug("[Link](http://x.com) title"), "linkhttpxcom-title");
}

TEST(Slugger, RepeatsGetNumberedSuffixes) {
  Slugger github(SlugStyle::github);
  EXPECT_EQ(github.next("Notes"), "notes");
  EXPECT_EQ(github.next("Notes"), "notes-1");
  EXPECT_EQ(github.next("notes"), "notes-2");
  EXPECT_EQ(github.next("Notes 1"), "notes-1-1");  // "notes-1" is taken
  Slugger kramdown(SlugStyle::kramdown);
  EXPECT_EQ(kramdown.next("梯度"), "section");
  EXPECT_EQ(kramdown.next("消失"), "section-1");
  EXPECT_EQ(kramdown.next("Notes"), "notes");
  EXPECT_EQ(kramdown.next("Notes"), "notes-1");
  EXPECT_EQ(kramdown.next("梯度"), "section-2");
}

// ---- anchors

std::vector<std::string> anchors_of(const std::string& text, SlugStyle style) {
  ExtractOptions options;
  options.slug_style = style;
  const Parsed p(text, options);
  return document_anchors(p.doc()).ids();
}

TEST(DocumentAnchors, HeadingsIdsAndAttributeLists) {
  const std::string text =
      "# Title\n\n## 1. Dup\n\n## 1. Dup ##\n\nSetext heading\n--------------\n\n"
      "## Custom {#my-id}\n\n## Block\n{: #block-id}\n\n<a name=\"named\"></a> <span "
      "id=\"x&amp;y\">\n";
  const auto github = anchors_of(text, SlugStyle::github);
  for (const char* id : {"title", "1-dup", "1-dup-1", "setext-heading", "custom", "my-id", "block",
                         "block-id", "named", "x&y"}) {
    EXPECT_NE(std::find(github.begin(), github.end(), id), github.end()) << id;
  }
  const auto kramdown = anchors_of(text, SlugStyle::kramdown);
  for (const char* id : {"title", "dup", "dup-1", "setext-heading", "custom", "my-id", "named"}) {
    EXPECT_NE(std::find(kramdown.begin(), kramdown.end(), id), kramdown.end()) << id;
  }
}

TEST(DocumentAnchors, GithubMatchesIgnoreCaseKramdownExactly) {
  const AnchorSet set({"notes", "Mixed"});
  EXPECT_TRUE(set.lands("Notes", SlugStyle::github));
  EXPECT_TRUE(set.lands("user-content-notes", SlugStyle::github));
  EXPECT_FALSE(set.lands("Notes", SlugStyle::kramdown));
  EXPECT_TRUE(set.lands("Mixed", SlugStyle::kramdown));
  EXPECT_TRUE(set.lands("", SlugStyle::kramdown));
  EXPECT_TRUE(set.lands("top", SlugStyle::kramdown));
}

// The link.anchor rule with the kramdown style (the fixture harness uses GitHub's).
TEST(LinkAnchorRule, KramdownStyle) {
  const Rule* rule = nullptr;
  for (const auto& r : builtin_rules()) {
    if (r->info().id == "link.anchor") rule = r.get();
  }
  ASSERT_NE(rule, nullptr);
  ExtractOptions options;
  options.slug_style = SlugStyle::kramdown;
  const Parsed p(
      "## 1. What is ReLU?\n\n## 梯度消失\n\n## 梯度爆炸\n\n"
      "[a](#what-is-relu) [b](#section) [c](#section-1)\n"
      "[d](#1-what-is-relu) [e](#梯度消失) [f](#section-2)\n",
      options);
  const Linter linter({{rule, Severity::error}});
  std::vector<std::string> fragments;
  for (const Diagnostic& d : linter.lint(p.doc())) {
    EXPECT_EQ(p.line(d.range.begin), 8u) << d.message;
    fragments.push_back(p.str(d.range));
  }
  EXPECT_EQ(fragments, (std::vector<std::string>{"#1-what-is-relu", "#梯度消失", "#section-2"}));
}

// ---- collection

TEST(LinkTargets, EveryKindWithItsExactPosition) {
  const Parsed p(
      "---\ntitle: x\n---\n"
      "<script src=\"https://cdn.example.com/mathjax.js?config=TeX\"></script>\n"
      "\n"
      "Text [inline](https://a.example/x \"title\") and ![image](img/a.png), "
      "<https://b.example/>,\n"
      "bare https://c.example/wiki/Set_(mathematics). and [ref][r], [self](#sec).\n"
      "<a href=\"other.md#part\">x</a> <img src='https://d.example/i.png'>\n"
      "\n"
      "[r]: https://e.example/ref\n"
      "\n"
      "`[code](https://no.example/)` [mail](mailto:a@b.c) [root](/abs/x) [empty]()\n");
  const auto& targets = link_targets(p.doc());
  struct Want {
    TargetKind kind;
    std::string written;
    size_t line;
    bool image;
  };
  const std::vector<Want> want = {
      {TargetKind::external, "https://cdn.example.com/mathjax.js?config=TeX", 4, true},
      {TargetKind::external, "https://a.example/x", 6, false},
      {TargetKind::file, "img/a.png", 6, true},
      {TargetKind::external, "https://b.example/", 6, false},
      {TargetKind::external, "https://c.example/wiki/Set_(mathematics)", 7, false},
      {TargetKind::fragment, "#sec", 7, false},
      {TargetKind::file, "other.md#part", 8, false},
      {TargetKind::external, "https://d.example/i.png", 8, true},
      {TargetKind::external, "https://e.example/ref", 10, false},
  };
  ASSERT_EQ(targets.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].written);
    EXPECT_EQ(targets[i].kind, want[i].kind);
    EXPECT_EQ(p.str(targets[i].where), want[i].written);
    EXPECT_EQ(p.line(targets[i].where.begin), want[i].line);
    EXPECT_EQ(targets[i].image, want[i].image);
  }
  EXPECT_EQ(targets[6].path, "other.md");
  EXPECT_EQ(targets[6].fragment, "part");
  EXPECT_EQ(targets[5].fragment, "sec");
  // Columns, as the report prints them: the destination itself.
  EXPECT_EQ(p.source().lines().position(targets[1].where.begin).column, 15u);
}

TEST(LinkTargets, DecodingAndKeys) {
  const Parsed p(
      "[a](https://x.example/a&amp;b#frag) [b](<https://x.example/with space>)\n"
      "[c](https://user:pw@x.example/p) [d](my%20file.md#%E4%B8%AD) [e](a\\_b.md)\n"
      "[f](//cdn.example/lib.js) [g](HTTPS://X.example/)\n");
  const auto& t = link_targets(p.doc());
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[0].url, "https://x.example/a&b");
  EXPECT_EQ(t[1].url, "https://x.example/with%20space");
  EXPECT_EQ(t[2].url, "https://x.example/p");  // no credentials are ever sent
  EXPECT_EQ(t[3].path, "my file.md");
  EXPECT_EQ(t[3].fragment, "中");
  EXPECT_EQ(t[4].path, "a_b.md");
  EXPECT_EQ(t[5].url, "https://cdn.example/lib.js");
  EXPECT_EQ(t[6].kind, TargetKind::external);
}

TEST(LinkTargets, TheSeedsHeadScriptIsALink) {
  const std::string text =
      testing::slurp(std::string(QADECK_SHARED_DIR) + "/seed/deep-learning-qa.md");
  const Parsed p(text);
  const auto& t = link_targets(p.doc());
  ASSERT_FALSE(t.empty());
  EXPECT_EQ(t[0].kind, TargetKind::external);
  EXPECT_EQ(t[0].url.rfind("https://cdnjs.cloudflare.com/ajax/libs/mathjax/", 0), 0u) << t[0].url;
  EXPECT_EQ(p.line(t[0].where.begin), 13u);
}

}  // namespace
}  // namespace qadeck
