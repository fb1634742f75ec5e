// The Deck: what every exporter writes, built once from lint-clean documents (deck_builder.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/inline_tokens.h"

namespace qadeck {

// A question or an answer: its Markdown (as written, continuation lines dedented to the
// first line's level), what qadeck's scanners found in it (offsets into `markdown`), and its
// HTML (rendered, math protected, sanitized).
struct CardText {
  std::string markdown;
  std::string html;
  std::vector<MathSpan> math;
  std::vector<ByteRange> code;  // code spans and code blocks
  std::vector<HtmlTag> tags;    // HTML tags and comments
  std::vector<Link> links;      // inline links `[text](destination)`
};

// A local image a card's HTML shows.
struct CardImage {
  std::string src;  // the <img> src value in the card's HTML, as written there
  int media = -1;   // index into Deck::media; -1 when the file does not exist
};

struct DeckSection {
  std::string number;  // as written, "" when unnumbered
  std::string title;
  std::string anchor;  // the id a `#fragment` reaches its heading by, "" when unknown
};

struct DeckDocument {
  std::string path;      // as given to the exporter
  std::string source;    // what cards show: relative to the project root, `/` separators
  std::string identity;  // front matter `id`, else the file name (see card_identity.h)
  std::string title;
  std::string lang;               // the document language, "und" when unknown
  std::vector<std::string> tags;  // front matter `tags`, as written
  std::vector<DeckSection> sections;
};

struct Card {
  uint64_t key = 0;         // the stable identity (card_identity.h)
  std::string explicit_id;  // the author's `qadeck-id`, or ""
  size_t document = 0;      // index into Deck::documents
  int section = -1;         // index into the document's sections; -1 before the first
  std::string number;       // as written, "" when unnumbered
  int position = 0;         // 1-based, among the document's cards
  std::string deck;         // the Anki deck: "Title::Section", or "Title" before any section
  std::string anchor;       // a question written as a heading: its id (as DeckSection::anchor)
  CardText question;
  CardText answer;
  std::string lang;               // the item's language, "und" when too short to tell
  size_t line = 0;                // 1-based line of the question
  size_t answer_line = 0;         // 1-based first line of the answer; 0 when there is none
  std::vector<CardImage> images;  // of the question and the answer
};

// A local image file, packed into the .apkg under a safe name: its name's stem reduced to
// [A-Za-z0-9._-] (other runs of characters become one '-', at most 60 bytes), then the first
// 10 hex digits of the SHA-1 of its bytes, then its lower-cased extension
// ("My Diagram (1).PNG" -> "My-Diagram-1-1a2b3c4d5e.png"). The same bytes under the same stem
// get the same name; different contents never share one.
struct MediaFile {
  std::string name;
  std::string path;  // where it was read from
  std::string bytes;
};

struct Deck {
  std::string title;  // the documents' common title, or the --title given
  std::string base_url;  // where links to other Markdown files point (card_links.h)
  std::vector<DeckDocument> documents;
  std::vector<Card> cards;  // in document order, documents in the order given
  std::vector<MediaFile> media;
};

}  // namespace qadeck
