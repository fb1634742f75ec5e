#include "export/json_exporter.h"

#include <nlohmann/json.hpp>

#include "core/atomic_write.h"
#include "core/embedded.h"
#include "export/card_identity.h"

namespace qadeck {

std::vector<EmbeddedFile> embedded_export_schema();

namespace {

using Json = nlohmann::ordered_json;

Json or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json text_json(const CardText& text) { return {{"markdown", text.markdown}, {"html", text.html}}; }

}  // namespace

std::string cards_json(const Deck& deck) {
  Json cards = Json::array();
  for (const Card& card : deck.cards) {
    const DeckDocument& doc = deck.documents[card.document];
    Json section = nullptr;
    if (card.section >= 0) {
      const DeckSection& s = doc.sections[static_cast<size_t>(card.section)];
      section = {{"number", or_null(s.number)}, {"title", s.title}};
    }
    cards.push_back(
        {{"id", card_key_hex(card.key)},
         {"anki_guid", anki_guid(card.key)},
         {"explicit_id", or_null(card.explicit_id)},
         {"deck", card.deck},
         {"section", section},
         {"number", or_null(card.number)},
         {"question", text_json(card.question)},
         {"answer", text_json(card.answer)},
         {"lang", card.lang},
         {"tags", doc.tags},
         {"source",
          {{"path", doc.source},
           {"line", card.line},
           {"answer_line", card.answer_line ? Json(card.answer_line) : Json(nullptr)}}}});
  }
  Json root = {{"format", "qadeck-cards"},
               {"version", cards_json_version},
               {"title", deck.title},
               {"cards", std::move(cards)}};
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::optional<std::string> export_json(const Deck& deck, const std::string& path) {
  return write_file_atomically(path, cards_json(deck));
}

std::string_view cards_json_schema() {
  static const std::vector<EmbeddedFile> files = embedded_export_schema();
  return files.front().bytes;
}

}  // namespace qadeck
