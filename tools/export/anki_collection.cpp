#include "export/anki_collection.h"

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "core/shared_library.h"
#include "export/anki_fields.h"
#include "export/sha1.h"

namespace qadeck {
namespace {

using Json = nlohmann::ordered_json;

// Ids are milliseconds in Anki; derived ones fall in 2001-09-09 .. 2017-07-14, safely past and
// far from the ids Anki gives things it creates itself.
constexpr int64_t id_base = 1'000'000'000'000;
constexpr uint64_t id_span = 500'000'000'000;

constexpr const char* schema = R"sql(
CREATE TABLE col (
  id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
  conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL,
  tags text NOT NULL);
CREATE TABLE notes (
  id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
  csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (
  id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
  due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
  lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (
  id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
  type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
)sql";

// Created after the rows are in: one sort per index instead of a B-tree insert per row.
constexpr const char* indexes = R"sql(
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
)sql";

constexpr const char* card_css = R"css(.card {
  font-family: -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: left;
  color: black;
  background-color: white;
}
.qadeck-question { font-weight: bold; }
.qadeck-source { margin-top: 1.5em; font-size: 12px; color: #888; }
.nightMode .qadeck-source, .night_mode .qadeck-source { color: #aaa; }
table { border-collapse: collapse; }
th, td { border: 1px solid #888; padding: 4px 8px; }
img { max-width: 100%; }
)css";

constexpr const char* front_template = R"(<div class="qadeck-question">{{Front}}</div>)";
constexpr const char* back_template =
    "{{FrontSide}}\n\n<hr id=answer>\n\n<div class=\"qadeck-answer\">{{Back}}</div>\n"
    "{{#Source}}<div class=\"qadeck-source\">{{#Section}}{{Section}} · {{/Section}}"
    "{{Source}}</div>{{/Source}}";

Json model_json(int64_t time, int64_t deck_id) {
  Json fields = Json::array();
  int ord = 0;
  for (const char* name : {"Front", "Back", "Section", "Source"}) {
    fields.push_back({{"name", name},
                      {"ord", ord++},
                      {"sticky", false},
                      {"rtl", false},
                      {"font", "Arial"},
                      {"size", 20},
                      {"media", Json::array()}});
  }
  Json templates = Json::array();
  templates.push_back({{"name", "Card 1"},
                       {"ord", 0},
                       {"qfmt", front_template},
                       {"afmt", back_template},
                       {"did", nullptr},
                       {"bqfmt", ""},
                       {"bafmt", ""}});
  Json model = {{"id", anki_model_id},
                {"name", anki_model_name},
                {"type", 0},
                {"mod", time},
                {"usn", -1},
                {"sortf", 0},
                {"did", deck_id},
                {"tmpls", templates},
                {"flds", fields},
                {"css", card_css},
                {"latexPre",
                 "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n"
                 "\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n"
                 "\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n"},
                {"latexPost", "\\end{document}"},
                {"latexsvg", false},
                {"req", Json::array({Json::array({0, "any", Json::array({0})})})},
                {"tags", Json::array()},
                {"vers", Json::array()}};
  return Json{{std::to_string(anki_model_id), model}};
}

Json deck_json(int64_t id, const std::string& name, int64_t time) {
  return {{"id", id},           {"name", name},
          {"mod", time},        {"usn", -1},
          {"lrnToday", {0, 0}}, {"revToday", {0, 0}},
          {"newToday", {0, 0}}, {"timeToday", {0, 0}},
          {"collapsed", false}, {"browserCollapsed", false},
          {"desc", ""},         {"dyn", 0},
          {"conf", 1},          {"extendNew", 0},
          {"extendRev", 0}};
}

Json dconf_json() {
  Json conf = {
      {"id", 1},
      {"mod", 0},
      {"name", "Default"},
      {"usn", 0},
      {"maxTaken", 60},
      {"autoplay", true},
      {"timer", 0},
      {"replayq", true},
      {"dyn", false},
      {"new",
       {{"bury", false},
        {"delays", {1.0, 10.0}},
        {"initialFactor", 2500},
        {"ints", {1, 4, 0}},
        {"order", 1},
        {"perDay", 20}}},
      {"rev",
       {{"bury", false},
        {"ease4", 1.3},
        {"ivlFct", 1.0},
        {"maxIvl", 36500},
        {"perDay", 200},
        {"hardFactor", 1.2}}},
      {"lapse",
       {{"delays", {10.0}}, {"leechAction", 1}, {"leechFails", 8}, {"minInt", 1}, {"mult", 0.0}}}};
  return Json{{"1", conf}};
}

// SQLite, opened when the first collection is built (see core/shared_library.h).
struct Sqlite {
  decltype(&::sqlite3_open_v2) open_v2;
  decltype(&::sqlite3_close) close;
  decltype(&::sqlite3_exec) exec;
  decltype(&::sqlite3_free) free;
  decltype(&::sqlite3_prepare_v2) prepare_v2;
  decltype(&::sqlite3_finalize) finalize;
  decltype(&::sqlite3_step) step;
  decltype(&::sqlite3_reset) reset;
  decltype(&::sqlite3_bind_int64) bind_int64;
  decltype(&::sqlite3_bind_text) bind_text;
  decltype(&::sqlite3_serialize) serialize;
  decltype(&::sqlite3_errmsg) errmsg;
};

LoadedApi<Sqlite> load_sqlite() {
  return load_api<Sqlite>("libsqlite3.so.0", "SQLite", "libsqlite3-0",
                          [](SharedLibrary& library, Sqlite& q) {
                            library.resolve("sqlite3_open_v2", q.open_v2);
                            library.resolve("sqlite3_close", q.close);
                            library.resolve("sqlite3_exec", q.exec);
                            library.resolve("sqlite3_free", q.free);
                            library.resolve("sqlite3_prepare_v2", q.prepare_v2);
                            library.resolve("sqlite3_finalize", q.finalize);
                            library.resolve("sqlite3_step", q.step);
                            library.resolve("sqlite3_reset", q.reset);
                            library.resolve("sqlite3_bind_int64", q.bind_int64);
                            library.resolve("sqlite3_bind_text", q.bind_text);
                            library.resolve("sqlite3_serialize", q.serialize);
                            library.resolve("sqlite3_errmsg", q.errmsg);
                          });
}

// Loads SQLite once; null with `error` set when it cannot. Every other use of `sqlite()` comes
// after a successful Writer::open(), so it is never null there.
const Sqlite* sqlite(std::string* error = nullptr) {
  static const LoadedApi<Sqlite> loaded = load_sqlite();
  if (!loaded.error.empty()) {
    if (error) *error = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

struct DbDeleter {
  void operator()(sqlite3* db) const { sqlite()->close(db); }
};
struct StatementDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite()->finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

class Writer {
 public:
  std::optional<std::string> open() {
    std::string load_error;
    if (!sqlite(&load_error)) return load_error;
    sqlite3* db = nullptr;
    if (sqlite()->open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      db_.reset(db);
      return error("cannot open an in-memory database");
    }
    db_.reset(db);
    return exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
  }

  std::optional<std::string> exec(const char* sql) {
    char* message = nullptr;
    if (sqlite()->exec(db_.get(), sql, nullptr, nullptr, &message) == SQLITE_OK)
      return std::nullopt;
    std::string text = message ? message : "unknown error";
    sqlite()->free(message);
    return "SQLite: " + text;
  }

  std::optional<std::string> prepare(const char* sql, Statement& out) {
    sqlite3_stmt* s = nullptr;
    if (sqlite()->prepare_v2(db_.get(), sql, -1, &s, nullptr) != SQLITE_OK) {
      return error("cannot prepare a statement");
    }
    out.reset(s);
    return std::nullopt;
  }

  std::optional<std::string> step(sqlite3_stmt* s) {
    const int rc = sqlite()->step(s);
    sqlite()->reset(s);
    if (rc != SQLITE_DONE) return error("cannot insert a row");
    return std::nullopt;
  }

  std::optional<std::string> serialize(std::string& out) {
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite()->serialize(db_.get(), "main", &size, 0);
    if (!bytes) return error("cannot serialize the collection");
    out.assign(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size));
    sqlite()->free(bytes);
    return std::nullopt;
  }

 private:
  std::string error(const std::string& what) {
    return "SQLite: " + what + (db_ ? std::string(": ") + sqlite()->errmsg(db_.get()) : "");
  }

  std::unique_ptr<sqlite3, DbDeleter> db_;
};

void bind_text(sqlite3_stmt* s, int column, const std::string& text) {
  sqlite()->bind_text(s, column, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

std::string join_fields(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += '\x1f';
    out += fields[i];
  }
  return out;
}

std::string join_tags(const std::vector<std::string>& tags) {
  if (tags.empty()) return "";
  std::string out = " ";
  for (const std::string& t : tags) out += t + " ";
  return out;
}

}  // namespace

int64_t anki_deck_id(const std::string& name) {
  return id_base + static_cast<int64_t>(digest_prefix(sha1("qadeck-deck\x1f" + name), 8) % id_span);
}

int64_t anki_note_id(uint64_t key) { return id_base + static_cast<int64_t>(key % id_span); }

std::optional<std::string> build_anki_collection(const AnkiCollectionInput& input,
                                                 std::string& out) {
  const int64_t time = input.time;
  const int64_t time_ms = time * 1000;

  // Every deck a card is in, and its parents, which Anki would otherwise create.
  std::map<std::string, int64_t> decks;
  std::set<int64_t> deck_ids = {1};
  for (const AnkiNote& note : input.notes) {
    for (size_t cut = note.deck.find("::");; cut = note.deck.find("::", cut + 2)) {
      const std::string name = cut == std::string::npos ? note.deck : note.deck.substr(0, cut);
      if (!decks.count(name)) {
        int64_t id = anki_deck_id(name);
        while (deck_ids.count(id)) ++id;
        deck_ids.insert(id);
        decks.emplace(name, id);
      }
      if (cut == std::string::npos) break;
    }
  }
  Json decks_json = {{"1", deck_json(1, "Default", time)}};
  for (const auto& [name, id] : decks) decks_json[std::to_string(id)] = deck_json(id, name, time);
  std::map<std::string, int> all_tags;
  for (const AnkiNote& note : input.notes) {
    for (const std::string& t : note.tags) all_tags.emplace(t, 0);
  }
  const int64_t first_deck = input.notes.empty() ? 1 : decks.at(input.notes.front().deck);
  const Json conf = {{"activeDecks", {1}},
                     {"curDeck", 1},
                     {"newSpread", 0},
                     {"collapseTime", 1200},
                     {"timeLim", 0},
                     {"estTimes", true},
                     {"dueCounts", true},
                     {"curModel", anki_model_id},
                     {"nextPos", input.notes.size() + 1},
                     {"sortType", "noteFld"},
                     {"sortBackwards", false},
                     {"addToCur", true}};

  Writer db;
  if (auto e = db.open()) return e;
  if (auto e = db.exec(schema)) return e;
  if (auto e = db.exec("BEGIN")) return e;

  Statement col;
  if (auto e = db.prepare("INSERT INTO col VALUES (1,?,?,?,11,0,0,0,?,?,?,?,?)", col)) return e;
  sqlite()->bind_int64(col.get(), 1, time - time % 86400);
  sqlite()->bind_int64(col.get(), 2, time_ms);
  sqlite()->bind_int64(col.get(), 3, time_ms);
  bind_text(col.get(), 4, conf.dump());
  bind_text(col.get(), 5, model_json(time, first_deck).dump());
  bind_text(col.get(), 6, decks_json.dump());
  bind_text(col.get(), 7, dconf_json().dump());
  bind_text(col.get(), 8, Json(all_tags).dump());
  if (auto e = db.step(col.get())) return e;

  Statement note_insert;
  Statement card_insert;
  if (auto e = db.prepare("INSERT INTO notes VALUES (?,?,?,?,-1,?,?,?,?,0,'')", note_insert)) {
    return e;
  }
  if (auto e = db.prepare("INSERT INTO cards VALUES (?,?,?,0,?,-1,0,0,?,0,0,0,0,0,0,0,0,'')",
                          card_insert)) {
    return e;
  }
  // Ids first, then the rows in id order: appending to the tables' B-trees is the fast way.
  struct Row {
    int64_t id;
    int64_t due;
    const AnkiNote* note;
  };
  std::vector<Row> rows;
  rows.reserve(input.notes.size());
  std::set<int64_t> note_ids;
  for (const AnkiNote& note : input.notes) {
    int64_t id = anki_note_id(note.key);
    while (!note_ids.insert(id).second) ++id;
    rows.push_back({id, static_cast<int64_t>(rows.size()) + 1, &note});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.id < b.id; });
  for (const Row& row : rows) {
    const AnkiNote& note = *row.note;
    sqlite3_stmt* n = note_insert.get();
    sqlite()->bind_int64(n, 1, row.id);
    bind_text(n, 2, note.guid);
    sqlite()->bind_int64(n, 3, anki_model_id);
    const int64_t mod = note.mod ? note.mod : time;
    sqlite()->bind_int64(n, 4, mod);
    bind_text(n, 5, join_tags(note.tags));
    bind_text(n, 6, join_fields(note.fields));
    bind_text(n, 7, anki_strip_html(note.fields.front()));
    sqlite()->bind_int64(n, 8, anki_field_checksum(note.fields.front()));
    if (auto e = db.step(n)) return e;

    sqlite3_stmt* c = card_insert.get();
    sqlite()->bind_int64(c, 1, row.id);
    sqlite()->bind_int64(c, 2, row.id);
    sqlite()->bind_int64(c, 3, decks.at(note.deck));
    sqlite()->bind_int64(c, 4, mod);
    sqlite()->bind_int64(c, 5, row.due);
    if (auto e = db.step(c)) return e;
  }
  note_insert.reset();
  card_insert.reset();
  col.reset();
  if (auto e = db.exec(indexes)) return e;
  if (auto e = db.exec("COMMIT")) return e;
  return db.serialize(out);
}

}  // namespace qadeck
