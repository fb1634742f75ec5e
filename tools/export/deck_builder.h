// Builds the Deck from parsed documents: stable card keys, rendered and sanitized HTML, local
// images gathered as media, Anki deck names.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/document.h"
#include "export/deck.h"
#include "export/html_sanitizer.h"

namespace qadeck {

struct DeckOptions {
  std::optional<std::string> title;  // replaces every document's title
  // Links to other .md files point under this URL (with the document's project-relative
  // folder); when empty they become plain text.
  std::string base_url;
};

// One document's cards before they join a deck: everything that depends on the document
// alone (rendering, explicit ids), so that documents can be prepared on several threads.
struct PreparedDocument {
  DeckDocument meta;
  std::vector<Card> cards;               // `key` and `images[].media` not set yet
  std::vector<std::string> normalized;   // per card: the question as keys see it
  // Per image of each card, in order: its file, or "" when it lies outside the project.
  std::vector<std::string> image_paths;
  std::vector<std::string> warnings;
};

// A question (`inline_only`: one paragraph loses its <p>) or an answer as its card carries it:
// rendered and sanitized, with what the sanitizer left out appended to `removed`. html.unsafe
// reports exactly these, so that a lint-clean document exports unchanged.
CardText card_text(const Document& doc, ByteRange range, bool inline_only,
                   std::vector<HtmlRemoval>& removed);

// Thread-safe: reads the document only. The document may be dropped afterwards.
PreparedDocument prepare_document(const Document& doc, const DeckOptions& options);

class DeckBuilder {
 public:
  explicit DeckBuilder(DeckOptions options = {});

  // Adds the document's items as cards, in order.
  void add(const Document& doc) { add(prepare_document(doc, options_)); }
  void add(PreparedDocument doc);

  // The deck. Call once, after the last add().
  Deck finish();

  // Problems that make the deck unusable ("path:line: message"): two cards with one key.
  const std::vector<std::string>& errors() const { return errors_; }
  // Problems the deck was built around: missing images, unsafe HTML removed, ...
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  int media_for(const std::string& path, const std::string& where);

  DeckOptions options_;
  Deck deck_;
  std::map<std::string, int> occurrences_;         // identity + question -> cards so far
  std::map<uint64_t, std::string> keys_;           // key -> where its card is
  std::map<std::string, int> media_by_path_;       // resolved path -> index into deck_.media
  std::map<std::string, std::string> identities_;  // identity -> the first document's path
  std::vector<std::string> errors_;
  std::vector<std::string> warnings_;
};

}  // namespace qadeck
