#include "export/deck_builder.h"

#include <algorithm>
#include <filesystem>

#include "core/atomic_write.h"
#include "core/project_root.h"
#include "core/text.h"
#include "core/url.h"
#include "export/card_identity.h"
#include "export/card_links.h"
#include "export/html_render.h"
#include "export/html_sanitizer.h"
#include "export/sha1.h"

namespace qadeck {
namespace {

namespace fs = std::filesystem;

// Maps offsets in the source to offsets in a fragment whose continuation lines lost
// `removed[k]` bytes of indentation before line_starts[k].
struct OffsetMap {
  size_t begin = 0;
  std::vector<size_t> line_starts;  // source offsets where a dedented line begins
  std::vector<size_t> removed;      // bytes removed up to and including that line

  size_t operator()(size_t offset) const {
    auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
    const size_t cut =
        it == line_starts.begin() ? 0 : removed[static_cast<size_t>(it - line_starts.begin()) - 1];
    return offset - begin - cut;
  }
};

size_t leading_spaces(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

// The text of `range`, continuation lines dedented by their common indentation (the first line
// starts mid-line, where the question or answer starts), and the map of offsets into it.
std::string dedented(std::string_view text, ByteRange range, OffsetMap& map) {
  map.begin = range.begin;
  std::vector<std::pair<size_t, size_t>> lines;  // [begin, end) of each line, break included
  for (size_t at = range.begin; at < range.end;) {
    size_t end = text.find('\n', at);
    end = end == std::string_view::npos || end >= range.end ? range.end : end + 1;
    lines.emplace_back(at, end);
    at = end;
  }
  size_t indent = std::string_view::npos;
  for (size_t k = 1; k < lines.size(); ++k) {
    const std::string_view line = text.substr(lines[k].first, lines[k].second - lines[k].first);
    if (trim(line).empty()) continue;
    indent = std::min(indent, leading_spaces(line));
  }
  if (indent == std::string_view::npos) indent = 0;
  std::string out;
  out.reserve(range.size());
  size_t removed = 0;
  for (size_t k = 0; k < lines.size(); ++k) {
    std::string_view line = text.substr(lines[k].first, lines[k].second - lines[k].first);
    if (k > 0 && indent > 0) {
      const size_t cut = std::min(indent, leading_spaces(line));
      line.remove_prefix(cut);
      removed += cut;
      map.line_starts.push_back(lines[k].first);
      map.removed.push_back(removed);
    }
    out.append(line);
  }
  return out;
}

ByteRange mapped(const OffsetMap& map, ByteRange r) { return {map(r.begin), map(r.end)}; }

// The first index of `sorted` (by range begin) whose range ends after `offset`.
template <typename T, typename RangeOf>
size_t first_reaching(const std::vector<T>& sorted, size_t offset, RangeOf range_of) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), offset,
                             [&](const T& t, size_t o) { return range_of(t).begin < o; });
  while (it != sorted.begin() && range_of(*std::prev(it)).end > offset) --it;
  return static_cast<size_t>(it - sorted.begin());
}

CardText extract_text(const Document& doc, ByteRange range) {
  CardText out;
  if (range.empty()) return out;
  OffsetMap map;
  out.markdown = dedented(doc.text(), range, map);
  const auto& math = doc.inline_tokens.math;
  for (size_t i = first_reaching(math, range.begin, [](const MathSpan& m) { return m.range; });
       i < math.size() && math[i].range.begin < range.end; ++i) {
    if (!range.contains(math[i].range)) continue;
    MathSpan m = math[i];
    m.range = mapped(map, m.range);
    m.body = mapped(map, m.body);
    out.math.push_back(m);
  }
  for (size_t i = first_reaching(doc.code, range.begin, [](ByteRange r) { return r; });
       i < doc.code.size() && doc.code[i].begin < range.end; ++i) {
    const ByteRange r = doc.code[i];
    out.code.push_back(mapped(map, {std::max(r.begin, range.begin), std::min(r.end, range.end)}));
  }
  const auto& tags = doc.inline_tokens.html;
  for (size_t i = first_reaching(tags, range.begin, [](const HtmlTag& t) { return t.range; });
       i < tags.size() && tags[i].range.begin < range.end; ++i) {
    if (!range.contains(tags[i].range)) continue;
    HtmlTag t = tags[i];
    t.range = mapped(map, t.range);
    for (HtmlAttribute& a : t.attributes) {
      a.name_range = mapped(map, a.name_range);
      a.value = mapped(map, a.value);
    }
    out.tags.push_back(std::move(t));
  }
  const auto& links = doc.inline_tokens.links;
  for (size_t i = first_reaching(links, range.begin, [](const Link& l) { return l.range; });
       i < links.size() && links[i].range.begin < range.end; ++i) {
    if (links[i].kind != LinkKind::inline_link || !range.contains(links[i].range)) continue;
    out.links.push_back({LinkKind::inline_link, mapped(map, links[i].range),
                         mapped(map, links[i].destination), {}});
  }
  return out;
}


// A deck name component: no "::" (which would nest), no line breaks, never empty.
std::string deck_component(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name.substr(i).starts_with("::")) {
      out += ':';
      ++i;
    } else {
      out += name[i] == '\n' || name[i] == '\r' || name[i] == '\t' ? ' ' : name[i];
    }
  }
  const std::string trimmed(trim(out));
  return trimmed.empty() ? "Untitled" : trimmed;
}

// Titles are text: HTML in them is read as a browser would show it.
std::string document_title(const Document& doc, const DeckOptions& options) {
  if (options.title) return *options.title;
  if (const auto title = doc.front_matter.get("title")) {
    const std::string t(trim(html_text(*title)));
    if (!t.empty()) return t;
  }
  for (const Block& b : doc.blocks) {
    if (b.kind == BlockKind::heading && b.heading_level == 1) {
      const std::string t(trim(html_text(b.content.in(doc.text()))));
      if (!t.empty()) return t;
    }
  }
  return fs::path(doc.source->path()).stem().string();
}

// The file an <img> src names: character references and %XX decoded, query and fragment
// dropped.
std::string source_path(std::string_view src) {
  const std::string decoded = decode_html(src);
  return percent_decode(std::string_view(decoded).substr(0, decoded.find_first_of("?#")));
}

std::string safe_media_name(const fs::path& path, std::string_view bytes) {
  std::string stem;
  for (const char c : path.stem().string()) {
    const char kept = is_ascii_alpha(c) || is_ascii_digit(c) || c == '_' || c == '.' ? c : '-';
    if (kept != '-' || stem.empty() || stem.back() != '-') stem += kept;
  }
  while (!stem.empty() && (stem.front() == '.' || stem.front() == '-')) stem.erase(stem.begin());
  if (stem.size() > 60) stem.resize(60);
  while (!stem.empty() && (stem.back() == '.' || stem.back() == '-')) stem.pop_back();
  if (stem.empty()) stem = "image";
  std::string ext;
  for (const char c : path.extension().string()) {
    if (is_ascii_alpha(c) || is_ascii_digit(c))
      ext += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (ext.size() > 10) ext.resize(10);
  std::string name = stem + "-" + sha1_hex(bytes).substr(0, 10);
  if (!ext.empty()) name += "." + ext;
  return name;
}

// The explicit id of each item that has one: a `qadeck-id` comment on the line right above
// the question belongs to it; otherwise one inside the item (question or answer) does.
std::vector<std::string> explicit_ids(const Document& doc, std::vector<std::string>& warnings) {
  std::vector<std::string> ids(doc.items.size());
  const LineIndex& lines = doc.lines();
  const std::string& path = doc.source->path();
  for (const HtmlTag& tag : doc.inline_tokens.html) {
    if (tag.kind != HtmlTagKind::comment) continue;
    const auto id = card_id_in_comment(tag.range.in(doc.text()));
    if (!id) continue;
    const std::string where = path + ":" + std::to_string(lines.position(tag.range.begin).line);
    if (id->empty()) {
      warnings.push_back(where +
                         ": a qadeck-id comment needs an id: <!-- qadeck-id: NAME -->, "
                         "NAME without spaces");
      continue;
    }
    const size_t comment_line = lines.line_of(tag.range.end - 1);
    int owner = -1;
    for (size_t i = 0; i < doc.items.size() && owner < 0; ++i) {
      if (lines.line_of(doc.items[i].line.begin) == comment_line + 1) owner = static_cast<int>(i);
    }
    for (size_t i = 0; i < doc.items.size() && owner < 0; ++i) {
      const Item& item = doc.items[i];
      const ByteRange whole{item.line.begin, std::max(item.line.end, item.answer.end)};
      if (whole.contains(tag.range.begin)) owner = static_cast<int>(i);
    }
    if (owner < 0) {
      warnings.push_back(where + ": qadeck-id '" + *id +
                         "' belongs to no question (put it on "
                         "the question's line or the line above it)");
      continue;
    }
    std::string& slot = ids[static_cast<size_t>(owner)];
    if (!slot.empty()) {
      warnings.push_back(where + ": the question already has the id '" + slot + "'; '" + *id +
                         "' is ignored");
      continue;
    }
    slot = *id;
  }
  return ids;
}

}  // namespace

CardText card_text(const Document& doc, ByteRange range, bool inline_only,
                   std::vector<HtmlRemoval>& removed) {
  CardText text = extract_text(doc, range);
  SanitizedHtml clean = sanitize_html(render_markdown(text.markdown, text.math, inline_only));
  text.html = std::move(clean.html);
  removed.insert(removed.end(), std::make_move_iterator(clean.removed.begin()),
                 std::make_move_iterator(clean.removed.end()));
  return text;
}

PreparedDocument prepare_document(const Document& doc, const DeckOptions& options) {
  PreparedDocument out;
  const std::string& path = doc.source->path();
  const std::string_view text = doc.text();
  const LanguageProfile& langs = doc.languages();

  DeckDocument& meta = out.meta;
  meta.path = path;
  meta.source = fs::path(path).generic_string();
  meta.identity = document_identity(doc.front_matter.get("id"), path);
  meta.title = document_title(doc, options);
  meta.lang = langs.document;
  meta.tags = doc.front_matter.tags;
  for (const Section& s : doc.sections) {
    meta.sections.push_back({s.number.present() ? std::string(s.number.written.in(text)) : "",
                             std::string(trim(html_text(s.title.in(text)))), ""});
  }
  const std::vector<std::string> ids = explicit_ids(doc, out.warnings);
  const fs::path folder = fs::path(path).parent_path();
  const std::string root = deck_component(meta.title);

  for (size_t i = 0; i < doc.items.size(); ++i) {
    const Item& item = doc.items[i];
    Card card;
    card.section = item.section;
    card.number = item.number.present() ? std::string(item.number.written.in(text)) : "";
    card.position = static_cast<int>(i) + 1;
    card.deck = root;
    if (item.section >= 0) {
      card.deck += "::" + deck_component(meta.sections[static_cast<size_t>(item.section)].title);
    }
    card.lang = i < langs.items.size() ? langs.items[i].item : "und";
    card.line = doc.lines().position(item.question.begin).line;
    card.answer_line = item.answer.empty() ? 0 : doc.lines().position(item.answer.begin).line;
    card.explicit_id = ids[i];

    std::vector<HtmlRemoval> removals;
    card.question = card_text(doc, item.question, true, removals);
    card.answer = card_text(doc, item.answer, false, removals);
    if (const size_t removed = removals.size(); removed > 0) {
      out.warnings.push_back(path + ":" + std::to_string(card.line) + ": left out " +
                             std::to_string(removed) +
                             " unsafe HTML construct(s) (see `qadeck rules html.unsafe`)");
    }
    for (const CardText* part : {&card.question, &card.answer}) {
      for (std::string& src : image_sources(part->html)) {
        const std::string decoded = source_path(src);
        if (!is_relative_reference(decoded)) continue;
        const fs::path file =
            fs::path(decoded).is_absolute() ? fs::path(decoded) : folder / decoded;
        std::error_code ec;
        if (inside_project(doc.project_root(), fs::absolute(file, ec).string())) {
          out.image_paths.push_back(file.string());
        } else {
          out.warnings.push_back(path + ":" + std::to_string(card.line) + ": image " + decoded +
                                 " is outside the project; not packed, the card shows its alt text");
          out.image_paths.emplace_back();
        }
        card.images.push_back({std::move(src), -1});
      }
    }
    out.normalized.push_back(card.explicit_id.empty() ? normalize_question(card.question.markdown)
                                                      : std::string());
    out.cards.push_back(std::move(card));
  }
  return out;
}

DeckBuilder::DeckBuilder(DeckOptions options) : options_(std::move(options)) {}

int DeckBuilder::media_for(const std::string& path, const std::string& where) {
  const std::string key = fs::path(path).lexically_normal().string();
  if (const auto it = media_by_path_.find(key); it != media_by_path_.end()) return it->second;
  int index = -1;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    warnings_.push_back(where + ": image " + path + " not found; the card shows its alt text");
  } else {
    MediaFile file;
    file.path = path;
    if (auto error = read_file(path, file.bytes)) {
      warnings_.push_back(where + ": " + *error + "; the card shows its alt text");
    } else {
      file.name = safe_media_name(path, file.bytes);
      const auto same = std::find_if(deck_.media.begin(), deck_.media.end(),
                                     [&](const MediaFile& m) { return m.name == file.name; });
      if (same != deck_.media.end()) {
        index = static_cast<int>(same - deck_.media.begin());
      } else {
        index = static_cast<int>(deck_.media.size());
        deck_.media.push_back(std::move(file));
      }
    }
  }
  media_by_path_[key] = index;
  return index;
}

void DeckBuilder::add(PreparedDocument doc) {
  const std::string& path = doc.meta.path;
  for (std::string& w : doc.warnings) warnings_.push_back(std::move(w));
  if (const auto [it, added] = identities_.emplace(doc.meta.identity, path); !added) {
    warnings_.push_back(path + ": has the same identity '" + doc.meta.identity + "' as " +
                        it->second +
                        "; give one a front matter `id` so that their card ids cannot mix");
  }
  const size_t doc_index = deck_.documents.size();
  size_t image = 0;
  for (size_t i = 0; i < doc.cards.size(); ++i) {
    Card& card = doc.cards[i];
    card.document = doc_index;
    for (CardText* part : {&card.question, &card.answer}) {
      if (part->html.find("<a") != std::string::npos) {
        part->html = rewrite_markdown_links(part->html, doc.meta.source, options_.base_url);
      }
    }
    const std::string where = path + ":" + std::to_string(card.line);
    if (!card.explicit_id.empty()) {
      card.key = explicit_card_key(card.explicit_id);
    } else {
      const int occurrence = ++occurrences_[doc.meta.identity + '\x1f' + doc.normalized[i]];
      card.key = derived_card_key(doc.meta.identity, doc.normalized[i], occurrence);
    }
    if (const auto [it, added] = keys_.emplace(card.key, where); !added) {
      errors_.push_back(
          where + ": " +
          (card.explicit_id.empty() ? "the card's id" : "qadeck-id '" + card.explicit_id + "'") +
          " is already used by the card at " + it->second);
    }
    for (CardImage& img : card.images) {
      const std::string& file = doc.image_paths[image++];
      img.media = file.empty() ? -1 : media_for(file, where);
    }
    deck_.cards.push_back(std::move(card));
  }
  deck_.documents.push_back(std::move(doc.meta));
}

Deck DeckBuilder::finish() {
  deck_.base_url = options_.base_url;
  if (options_.title) {
    deck_.title = *options_.title;
  } else if (!deck_.documents.empty() && std::all_of(deck_.documents.begin(), deck_.documents.end(),
                                                     [&](const DeckDocument& d) {
                                                       return d.title == deck_.documents[0].title;
                                                     })) {
    deck_.title = deck_.documents[0].title;
  } else {
    deck_.title = "Questions and answers";
  }
  return std::move(deck_);
}

}  // namespace qadeck
