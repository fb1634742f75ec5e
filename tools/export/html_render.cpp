#include "export/html_render.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <cmark-gfm/houdini.h>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace qadeck {
namespace {

// A private-use character (U+E000) opens a placeholder and U+E001 closes it: cmark treats
// them as letters, so emphasis around math parses as it would around the math itself.
constexpr std::string_view placeholder_open = "\xEE\x80\x80";
constexpr std::string_view placeholder_close = "\xEE\x80\x81";

constexpr int render_options = CMARK_OPT_UNSAFE;

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

cmark_parser* new_parser() {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  cmark_parser* parser = cmark_parser_new(render_options);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser, ext);
    }
  }
  return parser;
}

bool is_display(MathKind kind) {
  return kind == MathKind::display_dollar || kind == MathKind::display_bracket;
}

void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

// Decodes the reference at text[at] ('&'); returns the bytes it spans, 0 when it is none.
size_t decode_reference(std::string_view text, size_t at, std::string& out) {
  const size_t semicolon = text.find(';', at + 1);
  if (semicolon == std::string_view::npos) return 0;
  cmark_mem* mem = cmark_get_default_mem_allocator();
  cmark_strbuf buf;
  cmark_strbuf_init(mem, &buf, 0);
  const auto* src = reinterpret_cast<const uint8_t*>(text.data() + at + 1);
  const auto size = static_cast<bufsize_t>(semicolon - at);
  const bufsize_t used = houdini_unescape_ent(&buf, src, size);
  size_t spanned = 0;
  if (used == size) {
    out.append(reinterpret_cast<const char*>(buf.ptr), static_cast<size_t>(buf.size));
    spanned = static_cast<size_t>(used) + 1;
  }
  cmark_strbuf_free(&buf);
  return spanned;
}

}  // namespace

std::string math_html(const MathSpan& span, std::string_view body) {
  std::string out = is_display(span.kind) ? "\\[" : "\\(";
  append_escaped(out, body);
  out += is_display(span.kind) ? "\\]" : "\\)";
  return out;
}

std::string render_markdown(std::string_view markdown, const std::vector<MathSpan>& math,
                            bool inline_only) {
  std::string protected_text;
  protected_text.reserve(markdown.size());
  size_t at = 0;
  for (size_t i = 0; i < math.size(); ++i) {
    protected_text.append(markdown.substr(at, math[i].range.begin - at));
    protected_text += placeholder_open;
    protected_text += std::to_string(i);
    protected_text += placeholder_close;
    at = math[i].range.end;
  }
  protected_text.append(markdown.substr(at));

  std::unique_ptr<cmark_parser, ParserDeleter> parser(new_parser());
  cmark_parser_feed(parser.get(), protected_text.data(), protected_text.size());
  std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parser_finish(parser.get()));
  char* rendered = cmark_render_html(root.get(), render_options,
                                     cmark_parser_get_syntax_extensions(parser.get()));
  std::string html(rendered);
  cmark_get_default_mem_allocator()->free(rendered);

  if (inline_only) {
    cmark_node* first = cmark_node_first_child(root.get());
    constexpr std::string_view open = "<p>";
    constexpr std::string_view close = "</p>\n";
    if (first && !cmark_node_next(first) && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH &&
        html.starts_with(open) && html.ends_with(close)) {
      html = html.substr(open.size(), html.size() - open.size() - close.size());
    }
  }
  if (math.empty()) return html;

  std::string out;
  out.reserve(html.size() + markdown.size() / 4);
  for (size_t i = 0; i < html.size();) {
    if (std::string_view(html).substr(i).starts_with(placeholder_open)) {
      const size_t digits = i + placeholder_open.size();
      const size_t close = html.find(placeholder_close, digits);
      if (close != std::string::npos) {
        const size_t index = std::strtoul(html.c_str() + digits, nullptr, 10);
        if (index < math.size()) {
          out += math_html(math[index], math[index].body.in(markdown));
          i = close + placeholder_close.size();
          continue;
        }
      }
    }
    out += html[i++];
  }
  return out;
}

std::optional<std::string> decode_html_strict(std::string_view text) {
  if (text.find('&') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] != '&') {
      out += text[i++];
      continue;
    }
    const size_t used = decode_reference(text, i, out);
    if (used == 0) return std::nullopt;
    i += used;
  }
  return out;
}

std::string decode_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      if (const size_t used = decode_reference(text, i, out)) {
        i += used;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_escaped(out, text);
  return out;
}

std::string cmark_gfm_version() { return cmark_version_string(); }

}  // namespace qadeck
