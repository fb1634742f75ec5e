#include "rules/structure/line_edits.h"

#include <algorithm>

namespace qadeck::structure {

bool is_toc_marker(std::string_view line) {
  line = trim(line);
  if (!line.starts_with("{:") || !line.ends_with("}")) return false;
  return trim(line.substr(2, line.size() - 3)) == "toc";
}

bool is_list_item_line(std::string_view line) {
  size_t p = 0;
  while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
  if (p < line.size() && (line[p] == '*' || line[p] == '-' || line[p] == '+')) {
    ++p;
  } else {
    const size_t digits = p;
    while (p < line.size() && is_ascii_digit(line[p]) && p - digits < 9) ++p;
    if (p == digits || p >= line.size() || (line[p] != '.' && line[p] != ')')) return false;
    ++p;
  }
  return p == line.size() || line[p] == ' ' || line[p] == '\t';
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

std::vector<size_t> toc_marker_lines(const Document& doc) {
  // Not markers: lines in code, in the front matter and in HTML comments.
  std::vector<ByteRange> hidden;
  if (doc.front_matter.present) hidden.push_back(doc.front_matter.range);
  for (const HtmlTag& tag : doc.inline_tokens.html) {
    if (tag.kind == HtmlTagKind::comment) hidden.push_back(tag.range);
  }
  const auto is_hidden = [&](size_t offset) {
    return doc.in_code(offset) || std::any_of(hidden.begin(), hidden.end(),
                                              [&](ByteRange r) { return r.contains(offset); });
  };
  std::vector<size_t> out;
  const LineIndex& lines = doc.lines();
  const std::string_view text = doc.text();
  for (size_t from = text.find("{:"); from != std::string_view::npos;
       from = text.find("{:", from + 2)) {
    const size_t l = lines.line_of(from);
    if (!out.empty() && out.back() == l) continue;
    if (!is_toc_marker(lines.line_text(l)) || is_hidden(from)) continue;
    out.push_back(l);
  }
  return out;
}

Edit remove_lines(const Document& doc, size_t first, size_t last) {
  const LineIndex& lines = doc.lines();
  const bool blank_before = first == 0 || is_blank(lines.line_text(first - 1));
  if (blank_before && last + 1 < lines.line_count() && is_blank(lines.line_text(last + 1)) &&
      lines.line_end_with_break(last + 1) > lines.line_end(last + 1)) {
    ++last;
  }
  return {{lines.line_start(first), lines.line_end_with_break(last)}, ""};
}

}  // namespace qadeck::structure
