// The identity file (`qadeck-ids.json`, committed beside the configuration): what each Anki
// note was when it was last exported, so that a note keeps its GUID when its question is
// edited, unchanged notes keep their modification time (Anki then leaves them alone), and a
// question removed from the source reaches the user's collection once more, tagged.
//
// Matching, like git's rename detection: a card whose derived key is in the file is that
// note. The other cards are paired with the file's unclaimed notes of the same document when
// the question is similar, the answer unchanged or similar, and the position nearby; the best
// pairs win first (ties: nearer position, then smaller note id, then earlier card). An
// explicit `qadeck-id` is never matched: it is its own note.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "export/anki_collection.h"
#include "export/deck.h"

namespace qadeck {

inline constexpr int identity_file_version = 1;
inline constexpr const char* removed_tag = "qadeck::removed";

// Below these, a pair is not the same item.
inline constexpr double rename_question_threshold = 0.5;
inline constexpr double rename_answer_threshold = 0.5;
inline constexpr double rename_score_threshold = 0.7;  // the mean of the two similarities
inline constexpr int rename_max_distance = 10;         // positions apart

// One note, as of the export that last changed it.
struct IdentityEntry {
  std::string document;  // the document identity (card_identity.h)
  std::string section;   // "1 Deep Learning", "" before the first section
  int position = 0;      // 1-based among the document's cards, when the note last changed
  std::string question;  // normalized (normalize_question)
  std::string answer;    // 16 hex digits of the SHA-1 of the answer's Markdown
  int64_t mod = 0;       // seconds: the export that last changed the note
  std::string deck;
  std::vector<std::string> fields;  // the Anki fields, as last exported
  std::vector<std::string> tags;
  unsigned removed = 0;  // exports since the question left the source; 0 while it is there
};

struct IdentityFile {
  std::map<uint64_t, IdentityEntry> entries;  // by card key
};

// Reads `path`. A missing file is an empty one (`exists` false); a file that is not a valid
// identity file is an error naming it, never an empty file.
std::optional<std::string> read_identity_file(const std::string& path, IdentityFile& out,
                                              bool& exists);

// The file's bytes: one note per line, sorted by key, so that notes added on two branches land
// on different lines.
std::string identity_file_text(const IdentityFile& file);

// How a card found its note.
struct IdentityMatch {
  enum class Kind { same, renamed, added, explicit_id };
  Kind kind = Kind::added;
  size_t card = 0;           // index into Deck::cards
  uint64_t derived_key = 0;  // what the card's key would be without the file
  double question_similarity = 1;
  double answer_similarity = 1;  // 1 when unchanged
  int old_position = 0;
};

struct IdentityMatches {
  std::vector<IdentityMatch> cards;  // one per card, in deck order
  std::vector<uint64_t> removed;     // the file's notes no card claimed, sorted
};

// Gives renamed cards their old keys (the deck's cards change) and says how each matched.
IdentityMatches match_identities(Deck& deck, const IdentityFile& file);

// Dice coefficient of the byte trigrams of two texts, 0..1; 1 when equal.
double text_similarity(std::string_view a, std::string_view b);

struct IdentityUpdate {
  int64_t time = 0;           // the export time (seconds)
  unsigned keep_removed = 3;  // exports a removed note is still sent
  bool prune = false;         // forget removed notes after this export
};

struct IdentityUpdateResult {
  size_t removed_sent = 0;  // removed notes appended
  bool changed = false;     // the file's entries changed
};

// After match_identities: records the notes in the file, gives each note its modification
// time (kept when the note did not change), and appends the removed notes still to be sent
// (front marked, tagged qadeck::removed).
IdentityUpdateResult update_identities(IdentityFile& file, const Deck& deck,
                                       const IdentityMatches& matches, std::vector<AnkiNote>& notes,
                                       const IdentityUpdate& update);

}  // namespace qadeck
