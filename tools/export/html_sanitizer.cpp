#include "export/html_sanitizer.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

#include "core/html_scanner.h"
#include "core/text.h"

namespace qadeck {
namespace {

// What becomes of an element.
enum class Policy {
  keep,    // written out with its allowed attributes
  unwrap,  // left out, its content kept: harmless markup cards do not need
  drop,    // left out with its content: it runs, loads or hides something
};

Policy element_policy(const GumboElement& e) {
  if (e.tag_namespace != GUMBO_NAMESPACE_HTML) return Policy::drop;
  switch (e.tag) {
    case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_B: case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO: case GUMBO_TAG_BIG: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_CENTER: case GUMBO_TAG_CITE: case GUMBO_TAG_CODE:
    case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_DD: case GUMBO_TAG_DEL:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_DFN: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_EM: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FONT: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HR:
    case GUMBO_TAG_I: case GUMBO_TAG_IMG: case GUMBO_TAG_INS: case GUMBO_TAG_KBD:
    case GUMBO_TAG_LI: case GUMBO_TAG_MARK: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_PRE: case GUMBO_TAG_Q: case GUMBO_TAG_RP: case GUMBO_TAG_RT:
    case GUMBO_TAG_RUBY: case GUMBO_TAG_S: case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN: case GUMBO_TAG_STRIKE: case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_SUP: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TIME: case GUMBO_TAG_TR: case GUMBO_TAG_TT:
    case GUMBO_TAG_U: case GUMBO_TAG_UL: case GUMBO_TAG_VAR: case GUMBO_TAG_WBR:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_SOURCE:
      return Policy::keep;
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FRAME: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET: case GUMBO_TAG_PARAM: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_XMP: case GUMBO_TAG_TITLE:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_DATALIST: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_ISINDEX: case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_META: case GUMBO_TAG_LINK: case GUMBO_TAG_HEAD: case GUMBO_TAG_TRACK:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_MENUITEM:
      return Policy::drop;
    default:
      return Policy::unwrap;
  }
}

bool is_media(GumboTag tag) {
  return tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_AUDIO || tag == GUMBO_TAG_VIDEO ||
         tag == GUMBO_TAG_SOURCE;
}

bool is_void(GumboTag tag) {
  return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_COL || tag == GUMBO_TAG_HR ||
         tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_SOURCE || tag == GUMBO_TAG_WBR;
}

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Attributes that only shape how the element looks, on the elements that have them.
bool is_presentational(GumboTag tag, std::string_view name) {
  if (is_one_of(name, {"title", "lang", "dir", "class", "align", "valign"})) return true;
  switch (tag) {
    case GUMBO_TAG_IMG:
      return is_one_of(name, {"alt", "width", "height", "border"});
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
      return is_one_of(name, {"controls", "loop", "muted", "width", "height"});
    case GUMBO_TAG_SOURCE:
      return name == "type";
    case GUMBO_TAG_OL:
      return is_one_of(name, {"start", "reversed", "type"});
    case GUMBO_TAG_UL:
      return name == "type";
    case GUMBO_TAG_LI:
      return is_one_of(name, {"value", "type"});
    case GUMBO_TAG_DETAILS:
      return name == "open";
    case GUMBO_TAG_TIME: case GUMBO_TAG_DEL: case GUMBO_TAG_INS:
      return name == "datetime";
    case GUMBO_TAG_FONT:
      return is_one_of(name, {"color", "face", "size"});
    case GUMBO_TAG_TABLE:
      return is_one_of(name, {"border", "cellpadding", "cellspacing", "width", "summary"});
    case GUMBO_TAG_TD: case GUMBO_TAG_TH:
      return is_one_of(name, {"colspan", "rowspan", "width", "height", "scope", "abbr", "nowrap"});
    case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP:
      return is_one_of(name, {"span", "width"});
    default:
      return false;
  }
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

// The length of the Unicode space at url[i] that DOMPurify removes before checking a URL
// (U+00A0, U+1680, U+180E, U+2000-U+2029, U+205F, U+3000), 0 when there is none. A browser
// would read such a URL as relative; leaving the spaces out errs on the side of refusing.
size_t unicode_space(std::string_view url, size_t i) {
  const auto byte = [&](size_t k) {
    return i + k < url.size() ? static_cast<unsigned char>(url[i + k]) : 0u;
  };
  if (byte(0) == 0xC2 && byte(1) == 0xA0) return 2;
  if ((byte(0) == 0xE1 && byte(1) == 0x9A && byte(2) == 0x80) ||
      (byte(0) == 0xE1 && byte(1) == 0xA0 && byte(2) == 0x8E) ||
      (byte(0) == 0xE2 && byte(1) == 0x80 && byte(2) >= 0x80 && byte(2) <= 0xA9) ||
      (byte(0) == 0xE2 && byte(1) == 0x81 && byte(2) == 0x9F) ||
      (byte(0) == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80)) {
    return 3;
  }
  return 0;
}

// The URL as its scheme is read: spaces and control characters dropped (a browser drops them
// at both ends and tabs and line breaks inside; DOMPurify drops them everywhere, and so do we),
// lower-cased.
std::string url_as_read(std::string_view url) {
  std::string out;
  for (size_t i = 0; i < url.size();) {
    if (static_cast<unsigned char>(url[i]) <= ' ') {
      ++i;
    } else if (const size_t n = unicode_space(url, i)) {
      i += n;
    } else {
      out += lower(url[i++]);
    }
  }
  return out;
}

// The URL's scheme, "" for a relative URL.
std::string_view url_scheme(std::string_view url) {
  if (url.empty() || !is_ascii_alpha(url.front())) return {};
  for (size_t i = 1; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ':') return url.substr(0, i);
    if (!(is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '-' || c == '.')) break;
  }
  return {};
}

// Why a URL may not stay in the attribute, "" when it may.
std::string url_refusal(GumboTag tag, std::string_view value) {
  const std::string url = url_as_read(value);
  const std::string_view scheme = url_scheme(url);
  if (scheme.empty() || is_one_of(scheme, {"http", "https", "ftp", "mailto", "xmpp"})) return "";
  if (scheme == "data" && tag == GUMBO_TAG_IMG) {
    for (const std::string_view type : {"png", "gif", "jpeg", "jpg", "webp", "bmp", "avif"}) {
      const std::string prefix = "data:image/" + std::string(type);
      if (url.starts_with(prefix) &&
          (url.size() == prefix.size() || url[prefix.size()] == ';' || url[prefix.size()] == ',')) {
        return "";
      }
    }
    return "a data: URL that is not a raster image";
  }
  if (is_one_of(scheme, {"javascript", "vbscript", "livescript"})) {
    return "a " + std::string(scheme) + ": URL, which would run code";
  }
  return "a " + std::string(scheme) + ": URL (cards link to http, https, ftp, mailto and xmpp only)";
}

// Why a style attribute may not stay, "" when it may: CSS can load URLs (url(), image-set(),
// @import) and, in old engines, run code (expression(), behavior, -moz-binding); escapes and
// comments could spell those in pieces.
std::string style_refusal(std::string_view value) {
  const std::string css = lowered(value);
  for (const std::string_view bad : {"url", "image", "expression", "import", "behavior",
                                     "binding", "javascript", "\\", "/*", "element(", "src("}) {
    if (css.find(bad) != std::string::npos) {
      return "a style that could load or run something (" + std::string(bad) + ")";
    }
  }
  return "";
}

// Why the attribute goes, "" when it stays.
std::string attribute_refusal(const GumboElement& e, const GumboAttribute& a) {
  const std::string_view name = a.name;
  if (a.attr_namespace != GUMBO_ATTR_NAMESPACE_NONE) return "a namespaced attribute";
  if (name.size() > 2 && name.starts_with("on")) {
    return "an event handler, which would run JavaScript";
  }
  if ((name == "href" && e.tag == GUMBO_TAG_A) || (name == "src" && is_media(e.tag))) {
    return url_refusal(e.tag, a.value);
  }
  if (name == "style") return style_refusal(a.value);
  if (is_presentational(e.tag, name) || name.starts_with("data-")) return "";
  if (name == "id" || (name == "name" && e.tag == GUMBO_TAG_A)) {
    // Anchors (`<a name=20190629>`, `id="part-2"`) stay. A value of letters alone could name
    // one of the page's own properties (`id=cookie`, `name=getElementById`: DOM clobbering).
    const std::string_view v = a.value;
    if (!v.empty() && std::all_of(v.begin(), v.end(), is_ascii_alpha)) {
      return "an id or name of letters alone, which could shadow the page's own properties";
    }
    return "";
  }
  if (is_one_of(name, {"srcdoc", "formaction", "action", "ping", "srcset", "poster", "data",
                       "background", "lowsrc", "dynsrc", "xlink:href", "href", "src"})) {
    return "an attribute that loads or follows a URL";
  }
  return "an attribute cards do not keep";
}

void append_escaped(std::string& out, std::string_view text, bool attribute) {
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (attribute) {
          out += "&quot;";
          break;
        }
        [[fallthrough]];
      default: out += c;
    }
  }
}

std::string_view piece(const GumboStringPiece& p) { return {p.data, p.length}; }

std::string tag_name(const GumboElement& e) {
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece name = e.original_tag;
  gumbo_tag_from_original_text(&name);
  return lowered(piece(name));
}

// The attribute as written: its name through its value.
std::string_view written_attribute(const GumboAttribute& a) {
  const char* begin = a.original_name.data;
  const char* end = a.original_value.length > 0 ? a.original_value.data + a.original_value.length
                                                 : a.original_name.data + a.original_name.length;
  if (!begin || end < begin) return a.name;
  return {begin, static_cast<size_t>(end - begin)};
}

std::string unquoted(const GumboStringPiece& value) {
  std::string_view v = piece(value);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
    v = v.substr(1, v.size() - 2);
  }
  return std::string(v);
}

std::string_view written_tag(const GumboElement& e, std::string_view name) {
  return e.original_tag.length > 0 ? piece(e.original_tag) : name;
}

bool is_c0_or_c1_control(std::string_view text, size_t i, size_t& length) {
  const auto c = static_cast<unsigned char>(text[i]);
  if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
    length = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < text.size()) {
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (next >= 0x80 && next <= 0x9F) {
      length = 2;
      return true;
    }
  }
  return false;
}

std::string without_controls(std::string_view html, std::vector<HtmlRemoval>* removed) {
  std::string out;
  out.reserve(html.size());
  for (size_t i = 0; i < html.size();) {
    size_t length = 0;
    if (is_c0_or_c1_control(html, i, length)) {
      if (removed) {
        const unsigned code = length == 1 ? static_cast<unsigned char>(html[i])
                                          : static_cast<unsigned char>(html[i + 1]);
        static constexpr std::string_view hex = "0123456789ABCDEF";
        std::string name = "U+00";
        name += hex[code >> 4];
        name += hex[code & 15];
        removed->push_back({"control character " + name +
                                ", which Anki strips after import (it could join a handler "
                                "or a javascript: URL)",
                            std::string(html.substr(i, length)), {}});
      }
      i += length;
    } else {
      out += html[i++];
    }
  }
  return out;
}

struct OutputDeleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};

std::unique_ptr<GumboOutput, OutputDeleter> parse_fragment(const std::string& html) {
  GumboOptions options = kGumboDefaultOptions;
  options.fragment_context = GUMBO_TAG_DIV;
  options.fragment_namespace = GUMBO_NAMESPACE_HTML;
  options.max_errors = 0;
  return std::unique_ptr<GumboOutput, OutputDeleter>(
      gumbo_parse_with_options(&options, html.data(), html.size()));
}

const GumboVector& children(const GumboNode* node) {
  return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children
                                           : node->v.element.children;
}

// Writes the allowed part of the tree under `root`, depth first without recursion (nesting
// depth is the author's).
class Writer {
 public:
  explicit Writer(SanitizedHtml& out) : out_(out) {}

  void write_children(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      unsigned next;
      bool close;  // write its end tag after the children
    };
    std::vector<Frame> stack{{root, 0, false}};
    while (!stack.empty()) {
      Frame& top = stack.back();
      const GumboVector& kids = children(top.node);
      if (top.next == kids.length) {
        if (top.close) {
          out_.html += "</";
          out_.html += tag_name(top.node->v.element);
          out_.html += '>';
        }
        stack.pop_back();
        continue;
      }
      const auto* child = static_cast<const GumboNode*>(kids.data[top.next++]);
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
          child->type == GUMBO_NODE_CDATA) {
        const std::string_view text = child->v.text.text;
        if (top.node->type == GUMBO_NODE_ELEMENT && top.node->v.element.tag == GUMBO_TAG_PRE &&
            top.next == 1 && text.starts_with('\n')) {
          out_.html += '\n';  // the parser drops one line break after <pre>
        }
        append_clean(text, false);
        continue;
      }
      if (child->type != GUMBO_NODE_ELEMENT && child->type != GUMBO_NODE_TEMPLATE) continue;
      const GumboElement& e = child->v.element;
      const std::string name = tag_name(e);
      const Policy policy = child->type == GUMBO_NODE_TEMPLATE ? Policy::drop : element_policy(e);
      if (policy == Policy::drop) {
        removed("<" + name + "> element, with its content", written_tag(e, name));
        continue;
      }
      if (policy == Policy::unwrap) {
        removed("<" + name + "> element (its content is kept)", written_tag(e, name));
        stack.push_back({child, 0, false});
        continue;
      }
      write_start_tag(e, name);
      if (!is_void(e.tag)) stack.push_back({child, 0, true});
    }
  }

 private:
  void removed(std::string reason, std::string_view written) {
    out_.removed.push_back({std::move(reason), std::string(written), {}});
  }

  void write_start_tag(const GumboElement& e, const std::string& name) {
    std::vector<const GumboAttribute*> keep;
    for (unsigned i = 0; i < e.attributes.length; ++i) {
      const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
      const std::string refusal = attribute_refusal(e, *a);
      if (refusal.empty()) {
        keep.push_back(a);
      } else {
        out_.removed.push_back({std::string(a->name) + "= on <" + name + ">: " + refusal,
                                std::string(written_attribute(*a)), unquoted(a->original_value)});
      }
    }
    if (is_media(e.tag)) {
      std::stable_partition(keep.begin(), keep.end(), [](const GumboAttribute* a) {
        return std::string_view(a->name) == "src";
      });
    }
    out_.html += '<';
    out_.html += name;
    for (const GumboAttribute* a : keep) {
      out_.html += ' ';
      out_.html += a->name;
      out_.html += "=\"";
      append_clean(a->value, true);
      out_.html += '"';
    }
    out_.html += '>';
  }

  // Character references can spell control characters too (`&#x1;`): they go like the
  // written ones, since Anki would strip them from the field.
  void append_clean(std::string_view text, bool attribute) {
    std::vector<HtmlRemoval> controls;
    const std::string clean = without_controls(text, &controls);
    for (HtmlRemoval& r : controls) {
      r.reason += ", written as a character reference";
      r.written.clear();
      out_.removed.push_back(std::move(r));
    }
    append_escaped(out_.html, clean, attribute);
  }

  SanitizedHtml& out_;
};

// The fragment's nodes hang under the <html> element the parser makes for a fragment.
const GumboNode* fragment_root(const GumboOutput& output) {
  return output.root ? output.root : output.document;
}

const HtmlAttribute* attribute(const HtmlTag& tag, std::string_view name) {
  for (const HtmlAttribute& a : tag.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

}  // namespace

// Whether the attributes written at markdown[at] (up to the tag's end, which `at` is left on)
// are all ` name="value"` pairs the sanitizer keeps on `element`, with values on one line and
// free of character references.
bool plain_attributes_kept(std::string_view markdown, size_t& at, const GumboElement& element) {
  while (at + 1 < markdown.size() && markdown[at] == ' ' && is_ascii_alpha(markdown[at + 1])) {
    const size_t name = ++at;
    while (at < markdown.size() && (is_ascii_alpha(markdown[at]) || markdown[at] == '-')) ++at;
    const std::string attribute_name = lowered(markdown.substr(name, at - name));
    if (!markdown.substr(at).starts_with("=\"")) return false;
    const size_t value = at + 2;
    at = value;
    // Inside double quotes only `"` and a character reference are read as anything but text.
    size_t length = 0;
    while (at < markdown.size() && markdown[at] != '"' && markdown[at] != '&' &&
           static_cast<unsigned char>(markdown[at]) >= ' ' &&
           !is_c0_or_c1_control(markdown, at, length)) {
      ++at;
    }
    if (at >= markdown.size() || markdown[at] != '"') return false;
    const std::string attribute_value(markdown.substr(value, at - value));
    ++at;
    GumboAttribute a{};
    a.attr_namespace = GUMBO_ATTR_NAMESPACE_NONE;
    a.name = attribute_name.c_str();
    a.value = attribute_value.c_str();
    if (!attribute_refusal(element, a).empty()) return false;
  }
  return true;
}

// Where the inline link or image closed by the `]` at markdown[at] ends (past its `)`), when
// cmark would write its destination into href or src with nothing the sanitizer reads
// differently and the sanitizer would keep it there: `](dest)` with no title, the
// destination free of spaces, quotes, angle brackets, backslash escapes, character
// references and control characters (parentheses balanced), with a scheme a link may have
// (an image may have it too; `data:` goes to the sanitizer). 0 otherwise.
size_t plain_link_end(std::string_view markdown, size_t at) {
  if (at + 1 >= markdown.size() || markdown[at + 1] != '(') return 0;
  const size_t dest = at + 2;
  size_t depth = 0;
  for (size_t end = dest; end < markdown.size(); ++end) {
    const char c = markdown[end];
    size_t length = 0;
    if (c == ')' && depth == 0) {
      if (end == dest || !url_refusal(GUMBO_TAG_A, markdown.substr(dest, end - dest)).empty()) {
        return 0;
      }
      return end + 1;
    }
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '&') {
      // cmark decodes a character reference in a destination; a bare `&` stays itself.
      size_t k = end + 1;
      while (k < markdown.size() && (is_ascii_alpha(markdown[k]) || is_ascii_digit(markdown[k]) ||
                                     markdown[k] == '#')) {
        ++k;
      }
      if (k < markdown.size() && markdown[k] == ';') return 0;
    } else if (static_cast<unsigned char>(c) <= ' ' || is_c0_or_c1_control(markdown, end, length) ||
               std::string_view("\"'<>\\`").find(c) != std::string_view::npos) {
      return 0;
    }
  }
  return 0;
}

// could_lose_nothing for Markdown outside math.
// `definitions`: whether the item may define a link reference, which would make `[text]`
// or `[text][label]` a link.
bool markdown_loses_nothing(std::string_view markdown, bool definitions) {
  for (size_t i = 0; i < markdown.size(); ++i) {
    const char c = markdown[i];
    size_t length = 0;
    if (c == ']') {
      if (i + 1 < markdown.size() && markdown[i + 1] == '(') {
        const size_t end = plain_link_end(markdown, i);
        if (end == 0) return false;
        i = end - 1;
      } else if (definitions) {
        return false;
      }
      continue;
    }
    if (is_c0_or_c1_control(markdown, i, length)) return false;
    // A numeric reference can spell a control character; no named one does.
    if (c == '&' && i + 1 < markdown.size() && markdown[i + 1] == '#') return false;
    if (c != '<') continue;
    size_t at = i + 1;
    if (at < markdown.size() && markdown[at] == '/') ++at;
    const size_t name = at;
    while (at < markdown.size() && (is_ascii_alpha(markdown[at]) || is_ascii_digit(markdown[at]))) {
      ++at;
    }
    if (at == name) {
      // Not a tag: "<" before anything but a letter, '/', '!' or '?' is text to cmark and to
      // a browser.
      if (name == i + 1 &&
          (at == markdown.size() || std::string_view("!?").find(markdown[at]) == std::string_view::npos)) {
        continue;
      }
      return false;
    }
    GumboElement element{};
    element.tag = gumbo_tagn_enum(markdown.data() + name, static_cast<unsigned>(at - name));
    element.tag_namespace = GUMBO_NAMESPACE_HTML;
    if (element.tag == GUMBO_TAG_UNKNOWN || element_policy(element) != Policy::keep) return false;
    if (!plain_attributes_kept(markdown, at, element)) return false;
    if (markdown.substr(at).starts_with(" />")) at += 2;
    else if (markdown.substr(at).starts_with("/>")) at += 1;
    if (at >= markdown.size() || markdown[at] != '>') return false;
    i = at;
  }
  return true;
}

bool could_lose_nothing(std::string_view text, ByteRange range,
                        const std::vector<MathSpan>& math) {
  const bool definitions = range.in(text).find("]:") != std::string_view::npos;
  auto it = std::lower_bound(math.begin(), math.end(), range.begin,
                             [](const MathSpan& m, size_t at) { return m.range.begin < at; });
  size_t at = range.begin;
  for (; it != math.end() && it->range.end <= range.end; ++it) {
    if (!markdown_loses_nothing(text.substr(at, it->range.begin - at), definitions)) return false;
    // Math is written out escaped: only a control character in it could be removed.
    for (size_t i = it->range.begin; i < it->range.end; ++i) {
      size_t length = 0;
      if (is_c0_or_c1_control(text, i, length)) return false;
    }
    at = it->range.end;
  }
  return markdown_loses_nothing(text.substr(at, range.end - at), definitions);
}

SanitizedHtml sanitize_html(std::string_view html) {
  SanitizedHtml out;
  const std::string clean = without_controls(html, &out.removed);
  const auto parsed = parse_fragment(clean);
  out.html.reserve(clean.size());
  Writer(out).write_children(fragment_root(*parsed));
  return out;
}

std::string html_text(std::string_view html) {
  const std::string clean = without_controls(html, nullptr);
  if (clean.find_first_of("<&") == std::string::npos) return clean;
  const auto parsed = parse_fragment(clean);
  std::string out;
  std::vector<const GumboNode*> stack{fragment_root(*parsed)};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) {
      out += node->v.text.text;
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) continue;
    if (node->type == GUMBO_NODE_ELEMENT && element_policy(node->v.element) == Policy::drop) {
      continue;
    }
    const GumboVector& kids = children(node);
    for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<GumboNode*>(kids.data[i]));
  }
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
      out.append(*renamed);
      out.append(html.substr(src->value.end, tag->range.end - src->value.end));
    } else if (const HtmlAttribute* alt = attribute(*tag, "alt")) {
      out.append(alt->value.in(html));
    }
  }
  out.append(html.substr(copied));
  return out;
}

}  // namespace qadeck
