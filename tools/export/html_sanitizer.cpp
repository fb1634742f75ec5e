#include "export/html_sanitizer.h"

#include <array>
#include <vector>

#include "core/html_safety.h"
#include "core/html_scanner.h"
#include "core/text.h"

namespace qadeck {
namespace {

bool is_media_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 5> names = {"img", "audio", "video", "source",
                                                            "object"};
  for (const std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

bool is_qadeck_comment(std::string_view comment) {
  return comment.size() >= 7 && trim(comment.substr(4, comment.size() - 7)).starts_with("qadeck-");
}

// Where the element a <script> tag opens ends: after its </script>, or at the end.
size_t end_of_script(std::string_view html, size_t from) {
  for (size_t at = html.find('<', from); at != std::string_view::npos;
       at = html.find('<', at + 1)) {
    const auto tag = scan_html_tag(html, at, html.size());
    if (tag && tag->kind == HtmlTagKind::close && tag->name == "script") return tag->range.end;
  }
  return html.size();
}

void append_attribute_value(std::string& out, std::string_view value) {
  for (const char c : value) {
    switch (c) {
      case '"':
        out += "&quot;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
}

// The tag written again with only the attributes in `keep`, the media source first.
std::string rewrite_tag(std::string_view html, const HtmlTag& tag,
                        const std::vector<const HtmlAttribute*>& keep) {
  std::vector<const HtmlAttribute*> ordered;
  if (is_media_tag(tag.name)) {
    for (const HtmlAttribute* a : keep) {
      if (a->name == "src" || a->name == "data") ordered.push_back(a);
    }
  }
  for (const HtmlAttribute* a : keep) {
    if (!is_media_tag(tag.name) || (a->name != "src" && a->name != "data")) ordered.push_back(a);
  }
  std::string out = "<" + tag.name;
  for (const HtmlAttribute* a : ordered) {
    out += ' ';
    out += a->name;
    out += "=\"";
    append_attribute_value(out, a->value.in(html));
    out += '"';
  }
  out += tag.kind == HtmlTagKind::self_closing ? " />" : ">";
  return out;
}

const HtmlAttribute* attribute(const HtmlTag& tag, std::string_view name) {
  for (const HtmlAttribute& a : tag.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

}  // namespace

SanitizedHtml sanitize_html(std::string_view html) {
  SanitizedHtml out;
  out.html.reserve(html.size());
  size_t copied = 0;
  for (size_t at = html.find('<'); at != std::string_view::npos;) {
    const auto tag = scan_html_tag(html, at, html.size());
    if (!tag) {
      at = html.find('<', at + 1);
      continue;
    }
    out.html.append(html.substr(copied, at - copied));
    copied = tag->range.end;
    const std::string_view written = tag->range.in(html);
    if (tag->kind == HtmlTagKind::comment) {
      if (!is_qadeck_comment(written)) out.html.append(written);
    } else if (tag->name == "script") {
      ++out.removed;
      if (tag->kind == HtmlTagKind::open) copied = end_of_script(html, tag->range.end);
    } else if (tag->kind == HtmlTagKind::open || tag->kind == HtmlTagKind::self_closing) {
      std::vector<const HtmlAttribute*> keep;
      for (const HtmlAttribute& a : tag->attributes) {
        if (is_event_handler(a.name) ||
            (is_url_attribute(a.name) && is_javascript_url(a.value.in(html)))) {
          ++out.removed;
        } else {
          keep.push_back(&a);
        }
      }
      if (keep.size() != tag->attributes.size() || is_media_tag(tag->name)) {
        out.html += rewrite_tag(html, *tag, keep);
      } else {
        out.html.append(written);
      }
    } else {
      out.html.append(written);
    }
    at = html.find('<', copied);
  }
  out.html.append(html.substr(copied));
  return out;
}

std::vector<std::string> image_sources(std::string_view html) {
  std::vector<std::string> sources;
  for (size_t at = html.find("<img"); at != std::string_view::npos;
       at = html.find("<img", at + 1)) {
    const auto tag = scan_html_tag(html, at, html.size());
    if (!tag || tag->name != "img") continue;
    if (const HtmlAttribute* src = attribute(*tag, "src")) {
      sources.emplace_back(src->value.in(html));
    }
  }
  return sources;
}

std::string rewrite_image_sources(std::string_view html, const ImageRename& rename) {
  std::string out;
  size_t copied = 0;
  for (size_t at = html.find("<img"); at != std::string_view::npos;
       at = html.find("<img", at + 1)) {
    const auto tag = scan_html_tag(html, at, html.size());
    if (!tag || tag->name != "img") continue;
    const HtmlAttribute* src = attribute(*tag, "src");
    if (!src) continue;
    out.append(html.substr(copied, at - copied));
    copied = tag->range.end;
    if (const auto renamed = rename(src->value.in(html))) {
      out.append(html.substr(at, src->value.begin - at));
      append_attribute_value(out, *renamed);
      out.append(html.substr(src->value.end, tag->range.end - src->value.end));
    } else if (const HtmlAttribute* alt = attribute(*tag, "alt")) {
      out.append(alt->value.in(html));
    }
  }
  out.append(html.substr(copied));
  return out;
}

}  // namespace qadeck
