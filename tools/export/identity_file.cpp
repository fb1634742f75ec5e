#include "export/identity_file.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "core/atomic_write.h"
#include "core/text.h"
#include "export/anki_fields.h"
#include "export/card_identity.h"
#include "export/sha1.h"

namespace qadeck {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* format_name = "qadeck-ids";
constexpr const char* removed_front = "<p><b>Removed from the source.</b></p>";

std::string answer_fingerprint(const Card& card) {
  return card_key_hex(digest_prefix(sha1(normalize_space_lower(card.answer.markdown)), 8));
}

std::optional<uint64_t> parse_key(std::string_view hex) {
  if (hex.size() != 16) return std::nullopt;
  uint64_t key = 0;
  for (const char c : hex) {
    key <<= 4;
    if (c >= '0' && c <= '9')
      key |= static_cast<uint64_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      key |= static_cast<uint64_t>(c - 'a' + 10);
    else
      return std::nullopt;
  }
  return key;
}

Json entry_json(const IdentityEntry& e) {
  Json j = {{"document", e.document}, {"section", e.section}, {"position", e.position},
            {"question", e.question}, {"answer", e.answer},   {"mod", e.mod},
            {"deck", e.deck},         {"fields", e.fields},   {"tags", e.tags}};
  if (e.removed) j["removed"] = e.removed;
  return j;
}

// Throws nlohmann's exceptions on a wrong type or a missing member.
IdentityEntry entry_from_json(const nlohmann::json& j) {
  IdentityEntry e;
  e.document = j.at("document").get<std::string>();
  e.section = j.at("section").get<std::string>();
  e.position = j.at("position").get<int>();
  e.question = j.at("question").get<std::string>();
  e.answer = j.at("answer").get<std::string>();
  e.mod = j.at("mod").get<int64_t>();
  e.deck = j.at("deck").get<std::string>();
  e.fields = j.at("fields").get<std::vector<std::string>>();
  e.tags = j.at("tags").get<std::vector<std::string>>();
  if (j.contains("removed")) e.removed = j.at("removed").get<unsigned>();
  if (e.fields.size() != static_cast<size_t>(anki_field_count)) {
    throw std::invalid_argument("a note needs " + std::to_string(anki_field_count) + " fields");
  }
  return e;
}

std::string section_name(const Deck& deck, const Card& card) {
  if (card.section < 0) return "";
  const DeckSection& s = deck.documents[card.document].sections[static_cast<size_t>(card.section)];
  return s.number.empty() ? s.title : s.number + " " + s.title;
}

std::vector<uint32_t> trigrams(std::string_view text) {
  std::vector<uint32_t> out;
  if (text.size() < 3) return out;
  out.reserve(text.size() - 2);
  for (size_t i = 0; i + 3 <= text.size(); ++i) {
    out.push_back(static_cast<uint32_t>(static_cast<unsigned char>(text[i])) << 16 |
                  static_cast<uint32_t>(static_cast<unsigned char>(text[i + 1])) << 8 |
                  static_cast<unsigned char>(text[i + 2]));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

double text_similarity(std::string_view a, std::string_view b) {
  if (a == b) return 1;
  const std::vector<uint32_t> x = trigrams(a);
  const std::vector<uint32_t> y = trigrams(b);
  if (x.empty() || y.empty()) return 0;
  size_t common = 0;
  for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i] == y[j]) {
      ++common;
      ++i;
      ++j;
    } else if (x[i] < y[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(x.size() + y.size());
}

std::optional<std::string> read_identity_file(const std::string& path, IdentityFile& out,
                                              bool& exists) {
  out.entries.clear();
  std::error_code ec;
  exists = std::filesystem::exists(path, ec);
  if (!exists) return std::nullopt;
  std::string text;
  if (auto e = read_file(path, text)) return e;
  const std::string broken = path + ": not a valid identity file (";
  const std::string advice =
      "); restore it from version control, or delete it to start again (every edited "
      "question then becomes a new Anki note)";
  // Not ordered_json: its objects find keys by a linear search, quadratic over 10,000 notes.
  const nlohmann::json root = nlohmann::json::parse(text, nullptr, false);
  if (root.is_discarded()) return broken + "not JSON, or a merge conflict left in it" + advice;
  try {
    if (root.at("format").get<std::string>() != format_name) {
      return broken + "its format is not " + format_name + advice;
    }
    if (root.at("version").get<int>() != identity_file_version) {
      return broken + "version " + std::to_string(root.at("version").get<int>()) +
             ", this qadeck reads version " + std::to_string(identity_file_version) + advice;
    }
    for (const auto& [hex, value] : root.at("notes").items()) {
      const auto key = parse_key(hex);
      if (!key) return broken + "'" + hex + "' is not a card id of 16 hex digits" + advice;
      out.entries[*key] = entry_from_json(value);
    }
  } catch (const std::exception& e) {
    return broken + e.what() + advice;
  }
  return std::nullopt;
}

std::string identity_file_text(const IdentityFile& file) {
  std::string out = "{\"format\": \"";
  out += format_name;
  out += "\", \"version\": " + std::to_string(identity_file_version) + ", \"notes\": {";
  bool first = true;
  for (const auto& [key, entry] : file.entries) {
    out += first ? "\n" : ",\n";
    first = false;
    out += "\"" + card_key_hex(key) + "\": ";
    out += entry_json(entry).dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  out += "\n}}\n";
  return out;
}

IdentityMatches match_identities(Deck& deck, const IdentityFile& file) {
  IdentityMatches out;
  std::set<uint64_t> claimed;
  std::vector<size_t> open_cards;
  for (size_t i = 0; i < deck.cards.size(); ++i) {
    const Card& card = deck.cards[i];
    IdentityMatch m;
    m.card = i;
    m.derived_key = card.key;
    const auto it = file.entries.find(card.key);
    if (!card.explicit_id.empty()) {
      m.kind = IdentityMatch::Kind::explicit_id;
    } else if (it != file.entries.end()) {
      m.kind = IdentityMatch::Kind::same;
    } else {
      open_cards.push_back(i);
    }
    if (it != file.entries.end()) {
      claimed.insert(card.key);
      m.old_position = it->second.position;
      if (m.kind == IdentityMatch::Kind::same) {
        m.answer_similarity = it->second.answer == answer_fingerprint(card) ? 1 : 0;
      }
    }
    out.cards.push_back(m);
  }

  struct Candidate {
    double score;
    int distance;
    uint64_t key;
    size_t card;
    double question;
    double answer;
  };
  std::vector<Candidate> candidates;
  for (const auto& [key, entry] : file.entries) {
    if (claimed.count(key)) continue;
    for (const size_t i : open_cards) {
      const Card& card = deck.cards[i];
      if (deck.documents[card.document].identity != entry.document) continue;
      const int distance = std::abs(card.position - entry.position);
      if (distance > rename_max_distance) continue;
      const double question =
          text_similarity(normalize_question(card.question.markdown), entry.question);
      if (question < rename_question_threshold) continue;
      const double answer = entry.answer == answer_fingerprint(card)
                                ? 1.0
                                : text_similarity(anki_strip_html(card.answer.html),
                                                  anki_strip_html(entry.fields[1]));
      if (answer < rename_answer_threshold) continue;
      const double score = (question + answer) / 2;
      if (score < rename_score_threshold) continue;
      candidates.push_back({score, distance, key, i, question, answer});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(b.score, a.distance, a.key, a.card) <
           std::tie(a.score, b.distance, b.key, b.card);
  });
  std::set<size_t> renamed;
  for (const Candidate& c : candidates) {
    if (claimed.count(c.key) || renamed.count(c.card)) continue;
    claimed.insert(c.key);
    renamed.insert(c.card);
    IdentityMatch& m = out.cards[c.card];
    m.kind = IdentityMatch::Kind::renamed;
    m.question_similarity = c.question;
    m.answer_similarity = c.answer;
    m.old_position = file.entries.at(c.key).position;
    deck.cards[c.card].key = c.key;
  }
  for (const auto& [key, entry] : file.entries) {
    if (!claimed.count(key)) out.removed.push_back(key);
  }
  return out;
}

IdentityUpdateResult update_identities(IdentityFile& file, const Deck& deck,
                                       const IdentityMatches& matches, std::vector<AnkiNote>& notes,
                                       const IdentityUpdate& update) {
  IdentityUpdateResult result;
  for (const IdentityMatch& m : matches.cards) {
    const Card& card = deck.cards[m.card];
    AnkiNote& note = notes[m.card];
    const auto it = file.entries.find(card.key);
    if (it != file.entries.end() && it->second.removed == 0 && it->second.fields == note.fields &&
        it->second.tags == note.tags && it->second.deck == note.deck) {
      // Unchanged: the old time, so that Anki sees nothing newer and leaves the note alone.
      note.mod = it->second.mod;
      continue;
    }
    result.changed = true;
    IdentityEntry& e = file.entries[card.key];
    e.document = deck.documents[card.document].identity;
    e.section = section_name(deck, card);
    e.position = card.position;
    e.question = normalize_question(card.question.markdown);
    e.answer = answer_fingerprint(card);
    e.mod = update.time;
    e.deck = note.deck;
    e.fields = note.fields;
    e.tags = note.tags;
    e.removed = 0;
    note.mod = update.time;
  }
  for (const uint64_t key : matches.removed) {
    result.changed = true;
    IdentityEntry& e = file.entries.at(key);
    if (e.removed == 0) e.mod = update.time;  // newer once, then the same: Anki updates once
    ++e.removed;
    if (e.removed > update.keep_removed) {
      file.entries.erase(key);
      continue;
    }
    AnkiNote note;
    note.key = key;
    note.guid = anki_guid(key);
    note.deck = e.deck;
    note.fields = e.fields;
    note.fields[0] = removed_front + note.fields[0];
    note.tags = e.tags;
    if (std::find(note.tags.begin(), note.tags.end(), removed_tag) == note.tags.end()) {
      note.tags.push_back(removed_tag);
    }
    note.mod = e.mod;
    notes.push_back(std::move(note));
    ++result.removed_sent;
    if (update.prune) file.entries.erase(key);
  }
  return result;
}

}  // namespace qadeck
