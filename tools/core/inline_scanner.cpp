#include "core/inline_scanner.h"

#include <algorithm>
#include <optional>

#include "core/html_scanner.h"
#include "core/math_scanner.h"

namespace qadeck {
namespace {

size_t run_length(std::string_view text, size_t at, size_t limit, char c) {
  size_t n = 0;
  while (at + n < limit && text[at + n] == c) ++n;
  return n;
}

bool is_url_scheme_start(std::string_view text, size_t at) {
  const std::string_view rest = text.substr(at);
  return rest.starts_with("http://") || rest.starts_with("https://");
}

class InlineScanner {
 public:
  InlineScanner(std::string_view text, InlineTokens& out, std::vector<bool> html_block)
      : text_(text), out_(out), html_block_(std::move(html_block)) {}

  // Scans text[from, limit). Display math left open stops the scan and becomes `pending`.
  void scan(size_t from, size_t limit) {
    limit_ = limit;
    brackets_.clear();
    parens_.from = std::string_view::npos;
    code_depth_ = 0;
    html5_.reset();
    // An HTML block reaches the browser as it is: its tags are what the browser reads.
    if (region_ < html_block_.size() && html_block_[region_]) html5_.emplace(text_);
    size_t i = from;
    while (i < limit) {
      const char c = text_[i];
      switch (c) {
        case '`': i = code_span(i); break;
        case '$': i = math(i); break;
        case '\\': i = backslash(i); break;
        case '<': i = angle(i); break;
        case '[': brackets_.push_back(i); ++i; break;
        case ']': i = close_bracket(i); break;
        case 'h': i = bare_url(i); break;
        default: ++i;
      }
    }
  }

  // Display math ($$ or \[) opened in a region and not closed there. It may close in a
  // later region past blank lines (a defect qadeck reports), else its opener is literal.
  struct Pending {
    MathKind kind = MathKind::display_dollar;
    size_t open = 0;
    size_t region = 0;  // index of the region it opened in
  };

  // Scans every region, carrying display math left open across the blank lines between
  // regions.
  void run(const std::vector<ByteRange>& regions) {
    size_t i = 0;
    size_t from = regions.empty() ? 0 : regions[0].begin;
    for (;;) {
      if (has_pending_) {
        // Display math continues only across blank lines, not across other blocks.
        const bool blank_gap =
            i < regions.size() && i > 0 &&
            trim(text_.substr(regions[i - 1].end, regions[i].begin - regions[i - 1].end)).empty();
        size_t& failed_from = failed_from_[pending_.kind == MathKind::display_dollar ? 0 : 1];
        const bool known_failure = i == pending_.region + 1 && failed_from == i;
        const Resume r = blank_gap && !known_failure ? resume(regions[i], from) : Resume::failed;
        if (r == Resume::absorbed) {
          ++i;
          continue;
        }
        if (r == Resume::failed) {
          // The opener is literal: scan the rest of its region, and what follows, afresh.
          out_.unclosed_math.push_back({pending_.kind, {pending_.open, pending_.open + 2}});
          failed_from = pending_.region + 1;
          i = pending_.region;
          from = pending_.open + 2;
          has_pending_ = false;
        }
      }
      if (i >= regions.size()) break;
      region_ = i;
      scan(from, regions[i].end);
      ++i;
      if (i < regions.size()) from = regions[i].begin;
    }
  }

 private:
  void open_pending(MathKind kind, size_t at) {
    pending_ = {kind, at, region_};
    has_pending_ = true;
  }

  enum class Resume { closed, absorbed, failed };

  // Tries to continue the pending display math into `r`. `closed`: the math ends inside r
  // and scanning resumes at `next`; `absorbed`: all of r is math (it reads as TeX and holds
  // no delimiter), and the math may go on; `failed`: r does not continue it.
  Resume resume(ByteRange r, size_t& next) {
    const bool dollar = pending_.kind == MathKind::display_dollar;
    size_t close = std::string_view::npos;
    if (dollar) {
      // The region's own `$$` pair up among themselves: only an odd one out closes.
      size_t count = 0;
      size_t first = std::string_view::npos;
      for (size_t k = find_display_close(text_, r.begin, r.end); k != std::string_view::npos;
           k = find_display_close(text_, k + 2, r.end)) {
        if (count++ == 0) first = k;
      }
      if (count % 2 == 1) {
        close = first;
      } else if (count > 0) {
        return Resume::failed;
      }
    } else {
      const size_t c = find_math_delimiter(text_, r.begin, r.end, "\\]");
      const size_t o = find_math_delimiter(text_, r.begin, r.end, "\\[");
      if (c < o) {
        close = c;
      } else if (o != std::string_view::npos) {
        return Resume::failed;
      }
    }
    if (close == std::string_view::npos) {
      return reads_as_math(r) ? Resume::absorbed : Resume::failed;
    }
    MathSpan s;
    s.kind = pending_.kind;
    s.range = {pending_.open, close + 2};
    s.body = {pending_.open + 2, close};
    s.crosses_blank_line = true;
    out_.math.push_back(s);
    has_pending_ = false;
    next = close + 2;
    return Resume::closed;
  }

  // A paragraph between the blank lines of display math holds no dollar (a paragraph with
  // inline math is prose) and reads as math: TeX commands or `\\` line breaks, or a bare
  // formula such as `= (5-3)/2 + 1` (ASCII only, an operator, no word of three letters).
  bool reads_as_math(ByteRange r) const {
    const std::string_view t = r.in(text_);
    if (t.find('$') != std::string_view::npos) return false;
    for (size_t i = 0; i + 1 < t.size(); ++i) {
      if (t[i] == '\\' && (is_ascii_alpha(t[i + 1]) || t[i + 1] == '\\')) return true;
    }
    bool has_operator = false;
    size_t letters = 0;
    for (const char c : t) {
      if (static_cast<unsigned char>(c) >= 0x80) return false;
      letters = is_ascii_alpha(c) ? letters + 1 : 0;
      if (letters >= 3) return false;
      if (std::string_view("=+-*/^_<>").find(c) != std::string_view::npos) has_operator = true;
    }
    return has_operator;
  }

  size_t code_span(size_t at) {
    const size_t n = run_length(text_, at, limit_, '`');
    size_t i = at + n;
    while (i < limit_) {
      const size_t next = text_.find('`', i);
      if (next == std::string_view::npos || next >= limit_) break;
      const size_t m = run_length(text_, next, limit_, '`');
      if (m == n) {
        out_.code_spans.push_back({at, next + m});
        return next + m;
      }
      i = next + m;
    }
    return at + n;  // no closing run: the backticks are literal
  }

  size_t math(size_t at) {
    if (code_depth_ > 0) return at + 1;
    const MathScan s = scan_math(text_, at, limit_, &memo_);
    switch (s.result) {
      case MathScan::Result::span:
        out_.math.push_back(s.span);
        break;
      case MathScan::Result::unclosed:
        if (s.unclosed.kind == MathKind::display_dollar) {
          // A `$$` whose second `$` opens inline math in its region (`$$x$`) is a literal `$`
          // and that math, to pandoc: no display math left open.
          if (scan_math(text_, at + 1, limit_, &memo_).result == MathScan::Result::span) {
            return at + 1;
          }
          open_pending(MathKind::display_dollar, at);
          return limit_;
        }
        out_.unclosed_math.push_back(s.unclosed);
        break;
      case MathScan::Result::none:
        break;
    }
    return s.next > at ? s.next : at + 1;
  }

  size_t backslash(size_t at) {
    const MathScan s = code_depth_ > 0 ? MathScan{} : scan_math(text_, at, limit_, &memo_);
    if (s.result == MathScan::Result::span) {
      out_.math.push_back(s.span);
      return s.next;
    }
    if (s.result == MathScan::Result::unclosed) {
      if (s.unclosed.kind == MathKind::display_bracket) {
        open_pending(MathKind::display_bracket, at);
        return limit_;
      }
      out_.unclosed_math.push_back(s.unclosed);
      return s.next;
    }
    // A backslash escape makes the next punctuation character literal.
    if (at + 1 < limit_ && is_ascii_punct(text_[at + 1])) return at + 2;
    return at + 1;
  }

  size_t angle(size_t at) {
    if (auto link = autolink(at)) return *link;
    std::optional<HtmlTag> tag;
    size_t next = at + 1;
    if (html5_) {
      Html5TagReader::Step step = html5_->read(at, limit_);
      tag = std::move(step.tag);
      next = step.next;
    } else {
      tag = scan_html_tag(text_, at, limit_, &html_memo_);
      if (tag) next = tag->range.end;
    }
    if (!tag) return next;
    for (const HtmlAttribute& a : tag->attributes) {
      if ((a.name == "href" || a.name == "src") && !a.value.empty()) {
        out_.links.push_back({LinkKind::html_attribute, tag->range, a.value, {}});
      }
    }
    const bool raw = !html5_ && tag->kind == HtmlTagKind::open && is_raw_text_tag(tag->name);
    // MathJax typesets nothing inside <code> and <pre>: what looks like math there is code.
    if (tag->name == "code" || tag->name == "pre") {
      if (tag->kind == HtmlTagKind::open) ++code_depth_;
      if (tag->kind == HtmlTagKind::close && code_depth_ > 0) --code_depth_;
    }
    const std::string name = tag->name;
    out_.html.push_back(std::move(*tag));
    if (!raw) return next;
    // Raw text (script, style): skip to the closing tag, which is scanned as a tag.
    const std::string close = "</" + name;
    size_t i = next;
    while (i < limit_) {
      const size_t lt = text_.find('<', i);
      if (lt == std::string_view::npos || lt >= limit_) return limit_;
      if (lt + close.size() <= limit_ && equals_lower(text_.substr(lt, close.size()), close)) {
        return lt;
      }
      i = lt + 1;
    }
    return limit_;
  }

  static bool equals_lower(std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      char c = a[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != lower[i]) return false;
    }
    return true;
  }

  std::optional<size_t> autolink(size_t at) {
    // <scheme:...> with a scheme of 2-32 letters and no spaces or '<' inside.
    size_t i = at + 1;
    const size_t scheme_begin = i;
    while (i < limit_ && (is_ascii_alpha(text_[i]) || is_ascii_digit(text_[i]) ||
                          text_[i] == '+' || text_[i] == '.' || text_[i] == '-')) {
      ++i;
    }
    const size_t scheme_len = i - scheme_begin;
    if (scheme_len < 2 || scheme_len > 32 || i >= limit_ || text_[i] != ':') return std::nullopt;
    while (i < limit_ && text_[i] != '>' && text_[i] != '<' && !is_ascii_space(text_[i])) ++i;
    if (i >= limit_ || text_[i] != '>') return std::nullopt;
    out_.links.push_back({LinkKind::autolink, {at, i + 1}, {at + 1, i}, {}});
    return i + 1;
  }

  size_t close_bracket(size_t at) {
    if (brackets_.empty()) return at + 1;
    const size_t open = brackets_.back();
    brackets_.pop_back();
    const size_t next = at + 1;
    const bool image = open > 0 && text_[open - 1] == '!';
    const size_t start = image ? open - 1 : open;
    if (next < limit_ && text_[next] == '(') {
      if (auto dest = destination(next + 1)) {
        out_.links.push_back({image ? LinkKind::image : LinkKind::inline_link,
                              {start, dest->second},
                              dest->first,
                              {open + 1, at}});
        // Links do not nest: brackets opened inside this one are done.
        while (!brackets_.empty() && brackets_.back() > open) brackets_.pop_back();
        return dest->second;
      }
    }
    if (next < limit_ && text_[next] == '[') {
      const size_t close = text_.find(']', next + 1);
      if (close != std::string_view::npos && close < limit_) {
        ByteRange label = close == next + 1 ? ByteRange{open + 1, at} : ByteRange{next + 1, close};
        out_.links.push_back({LinkKind::reference, {start, close + 1}, {}, label});
        return close + 1;
      }
    }
    return next;
  }

  // Parses `dest "title")` after "(": returns the destination range and the end of the link.
  std::optional<std::pair<ByteRange, size_t>> destination(size_t at) {
    size_t i = at;
    while (i < limit_ && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n')) ++i;
    ByteRange dest{i, i};
    if (i < limit_ && text_[i] == '<') {
      const size_t close = find_in_region('>', i + 1);
      if (close == std::string_view::npos) return std::nullopt;
      dest = {i + 1, close};
      i = close + 1;
    } else {
      i = bare_destination_end(i);
      dest.end = i;
    }
    while (i < limit_ && is_ascii_space(text_[i])) ++i;
    if (i < limit_ && (text_[i] == '"' || text_[i] == '\'' || text_[i] == '(')) {
      const size_t end = find_in_region(text_[i] == '(' ? ')' : text_[i], i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      i = end + 1;
      while (i < limit_ && is_ascii_space(text_[i])) ++i;
    }
    if (i >= limit_ || text_[i] != ')') return std::nullopt;
    return std::make_pair(dest, i + 1);
  }

  // Where a destination without `<` that starts at text_[from] ends: at a space, at a `)` that
  // closes no `(` of its own, or at the region's end. A destination that fails makes the
  // scanner read on inside it, where every `](` starts another, so the first scan of a stretch
  // records where each of its `(` closes (or that it does not), and a destination that starts
  // right after one of them ends where that `(` closes, or where the stretch ends. The
  // backslash escapes read the same from either start: the later one starts right after a
  // `(` that the first read as itself.
  size_t bare_destination_end(size_t from) {
    if (from > parens_.from && from < parens_.end && text_[from - 1] == '(') {
      const auto it = std::lower_bound(
          parens_.pairs.begin(), parens_.pairs.end(), from - 1,
          [](const std::pair<size_t, size_t>& p, size_t open) { return p.first < open; });
      if (it != parens_.pairs.end() && it->first == from - 1) {
        return it->second == std::string_view::npos ? parens_.end : it->second;
      }
    }
    parens_.pairs.clear();
    std::vector<size_t> open;  // indices into parens_.pairs of the `(` not closed yet
    size_t i = from;
    while (i < limit_ && !is_ascii_space(text_[i])) {
      if (text_[i] == '\\' && i + 1 < limit_) {
        i += 2;
        continue;
      }
      if (text_[i] == '(') {
        open.push_back(parens_.pairs.size());
        parens_.pairs.emplace_back(i, std::string_view::npos);
      }
      if (text_[i] == ')') {
        if (open.empty()) break;
        parens_.pairs[open.back()].second = i;
        open.pop_back();
      }
      ++i;
    }
    parens_.from = from;
    parens_.end = i;
    return i;
  }

  // The first `c` in text_[from, limit_), or npos. A search that fails is remembered per
  // character for the region, so later searches for it from further on fail at once and
  // earlier ones stop where it began.
  size_t find_in_region(char c, size_t from) {
    NoCharFrom& known = no_char_from_[static_cast<unsigned char>(c) & 0x7f];
    if (known.limit != limit_) known = {limit_, std::string_view::npos};
    if (from >= known.from) return std::string_view::npos;
    const size_t stop = std::min(limit_, known.from);
    const size_t found = text_.substr(0, stop).find(c, from);
    if (found == std::string_view::npos) known.from = from;
    return found;
  }

  size_t bare_url(size_t at) {
    if (!is_url_scheme_start(text_, at)) return at + 1;
    if (at > 0 && (is_ascii_alpha(text_[at - 1]) || is_ascii_digit(text_[at - 1]) ||
                   text_[at - 1] == '(' || text_[at - 1] == '/' || text_[at - 1] == '"' ||
                   text_[at - 1] == '\'' || text_[at - 1] == '=')) {
      return at + 1;  // part of a word, a link destination or an attribute
    }
    size_t i = at;
    while (i < limit_ && !is_ascii_space(text_[i]) && text_[i] != '<' && text_[i] != '>' &&
           text_[i] != '"' && text_[i] != '`' && text_[i] != '[' && text_[i] != ']') {
      ++i;
    }
    // Trailing punctuation ends the sentence, not the URL (GFM's extended autolinks).
    while (i > at && (text_[i - 1] == '.' || text_[i - 1] == ',' || text_[i - 1] == ':' ||
                      text_[i - 1] == ';' || text_[i - 1] == '!' || text_[i - 1] == '?' ||
                      text_[i - 1] == ')' || text_[i - 1] == '*' || text_[i - 1] == '_' ||
                      text_[i - 1] == '\'')) {
      --i;
    }
    out_.links.push_back({LinkKind::bare_url, {at, i}, {at, i}, {}});
    return i;
  }

  std::string_view text_;
  InlineTokens& out_;
  std::vector<bool> html_block_;  // by region
  std::optional<Html5TagReader> html5_;  // reading an HTML block
  size_t limit_ = 0;
  size_t region_ = 0;
  int code_depth_ = 0;  // open <code> and <pre> tags
  Pending pending_;
  bool has_pending_ = false;
  CloserMemo memo_;
  HtmlScanMemo html_memo_;
  // Per kind of pending math ($$, \[): the region where continuing it last failed. Whether
  // it can continue from a region does not depend on where it opened, so the next opener
  // left open in the same region fails at once.
  size_t failed_from_[2] = {CloserMemo::none, CloserMemo::none};
  std::vector<size_t> brackets_;
  // The last stretch bare_destination_end scanned, text_[from, end), and each `(` in it with
  // the `)` that closes it (npos: none), by position.
  struct {
    size_t from = std::string_view::npos;
    size_t end = 0;
    std::vector<std::pair<size_t, size_t>> pairs;
  } parens_;
  struct NoCharFrom {
    size_t limit = std::string_view::npos;
    size_t from = std::string_view::npos;  // no such character in [from, limit)
  };
  NoCharFrom no_char_from_[128] = {};
};

}  // namespace

InlineTokens scan_inline(std::string_view text, const std::vector<ByteRange>& regions,
                         std::vector<bool> html_block) {
  InlineTokens out;
  InlineScanner scanner(text, out, std::move(html_block));
  scanner.run(regions);
  return out;
}

}  // namespace qadeck
