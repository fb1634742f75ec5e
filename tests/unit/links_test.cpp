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

std::string rendered(std::string_view md, SlugStyle style = SlugStyle::github,
                     std::string_view document = "") {
  return rendered_heading_text(md, style, heading_context(document));
}

TEST(RenderedHeadingText, MarkupIsRemoved) {
  EXPECT_EQ(rendered("Why `tanh` (and not **sigmoid**)?"), "Why tanh (and not sigmoid)?");
  EXPECT_EQ(rendered("[Dropout](https://x.com/a_b \"t (x)\") & *friends*"), "Dropout & friends");
  EXPECT_EQ(rendered("__init__ and snake_case, a _ b"), "init and snake_case, a _ b");
  EXPECT_EQ(rendered("<b>Bold</b> ![img](a.png) text <!-- c -->"), "Bold  text ");
  EXPECT_EQ(rendered("A &amp; B \\* c &eacute;&copy; &NotGreaterFullEqual;"), "A & B * c é© ≧̸");
  EXPECT_EQ(rendered("see <https://example.com>"), "see https://example.com");
  // Emoji shortcodes stay text: GitHub slugs them by name.
  EXPECT_EQ(rendered("Launch :rocket: at 12:30:45"), "Launch :rocket: at 12:30:45");
}

TEST(RenderedHeadingText, ReferencesAndFootnotesNeedTheirDefinitions) {
  const std::string doc = "[def]: https://x.com\n\ntext[^n]\n\n[^n]: note\n";
  EXPECT_EQ(rendered("[Ref][def] [Ref][nodef]", SlugStyle::github, doc), "Ref [Ref][nodef]");
  EXPECT_EQ(rendered("Heading[^n] [^x]", SlugStyle::github, doc), "Heading1 [^x]");
  EXPECT_EQ(rendered("Heading[^n]", SlugStyle::github_pages, doc), "Heading");
}

TEST(RenderedHeadingText, PagesTypography) {
  EXPECT_EQ(rendered("a -- b --- c ---- d", SlugStyle::github_pages), "a  b  c - d");
  EXPECT_EQ(rendered("a -- b", SlugStyle::github), "a -- b");
  EXPECT_EQ(rendered("`  a  ` b", SlugStyle::github), " a  b");
  EXPECT_EQ(rendered("`  a  ` b", SlugStyle::github_pages), "  a   b");
  EXPECT_EQ(rendered("&NotGreaterFullEqual; &eacute;", SlugStyle::github_pages),
            "&NotGreaterFullEqual; é");
}

TEST(GithubSlug, AlphabeticSymbolsStay) {
  EXPECT_EQ(github_slug("Ⓐ ⓩ 🄰"), "ⓐ-ⓩ-🄰");
  EXPECT_EQ(github_pages_slug("a\tb"), "a-b");
  EXPECT_EQ(github_slug("a\tb"), "ab");
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
  const HeadingContext none;
  Slugger github(SlugStyle::github);
  EXPECT_EQ(github.next("Notes", none), "notes");
  EXPECT_EQ(github.next("Notes", none), "notes-1");
  EXPECT_EQ(github.next("notes", none), "notes-2");
  EXPECT_EQ(github.next("Notes 1", none), "notes-1-1");  // "notes-1" is taken
  Slugger kramdown(SlugStyle::kramdown);
  EXPECT_EQ(kramdown.next("梯度", none), "section");
  EXPECT_EQ(kramdown.next("消失", none), "section-1");
  EXPECT_EQ(kramdown.next("Notes", none), "notes");
  EXPECT_EQ(kramdown.next("Notes", none), "notes-1");
  EXPECT_EQ(kramdown.next("梯度", none), "section-2");
  // Pages counts without checking: "foxtrot-1" twice.
  Slugger pages(SlugStyle::github_pages);
  EXPECT_EQ(pages.next("foxtrot-1", none), "foxtrot-1");
  EXPECT_EQ(pages.next("foxtrot", none), "foxtrot");
  EXPECT_EQ(pages.next("foxtrot", none), "foxtrot-1");
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
  // On github.com an attribute list is text.
  EXPECT_EQ(anchors_of(text, SlugStyle::github),
            (std::vector<std::string>{"1-dup", "1-dup-1", "block", "custom-my-id", "named",
                                      "setext-heading", "title", "x&y"}));
  // In kramdown an explicit id replaces the automatic one.
  EXPECT_EQ(anchors_of(text, SlugStyle::kramdown),
            (std::vector<std::string>{"block-id", "dup", "dup-1", "my-id", "named",
                                      "setext-heading", "title", "x&y"}));
}

TEST(CharacterReferences, AllOfHtml5AndLegacyOnesInAttributes) {
  size_t n = 0;
  EXPECT_EQ(decode_character_reference("&NotGreaterFullEqual;", 0, n), "\u2267\u0338");
  EXPECT_EQ(n, 21u);
  EXPECT_EQ(decode_character_reference("&copy x", 0, n), "");
  EXPECT_EQ(decode_character_reference("&copy x", 0, n, EntityTable::html_attribute), "\u00a9");
  EXPECT_EQ(n, 5u);
  EXPECT_EQ(decode_character_reference("&copyx", 0, n, EntityTable::html_attribute), "");
  EXPECT_EQ(decode_character_reference("&eacute;", 0, n, EntityTable::kramdown), "\u00e9");
  EXPECT_EQ(decode_character_reference("&NotGreaterFullEqual;", 0, n, EntityTable::kramdown), "");
}

TEST(DocumentAnchors, NameOnlyOnLinksAndKramdownHeadingsWithoutSpace) {
  const std::string text = "<p name=\"p\"></p><a name=\"a\"></a>\n\n#NoSpace\n";
  EXPECT_EQ(anchors_of(text, SlugStyle::github), (std::vector<std::string>{"a"}));
  EXPECT_EQ(anchors_of(text, SlugStyle::kramdown), (std::vector<std::string>{"a", "nospace"}));
}

TEST(DocumentAnchors, GithubMatchesIgnoreCaseKramdownExactly) {
  const AnchorSet set({{0, "notes", AnchorSource::heading}, {0, "Mixed", AnchorSource::html}});
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
