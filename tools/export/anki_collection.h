// An Anki collection (collection.anki2, SQLite, schema 11) built in memory: one note type with
// a fixed id, a deck per name, one new card per note. No SQLite type leaves
// anki_collection.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qadeck {

// The qadeck note type: its id never changes, so that Anki matches it across imports.
inline constexpr int64_t anki_model_id = 1640995200042;
inline constexpr const char* anki_model_name = "qadeck Q&A";
// Field order in notes.flds.
inline constexpr int anki_field_count = 4;  // Front, Back, Section, Source

struct AnkiNote {
  uint64_t key = 0;  // the card's stable key: the note and card ids derive from it
  std::string guid;
  std::vector<std::string> fields;  // anki_field_count of them, HTML
  std::vector<std::string> tags;    // without spaces
  std::string deck;                 // "Title::Section"
  int64_t mod = 0;                  // seconds: when the note last changed; 0: the export time
};

struct AnkiCollectionInput {
  int64_t time = 0;  // seconds: note and card `mod`, the collection's creation and change
  std::vector<AnkiNote> notes;  // in study order
};

// The collection file's bytes into `out`; an error message on failure.
std::optional<std::string> build_anki_collection(const AnkiCollectionInput& input,
                                                 std::string& out);

// Deck ids derive from deck names, note ids from keys: stable, and in the past (ms).
int64_t anki_deck_id(const std::string& name);
int64_t anki_note_id(uint64_t key);

}  // namespace qadeck
