#include "core/suppressions.h"

#include <algorithm>
#include <map>
#include <optional>
#include <queue>
#include <utility>

#include "core/lint_engine.h"

namespace qadeck {
namespace {

constexpr std::string_view comment_open = "<!--";
constexpr std::string_view comment_close = "-->";
constexpr std::string_view prefix = "qadeck-";

bool is_keyword_char(char c) { return is_ascii_alpha(c) || is_ascii_digit(c) || c == '-'; }

DirectiveKind kind_of(std::string_view keyword) {
  if (keyword == "qadeck-disable") return DirectiveKind::disable;
  if (keyword == "qadeck-disable-next-line") return DirectiveKind::disable_next_line;
  if (keyword == "qadeck-enable") return DirectiveKind::enable;
  return DirectiveKind::unknown;
}

// `r` without the ASCII white space at either end.
ByteRange trimmed(std::string_view text, ByteRange r) {
  while (r.begin < r.end && is_ascii_space(text[r.begin])) ++r.begin;
  while (r.end > r.begin && is_ascii_space(text[r.end - 1])) --r.end;
  return r;
}

// The directive a comment holds, if it holds one.
std::optional<Directive> parse_directive(std::string_view text, ByteRange comment) {
  const std::string_view whole = comment.in(text);
  if (!whole.starts_with(comment_open) || !whole.ends_with(comment_close)) return std::nullopt;
  const ByteRange body =
      trimmed(text, {comment.begin + comment_open.size(), comment.end - comment_close.size()});
  if (!body.in(text).starts_with(prefix)) return std::nullopt;

  Directive d;
  d.comment = comment;
  d.keyword = {body.begin, body.begin};
  while (d.keyword.end < body.end && is_keyword_char(text[d.keyword.end])) ++d.keyword.end;
  // A card id for the exporters (`<!-- qadeck-id: name -->`) is not a suppression.
  if (d.keyword.in(text) == "qadeck-id") return std::nullopt;
  d.kind = kind_of(d.keyword.in(text));

  for (size_t at = d.keyword.end; at < body.end;) {
    const size_t comma = std::min(text.substr(0, body.end).find(',', at), body.end);
    const ByteRange token = trimmed(text, {at, comma});
    at = comma + 1;
    if (token.empty()) continue;
    std::string pattern(token.in(text));
    if (pattern.size() > 1 && pattern.ends_with('.')) pattern.pop_back();
    d.rules.push_back({std::move(pattern), token, false});
  }
  if (d.rules.empty()) d.rules.push_back({"", d.keyword, false});
  return d;
}

// The line after the one holding the comment's last byte, if the text has one.
std::optional<ByteRange> next_line(const LineIndex& lines, ByteRange comment) {
  const size_t line = lines.line_of(comment.end - 1) + 1;
  if (line >= lines.line_count()) return std::nullopt;
  return ByteRange{lines.line_start(line), lines.line_end_with_break(line)};
}

bool selects(std::string_view pattern, std::string_view id) {
  return pattern.empty() || selects_rule(pattern, id);
}

// `pattern` and every pattern that selects all it selects: "a.b" -> "a.b", "a", "".
std::vector<std::string_view> self_and_ancestors(std::string_view pattern) {
  std::vector<std::string_view> out{pattern};
  while (!pattern.empty()) {
    const size_t dot = pattern.rfind('.');
    pattern = pattern.substr(0, dot == std::string_view::npos ? 0 : dot);
    out.push_back(pattern);
  }
  return out;
}

// Sets `used` on the enable patterns that end or narrow a disabled region. Each pattern is
// looked up by its ancestors and descendants in ordered maps, so that a file of thousands of
// directives stays fast.
void mark_enables(std::vector<Directive>& directives) {
  using Positions = std::map<std::string, size_t, std::less<>>;
  Positions live;         // a disabled pattern no enable has turned back on -> its directive + 1
  Positions last_enable;  // a pattern -> the last enable directive naming it + 1
  const auto get = [](const Positions& m, std::string_view key) -> size_t {
    const auto it = m.find(key);
    return it == m.end() ? 0 : it->second;
  };
  for (size_t i = 0; i < directives.size(); ++i) {
    Directive& d = directives[i];
    if (d.kind == DirectiveKind::disable) {
      for (const DirectiveRule& r : d.rules) live[r.pattern] = i + 1;
    }
    if (d.kind != DirectiveKind::enable) continue;
    for (DirectiveRule& r : d.rules) {
      const std::string& q = r.pattern;
      // Disabled patterns inside q: it turns them back on completely.
      if (q.empty()) {
        r.used = !live.empty();
        live.clear();
      } else {
        r.used = live.erase(q) > 0;
        const auto first = live.lower_bound(q + ".");
        const auto last = live.lower_bound(q + "/");  // '/' follows '.'
        r.used = r.used || first != last;
        live.erase(first, last);
      }
      // Disabled patterns around q: it narrows them, unless an enable since did already.
      const std::vector<std::string_view> around = self_and_ancestors(q);
      size_t since = 0;
      for (const std::string_view a : around) since = std::max(since, get(last_enable, a));
      for (size_t a = 1; a < around.size(); ++a) r.used = r.used || get(live, around[a]) > since;
      last_enable[q] = i + 1;
    }
  }
}

bool covers(const SuppressedRegion& r, size_t offset, size_t end_of_file) {
  return r.range.contains(offset) ||
         (offset == end_of_file && r.range.end == end_of_file && r.range.begin <= offset);
}

}  // namespace

bool Suppressions::covers(const std::vector<SuppressedRegion>& regions, size_t offset) const {
  return std::any_of(regions.begin(), regions.end(), [&](const SuppressedRegion& r) {
    return qadeck::covers(r, offset, end_of_file);
  });
}

std::vector<SuppressedRegion> Suppressions::regions_for(std::string_view id) const {
  std::vector<SuppressedRegion> out;
  std::vector<size_t> open;  // regions of out that still reach the end of the file
  for (size_t i = 0; i < directives.size(); ++i) {
    const Directive& d = directives[i];
    for (size_t k = 0; k < d.rules.size(); ++k) {
      if (!selects(d.rules[k].pattern, id)) continue;
      switch (d.kind) {
        case DirectiveKind::disable:
          open.push_back(out.size());
          out.push_back({i, k, {d.comment.end, end_of_file}});
          break;
        case DirectiveKind::disable_next_line:
          if (d.next_line) out.push_back({i, k, *d.next_line});
          break;
        case DirectiveKind::enable:
          for (const size_t o : open) out[o].range.end = d.comment.begin;
          open.clear();
          break;
        case DirectiveKind::unknown:
          break;
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SuppressedRegion& a, const SuppressedRegion& b) {
                     return a.range.begin < b.range.begin;
                   });
  return out;
}

namespace {

// Calls `found(i, region)` for each offsets[i] (sorted) that one of `regions` covers, with the
// region written last (the innermost) among those covering it.
template <typename Found>
void sweep(const std::vector<SuppressedRegion>& regions, const std::vector<size_t>& offsets,
           size_t end_of_file, Found found) {
  // The heap holds the regions begun so far, the one written last on top; one that no longer
  // covers the offset never will again.
  const auto written_before = [&](size_t a, size_t b) {
    return std::pair(regions[a].directive, regions[a].rule) <
           std::pair(regions[b].directive, regions[b].rule);
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(written_before)> begun(
      written_before);
  size_t next = 0;
  for (size_t i = 0; i < offsets.size(); ++i) {
    const size_t offset = offsets[i];
    while (next < regions.size() && regions[next].range.begin <= offset) begun.push(next++);
    while (!begun.empty() && !covers(regions[begun.top()], offset, end_of_file)) begun.pop();
    if (!begun.empty()) found(i, regions[begun.top()]);
  }
}

}  // namespace

void Suppressions::apply(std::vector<Diagnostic>& diagnostics) {
  std::map<std::string_view, std::vector<size_t>> by_rule;
  for (size_t i = 0; i < diagnostics.size(); ++i) by_rule[diagnostics[i].rule].push_back(i);
  std::vector<bool> suppressed(diagnostics.size(), false);
  for (auto& [id, indices] : by_rule) {
    const std::vector<SuppressedRegion> regions = regions_for(id);
    if (regions.empty()) continue;
    std::stable_sort(indices.begin(), indices.end(), [&](size_t a, size_t b) {
      return diagnostics[a].range.begin < diagnostics[b].range.begin;
    });
    std::vector<size_t> offsets;
    for (const size_t i : indices) offsets.push_back(diagnostics[i].range.begin);
    sweep(regions, offsets, end_of_file, [&](size_t k, const SuppressedRegion& r) {
      directives[r.directive].rules[r.rule].used = true;
      suppressed[indices[k]] = true;
    });
  }
  size_t kept = 0;
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    if (suppressed[i]) continue;
    if (kept != i) diagnostics[kept] = std::move(diagnostics[i]);
    ++kept;
  }
  diagnostics.resize(kept);
}

void Suppressions::mark_used_at(std::string_view id, std::vector<size_t> offsets) {
  const std::vector<SuppressedRegion> regions = regions_for(id);
  if (regions.empty()) return;
  std::sort(offsets.begin(), offsets.end());
  sweep(regions, offsets, end_of_file, [&](size_t, const SuppressedRegion& r) {
    directives[r.directive].rules[r.rule].used = true;
  });
}

Suppressions find_suppressions(const Document& doc) {
  Suppressions out;
  out.end_of_file = doc.text().size();
  for (const HtmlTag& tag : doc.inline_tokens.html) {
    if (tag.kind != HtmlTagKind::comment) continue;
    auto d = parse_directive(doc.text(), tag.range);
    if (!d) continue;
    if (d->kind == DirectiveKind::disable_next_line)
      d->next_line = next_line(doc.lines(), d->comment);
    out.directives.push_back(std::move(*d));
  }
  std::stable_sort(
      out.directives.begin(), out.directives.end(),
      [](const Directive& a, const Directive& b) { return a.comment.begin < b.comment.begin; });
  mark_enables(out.directives);
  return out;
}

}  // namespace qadeck
