#include "links/slug.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "core/html_scanner.h"
#include "core/text.h"
#include "links/html_entities.h"
#include "links/unicode_tables.h"

namespace qadeck {
namespace {

bool in_ranges(const unicode::CodeRange* ranges, size_t count, char32_t cp) {
  const auto* end = ranges + count;
  const auto* it = std::upper_bound(
      ranges, end, cp, [](char32_t c, const unicode::CodeRange& r) { return c < r.first; });
  return it != ranges && cp <= std::prev(it)->last;
}

bool slug_keeps(char32_t cp) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    return is_ascii_alpha(c) || is_ascii_digit(c) || c == '_' || c == '-';
  }
  return in_ranges(unicode::slug_kept, unicode::slug_kept_count, cp);
}

bool is_cased(char32_t cp) { return in_ranges(unicode::cased, unicode::cased_count, cp); }

bool is_case_ignorable(char32_t cp) {
  return in_ranges(unicode::case_ignorable, unicode::case_ignorable_count, cp);
}

// JavaScript's Final_Sigma: the Σ at text[at] ends a word when a cased letter comes before it
// and none after (case-ignorable characters such as marks and apostrophes skipped).
bool final_sigma(const std::vector<char32_t>& text, size_t at) {
  size_t i = at;
  while (i > 0 && is_case_ignorable(text[i - 1])) --i;
  if (i == 0 || !is_cased(text[i - 1])) return false;
  size_t j = at + 1;
  while (j < text.size() && is_case_ignorable(text[j])) ++j;
  return j == text.size() || !is_cased(text[j]);
}

void append_lower(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp));
    return;
  }
  const auto* end = unicode::lower_mappings + unicode::lower_mapping_count;
  const auto* it =
      std::lower_bound(unicode::lower_mappings, end, cp,
                       [](const unicode::LowerMapping& m, char32_t c) { return m.cp < c; });
  if (it != end && it->cp == cp) {
    out += it->lower;
  } else {
    append_utf8(out, cp);
  }
}

// Both GitHub slugs: lower-case, keep the word characters and `-`, turn the separators that
// become `-` into it, drop the rest. github-slugger lower-cases as JavaScript does (Σ at a
// word's end is ς) and drops tabs; Ruby's downcase has no final sigma, and Pages keeps tabs.
std::string word_slug(std::string_view text, bool javascript_case) {
  std::vector<char32_t> cps;
  cps.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;
    cps.push_back(decode_utf8(text, i, n));
    i += n;
  }
  std::string lowered;
  lowered.reserve(text.size());
  for (size_t i = 0; i < cps.size(); ++i) {
    if (cps[i] == 0x3A3 && javascript_case && final_sigma(cps, i)) {
      lowered += "\u03c2";
    } else {
      append_lower(lowered, cps[i]);
    }
  }
  std::string out;
  out.reserve(lowered.size());
  for (size_t i = 0; i < lowered.size();) {
    size_t n = 1;
    const char32_t cp = decode_utf8(lowered, i, n);
    if (cp == ' ' || (!javascript_case && cp == '\t')) {
      out.push_back('-');
    } else if (slug_keeps(cp)) {
      out.append(lowered, i, n);
    }
    i += n;
  }
  return out;
}

// Whitespace and punctuation as CommonMark's flanking rules see them; bytes outside ASCII
// count as letters, which is right for the scripts headings are written in.
bool flank_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool flank_punct(char c) { return is_ascii_punct(c); }

// The end of a code span's closing run for the backtick run md[at, at+n), or npos.
size_t code_span_close(std::string_view md, size_t at, size_t n) {
  for (size_t i = at + n; i < md.size();) {
    if (md[i] != '`') {
      ++i;
      continue;
    }
    size_t m = 0;
    while (i + m < md.size() && md[i + m] == '`') ++m;
    if (m == n) return i;
    i += m;
  }
  return std::string_view::npos;
}

// The `]` that closes the bracket at md[open], skipping escapes and code spans, or npos.
size_t closing_bracket(std::string_view md, size_t open) {
  int depth = 0;
  for (size_t i = open; i < md.size(); ++i) {
    const char c = md[i];
    if (c == '\\') {
      ++i;
    } else if (c == '`') {
      size_t n = 0;
      while (i + n < md.size() && md[i + n] == '`') ++n;
      const size_t close = code_span_close(md, i, n);
      i = close == std::string_view::npos ? i + n - 1 : close + n - 1;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

// The end (past `)`) of an inline link's `(destination "title")` at md[at] == '(', or npos.
size_t inline_link_end(std::string_view md, size_t at) {
  size_t i = at + 1;
  const auto skip_spaces = [&] {
    while (i < md.size() && flank_space(md[i])) ++i;
  };
  skip_spaces();
  if (i < md.size() && md[i] == '<') {
    while (i < md.size() && md[i] != '>' && md[i] != '\n') i += md[i] == '\\' ? 2 : 1;
    if (i >= md.size() || md[i] != '>') return std::string_view::npos;
    ++i;
  } else {
    int depth = 0;
    while (i < md.size() && !flank_space(md[i])) {
      if (md[i] == '\\') {
        i += 2;
        continue;
      }
      if (md[i] == '(') ++depth;
      if (md[i] == ')' && depth-- == 0) break;
      ++i;
    }
  }
  skip_spaces();
  if (i < md.size() && (md[i] == '"' || md[i] == '\'' || md[i] == '(')) {
    const char close = md[i] == '(' ? ')' : md[i];
    for (++i; i < md.size() && md[i] != close; ++i) {
      if (md[i] == '\\') ++i;
    }
    if (i >= md.size()) return std::string_view::npos;
    ++i;
    skip_spaces();
  }
  if (i >= md.size() || md[i] != ')') return std::string_view::npos;
  return i + 1;
}

// The length of an autolink (`<https://…>`, `<a@b.c>`) at md[at] == '<', or 0.
size_t autolink_length(std::string_view md, size_t at) {
  const size_t close = md.find('>', at);
  if (close == std::string_view::npos) return 0;
  const std::string_view inner = md.substr(at + 1, close - at - 1);
  if (inner.empty() || inner.find_first_of(" \t\n<") != std::string_view::npos) return 0;
  const size_t colon = inner.find(':');
  const bool uri =
      colon != std::string_view::npos && colon >= 2 && colon <= 32 && is_ascii_alpha(inner[0]) &&
      std::all_of(inner.begin(), inner.begin() + static_cast<long>(colon), [](char c) {
        return is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '.' || c == '-';
      });
  const size_t at_sign = inner.find('@');
  const bool email = at_sign != std::string_view::npos && at_sign > 0 &&
                     inner.find('.', at_sign) != std::string_view::npos;
  return uri || email ? close + 1 - at : 0;
}

// One piece of a rendered heading: text, or a run of emphasis delimiters still to be paired.
struct Piece {
  std::string text;
  char delimiter = 0;  // '*' or '_'; 0 for text
  size_t count = 0;
  bool can_open = false;
  bool can_close = false;
};

class HeadingRenderer {
 public:
  HeadingRenderer(SlugStyle style, const HeadingContext& context)
      : style_(style), context_(context) {}

  std::string render(std::string_view md) const {
    std::vector<Piece> pieces;
    render_into(md, pieces);
    pair_delimiters(pieces);
    std::string out;
    for (const Piece& p : pieces) {
      if (p.delimiter) {
        out.append(p.count, p.delimiter);
      } else {
        out += p.text;
      }
    }
    return out;
  }

 private:
  bool pages() const { return style_ == SlugStyle::github_pages; }

  static void text(std::vector<Piece>& out, std::string_view s) {
    if (out.empty() || out.back().delimiter) out.emplace_back();
    out.back().text += s;
  }

  void render_into(std::string_view md, std::vector<Piece>& out) const {
    size_t i = 0;
    while (i < md.size()) {
      const char c = md[i];
      if (c == '\\' && i + 1 < md.size() && is_ascii_punct(md[i + 1])) {
        text(out, md.substr(i + 1, 1));
        i += 2;
      } else if (c == '`') {
        i = code_span(md, i, out);
      } else if (c == '!' && i + 1 < md.size() && md[i + 1] == '[') {
        const size_t end = link(md, i + 1, out, true);
        if (end == std::string_view::npos) {
          text(out, "!");
          ++i;
        } else {
          i = end;
        }
      } else if (c == '[') {
        const size_t end = link(md, i, out, false);
        if (end == std::string_view::npos) {
          text(out, "[");
          ++i;
        } else {
          i = end;
        }
      } else if (c == '<' && pages() && i + 1 < md.size() && md[i + 1] == '<') {
        i += 2;  // kramdown's typographic «, before any HTML; the slug drops it
      } else if (c == '<') {
        if (const size_t n = autolink_length(md, i)) {
          text(out, md.substr(i + 1, n - 2));
          i += n;
        } else if (auto tag = scan_html_tag(md, i, md.size())) {
          i = tag->range.end;  // a tag or comment adds no text; an element's content stays
        } else {
          text(out, "<");
          ++i;
        }
      } else if (c == '&') {
        size_t n = 0;
        const std::string decoded = decode_character_reference(
            md, i, n, pages() ? EntityTable::kramdown : EntityTable::html5);
        if (n > 0) {
          text(out, decoded);
          i += n;
        } else {
          text(out, "&");
          ++i;
        }
      } else if (c == '*' || c == '_') {
        size_t n = 0;
        while (i + n < md.size() && md[i + n] == c) ++n;
        const char before = i > 0 ? md[i - 1] : ' ';
        const char after = i + n < md.size() ? md[i + n] : ' ';
        const bool left = !flank_space(after) &&
                          (!flank_punct(after) || flank_space(before) || flank_punct(before));
        const bool right = !flank_space(before) &&
                           (!flank_punct(before) || flank_space(after) || flank_punct(after));
        Piece p;
        p.delimiter = c;
        p.count = n;
        p.can_open = c == '*' ? left : left && (!right || flank_punct(before));
        p.can_close = c == '*' ? right : right && (!left || flank_punct(after));
        out.push_back(std::move(p));
        i += n;
      } else if (c == '-' && pages() && i + 1 < md.size() && md[i + 1] == '-') {
        // kramdown's typographic symbols: `---` is an em dash, `--` an en dash, both dropped
        // by the slug; a run of 3k+1 leaves one `-`.
        size_t n = 0;
        while (i + n < md.size() && md[i + n] == '-') ++n;
        if (n % 3 == 1) text(out, "-");
        i += n;
      } else {
        text(out, md.substr(i, 1));
        ++i;
      }
    }
  }

  size_t code_span(std::string_view md, size_t at, std::vector<Piece>& out) const {
    size_t n = 0;
    while (at + n < md.size() && md[at + n] == '`') ++n;
    const size_t close = code_span_close(md, at, n);
    if (close == std::string_view::npos) {
      text(out, md.substr(at, n));
      return at + n;
    }
    std::string code(md.substr(at + n, close - at - n));
    std::replace(code.begin(), code.end(), '\n', ' ');
    // CommonMark strips one space from each side; kramdown keeps the code as written.
    if (!pages() && code.size() >= 2 && code.front() == ' ' && code.back() == ' ' &&
        code.find_first_not_of(' ') != std::string::npos) {
      code = code.substr(1, code.size() - 2);
    }
    Piece p;
    p.text = std::move(code);
    out.push_back(std::move(p));  // a piece of its own: code is never merged into emphasis
    return close + n;
  }

  // A link or image whose `[` is at md[open]: renders its text (nothing for an image) and
  // returns the end, or npos when the brackets are not a link here.
  size_t link(std::string_view md, size_t open, std::vector<Piece>& out, bool image) const {
    const size_t close = closing_bracket(md, open);
    if (close == std::string_view::npos) return std::string_view::npos;
    const std::string_view label = md.substr(open + 1, close - open - 1);
    if (!image && label.starts_with('^')) {
      const auto& notes = context_.footnotes;
      const auto it = std::find(notes.begin(), notes.end(), normalize_space_lower(label.substr(1)));
      if (it == notes.end()) return std::string_view::npos;
      // github.com shows the footnote's number; kramdown's raw text has nothing of it.
      if (!pages()) text(out, std::to_string(it - notes.begin() + 1));
      return close + 1;
    }
    size_t end = std::string_view::npos;
    if (close + 1 < md.size() && md[close + 1] == '(') {
      end = inline_link_end(md, close + 1);
    }
    if (end == std::string_view::npos && close + 1 < md.size() && md[close + 1] == '[') {
      const size_t ref_close = md.find(']', close + 2);
      if (ref_close != std::string_view::npos) {
        const std::string_view ref = md.substr(close + 2, ref_close - close - 2);
        if (context_.references.count(normalize_space_lower(ref.empty() ? label : ref))) {
          end = ref_close + 1;
        }
      }
    }
    if (end == std::string_view::npos && context_.references.count(normalize_space_lower(label))) {
      end = close + 1;
    }
    if (end == std::string_view::npos) return std::string_view::npos;
    if (!image) render_into(label, out);
    return end;
  }

  // CommonMark's pairing of emphasis delimiters, without the rule of three (which no heading
  // slug depends on): a closer takes the nearest opener of its character.
  static void pair_delimiters(std::vector<Piece>& pieces) {
    for (size_t c = 0; c < pieces.size(); ++c) {
      Piece& closer = pieces[c];
      if (!closer.delimiter || !closer.can_close) continue;
      for (size_t o = c; o-- > 0 && closer.count > 0;) {
        Piece& opener = pieces[o];
        if (opener.delimiter != closer.delimiter || !opener.can_open || opener.count == 0) {
          continue;
        }
        const size_t used = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
        opener.count -= used;
        closer.count -= used;
        for (size_t k = o + 1; k < c; ++k) {
          if (pieces[k].delimiter) pieces[k].can_open = pieces[k].can_close = false;
        }
        ++o;  // the same opener may pair again
      }
    }
  }

  SlugStyle style_;
  const HeadingContext& context_;
};

// The entity named `name` (with its `;`, or a legacy one without), or null.
const html_entities::Entity* find_entity(std::string_view name) {
  const auto* first = html_entities::entities;
  const auto* last = first + html_entities::entity_count;
  const auto* it = std::lower_bound(
      first, last, name,
      [](const html_entities::Entity& e, std::string_view n) { return e.name < n; });
  return it != last && it->name == name ? it : nullptr;
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string decode_character_reference(std::string_view text, size_t at, size_t& length,
                                       EntityTable table) {
  const std::string_view rest = text.substr(at);
  if (rest.size() > 1 && rest[1] != '#') {
    size_t end = 1;
    while (end < rest.size() && end <= 32 &&
           (is_ascii_alpha(rest[end]) || is_ascii_digit(rest[end])))
      ++end;
    if (end < rest.size() && rest[end] == ';') {
      const html_entities::Entity* e = find_entity(rest.substr(1, end));  // with its `;`
      if (!e || (table == EntityTable::kramdown && !e->kramdown)) return "";
      length = end + 1;
      return std::string(e->value);
    }
    if (table != EntityTable::html_attribute) return "";
    // HTML's legacy references without `;` (`&copy`), the longest that fits; in an attribute
    // not when a letter, a digit or `=` follows it.
    for (size_t k = end; k > 1; --k) {
      if (const html_entities::Entity* e = find_entity(rest.substr(1, k - 1))) {
        if (k < rest.size() &&
            (is_ascii_alpha(rest[k]) || is_ascii_digit(rest[k]) || rest[k] == '=')) {
          return "";
        }
        length = k;
        return std::string(e->value);
      }
    }
    return "";
  }
  size_t i = 0;
  const std::optional<char32_t> reference = numeric_reference(rest, 0, 7, i);
  if (!reference || i >= rest.size() || rest[i] != ';') return "";
  char32_t cp = *reference;
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  length = i + 1;
  std::string out;
  append_utf8(out, cp);
  return out;
}

std::string github_slug(std::string_view text) { return word_slug(text, true); }

std::string github_pages_slug(std::string_view text) { return word_slug(text, false); }

std::string kramdown_slug(std::string_view text) {
  size_t start = 0;
  while (start < text.size() && !is_ascii_alpha(text[start])) ++start;
  std::string out;
  for (size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (is_ascii_alpha(c)) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (is_ascii_digit(c) || c == '-') {
      out.push_back(c);
    } else if (c == ' ') {
      out.push_back('-');
    }
  }
  return out.empty() ? "section" : out;
}

HeadingContext heading_context(std::string_view text) {
  HeadingContext context;
  std::vector<std::pair<size_t, std::string>> first_use;  // footnotes by their first reference
  std::set<std::string, std::less<>> defined_notes;
  size_t line = 0;
  while (line < text.size()) {
    const size_t eol = std::min(text.find('\n', line), text.size());
    const std::string_view l = text.substr(line, eol - line);
    const std::string_view t = trim(l);
    if (t.starts_with('[') && l.size() - t.size() <= 3) {
      const size_t close = t.find("]:");
      if (close != std::string_view::npos) {
        const std::string_view label = t.substr(1, close - 1);
        if (label.starts_with('^')) {
          defined_notes.insert(normalize_space_lower(label.substr(1)));
        } else if (!trim(label).empty()) {
          context.references.insert(normalize_space_lower(label));
        }
      }
    }
    line = eol + 1;
  }
  if (defined_notes.empty()) return context;
  for (size_t at = text.find("[^"); at != std::string_view::npos; at = text.find("[^", at + 2)) {
    const size_t close = text.find(']', at);
    if (close == std::string_view::npos) break;
    if (close + 1 < text.size() && text[close + 1] == ':') continue;  // the definition
    std::string label = normalize_space_lower(text.substr(at + 2, close - at - 2));
    if (!defined_notes.count(label)) continue;
    if (std::none_of(first_use.begin(), first_use.end(),
                     [&](const auto& u) { return u.second == label; })) {
      first_use.emplace_back(at, std::move(label));
    }
  }
  for (auto& [at, label] : first_use) context.footnotes.push_back(std::move(label));
  return context;
}

std::string rendered_heading_text(std::string_view md, SlugStyle style,
                                  const HeadingContext& context) {
  return HeadingRenderer(style, context).render(trim(md));
}

std::string Slugger::next(std::string_view heading, const HeadingContext& context) {
  if (style_ == SlugStyle::github) {
    const std::string base = github_slug(rendered_heading_text(heading, style_, context));
    std::string slug = base;
    while (seen_.count(slug)) {
      slug = base + "-" + std::to_string(++seen_[base]);
    }
    seen_.emplace(slug, 0);
    return slug;
  }
  const std::string base = style_ == SlugStyle::kramdown
                               ? kramdown_slug(trim(heading))
                               : github_pages_slug(rendered_heading_text(heading, style_, context));
  const int n = seen_[base]++;
  return n == 0 ? base : base + "-" + std::to_string(n);
}

}  // namespace qadeck
