#include "export/identity_file.h"

#include <gtest/gtest.h>

#include "core/atomic_write.h"
#include "export/card_identity.h"
#include "export/card_links.h"
#include "export/deck_builder.h"
#include "test_support.h"

namespace qadeck {
namespace {

using testing::Parsed;
using testing::ScratchDir;

constexpr const char* two =
    "**1. What is the rank of a matrix?**\n\nThe dimension of its column space.\n\n"
    "**2. What is the trace of a matrix?**\n\nThe sum of its diagonal entries.\n";

Deck deck_of(const std::string& text) {
  const Parsed doc(text, {}, "notes.md");
  DeckBuilder builder;
  builder.add(doc.doc());
  return builder.finish();
}

IdentityFile file_of(const Deck& deck, int64_t time = 100) {
  Deck copy = deck;
  IdentityFile file;
  const IdentityMatches matches = match_identities(copy, file);
  std::vector<AnkiNote> notes(copy.cards.size());
  for (size_t i = 0; i < notes.size(); ++i) notes[i].fields = {"f", "b", "s", "src"};
  update_identities(file, copy, matches, notes, {time, 3, false});
  return file;
}

TEST(IdentityFile, SimilarityIsDiceOfTrigrams) {
  EXPECT_EQ(text_similarity("abc", "abc"), 1);
  EXPECT_EQ(text_similarity("abcdef", "uvwxyz"), 0);
  EXPECT_GT(text_similarity("what is the rank of a matrix?", "what is the rank of a matrx?"), 0.8);
  EXPECT_LT(text_similarity("what is the rank of a matrix?", "how do adam and sgd differ?"), 0.3);
}

TEST(IdentityFile, TextRoundTripsSortedOneNoteALine) {
  const IdentityFile file = file_of(deck_of(two));
  const std::string text = identity_file_text(file);
  EXPECT_TRUE(text.starts_with("{\"format\": \"qadeck-ids\", \"version\": 1, \"notes\": {\n"));
  EXPECT_TRUE(text.ends_with("\n}}\n"));
  const ScratchDir dir;
  dir.write("ids.json", text);
  IdentityFile back;
  bool exists = false;
  ASSERT_FALSE(read_identity_file(dir.file("ids.json"), back, exists));
  EXPECT_TRUE(exists);
  EXPECT_EQ(identity_file_text(back), text);
}

TEST(IdentityFile, MissingIsEmptyCorruptIsAnError) {
  const ScratchDir dir;
  IdentityFile file;
  bool exists = true;
  EXPECT_FALSE(read_identity_file(dir.file("none.json"), file, exists));
  EXPECT_FALSE(exists);
  for (const char* bad :
       {"{", "{\"format\": \"other\", \"version\": 1, \"notes\": {}}",
        "{\"format\": \"qadeck-ids\", \"version\": 9, \"notes\": {}}",
        "{\"format\": \"qadeck-ids\", \"version\": 1, \"notes\": {\"xyz\": {}}}"}) {
    dir.write("bad.json", bad);
    const auto error = read_identity_file(dir.file("bad.json"), file, exists);
    ASSERT_TRUE(error) << bad;
    EXPECT_NE(error->find("bad.json: not a valid identity file"), std::string::npos) << *error;
  }
}

TEST(IdentityFile, AnEditedQuestionKeepsItsKey) {
  const Deck before = deck_of(two);
  const IdentityFile file = file_of(before);
  Deck after = deck_of(std::string(two).replace(std::string(two).find("rank of"), 7, "rank of a"));
  ASSERT_NE(after.cards[0].key, before.cards[0].key);
  const IdentityMatches m = match_identities(after, file);
  EXPECT_EQ(m.cards[0].kind, IdentityMatch::Kind::renamed);
  EXPECT_EQ(after.cards[0].key, before.cards[0].key);
  EXPECT_EQ(m.cards[1].kind, IdentityMatch::Kind::same);
  EXPECT_TRUE(m.removed.empty());
}

TEST(IdentityFile, AnotherQuestionIsNotARename) {
  const IdentityFile file = file_of(deck_of(two));
  Deck after = deck_of(
      "**1. How do Adam and SGD differ?**\n\nAdam adapts its steps.\n\n"
      "**2. What is the trace of a matrix?**\n\nThe sum of its diagonal entries.\n");
  const IdentityMatches m = match_identities(after, file);
  EXPECT_EQ(m.cards[0].kind, IdentityMatch::Kind::added);
  EXPECT_EQ(m.removed.size(), 1u);
}

TEST(CardLinks, MarkdownLinksPointUnderTheBaseUrlOrBecomeText) {
  EXPECT_EQ(markdown_link_target("b.md#x", "docs/a.md", "https://h/r/blob/main"),
            "https://h/r/blob/main/docs/b.md#x");
  EXPECT_EQ(markdown_link_target("../c.MD", "docs/a.md", "https://h/r/"), "https://h/r/c.MD");
  EXPECT_EQ(markdown_link_target("../../c.md", "docs/a.md", "https://h/r/"), "");
  EXPECT_EQ(markdown_link_target("b.md", "a.md", ""), "");
  EXPECT_FALSE(markdown_link_target("https://x/b.md", "a.md", ""));
  EXPECT_FALSE(markdown_link_target("#part", "a.md", ""));
  EXPECT_FALSE(markdown_link_target("image.png", "a.md", ""));
  EXPECT_EQ(rewrite_markdown_links("<p>See <a href=\"b.md\">b</a> and <a href=\"#x\">x</a>.</p>",
                                   "a.md", ""),
            "<p>See b and <a href=\"#x\">x</a>.</p>");
  EXPECT_EQ(rewrite_markdown_links("<a href=\"b.md?x=1&amp;y=2\">b</a>", "a.md", "https://h"),
            "<a href=\"https://h/b.md?x=1&amp;y=2\">b</a>");
}

}  // namespace
}  // namespace qadeck
