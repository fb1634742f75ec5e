// Writes a Deck as JSON: {"format": "qadeck-cards", "version": 1, "title", "cards": [...]},
// as tools/export/schema/cards.schema.json describes it (`qadeck export json --schema`).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "export/deck.h"

namespace qadeck {

inline constexpr int cards_json_version = 1;

std::string cards_json(const Deck& deck);

// Writes cards_json() to `path` through a temporary file renamed into place.
std::optional<std::string> export_json(const Deck& deck, const std::string& path);

// The JSON Schema of the format, embedded from the repository.
std::string_view cards_json_schema();

}  // namespace qadeck
