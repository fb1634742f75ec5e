#include "export/anki_exporter.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/atomic_write.h"
#include "core/text.h"
#include "export/anki_collection.h"
#include "export/card_identity.h"
#include "export/html_render.h"
#include "export/html_sanitizer.h"
#include "export/zip_writer.h"

namespace qadeck {
namespace {

// Anki strips control characters other than line breaks and tabs, and 0x1f separates fields.
std::string field(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  for (const char c : html) {
    const auto b = static_cast<unsigned char>(c);
    if ((b < 0x20 && c != '\n' && c != '\t') || b == 0x7f) continue;
    out += c;
  }
  return out;
}

// Anki tags hold no spaces.
std::string anki_tag(std::string_view tag) {
  std::string out;
  for (const char c : tag) out += is_ascii_space(c) ? '_' : c;
  return out;
}

bool already_compressed(const std::string& name) {
  for (const char* ext : {".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp3", ".mp4", ".ogg"}) {
    if (name.ends_with(ext)) return true;
  }
  return false;
}

}  // namespace

AnkiNotes anki_notes(const Deck& deck) {
  AnkiNotes out;
  out.notes.reserve(deck.cards.size());
  out.media_used.assign(deck.media.size(), false);
  for (const Card& card : deck.cards) {
    const DeckDocument& doc = deck.documents[card.document];
    std::map<std::string, int, std::less<>> images;
    for (const CardImage& image : card.images) images.emplace(image.src, image.media);
    const ImageRename rename = [&](std::string_view src) -> std::optional<std::string> {
      const auto it = images.find(src);
      if (it == images.end()) return std::string(src);
      if (it->second < 0) return std::nullopt;
      out.media_used[static_cast<size_t>(it->second)] = true;
      return deck.media[static_cast<size_t>(it->second)].name;
    };
    AnkiNote note;
    note.key = card.key;
    note.guid = anki_guid(card.key);
    note.deck = card.deck;
    std::string section;
    if (card.section >= 0) {
      const DeckSection& s = doc.sections[static_cast<size_t>(card.section)];
      section = s.number.empty() ? s.title : s.number + " " + s.title;
    }
    std::string number;
    if (!card.number.empty()) {
      number = escape_html(card.number) + (card.number.ends_with('.') ? " " : ". ");
    }
    const std::string& question = card.question.html;
    const std::string& answer = card.answer.html;
    note.fields = {
        field(number + (images.empty() ? question : rewrite_image_sources(question, rename))),
        field(images.empty() ? answer : rewrite_image_sources(answer, rename)),
        field(escape_html(section)), field(escape_html(doc.source))};
    for (const std::string& t : doc.tags) {
      std::string tag = anki_tag(t);
      if (!tag.empty() && std::find(note.tags.begin(), note.tags.end(), tag) == note.tags.end()) {
        note.tags.push_back(std::move(tag));
      }
    }
    out.notes.push_back(std::move(note));
  }
  return out;
}

std::optional<std::string> build_anki_package(const Deck& deck, const AnkiNotes& notes,
                                              const AnkiOptions& options, std::string& out) {
  AnkiCollectionInput input;
  input.time = options.time;
  input.notes = notes.notes;
  const std::vector<bool>& media_used = notes.media_used;

  std::string collection;
  if (auto e = build_anki_collection(input, collection)) return e;
  ZipWriter zip;
  zip.add("collection.anki2", collection);
  nlohmann::ordered_json media_map = nlohmann::ordered_json::object();
  std::vector<const MediaFile*> packed;
  for (size_t i = 0; i < deck.media.size(); ++i) {
    if (!media_used[i]) continue;
    media_map[std::to_string(packed.size())] = deck.media[i].name;
    packed.push_back(&deck.media[i]);
  }
  zip.add("media", media_map.dump());
  for (size_t i = 0; i < packed.size(); ++i) {
    zip.add(std::to_string(i), packed[i]->bytes, !already_compressed(packed[i]->name));
  }
  return zip.finish(out);
}

std::optional<std::string> build_anki_package(const Deck& deck, const AnkiOptions& options,
                                              std::string& out) {
  return build_anki_package(deck, anki_notes(deck), options, out);
}

std::optional<std::string> export_anki(const Deck& deck, const AnkiNotes& notes,
                                       const AnkiOptions& options, const std::string& path) {
  std::string bytes;
  if (auto e = build_anki_package(deck, notes, options, bytes)) return path + ": " + *e;
  return write_file_atomically(path, bytes);
}

std::optional<std::string> export_anki(const Deck& deck, const AnkiOptions& options,
                                       const std::string& path) {
  return export_anki(deck, anki_notes(deck), options, path);
}

}  // namespace qadeck
