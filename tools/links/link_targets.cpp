#include "links/link_targets.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "core/ascii_case.h"
#include "core/html_scanner.h"
#include "core/project_root.h"
#include "core/text.h"
#include "core/url.h"
#include "links/anchors.h"
#include "links/slug.h"

namespace qadeck {
namespace {

// The destination as the renderer reads it: character references decoded and, in Markdown,
// backslash escapes removed.
std::string decode_destination(std::string_view raw, bool markdown) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size();) {
    if (markdown && raw[i] == '\\' && i + 1 < raw.size() && is_ascii_punct(raw[i + 1])) {
      out.push_back(raw[i + 1]);
      i += 2;
      continue;
    }
    if (raw[i] == '&') {
      size_t n = 0;
      const std::string decoded = decode_character_reference(raw, i, n);
      if (n > 0) {
        out += decoded;
        i += n;
        continue;
      }
    }
    out.push_back(raw[i++]);
  }
  return std::string(trim(out));
}

// A URL curl can send: spaces and bytes outside ASCII percent-encoded, user name and password
// removed (no credentials are ever sent).
std::string fetchable(std::string_view url) {
  std::string out;
  const size_t authority = url.find("//");
  size_t host_begin = authority == std::string_view::npos ? 0 : authority + 2;
  const size_t host_end = std::min(url.find_first_of("/?#", host_begin), url.size());
  const size_t at = url.substr(host_begin, host_end - host_begin).rfind('@');
  out.append(url.substr(0, host_begin));
  if (at != std::string_view::npos) host_begin += at + 1;
  out.append(url.substr(host_begin, host_end - host_begin));
  static constexpr char hex[] = "0123456789ABCDEF";
  for (const char ch : url.substr(host_end)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= ' ' || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
        c == '`' || c == '{' || c == '|' || c == '}') {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

std::optional<LinkTarget> classify(std::string url, ByteRange where, bool image) {
  LinkTarget t;
  t.where = where;
  t.image = image;
  if (url.empty() || url.find("{{") != std::string::npos || url.find("{%") != std::string::npos) {
    return std::nullopt;
  }
  if (url[0] == '#') {
    t.kind = TargetKind::fragment;
    t.fragment = percent_decode(std::string_view(url).substr(1));
    return t;
  }
  if (url.starts_with("//")) url = "https:" + url;
  if (has_scheme(url)) {
    if (!starts_with_ascii_lower(url, "http://") && !starts_with_ascii_lower(url, "https://"))
      return std::nullopt;
    t.kind = TargetKind::external;
    t.url = fetchable(external_key(url));
    return t;
  }
  // A root-relative link depends on where the site is served; an image is a file to load, and
  // an absolute path names one outside the project (link.file says so).
  if (url[0] == '/' && !image) return std::nullopt;
  t.kind = TargetKind::file;
  const size_t hash = url.find('#');
  if (hash != std::string::npos)
    t.fragment = percent_decode(std::string_view(url).substr(hash + 1));
  const std::string_view path = std::string_view(url).substr(0, std::min(hash, url.find('?')));
  if (path.empty()) {
    // `?query#id` on the page itself.
    if (hash == std::string::npos) return std::nullopt;
    t.kind = TargetKind::fragment;
    return t;
  }
  t.path = percent_decode(path);
  return t;
}

// GFM's extended autolinks keep a closing parenthesis that balances one inside the URL
// (https://en.wikipedia.org/wiki/Set_(mathematics)); the scanner stops before any.
ByteRange balanced_bare_url(std::string_view text, ByteRange r) {
  for (;;) {
    const std::string_view url = r.in(text);
    const auto open = std::count(url.begin(), url.end(), '(');
    const auto close = std::count(url.begin(), url.end(), ')');
    if (open <= close || r.end >= text.size() || text[r.end] != ')') return r;
    ++r.end;
  }
}

std::vector<LinkTarget> collect(const Document& doc) {
  std::vector<LinkTarget> out;
  const std::string_view text = doc.text();
  for (const Link& link : doc.inline_tokens.links) {
    ByteRange where = link.destination;
    bool markdown = true;
    bool image = false;
    switch (link.kind) {
      case LinkKind::reference:
        continue;  // its definition holds the URL
      case LinkKind::image:
        image = true;
        break;
      case LinkKind::bare_url:
        where = balanced_bare_url(text, where);
        break;
      case LinkKind::autolink:
        markdown = false;
        break;
      case LinkKind::html_attribute: {
        markdown = false;
        // src loads (an image, a script); href leads.
        if (auto tag = scan_html_tag(text, link.range.begin, link.range.end)) {
          for (const HtmlAttribute& a : tag->attributes) {
            if (a.value == where) image = a.name == "src";
          }
        }
        break;
      }
      case LinkKind::inline_link:
      case LinkKind::definition:
        break;
    }
    if (where.empty()) continue;
    if (auto target = classify(decode_destination(where.in(text), markdown), where, image)) {
      out.push_back(std::move(*target));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const LinkTarget& a, const LinkTarget& b) {
    return a.where.begin < b.where.begin;
  });
  return out;
}

// On disk, or open in an editor that has not saved it yet (the language server).
bool path_exists(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::exists(p, ec) || has_file_text(p.string());
}

}  // namespace

bool inside_project(const Document& doc, const std::string& path) {
  const std::filesystem::path target = std::filesystem::path(doc.source->path()).parent_path() / path;
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(target, ec);
  return !ec && inside_project(doc.project_root(), absolute.string());
}

std::optional<std::string> find_local_file(const Document& doc, const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path base = fs::path(doc.source->path()).parent_path();
  const fs::path target = base / fs::path(path);
  doc.depends_on(target.string());
  if (path_exists(target)) return target.string();
  const fs::path ext = target.extension();
  if (ext == ".html" || ext.empty()) {
    for (const char* markdown : {".md", ".markdown"}) {
      fs::path alternative = target;
      alternative.replace_extension(markdown);
      doc.depends_on(alternative.string());
      if (path_exists(alternative)) return alternative.string();
    }
  }
  return std::nullopt;
}

bool is_markdown_path(std::string_view path) {
  return path.ends_with(".md") || path.ends_with(".markdown");
}

std::string external_key(std::string_view url) { return std::string(url.substr(0, url.find('#'))); }

const std::vector<LinkTarget>& link_targets(const Document& doc) {
  return doc.shared_analysis<std::vector<LinkTarget>>("links.targets",
                                                      [&] { return collect(doc); });
}

}  // namespace qadeck
