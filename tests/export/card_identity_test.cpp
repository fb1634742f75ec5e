#include <gtest/gtest.h>

#include "export/card_identity.h"

namespace qadeck {
namespace {

TEST(CardIdentity, DocumentIdentityIsTheFrontMatterIdElseTheFileName) {
  EXPECT_EQ(document_identity(std::string("  dl-notes "), "content/a.md"), "dl-notes");
  EXPECT_EQ(document_identity(std::nullopt, "content/deep-learning.md"), "deep-learning.md");
  // Never the folder: moving the repository or the file's folder changes nothing.
  EXPECT_EQ(document_identity(std::nullopt, "/home/me/repo/content/deep-learning.md"),
            document_identity(std::nullopt, "elsewhere/deep-learning.md"));
  EXPECT_EQ(document_identity(std::string(""), "x/notes.md"), "notes.md");
}

TEST(CardIdentity, NormalizedQuestionIgnoresMarkupSpacingAndCase) {
  EXPECT_EQ(normalize_question("What  is\n<b>ReLU</b>?"), "what is relu ?");
  EXPECT_EQ(normalize_question("What is **ReLU**?"), "what is relu?");
  EXPECT_EQ(normalize_question("What is `relu`?"), "what is relu?");
  EXPECT_EQ(normalize_question("  What is ReLU? "), normalize_question("what is relu?"));
  EXPECT_NE(normalize_question("What is ReLU?"), normalize_question("What is GELU?"));
}

TEST(CardIdentity, DerivedKeysAreStableAndDistinct) {
  const uint64_t a = derived_card_key("notes.md", "what is relu?", 1);
  EXPECT_EQ(a, derived_card_key("notes.md", "what is relu?", 1));
  EXPECT_NE(a, derived_card_key("other.md", "what is relu?", 1));
  EXPECT_NE(a, derived_card_key("notes.md", "what is gelu?", 1));
  EXPECT_NE(a, derived_card_key("notes.md", "what is relu?", 2));
  EXPECT_NE(a, explicit_card_key("what is relu?"));
  EXPECT_EQ(explicit_card_key("relu"), explicit_card_key("relu"));
  EXPECT_NE(explicit_card_key("relu"), explicit_card_key("gelu"));
}

TEST(CardIdentity, AnkiGuidIsBase91LikeAnkisGuid64) {
  EXPECT_EQ(anki_guid(1), "b");
  EXPECT_EQ(anki_guid(91), "ba");
  EXPECT_EQ(anki_guid(0x0123456789abcdefull), "rNV`.x:p~");
  EXPECT_EQ(anki_guid(~0ull), "Rj&Z5m[>Zp");
  EXPECT_EQ(anki_guid(0), "a");
}

TEST(CardIdentity, KeyHexIsSixteenDigits) {
  EXPECT_EQ(card_key_hex(0x0123456789abcdefull), "0123456789abcdef");
  EXPECT_EQ(card_key_hex(1), "0000000000000001");
}

TEST(CardIdentity, IdComments) {
  EXPECT_EQ(card_id_in_comment("<!-- qadeck-id: relu-1 -->"), "relu-1");
  EXPECT_EQ(card_id_in_comment("<!--qadeck-id:relu-1-->"), "relu-1");
  EXPECT_EQ(card_id_in_comment("<!-- qadeck-id relu/1 -->"), "relu/1");
  EXPECT_EQ(card_id_in_comment("<!-- qadeck-id: 激活函数 -->"), "激活函数");
  // A card id comment without a usable id.
  EXPECT_EQ(card_id_in_comment("<!-- qadeck-id -->"), "");
  EXPECT_EQ(card_id_in_comment("<!-- qadeck-id: two words -->"), "");
  // Not card ids at all.
  EXPECT_EQ(card_id_in_comment("<!-- qadeck-disable numbering -->"), std::nullopt);
  EXPECT_EQ(card_id_in_comment("<!-- qadeck-identity: x -->"), std::nullopt);
  EXPECT_EQ(card_id_in_comment("<!-- a note -->"), std::nullopt);
  EXPECT_FALSE(is_valid_card_id(std::string(129, 'a')));
  EXPECT_TRUE(is_valid_card_id(std::string(128, 'a')));
}

}  // namespace
}  // namespace qadeck
