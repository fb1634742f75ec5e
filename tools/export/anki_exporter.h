// Writes a Deck as an Anki package (.apkg) in the legacy layout every Anki and AnkiDroid
// reads: a zip holding collection.anki2 (SQLite, schema 11), the `media` map ({"0": "name"})
// and the media files as members "0", "1", ...
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "export/anki_collection.h"

#include "export/deck.h"

namespace qadeck {

struct AnkiOptions {
  int64_t time = 0;  // seconds; see export_time.h
};

// The notes of a deck, before they are packed: the identity file (identity_file.h) gives them
// their modification times and adds the removed ones.
struct AnkiNotes {
  std::vector<AnkiNote> notes;  // one per card, in deck order; then any removed notes
  std::vector<bool> media_used;  // per Deck::media: shown by a note
};

// Fields: Front is the question, after its number as written ("3. "), so that the card shows
// it; Source is the document's project-relative path (no line number, which every edit above
// a question would change, making Anki update notes whose content did not change).
AnkiNotes anki_notes(const Deck& deck);

// The package's bytes; an error message on failure.
std::optional<std::string> build_anki_package(const Deck& deck, const AnkiNotes& notes,
                                              const AnkiOptions& options, std::string& out);
std::optional<std::string> build_anki_package(const Deck& deck, const AnkiOptions& options,
                                              std::string& out);

// Builds the package and writes it to `path` through a temporary file renamed into place.
std::optional<std::string> export_anki(const Deck& deck, const AnkiNotes& notes,
                                       const AnkiOptions& options, const std::string& path);
std::optional<std::string> export_anki(const Deck& deck, const AnkiOptions& options,
                                       const std::string& path);

}  // namespace qadeck
