#include "links/anchors.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>

#include "core/atomic_write.h"
#include "links/slug.h"

namespace qadeck {
namespace {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// kramdown's header id, `{#id}` at the end of the heading after a space or tab, split off the
// heading; "" when there is none. An id starts with an ASCII letter and holds ASCII word
// characters, `:` and `-` (kramdown's HEADER_ID), so `{#embedded space}` is heading text.
std::string take_header_id(std::string_view& heading) {
  const std::string_view t = trim(heading);
  if (!t.ends_with('}')) return "";
  const size_t open = t.rfind("{#");
  if (open == std::string_view::npos || open == 0 || (t[open - 1] != ' ' && t[open - 1] != '\t')) {
    return "";
  }
  const std::string_view id = t.substr(open + 2, t.size() - open - 3);
  if (id.empty() || !is_ascii_alpha(id[0])) return "";
  for (const char c : id) {
    if (!is_ascii_alpha(c) && !is_ascii_digit(c) && c != '_' && c != ':' && c != '-') return "";
  }
  heading = t.substr(0, open);
  return std::string(id);
}

// The id of a block attribute list, `{: #id .class}`, on the line that starts at text[at];
// "" when that line is not one or sets no id.
std::string block_attribute_id(std::string_view text, size_t at) {
  const size_t eol = std::min(text.find('\n', at), text.size());
  const std::string_view line = trim(text.substr(at, eol - at));
  if (!line.starts_with("{:") || !line.ends_with('}')) return "";
  std::string_view list = trim(line.substr(2, line.size() - 3));
  while (!list.empty()) {
    size_t end = 0;
    while (end < list.size() && !is_ascii_space(list[end])) ++end;
    const std::string_view item = list.substr(0, end);
    if (item.size() > 1 && item[0] == '#') return std::string(item.substr(1));
    list = trim(list.substr(end));
  }
  return "";
}

// An ATX heading's closing `#` run goes, with the spaces before it.
std::string_view without_closing_hashes(std::string_view heading) {
  std::string_view t = trim(heading);
  size_t end = t.size();
  while (end > 0 && t[end - 1] == '#') --end;
  if (end == t.size()) return t;
  if (end == 0) return "";
  if (t[end - 1] != ' ' && t[end - 1] != '\t') return t;
  return trim(t.substr(0, end));
}

// kramdown's ATX heading needs no space after its `#`s (`#NoSpace`), which CommonMark reads as
// a paragraph: the text of such a first line of a paragraph, or nothing.
std::optional<std::string_view> kramdown_only_heading(std::string_view paragraph) {
  const std::string_view line = paragraph.substr(0, paragraph.find('\n'));
  size_t level = 0;
  while (level < line.size() && line[level] == '#') ++level;
  if (level == 0 || level > 6 || level >= line.size() || is_ascii_space(line[level])) {
    return std::nullopt;
  }
  return line.substr(level);
}

// kramdown's heading (its own input) starts the document or follows a blank line; elsewhere
// its line continues a paragraph.
bool after_blank_line(std::string_view text, size_t line_begin, size_t body_begin) {
  if (line_begin <= body_begin + 1) return true;
  const size_t previous_end = line_begin - 1;  // the '\n' ending the line before
  const size_t previous_begin = text.rfind('\n', previous_end - 1);
  const size_t from = previous_begin == std::string_view::npos ? 0 : previous_begin + 1;
  return from >= previous_end || trim(text.substr(from, previous_end - from)).empty();
}

std::string decode_attribute(std::string_view raw) {
  std::string value;
  for (size_t i = 0; i < raw.size();) {
    size_t n = 0;
    const std::string decoded =
        raw[i] == '&' ? decode_character_reference(raw, i, n, EntityTable::html_attribute) : "";
    if (n > 0) {
      value += decoded;
      i += n;
    } else {
      value.push_back(raw[i++]);
    }
  }
  return value;
}

std::vector<Anchor> compute(const Document& doc) {
  std::vector<Anchor> anchors;
  Slugger slugger(doc.slug_style);
  const std::string_view text = doc.text();
  const bool kramdown_ids = doc.slug_style != SlugStyle::github;
  const HeadingContext context = heading_context(text);
  const size_t body =
      doc.front_matter.present ? doc.front_matter.range.end : doc.source->content_begin();
  for (const Block& b : doc.blocks) {
    std::string_view heading;
    if (b.kind == BlockKind::heading) {
      heading = b.content.in(text);
      // kramdown's setext heading is one line; more make a paragraph.
      if (kramdown_ids && trim(heading).find('\n') != std::string_view::npos) continue;
    } else if (b.kind == BlockKind::paragraph && b.parent < 0 &&
               doc.slug_style == SlugStyle::kramdown) {
      const auto only = kramdown_only_heading(b.content.in(text));
      if (!only) continue;
      heading = *only;
    } else {
      continue;
    }
    if (doc.slug_style == SlugStyle::kramdown && !after_blank_line(text, b.range.begin, body)) {
      continue;
    }
    // github.com knows no attribute lists: `{#id}` is heading text there. In kramdown an
    // explicit id replaces the automatic one, which is then neither made nor counted; it must
    // end the heading, closing `#`s included.
    std::string explicit_id = kramdown_ids ? take_header_id(heading) : "";
    heading = without_closing_hashes(heading);
    if (explicit_id.empty() && kramdown_ids && b.kind == BlockKind::heading) {
      explicit_id = block_attribute_id(text, b.range.end);
    }
    if (!explicit_id.empty()) {
      anchors.push_back({b.range.begin, std::move(explicit_id), AnchorSource::explicit_id});
      continue;
    }
    std::string slug = slugger.next(trim(heading), context);
    if (!slug.empty()) anchors.push_back({b.range.begin, std::move(slug), AnchorSource::heading});
  }
  for (const HtmlTag& tag : doc.inline_tokens.html) {
    for (const HtmlAttribute& a : tag.attributes) {
      // `name` names a target only on <a> (HTML's rule for fragments).
      const bool target = a.name == "id" || (a.name == "name" && tag.name == "a");
      if (target && !a.value.empty()) {
        anchors.push_back(
            {tag.range.begin, decode_attribute(a.value.in(text)), AnchorSource::html});
      }
    }
  }
  std::stable_sort(anchors.begin(), anchors.end(),
                   [](const Anchor& x, const Anchor& y) { return x.offset < y.offset; });
  return anchors;
}

}  // namespace

std::string_view anchor_source_name(AnchorSource source) {
  switch (source) {
    case AnchorSource::heading:
      return "heading";
    case AnchorSource::html:
      return "html";
    case AnchorSource::explicit_id:
      return "explicit";
  }
  return "heading";
}

std::map<size_t, std::string> heading_ids(const Document& doc) {
  std::map<size_t, std::string> out;
  for (const Anchor& a : compute(doc)) {
    if (a.source != AnchorSource::html) out.emplace(a.offset, a.id);
  }
  return out;
}

AnchorSet::AnchorSet(std::vector<Anchor> anchors) : anchors_(std::move(anchors)) {
  for (const Anchor& a : anchors_) ids_.push_back(a.id);
  sort_unique(ids_);
  for (const std::string& id : ids_) lower_ids_.push_back(ascii_lower(id));
  sort_unique(lower_ids_);
}

bool AnchorSet::lands(std::string_view fragment, SlugStyle style) const {
  if (fragment.empty() || ascii_lower(fragment) == "top") return true;
  if (std::binary_search(ids_.begin(), ids_.end(), fragment)) return true;
  if (style == SlugStyle::github) {
    std::string_view f = fragment;
    // GitHub prefixes the ids it renders; links may use the prefixed form.
    if (f.starts_with("user-content-")) f.remove_prefix(13);
    const std::string lower = ascii_lower(f);
    return std::binary_search(lower_ids_.begin(), lower_ids_.end(), lower);
  }
  return false;
}

const AnchorSet& document_anchors(const Document& doc) {
  return doc.shared_analysis<AnchorSet>("links.anchors", [&] { return AnchorSet(compute(doc)); });
}

namespace {

struct FileMemo {
  std::mutex mutex;
  std::map<std::pair<std::string, SlugStyle>, std::shared_ptr<const AnchorSet>> anchors;
  std::map<std::string, std::string> texts;  // set_file_text's, by canonical path
};

FileMemo& file_memo() {
  static FileMemo memo;
  return memo;
}

std::string canonical_key(const std::string& path) {
  std::error_code ec;
  return std::filesystem::weakly_canonical(path, ec).string();
}

}  // namespace

std::shared_ptr<const AnchorSet> file_anchors(const std::string& path, SlugStyle style) {
  FileMemo& memo = file_memo();
  const std::string key = canonical_key(path);
  std::string text;
  bool have_text = false;
  {
    const std::lock_guard<std::mutex> lock(memo.mutex);
    auto it = memo.anchors.find({key, style});
    if (it != memo.anchors.end()) return it->second;
    auto given = memo.texts.find(key);
    if (given != memo.texts.end()) {
      text = given->second;
      have_text = true;
    }
  }
  std::shared_ptr<const AnchorSet> anchors;
  if ((have_text || !read_file(path, text)) && !check_source_text(text)) {
    try {
      const SourceFile source(path, std::move(text));
      ExtractOptions options;
      options.slug_style = style;
      const Document doc = build_document(source, options);
      anchors = std::make_shared<const AnchorSet>(compute(doc));
    } catch (const InputError&) {
      anchors.reset();
    }
  }
  const std::lock_guard<std::mutex> lock(memo.mutex);
  return memo.anchors.try_emplace({key, style}, anchors).first->second;
}

void set_file_text(const std::string& path, std::optional<std::string> text) {
  FileMemo& memo = file_memo();
  const std::string key = canonical_key(path);
  const std::lock_guard<std::mutex> lock(memo.mutex);
  std::erase_if(memo.anchors, [&](const auto& entry) { return entry.first.first == key; });
  if (text) {
    memo.texts[key] = std::move(*text);
  } else {
    memo.texts.erase(key);
  }
}

bool has_file_text(const std::string& path) {
  FileMemo& memo = file_memo();
  {
    // The command line never gives texts: it pays no path resolution here.
    const std::lock_guard<std::mutex> lock(memo.mutex);
    if (memo.texts.empty()) return false;
  }
  const std::string key = canonical_key(path);
  const std::lock_guard<std::mutex> lock(memo.mutex);
  return memo.texts.count(key) > 0;
}

}  // namespace qadeck
