#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "export/card_identity.h"
#include "export/deck_builder.h"
#include "export/json_exporter.h"
#include "test_support.h"

namespace qadeck {
namespace {

using testing::Parsed;

constexpr const char* notes =
    "---\ntitle: DL\ntags: [ml]\n---\n"
    "<b>1. Before any section?</b><br>\nYes.<br><br>\n\n"
    "## 2. Basics\n\n"
    "<b>1. What is $x_1$?</b><br>\nSolution: a variable.<br><br>\n";

Deck deck_of(const Parsed& doc) {
  DeckBuilder builder;
  builder.add(doc.doc());
  return builder.finish();
}

TEST(JsonExporter, CardsCarryEverythingTheSchemaAsksFor) {
  const Parsed doc(notes, {}, "content/dl.md");
  const Deck deck = deck_of(doc);
  const auto json = nlohmann::json::parse(cards_json(deck));
  EXPECT_EQ(json["format"], "qadeck-cards");
  EXPECT_EQ(json["version"], cards_json_version);
  EXPECT_EQ(json["title"], "DL");
  ASSERT_EQ(json["cards"].size(), 2u);
  const auto& first = json["cards"][0];
  EXPECT_TRUE(first["section"].is_null());
  EXPECT_EQ(first["deck"], "DL");
  const auto& card = json["cards"][1];
  EXPECT_EQ(card["id"], card_key_hex(deck.cards[1].key));
  EXPECT_EQ(card["anki_guid"], anki_guid(deck.cards[1].key));
  EXPECT_TRUE(card["explicit_id"].is_null());
  EXPECT_EQ(card["deck"], "DL::Basics");
  EXPECT_EQ(card["section"]["number"], "2");
  EXPECT_EQ(card["section"]["title"], "Basics");
  EXPECT_EQ(card["number"], "1");
  EXPECT_EQ(card["question"]["markdown"], "What is $x_1$?");
  EXPECT_EQ(card["question"]["html"], "What is \\(x_1\\)?");
  EXPECT_EQ(card["answer"]["markdown"], "Solution: a variable.<br><br>");
  EXPECT_EQ(card["tags"], nlohmann::json::array({"ml"}));
  EXPECT_EQ(card["source"]["path"], "content/dl.md");
  EXPECT_EQ(card["source"]["line"], 10);
  EXPECT_EQ(card["source"]["answer_line"], 11);
}

TEST(JsonExporter, TheSameInputGivesTheSameBytes) {
  const Parsed a(notes, {}, "dl.md");
  const Parsed b(notes, {}, "dl.md");
  EXPECT_EQ(cards_json(deck_of(a)), cards_json(deck_of(b)));
}

TEST(JsonExporter, TheEmbeddedSchemaIsTheRepositorysFile) {
  const std::string file =
      testing::slurp(std::string(QADECK_SOURCE_DIR) + "/tools/export/schema/cards.schema.json");
  EXPECT_EQ(cards_json_schema(), file);
  const auto schema = nlohmann::json::parse(cards_json_schema());
  EXPECT_EQ(schema["properties"]["version"]["const"], cards_json_version);
}

}  // namespace
}  // namespace qadeck
