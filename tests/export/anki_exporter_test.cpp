#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "apkg_reader.h"
#include "export/anki_collection.h"
#include "export/anki_exporter.h"
#include "export/anki_fields.h"
#include "export/card_identity.h"
#include "export/deck_builder.h"
#include "export/sha1.h"
#include "test_support.h"

namespace qadeck {
namespace {

using testing::Collection;
using testing::Parsed;
using testing::ScratchDir;
using testing::unzip;

constexpr const char* notes =
    "---\n"
    "title: DL\n"
    "tags: [ml, deep learning]\n"
    "---\n"
    "## 1. Basics\n"
    "\n"
    "<b>1. Why non-linearities?</b><br>\n"
    "Solution: otherwise the model is linear.<br><br>\n"
    "\n"
    "<b>2. What is $a < b$?</b><br>\n"
    "Solution: a comparison.<br><br>\n"
    "\n"
    "## 2. Training\n"
    "\n"
    "<b>3. What does Adam do?</b><br>\n"
    "Solution: adapts per-parameter steps.<br><br>\n";

std::string package(const std::string& text, int64_t time, const std::string& path = "dl.md") {
  const Parsed doc(text, {}, path);
  DeckBuilder builder;
  builder.add(doc.doc());
  const Deck deck = builder.finish();
  std::string bytes;
  const auto error = build_anki_package(deck, {time}, bytes);
  EXPECT_FALSE(error.has_value()) << *error;
  return bytes;
}

std::string collection_of(const std::string& apkg) { return unzip(apkg).at("collection.anki2"); }

// guid -> (note id, mod, flds)
std::map<std::string, std::vector<std::string>> notes_by_guid(const Collection& col) {
  std::map<std::string, std::vector<std::string>> out;
  for (auto& row : col.rows("SELECT guid, id, mid, mod, flds FROM notes")) {
    out[row[0]] = {row[1], row[2], row[3], row[4]};
  }
  return out;
}

TEST(AnkiExporter, LegacyPackageLayout) {
  const auto members = unzip(package(notes, 1700000000));
  std::set<std::string> names;
  for (const auto& [name, bytes] : members) names.insert(name);
  EXPECT_EQ(names, (std::set<std::string>{"collection.anki2", "media"}));
  EXPECT_EQ(members.at("media"), "{}");
  EXPECT_TRUE(members.at("collection.anki2").starts_with(std::string("SQLite format 3\0", 16)));
}

TEST(AnkiExporter, SchemaElevenCollection) {
  const Collection col(collection_of(package(notes, 1700000000)));
  EXPECT_EQ(col.value("SELECT ver FROM col"), "11");
  EXPECT_EQ(col.value("SELECT count(*) FROM notes"), "3");
  EXPECT_EQ(col.value("SELECT count(*) FROM cards"), "3");
  EXPECT_EQ(col.value("SELECT count(*) FROM revlog"), "0");
  EXPECT_EQ(col.value("SELECT count(*) FROM graves"), "0");
  EXPECT_EQ(col.value("SELECT count(*) FROM sqlite_master WHERE type = 'index'"), "7");

  const auto models = nlohmann::json::parse(col.value("SELECT models FROM col"));
  ASSERT_TRUE(models.contains(std::to_string(anki_model_id)));
  const auto& model = models[std::to_string(anki_model_id)];
  std::vector<std::string> fields;
  for (const auto& f : model["flds"]) fields.push_back(f["name"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"Front", "Back", "Section", "Source"}));
  EXPECT_EQ(model["tmpls"].size(), 1u);

  const auto decks = nlohmann::json::parse(col.value("SELECT decks FROM col"));
  std::set<std::string> deck_names;
  for (const auto& [id, d] : decks.items()) deck_names.insert(d["name"]);
  EXPECT_EQ(deck_names, (std::set<std::string>{"Default", "DL", "DL::Basics", "DL::Training"}));
  const std::string training = std::to_string(anki_deck_id("DL::Training"));
  EXPECT_EQ(col.value("SELECT count(*) FROM cards WHERE did = " + training), "1");
  EXPECT_EQ(col.value("SELECT count(*) FROM cards WHERE did = 1"), "0");
}

// The note type is frozen: Anki updates an existing note only when the incoming note type has
// the same id and the same fields and templates, so any change here would stop every user's
// re-import from updating their notes. A deliberate change needs a new note type (a new id,
// name and a documented migration), not an edit of these values.
TEST(AnkiExporter, NoteTypeIsFrozen) {
  const Collection col(collection_of(package(notes, 1700000000)));
  const auto models = nlohmann::json::parse(col.value("SELECT models FROM col"));
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(anki_model_id, 1640995200042);
  const auto& model = models.at("1640995200042");
  EXPECT_EQ(model["id"], 1640995200042);
  EXPECT_EQ(model["name"], "qadeck Q&A");
  EXPECT_EQ(model["type"], 0);
  EXPECT_EQ(model["sortf"], 0);
  std::vector<std::string> fields;
  for (const auto& f : model["flds"]) fields.push_back(std::string(f["name"]) + "/" + to_string(f["ord"]));
  EXPECT_EQ(fields, (std::vector<std::string>{"Front/0", "Back/1", "Section/2", "Source/3"}));
  ASSERT_EQ(model["tmpls"].size(), 1u);
  const auto& card = model["tmpls"][0];
  EXPECT_EQ(card["name"], "Card 1");
  EXPECT_EQ(card["ord"], 0);
  EXPECT_EQ(sha1_hex(std::string(card["qfmt"])), "a835b71df4267568b42746e2bb6961a822400fa2");
  EXPECT_EQ(sha1_hex(std::string(card["afmt"])), "9cfc969cdfe02f5b9a2ec16b11e3d4247bfa28e0");
  EXPECT_EQ(sha1_hex(std::string(model["css"])), "8103e275cff9e675aec2342437682dfd6d99d896");
  EXPECT_EQ(model["req"].dump(), R"([[0,"any",[0]]])");
}

TEST(AnkiExporter, NotesHoldFieldsTagsChecksumsAndSortFields) {
  const Collection col(collection_of(package(notes, 1700000000)));
  const auto rows = col.rows("SELECT flds, tags, sfld, csum FROM notes ORDER BY sfld");
  ASSERT_EQ(rows.size(), 3u);
  const auto& row = rows[1];  // "2. What is \(a < b\)?"
  std::vector<std::string> fields;
  size_t start = 0;
  for (size_t at; (at = row[0].find('\x1f', start)) != std::string::npos; start = at + 1) {
    fields.push_back(row[0].substr(start, at - start));
  }
  fields.push_back(row[0].substr(start));
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0], "2. What is \\(a &lt; b\\)?");
  EXPECT_EQ(fields[1], "<p>Solution: a comparison.<br><br></p>\n");
  EXPECT_EQ(fields[2], "1 Basics");
  EXPECT_EQ(fields[3], "dl.md");
  EXPECT_EQ(row[1], " ml deep_learning ");
  EXPECT_EQ(row[2], "2. What is \\(a < b\\)?");
  EXPECT_EQ(row[3], std::to_string(anki_field_checksum(fields[0])));
}

TEST(AnkiExporter, GuidsAreTheCardKeys) {
  const Parsed doc(notes, {}, "dl.md");
  DeckBuilder builder;
  builder.add(doc.doc());
  const Deck deck = builder.finish();
  std::string bytes;
  ASSERT_FALSE(build_anki_package(deck, {1700000000}, bytes));
  const Collection col(collection_of(bytes));
  std::set<std::string> expected;
  for (const Card& c : deck.cards) expected.insert(anki_guid(c.key));
  std::set<std::string> got;
  for (const auto& row : col.rows("SELECT guid FROM notes")) got.insert(row[0]);
  EXPECT_EQ(got, expected);
}

// What Anki needs to update notes in place on re-import, keeping their review history: the
// same GUIDs, the same note type id, and a newer note mod.
TEST(AnkiExporter, ReExportAfterEditingAnAnswerUpdatesTheSameNotes) {
  const Collection first(collection_of(package(notes, 1700000000)));
  std::string edited = notes;
  const std::string old_answer = "Solution: a comparison.";
  edited.replace(edited.find(old_answer), old_answer.size(), "Solution: $a$ is smaller than $b$.");
  const Collection second(collection_of(package(edited, 1700000600)));

  const auto before = notes_by_guid(first);
  const auto after = notes_by_guid(second);
  ASSERT_EQ(before.size(), 3u);
  ASSERT_EQ(after.size(), 3u);
  int changed = 0;
  for (const auto& [guid, note] : before) {
    ASSERT_TRUE(after.count(guid)) << "guid " << guid << " is gone";
    const auto& now = after.at(guid);
    EXPECT_EQ(now[0], note[0]) << "note id";
    EXPECT_EQ(now[1], std::to_string(anki_model_id));
    EXPECT_EQ(note[1], std::to_string(anki_model_id));
    EXPECT_GT(std::stoll(now[2]), std::stoll(note[2])) << "mod must be newer";
    if (now[3] != note[3]) ++changed;
  }
  EXPECT_EQ(changed, 1);
  const auto m1 = nlohmann::json::parse(first.value("SELECT models FROM col"));
  const auto m2 = nlohmann::json::parse(second.value("SELECT models FROM col"));
  EXPECT_EQ(m1.begin().key(), m2.begin().key());
  EXPECT_EQ((*m1.begin())["flds"], (*m2.begin())["flds"]);
}

TEST(AnkiExporter, TheSameInputAndTimeGiveTheSameBytes) {
  EXPECT_EQ(package(notes, 1700000000), package(notes, 1700000000));
  EXPECT_NE(package(notes, 1700000000), package(notes, 1700000001));
}

TEST(AnkiExporter, TimesAreSecondsAndMilliseconds) {
  const Collection col(collection_of(package(notes, 1700000000)));
  EXPECT_EQ(col.value("SELECT DISTINCT mod FROM notes"), "1700000000");
  EXPECT_EQ(col.value("SELECT DISTINCT mod FROM cards"), "1700000000");
  EXPECT_EQ(col.value("SELECT mod FROM col"), "1700000000000");
  EXPECT_EQ(col.value("SELECT crt FROM col"), std::to_string(1700000000 - 1700000000 % 86400));
  EXPECT_EQ(col.value("SELECT group_concat(due) FROM (SELECT due FROM cards ORDER BY due)"),
            "1,2,3");
}

TEST(AnkiExporter, PacksImagesAsMedia) {
  const ScratchDir dir;
  dir.write("img/plot.png", "PNG");
  const std::string text =
      "<b>1. Q?</b><br>\nSee ![plot](img/plot.png) and ![x](img/none.png).\n\n"
      "<b>2. R?</b><br>\nNo image.\n";
  const std::string apkg = package(text, 1700000000, dir.file("q.md"));
  const auto members = unzip(apkg);
  const auto media = nlohmann::json::parse(members.at("media"));
  ASSERT_EQ(media.size(), 1u);
  const std::string name = media["0"];
  EXPECT_TRUE(name.starts_with("plot-") && name.ends_with(".png")) << name;
  EXPECT_EQ(members.at("0"), "PNG");
  const Collection col(members.at("collection.anki2"));
  const std::string flds = col.value("SELECT flds FROM notes WHERE sfld = '1. Q?'");
  EXPECT_NE(flds.find("<img src=\"" + name + "\""), std::string::npos) << flds;
  EXPECT_EQ(flds.find("none.png"), std::string::npos) << flds;
}

TEST(AnkiExporter, WritesThroughATemporaryFile) {
  const ScratchDir dir;
  const Parsed doc(notes, {}, "dl.md");
  DeckBuilder builder;
  builder.add(doc.doc());
  const Deck deck = builder.finish();
  const std::string out = dir.file("deck.apkg");
  ASSERT_FALSE(export_anki(deck, {1700000000}, out));
  EXPECT_EQ(unzip(testing::slurp(out)).count("collection.anki2"), 1u);
  // A folder that does not exist: an error naming the file, nothing written.
  const auto error = export_anki(deck, {1700000000}, dir.file("missing/deck.apkg"));
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("missing/deck.apkg"), std::string::npos);
}

}  // namespace
}  // namespace qadeck
