#include "links/anchors.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>

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

// Splits a kramdown attribute list at the end of a heading, `{#id}` or `{: #id .class}`, off
// the heading text; returns the id, or "".
std::string take_attribute_id(std::string_view& heading) {
  const std::string_view t = trim(heading);
  if (!t.ends_with('}')) return "";
  const size_t open = t.rfind('{');
  if (open == std::string_view::npos) return "";
  std::string_view list = t.substr(open + 1, t.size() - open - 2);
  if (list.starts_with(':')) list.remove_prefix(1);
  list = trim(list);
  if (!list.starts_with('#')) return "";
  size_t end = 1;
  while (end < list.size() && !is_ascii_space(list[end])) ++end;
  heading = t.substr(0, open);
  return std::string(list.substr(1, end - 1));
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

// Calls `f(block, slug, explicit_id)` for each heading, in order.
template <typename F>
void for_each_heading(const Document& doc, F f) {
  Slugger slugger(doc.slug_style);
  const std::string_view text = doc.text();
  for (const Block& b : doc.blocks) {
    if (b.kind != BlockKind::heading) continue;
    std::string_view heading = without_closing_hashes(b.content.in(text));
    std::string explicit_id = take_attribute_id(heading);
    // The ids kramdown and GitHub Pages give explicitly; the slug is still counted.
    f(b, slugger.next(trim(heading)), std::move(explicit_id));
  }
}

std::vector<std::string> compute(const Document& doc) {
  std::vector<std::string> ids;
  const std::string_view text = doc.text();
  for_each_heading(doc, [&](const Block& b, std::string slug, std::string explicit_id) {
    ids.push_back(std::move(slug));
    if (!explicit_id.empty()) ids.push_back(std::move(explicit_id));
    // A block attribute list on the line after the heading: `{: #id}`.
    const size_t next = b.range.end;
    const size_t eol = std::min(text.find('\n', next), text.size());
    std::string_view line = text.substr(next, eol - next);
    if (trim(line).starts_with("{:")) {
      std::string_view rest = trim(line);
      std::string id = take_attribute_id(rest);
      if (!id.empty() && trim(rest).empty()) ids.push_back(std::move(id));
    }
  });
  for (const HtmlTag& tag : doc.inline_tokens.html) {
    for (const HtmlAttribute& a : tag.attributes) {
      if ((a.name == "id" || a.name == "name") && !a.value.empty()) {
        std::string value;
        const std::string_view raw = a.value.in(text);
        for (size_t i = 0; i < raw.size();) {
          size_t n = 0;
          const std::string decoded = raw[i] == '&' ? decode_character_reference(raw, i, n) : "";
          if (n > 0) {
            value += decoded;
            i += n;
          } else {
            value.push_back(raw[i++]);
          }
        }
        ids.push_back(std::move(value));
      }
    }
  }
  return ids;
}

}  // namespace

std::map<size_t, std::string> heading_ids(const Document& doc) {
  std::map<size_t, std::string> out;
  for_each_heading(doc, [&](const Block& b, std::string slug, std::string explicit_id) {
    out[b.range.begin] = explicit_id.empty() ? std::move(slug) : std::move(explicit_id);
  });
  return out;
}

AnchorSet::AnchorSet(std::vector<std::string> ids) : ids_(std::move(ids)) {
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

std::shared_ptr<const AnchorSet> file_anchors(const std::string& path, SlugStyle style) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, SlugStyle>, std::shared_ptr<const AnchorSet>> memo;
  std::error_code ec;
  const std::string key = std::filesystem::weakly_canonical(path, ec).string();
  {
    const std::lock_guard<std::mutex> lock(mutex);
    auto it = memo.find({key, style});
    if (it != memo.end()) return it->second;
  }
  std::shared_ptr<const AnchorSet> anchors;
  std::string text;
  if (!read_file(path, text) && !check_source_text(text)) {
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
  const std::lock_guard<std::mutex> lock(mutex);
  return memo.try_emplace({key, style}, anchors).first->second;
}

}  // namespace qadeck
