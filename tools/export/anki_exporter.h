// Writes a Deck as an Anki package (.apkg) in the legacy layout every Anki and AnkiDroid
// reads: a zip holding collection.anki2 (SQLite, schema 11), the `media` map ({"0": "name"})
// and the media files as members "0", "1", ...
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "export/deck.h"

namespace qadeck {

struct AnkiOptions {
  int64_t time = 0;  // seconds; see export_time.h
};

// The package's bytes; an error message on failure.
std::optional<std::string> build_anki_package(const Deck& deck, const AnkiOptions& options,
                                              std::string& out);

// Builds the package and writes it to `path` through a temporary file renamed into place.
std::optional<std::string> export_anki(const Deck& deck, const AnkiOptions& options,
                                       const std::string& path);

}  // namespace qadeck
