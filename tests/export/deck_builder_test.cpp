#include <gtest/gtest.h>

#include <set>

#include "export/card_identity.h"
#include "export/deck_builder.h"
#include "test_support.h"

namespace qadeck {
namespace {

using testing::Parsed;
using testing::ScratchDir;

constexpr const char* notes =
    "---\n"
    "title: Deep Learning Q&A\n"
    "tags: [ml, deep learning]\n"
    "---\n"
    "## 1. Basics\n"
    "\n"
    "**1. Why non-linearities?**\n"
    "\n"
    "Solution: otherwise the model is linear.\n"
    "\n"
    "**2. What is $\\sigma(x)$?**\n"
    "\n"
    "Solution: the logistic function $\\frac{1}{1+e^{-x}}$.\n"
    "\n"
    "## 2. Training\n"
    "\n"
    "**3. What does Adam do?**\n"
    "\n"
    "Solution: adapts per-parameter steps.\n";

Deck build(const std::vector<const Parsed*>& docs, DeckOptions options = {}) {
  DeckBuilder builder(options);
  for (const Parsed* p : docs) builder.add(p->doc());
  EXPECT_TRUE(builder.errors().empty()) << builder.errors().front();
  return builder.finish();
}

std::vector<uint64_t> keys(const Deck& deck) {
  std::vector<uint64_t> out;
  for (const Card& c : deck.cards) out.push_back(c.key);
  return out;
}

TEST(DeckBuilder, CardsCarryTheirPlaceAndText) {
  const Parsed doc(notes, {}, "content/dl.md");
  const Deck deck = build({&doc});
  ASSERT_EQ(deck.cards.size(), 3u);
  EXPECT_EQ(deck.title, "Deep Learning Q&A");
  const Card& c = deck.cards[1];
  EXPECT_EQ(c.number, "2");
  EXPECT_EQ(c.deck, "Deep Learning Q&A::Basics");
  EXPECT_EQ(deck.cards[2].deck, "Deep Learning Q&A::Training");
  EXPECT_EQ(c.line, 11u);
  EXPECT_EQ(c.answer_line, 13u);
  EXPECT_EQ(c.question.markdown, "What is $\\sigma(x)$?");
  EXPECT_EQ(c.question.html, "What is \\(\\sigma(x)\\)?");
  EXPECT_EQ(c.answer.html, "<p>Solution: the logistic function \\(\\frac{1}{1+e^{-x}}\\).</p>\n");
  ASSERT_EQ(c.question.math.size(), 1u);
  EXPECT_EQ(c.question.math[0].range.in(c.question.markdown), "$\\sigma(x)$");
  const DeckDocument& d = deck.documents[c.document];
  EXPECT_EQ(d.identity, "dl.md");
  EXPECT_EQ(d.tags, (std::vector<std::string>{"ml", "deep learning"}));
  EXPECT_EQ(d.sections[static_cast<size_t>(c.section)].title, "Basics");
}

TEST(DeckBuilder, KeysSurviveAnswerEditsRenumberingAndMovingTheRepository) {
  const Parsed before(notes, {}, "/home/me/repo/content/dl.md");
  std::string edited = notes;
  edited.replace(edited.find("otherwise the model is linear."), 30,
                 "a stack of linear maps is linear.");
  edited.replace(edited.find("**3. What"), 9, "**7. What");
  const Parsed after(edited, {}, "/srv/checkout/elsewhere/dl.md");
  EXPECT_EQ(keys(build({&before})), keys(build({&after})));
}

TEST(DeckBuilder, KeysChangeWithTheQuestionAndTheDocumentIdentity) {
  const Parsed original(notes, {}, "dl.md");
  std::string reworded = notes;
  reworded.replace(reworded.find("Why non-linearities?"), 20, "Why use non-linearities?");
  const Parsed changed(reworded, {}, "dl.md");
  const Parsed renamed(notes, {}, "deep-learning.md");
  const auto a = keys(build({&original}));
  const auto b = keys(build({&changed}));
  EXPECT_NE(a[0], b[0]);
  EXPECT_EQ(a[1], b[1]);
  EXPECT_NE(a[1], keys(build({&renamed}))[1]);
  // A front matter id is the identity whatever the file is called.
  std::string with_id = notes;
  with_id.insert(4, "id: dl-notes\n");
  const Parsed x(with_id, {}, "x.md");
  const Parsed y(with_id, {}, "y.md");
  EXPECT_EQ(keys(build({&x})), keys(build({&y})));
}

TEST(DeckBuilder, ExplicitIdsKeepKeysAcrossRewordingAndFiles) {
  const std::string a =
      "<!-- qadeck-id: nonlin -->\n**1. Why non-linearities?**\n\nSolution: x.\n\n"
      "**2. What is ReLU?** <!-- qadeck-id: relu -->\n\nSolution: max(0, x).\n";
  const std::string b =
      "**1. What is ReLU, exactly?** <!-- qadeck-id: relu -->\n\nSolution: max(0, x).\n\n"
      "<!-- qadeck-id: nonlin -->\n**2. Why do networks need non-linear activations?**\n\n"
      "Solution: x.\n";
  const Parsed pa(a, {}, "a.md");
  const Parsed pb(b, {}, "b.md");
  const Deck da = build({&pa});
  const Deck db = build({&pb});
  EXPECT_EQ(da.cards[0].explicit_id, "nonlin");
  EXPECT_EQ(da.cards[1].explicit_id, "relu");
  EXPECT_EQ(da.cards[0].key, db.cards[1].key);
  EXPECT_EQ(da.cards[1].key, db.cards[0].key);
  EXPECT_EQ(da.cards[1].key, explicit_card_key("relu"));
  // The comment never reaches the card.
  EXPECT_EQ(da.cards[1].question.html.find("qadeck-id"), std::string::npos);
}

TEST(DeckBuilder, AnIdUsedTwiceIsAnError) {
  const Parsed a("**1. A?** <!-- qadeck-id: same -->\n\nx\n\n**2. C?**\n\nz\n", {}, "a.md");
  const Parsed b("**1. B?** <!-- qadeck-id: same -->\n\ny\n\n**2. D?**\n\nw\n", {}, "b.md");
  DeckBuilder builder;
  builder.add(a.doc());
  builder.add(b.doc());
  ASSERT_EQ(builder.errors().size(), 1u);
  EXPECT_NE(builder.errors()[0].find("b.md:1"), std::string::npos);
  EXPECT_NE(builder.errors()[0].find("a.md:1"), std::string::npos);
}

TEST(DeckBuilder, TheSameQuestionTwiceGetsTwoKeys) {
  const Parsed doc("**1. What is X?**\n\nOne.\n\n**2. What is X?**\n\nTwo.\n", {}, "x.md");
  const Deck deck = build({&doc});
  ASSERT_EQ(deck.cards.size(), 2u);
  EXPECT_NE(deck.cards[0].key, deck.cards[1].key);
}

TEST(DeckBuilder, UnsafeHtmlNeverReachesACard) {
  const Parsed doc(
      "**1. Q <img src=x onerror=alert(1)>?**\n\n"
      "A <script>alert(1)</script> <a href=\"javascript:go()\">x</a> [y](javascript:go()).\n\n"
      "**2. Safe?**\n\nYes.\n",
      {}, "x.md");
  DeckBuilder builder;
  builder.add(doc.doc());
  const Deck deck = builder.finish();
  const Card& c = deck.cards.at(0);
  for (const std::string* html : {&c.question.html, &c.answer.html}) {
    EXPECT_EQ(html->find("script"), std::string::npos) << *html;
    EXPECT_EQ(html->find("onerror"), std::string::npos) << *html;
    EXPECT_EQ(html->find("javascript"), std::string::npos) << *html;
  }
  EXPECT_EQ(builder.warnings().size(), 2u);
}

TEST(DeckBuilder, ContinuationLinesAreDedented) {
  const Parsed doc(
      "1. What is X?\n"
      "\n"
      "    X is:\n"
      "\n"
      "    - a thing\n"
      "    - with $a_1$\n"
      "\n"
      "2. What is Y?\n"
      "\n"
      "    Y.\n",
      {}, "x.md");
  const Deck deck = build({&doc});
  ASSERT_EQ(deck.cards.size(), 2u);
  const Card& c = deck.cards[0];
  EXPECT_EQ(c.answer.markdown.find("    "), std::string::npos) << c.answer.markdown;
  EXPECT_EQ(c.answer.html,
            "<p>X is:</p>\n<ul>\n<li>a thing</li>\n<li>with \\(a_1\\)</li>\n</ul>\n");
  ASSERT_EQ(c.answer.math.size(), 1u);
  EXPECT_EQ(c.answer.math[0].range.in(c.answer.markdown), "$a_1$");
}

TEST(DeckBuilder, LocalImagesBecomeMediaUnderSafeNames) {
  const ScratchDir dir;
  dir.write("notes/img/My Diagram (1).png", "png bytes");
  dir.write("notes/img/other.png", "png bytes");
  const std::string text =
      "**1. Q?**\n\nSee ![d](img/My%20Diagram%20(1).png) and <img src=\"img/My Diagram "
      "(1).png\">,\n"
      "![o](img/other.png), ![remote](https://example.com/x.png) and ![gone](img/gone.png).\n\n"
      "**2. R?**\n\nNone.\n";
  const Parsed doc(text, {}, dir.file("notes/q.md"));
  DeckBuilder builder;
  builder.add(doc.doc());
  const Deck deck = builder.finish();
  ASSERT_EQ(deck.media.size(), 2u);
  const std::string& name = deck.media[0].name;
  EXPECT_TRUE(name.starts_with("My-Diagram-1-")) << name;
  EXPECT_TRUE(name.ends_with(".png")) << name;
  EXPECT_EQ(deck.media[0].bytes, "png bytes");
  EXPECT_NE(deck.media[1].name, name);
  const Card& c = deck.cards.at(0);
  ASSERT_EQ(c.images.size(), 4u);
  EXPECT_EQ(c.images[0].media, 0);
  EXPECT_EQ(c.images[1].media, 0);
  EXPECT_EQ(c.images[2].media, 1);
  EXPECT_EQ(c.images[3].media, -1);
  ASSERT_EQ(builder.warnings().size(), 1u);
  EXPECT_NE(builder.warnings()[0].find("gone.png"), std::string::npos);
}

TEST(DeckBuilder, TitlesAndDeckNames) {
  const Parsed untitled("# My Notes\n\n**1. A?**\n\nx\n\n**2. B?**\n\ny\n", {}, "dir/untitled.md");
  const Parsed bare("**1. A?**\n\nx\n\n**2. B?**\n\ny\n", {}, "dir/bare-notes.md");
  const Parsed colons("## 1. A::B\n\n**1. A?**\n\nx\n\n**2. B?**\n\ny\n", {}, "c.md");
  EXPECT_EQ(build({&untitled}).cards[0].deck, "My Notes");
  EXPECT_EQ(build({&bare}).cards[0].deck, "bare-notes");
  EXPECT_EQ(build({&colons}).cards[0].deck, "c::A:B");
  EXPECT_EQ(build({&untitled, &bare}).title, "Questions and answers");
  DeckOptions options;
  options.title = "Exam";
  const Deck deck = build({&untitled, &colons}, options);
  EXPECT_EQ(deck.title, "Exam");
  EXPECT_EQ(deck.cards[0].deck, "Exam");
  EXPECT_EQ(deck.cards[2].deck, "Exam::A:B");
}

TEST(DeckBuilder, TheSeedBuildsTwentyFiveCards) {
  const std::string path = std::string(QADECK_SHARED_DIR) + "/seed/deep-learning-qa.md";
  const Parsed doc(testing::slurp(path), {}, path);
  const Deck deck = build({&doc});
  ASSERT_EQ(deck.cards.size(), 25u);
  const std::vector<uint64_t> all = keys(deck);
  const std::set<uint64_t> unique(all.begin(), all.end());
  EXPECT_EQ(unique.size(), 25u);
  EXPECT_EQ(deck.cards[24].number, "25");
  EXPECT_NE(deck.cards[24].answer.html.find("\\[w = w - \\triangledown C(w)"), std::string::npos);
  EXPECT_NE(deck.cards[24].answer.html.find("factor &lt; 1"), std::string::npos);
  EXPECT_EQ(deck.cards[3].lang, "zh");
}

}  // namespace
}  // namespace qadeck
