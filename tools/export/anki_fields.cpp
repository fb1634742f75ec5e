#include "export/anki_fields.h"

#include <array>

#include "core/text.h"
#include "export/html_render.h"
#include "export/sha1.h"

namespace qadeck {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_word_char(char c) { return is_ascii_alpha(c) || is_ascii_digit(c) || c == '_'; }

bool starts_with_nocase(std::string_view text, size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (lower(text[at + i]) != prefix[i]) return false;
  }
  return true;
}

size_t find_nocase(std::string_view text, size_t from, std::string_view needle) {
  for (size_t at = from; at + needle.size() <= text.size(); ++at) {
    if (starts_with_nocase(text, at, needle)) return at;
  }
  return std::string_view::npos;
}

// A media tag at text[at]: its end and its file name. Anki's pattern, for canonical tags:
// the tag name, then the first `src=` or `data=` that starts a word before the tag's `>`.
bool match_media_tag(std::string_view text, size_t at, size_t& end, std::string_view& name) {
  static constexpr std::array<std::string_view, 5> tags = {"img", "audio", "video", "object",
                                                           "source"};
  for (const std::string_view tag : tags) {
    const size_t after = at + 1 + tag.size();
    if (!starts_with_nocase(text, at + 1, tag) || after >= text.size() ||
        is_word_char(text[after])) {
      continue;
    }
    const size_t close = text.find('>', after);
    if (close == std::string_view::npos) return false;
    for (size_t i = after + 1; i < close; ++i) {
      if (is_word_char(text[i - 1])) continue;
      size_t value = 0;
      if (starts_with_nocase(text, i, "src="))
        value = i + 4;
      else if (starts_with_nocase(text, i, "data="))
        value = i + 5;
      else
        continue;
      const char quote = text[value];
      if (quote == '"' || quote == '\'') {
        const size_t closing = text.find(quote, value + 1);
        if (closing == std::string_view::npos || closing == value + 1 || closing > close) continue;
        name = text.substr(value + 1, closing - value - 1);
      } else {
        size_t stop = value;
        while (stop < close && text[stop] != ' ') ++stop;
        if (stop == value) continue;
        name = text.substr(value, stop - value);
      }
      end = close + 1;
      return true;
    }
    return false;
  }
  return false;
}

// Where an element that starts at text[at] with `<name` ends (after its `</name>`), or npos.
size_t element_end(std::string_view text, size_t at, std::string_view name) {
  const size_t open_end = text.find('>', at + 1 + name.size());
  if (open_end == std::string_view::npos) return std::string_view::npos;
  const size_t close = find_nocase(text, open_end + 1, "</" + std::string(name) + ">");
  return close == std::string_view::npos ? close : close + name.size() + 3;
}

}  // namespace

std::string anki_strip_html(std::string_view field) {
  std::string media;
  media.reserve(field.size());
  for (size_t i = 0; i < field.size();) {
    size_t end = 0;
    std::string_view name;
    if (field[i] == '<' && match_media_tag(field, i, end, name)) {
      media += ' ';
      media += name;
      media += ' ';
      i = end;
    } else {
      media += field[i++];
    }
  }
  std::string stripped;
  stripped.reserve(media.size());
  for (size_t i = 0; i < media.size();) {
    if (media[i] != '<') {
      stripped += media[i++];
      continue;
    }
    size_t end = std::string::npos;
    if (media.compare(i, 4, "<!--") == 0) {
      const size_t close = media.find("-->", i + 4);
      if (close != std::string::npos) end = close + 3;
    }
    if (end == std::string::npos && starts_with_nocase(media, i + 1, "style")) {
      end = element_end(media, i, "style");
    }
    if (end == std::string::npos && starts_with_nocase(media, i + 1, "script")) {
      end = element_end(media, i, "script");
    }
    if (end == std::string::npos) {
      const size_t close = media.find('>', i + 1);
      if (close != std::string::npos) end = close + 1;
    }
    if (end == std::string::npos) {
      stripped += media[i++];
    } else {
      i = end;
    }
  }
  // Only a decoded text has its no-break spaces (U+00A0) made plain, as in Anki.
  if (stripped.find('&') == std::string::npos) return stripped;
  const auto decoded = decode_html_strict(stripped);
  if (!decoded) return stripped;
  std::string out;
  out.reserve(decoded->size());
  for (size_t i = 0; i < decoded->size(); ++i) {
    if (decoded->compare(i, 2, "\xC2\xA0") == 0) {
      out += ' ';
      ++i;
    } else {
      out += (*decoded)[i];
    }
  }
  return out;
}

uint32_t anki_field_checksum(std::string_view field) {
  return static_cast<uint32_t>(digest_prefix(sha1(anki_strip_html(field)), 4));
}

}  // namespace qadeck
