#include "core/html_scanner.h"

#include <algorithm>
#include <array>
#include <unordered_set>

namespace qadeck {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_name_char(char c) { return is_ascii_alpha(c) || is_ascii_digit(c) || c == '-'; }
bool is_attr_name_char(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c) || c == '_' || c == ':' || c == '.' || c == '-';
}

// HTML5's whitespace in tags (a carriage return reads as a line feed).
bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

bool ends_commonmark_unquoted(char c) {
  return is_ascii_space(c) || c == '>' || c == '"' || c == '\'' || c == '=' || c == '<' || c == '`';
}
bool ends_html5_unquoted(char c) { return is_html_space(c) || c == '>'; }

// The optional `= value` after an attribute name that ends at text[i]: quoted, or unquoted up
// to a byte `ends_unquoted` accepts, in a grammar whose whitespace is `space`. Moves i past
// it. False when the text ends inside it, or the unquoted value is empty and may not be.
bool read_attribute_value(std::string_view text, size_t& i, size_t limit, HtmlAttribute& attr,
                          bool (*space)(char), bool (*ends_unquoted)(char), bool empty_unquoted) {
  size_t j = i;
  while (j < limit && space(text[j])) ++j;
  if (j >= limit || text[j] != '=') return true;
  ++j;
  while (j < limit && space(text[j])) ++j;
  if (j >= limit) return false;
  if (text[j] == '"' || text[j] == '\'') {
    const size_t close = text.substr(0, limit).find(text[j], j + 1);
    if (close == std::string_view::npos) return false;
    attr.value = {j + 1, close};
    i = close + 1;
    return true;
  }
  const size_t v = j;
  while (j < limit && !ends_unquoted(text[j])) ++j;
  if (j == v && !empty_unquoted) return false;
  attr.value = {v, j};
  i = j;
  return true;
}

// Finds `close` in text[from, limit), skipping what `known_from` (an HtmlScanMemo entry) says
// holds none, and records a failure there.
size_t find_end(std::string_view text, size_t from, size_t limit, std::string_view close,
                size_t& known_from) {
  if (from >= known_from) return std::string_view::npos;
  const size_t stop =
      known_from == HtmlScanMemo::none ? limit : std::min(limit, known_from + close.size() - 1);
  const size_t found = text.substr(0, stop).find(close, from);
  if (found == std::string_view::npos) known_from = from;
  return found;
}

std::optional<HtmlTag> scan_comment(std::string_view text, size_t at, size_t limit,
                                    HtmlScanMemo& memo) {
  const size_t close = find_end(text, at + 4, limit, "-->", memo.comment);
  if (close == std::string_view::npos) return std::nullopt;
  HtmlTag tag;
  tag.kind = HtmlTagKind::comment;
  tag.range = {at, close + 3};
  return tag;
}

std::optional<HtmlTag> scan_declaration(std::string_view text, size_t at, size_t limit,
                                        HtmlScanMemo& memo) {
  const size_t close = find_end(text, at + 2, limit, ">", memo.declaration);
  if (close == std::string_view::npos) return std::nullopt;
  HtmlTag tag;
  tag.kind = HtmlTagKind::declaration;
  tag.range = {at, close + 1};
  return tag;
}

}  // namespace

bool is_raw_text_tag(std::string_view name) {
  return name == "script" || name == "style" || name == "textarea";
}

bool is_void_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 14> voids = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
      "source", "track", "wbr"};
  for (auto v : voids) {
    if (v == name) return true;
  }
  return false;
}

std::optional<HtmlTag> scan_html_tag(std::string_view text, size_t at, size_t limit,
                                     HtmlScanMemo* memo) {
  size_t i = at + 1;
  if (i >= limit) return std::nullopt;
  HtmlScanMemo local;
  HtmlScanMemo& m = memo ? *memo : local;
  if (m.limit != limit) {
    m = HtmlScanMemo{};
    m.limit = limit;
  }
  if (text.substr(i).starts_with("!--")) return scan_comment(text, at, limit, m);
  if (text[i] == '!' || text[i] == '?') return scan_declaration(text, at, limit, m);

  HtmlTag tag;
  if (text[i] == '/') {
    tag.kind = HtmlTagKind::close;
    ++i;
  }
  if (i >= limit || !is_ascii_alpha(text[i])) return std::nullopt;
  while (i < limit && is_name_char(text[i])) tag.name.push_back(lower(text[i++]));
  if (i < limit && !(is_ascii_space(text[i]) || text[i] == '>' || text[i] == '/')) {
    return std::nullopt;
  }

  // Attributes: name, optional = value (quoted or not), until '>' or '/>'.
  while (i < limit) {
    while (i < limit && is_ascii_space(text[i])) ++i;
    if (i >= limit) return std::nullopt;
    if (text[i] == '>') {
      tag.range = {at, i + 1};
      return tag;
    }
    if (text[i] == '/' && i + 1 < limit && text[i + 1] == '>') {
      if (tag.kind == HtmlTagKind::close) return std::nullopt;
      tag.kind = HtmlTagKind::self_closing;
      tag.range = {at, i + 2};
      return tag;
    }
    if (tag.kind == HtmlTagKind::close) return std::nullopt;
    if (!is_attr_name_char(text[i])) return std::nullopt;
    HtmlAttribute attr;
    attr.name_range.begin = i;
    while (i < limit && is_attr_name_char(text[i])) attr.name.push_back(lower(text[i++]));
    attr.name_range.end = i;
    if (!read_attribute_value(text, i, limit, attr, is_ascii_space, ends_commonmark_unquoted,
                              false)) {
      return std::nullopt;
    }
    tag.attributes.push_back(std::move(attr));
  }
  return std::nullopt;
}

}  // namespace qadeck

namespace qadeck {
namespace {

bool starts_with_lower(std::string_view text, size_t at, size_t limit, std::string_view lower_word) {
  if (at + lower_word.size() > limit) return false;
  for (size_t k = 0; k < lower_word.size(); ++k) {
    if (lower(text[at + k]) != lower_word[k]) return false;
  }
  return true;
}

// Whether text[at] starts `</name` (or `<name` with `open`) followed by a space, '/' or '>':
// the end tag that ends raw text (an "appropriate end tag").
bool is_tag_of(std::string_view text, size_t at, size_t limit, std::string_view name, bool open) {
  const size_t name_at = at + (open ? 1 : 2);
  if (name_at + name.size() >= limit || text[at] != '<' || (!open && text[at + 1] != '/')) {
    return false;
  }
  if (!starts_with_lower(text, name_at, limit, name)) return false;
  const char after = text[name_at + name.size()];
  return is_html_space(after) || after == '/' || after == '>';
}

// Where a script element's content ends: its end tag, except inside `<!--` where a nested
// `<script>` makes the next `</script>` part of the text (HTML5's script data escape states).
size_t script_end(std::string_view text, size_t from, size_t limit) {
  enum class State { data, escaped, double_escaped } state = State::data;
  size_t dashes = 0;  // '-' just before text[i], in the escaped states
  for (size_t i = from; i < limit; ++i) {
    const char c = text[i];
    if (state == State::data) {
      if (text.substr(i, 4) == "<!--" && i + 4 <= limit) {
        state = State::escaped;
        dashes = 2;
        i += 3;
      } else if (is_tag_of(text, i, limit, "script", false)) {
        return i;
      }
      continue;
    }
    if (c == '>' && dashes >= 2) {
      state = State::data;
    } else if (state == State::escaped && is_tag_of(text, i, limit, "script", false)) {
      return i;
    } else if (state == State::escaped && is_tag_of(text, i, limit, "script", true)) {
      state = State::double_escaped;
      i += 6;
    } else if (state == State::double_escaped && is_tag_of(text, i, limit, "script", false)) {
      state = State::escaped;
      i += 7;
    }
    dashes = c == '-' ? dashes + 1 : 0;
  }
  return limit;
}

// A comment from `<!--` at text[at]: browsers end it at `-->` or `--!>`, and at once in
// `<!-->` and `<!--->`; one left open runs to the end.
size_t comment_end(std::string_view text, size_t at, size_t limit) {
  const size_t body = at + 4;
  if (body < limit && text[body] == '>') return body + 1;
  if (body + 1 < limit && text[body] == '-' && text[body + 1] == '>') return body + 2;
  for (size_t k = text.find("--", body); k != std::string_view::npos && k + 2 < limit;
       k = text.find("--", k + 1)) {
    if (text[k + 2] == '>') return k + 3;
    if (text[k + 2] == '!' && k + 3 < limit && text[k + 3] == '>') return k + 4;
  }
  return limit;
}

// A construct that ends at the first '>' (a bogus comment, a doctype), or at the end.
size_t through_gt(std::string_view text, size_t from, size_t limit) {
  const size_t gt = text.substr(0, limit).find('>', from);
  return gt == std::string_view::npos ? limit : gt + 1;
}

HtmlTag construct(HtmlTagKind kind, size_t begin, size_t end) {
  HtmlTag tag;
  tag.kind = kind;
  tag.range = {begin, end};
  return tag;
}

// A start or end tag whose name begins at text[i], as the tokenizer's tag states read it;
// nothing when the text ends inside it.
std::optional<HtmlTag> html5_tag(std::string_view text, size_t at, size_t i, size_t limit,
                                 bool end) {
  HtmlTag tag;
  tag.kind = end ? HtmlTagKind::close : HtmlTagKind::open;
  while (i < limit && !is_html_space(text[i]) && text[i] != '/' && text[i] != '>') {
    tag.name.push_back(lower(text[i++]));
  }
  std::unordered_set<std::string> names;
  const auto keep = [&](HtmlAttribute attr) {
    // End tags' attributes, and every attribute but the first of a name, are dropped.
    if (end || !names.insert(attr.name).second) return;
    tag.attributes.push_back(std::move(attr));
  };
  for (;;) {
    while (i < limit && is_html_space(text[i])) ++i;
    if (i >= limit) return std::nullopt;
    if (text[i] == '>') {
      tag.range = {at, i + 1};
      return tag;
    }
    if (text[i] == '/') {
      if (++i >= limit) return std::nullopt;
      if (text[i] == '>') {
        if (!end) tag.kind = HtmlTagKind::self_closing;
        tag.range = {at, i + 1};
        return tag;
      }
      continue;  // a '/' before anything else is dropped
    }
    HtmlAttribute attr;
    attr.name_range.begin = i;
    attr.name.push_back(lower(text[i++]));  // may be '=' (or a quote, or '<')
    while (i < limit && !is_html_space(text[i]) && text[i] != '/' && text[i] != '>' &&
           text[i] != '=') {
      attr.name.push_back(lower(text[i++]));
    }
    attr.name_range.end = i;
    if (!read_attribute_value(text, i, limit, attr, is_html_space, ends_html5_unquoted, true)) {
      return std::nullopt;
    }
    keep(std::move(attr));
  }
}

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  for (const std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

// Start tags that end svg or math content: the tree builder closes the foreign elements and
// reads the tag as HTML.
bool breaks_out_of_foreign(const HtmlTag& tag) {
  if (tag.name == "font") {
    for (const HtmlAttribute& a : tag.attributes) {
      if (is_one_of(a.name, {"color", "face", "size"})) return true;
    }
    return false;
  }
  return is_one_of(tag.name, {"b", "big", "blockquote", "body", "br", "center", "code", "dd",
                              "div", "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5",
                              "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta",
                              "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong",
                              "strike", "sub", "sup", "table", "tt", "u", "ul", "var"});
}

}  // namespace

size_t Html5TagReader::raw_text_end(std::string_view name, size_t from, size_t limit) const {
  if (name == "script") return script_end(text_, from, limit);
  if (name == "plaintext") return limit;
  for (size_t lt = text_.find('<', from); lt != std::string_view::npos && lt < limit;
       lt = text_.find('<', lt + 1)) {
    if (is_tag_of(text_, lt, limit, name, false)) return lt;
  }
  return limit;
}

void Html5TagReader::start_tag(const HtmlTag& tag) {
  if (tag.kind == HtmlTagKind::self_closing) return;
  if (!in_foreign()) {
    if (tag.name == "svg" || tag.name == "math") open_.push_back({tag.name, tag.name == "svg", false});
    return;
  }
  const bool svg = open_.back().svg;
  bool integration = svg ? is_one_of(tag.name, {"foreignobject", "desc", "title"})
                         : is_one_of(tag.name, {"mi", "mo", "mn", "ms", "mtext"});
  if (!svg && tag.name == "annotation-xml") {
    for (const HtmlAttribute& a : tag.attributes) {
      if (a.name != "encoding") continue;
      std::string value;
      for (const char c : a.value.in(text_)) value.push_back(lower(c));
      integration = value == "text/html" || value == "application/xhtml+xml";
    }
  }
  open_.push_back({tag.name, svg, integration});
}

void Html5TagReader::end_tag(const HtmlTag& tag) {
  for (size_t k = open_.size(); k-- > 0;) {
    if (open_[k].name == tag.name) {
      open_.resize(k);
      return;
    }
  }
}

Html5TagReader::Step Html5TagReader::read(size_t at, size_t limit) {
  const size_t i = at + 1;
  if (i >= limit) return {std::nullopt, i};
  const char c = text_[i];
  if (c == '!') {
    if (text_.substr(i, 3) == "!--" && i + 3 <= limit) {
      const size_t end = comment_end(text_, at, limit);
      return {construct(HtmlTagKind::comment, at, end), end};
    }
    if (in_foreign() && text_.substr(i, 8) == "![CDATA[" && i + 8 <= limit) {
      const size_t close = text_.substr(0, limit).find("]]>", i + 8);
      const size_t end = close == std::string_view::npos ? limit : close + 3;
      return {construct(HtmlTagKind::declaration, at, end), end};
    }
    const size_t end = through_gt(text_, i, limit);
    return {construct(HtmlTagKind::declaration, at, end), end};
  }
  if (c == '?') {
    const size_t end = through_gt(text_, i, limit);
    return {construct(HtmlTagKind::declaration, at, end), end};
  }
  if (c == '/') {
    if (i + 1 >= limit) return {std::nullopt, i};
    const char n = text_[i + 1];
    if (n == '>') return {std::nullopt, i + 2};  // `</>` is nothing at all
    if (!is_ascii_alpha(n)) {
      const size_t end = through_gt(text_, i, limit);
      return {construct(HtmlTagKind::declaration, at, end), end};
    }
    auto tag = html5_tag(text_, at, i + 1, limit, true);
    if (!tag) return {std::nullopt, limit};
    end_tag(*tag);
    const size_t end = tag->range.end;
    return {std::move(tag), end};
  }
  if (!is_ascii_alpha(c)) return {std::nullopt, i};
  auto tag = html5_tag(text_, at, i, limit, false);
  if (!tag) return {std::nullopt, limit};
  size_t next = tag->range.end;
  if (in_foreign() && breaks_out_of_foreign(*tag)) {
    while (in_foreign()) open_.pop_back();
  }
  if (in_foreign()) {
    start_tag(*tag);
  } else if (is_one_of(tag->name, {"script", "style", "xmp", "iframe", "noembed", "noframes",
                                   "noscript", "title", "textarea", "plaintext"})) {
    // HTML ignores a '/' that closes a start tag of a non-void element: the text starts.
    next = raw_text_end(tag->name, next, limit);
  } else {
    start_tag(*tag);
  }
  return {std::move(tag), next};
}

}  // namespace qadeck
