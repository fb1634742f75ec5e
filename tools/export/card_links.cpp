#include "export/card_links.h"

#include <filesystem>

#include "core/html_scanner.h"
#include "core/text.h"
#include "export/html_render.h"

namespace qadeck {
namespace {

bool ends_with_nocase(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = text[text.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

}  // namespace

bool is_relative_reference(std::string_view url) {
  if (url.empty() || url.front() == '#' || url.starts_with("//")) return false;
  if (!is_ascii_alpha(url.front())) return true;
  for (const char c : url) {
    if (c == ':') return false;
    if (!(is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '.' || c == '-')) break;
  }
  return true;
}

std::optional<std::string> markdown_link_target(std::string_view destination,
                                                std::string_view source,
                                                std::string_view base_url) {
  if (!is_relative_reference(destination) || destination.front() == '/') return std::nullopt;
  const size_t tail_at = destination.find_first_of("?#");
  const std::string_view file = destination.substr(0, tail_at);
  if (!ends_with_nocase(file, ".md") && !ends_with_nocase(file, ".markdown")) return std::nullopt;
  if (base_url.empty()) return std::string();
  namespace fs = std::filesystem;
  const std::string target = (fs::path(std::string(source)).parent_path() / std::string(file))
                                 .lexically_normal()
                                 .generic_string();
  if (target.starts_with("..")) return std::string();  // outside the project
  std::string url(base_url);
  if (!url.ends_with('/')) url += '/';
  url += target;
  if (tail_at != std::string_view::npos) url += destination.substr(tail_at);
  return url;
}

std::string rewrite_markdown_links(std::string_view html, std::string_view source,
                                   std::string_view base_url) {
  std::string out;
  size_t copied = 0;
  bool unwrapped = false;  // inside an <a> whose tags go
  for (size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
    const auto tag = scan_html_tag(html, at, html.size());
    if (!tag || tag->name != "a") continue;
    if (tag->kind == HtmlTagKind::close) {
      if (!unwrapped) continue;
      out.append(html.substr(copied, at - copied));
      copied = tag->range.end;
      unwrapped = false;
      continue;
    }
    const HtmlAttribute* href = nullptr;
    for (const HtmlAttribute& a : tag->attributes) {
      if (a.name == "href") href = &a;
    }
    if (!href) continue;
    const auto target = markdown_link_target(decode_html(href->value.in(html)), source, base_url);
    if (!target) continue;
    out.append(html.substr(copied, at - copied));
    if (target->empty()) {
      unwrapped = true;
    } else {
      out.append(html.substr(at, href->value.begin - at));
      out += escape_html(*target);
      out.append(html.substr(href->value.end, tag->range.end - href->value.end));
    }
    copied = tag->range.end;
  }
  out.append(html.substr(copied));
  return out;
}

}  // namespace qadeck
