#include "rules/registry.h"
#include "rules/structure/line_edits.h"

namespace qadeck {
namespace {

// Whether only white space (or a block quote's '>') precedes the list marker on its line, so
// that removing the line removes nothing but the item.
bool marker_starts_line(std::string_view before) {
  for (char c : before) {
    if (c != ' ' && c != '\t' && c != '>') return false;
  }
  return true;
}

class EmptyListItemRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"structure.empty-list-item",
                               "a list item with nothing in it",
                               Severity::warning,
                               true,
                               {Scope::structure}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    const std::string_view text = doc.text();
    bool last_line_seen = false;
    const size_t last_line = doc.lines().line_count() - 1;
    for (const Block& b : doc.blocks) {
      if (b.kind != BlockKind::list_item || b.marker.empty()) continue;
      if (doc.lines().line_of(b.marker.begin) == last_line) last_line_seen = true;
      if (!trim(text.substr(b.marker.end, b.range.end - b.marker.end)).empty()) continue;
      report(doc, b.marker, sink);
    }
    // The grammar makes no list item of a marker on the last line when no line break
    // follows it ("* " at the very end of the file).
    if (!last_line_seen && !text.empty() && text.back() != '\n') {
      if (auto marker = bare_marker_on_last_line(doc)) report(doc, *marker, sink);
    }
  }

 private:
  static void report(const Document& doc, ByteRange marker, DiagnosticSink& sink) {
    const std::string_view text = doc.text();
    const LineIndex& lines = doc.lines();
    const size_t l = lines.line_of(marker.begin);
    const size_t start = lines.line_start(l);
    const bool before_toc =
        l + 1 < lines.line_count() && structure::is_toc_marker(lines.line_text(l + 1));
    std::optional<Fix> fix;
    if (marker_starts_line(text.substr(start, marker.begin - start))) {
      Fix f;
      if (before_toc) {
        f.title = "Write `" + std::string(marker.in(text)) + " TOC`";
        f.edits.push_back({{start, lines.line_end(l)},
                           std::string(text.substr(start, marker.end - start)) + " TOC"});
      } else {
        f.title = "Remove the empty list item";
        f.edits.push_back(structure::remove_lines(doc, l, l));
      }
      fix = std::move(f);
    }
    std::string message = "empty list item";
    if (before_toc) message += ": before `{:toc}`, kramdown's table of contents wants `* TOC`";
    sink.report(marker, std::move(message), std::move(fix));
  }

  // The marker of a last line holding nothing else, where it starts a list item: after a
  // blank line or another item, not under a paragraph (where "-" underlines a heading).
  static std::optional<ByteRange> bare_marker_on_last_line(const Document& doc) {
    const LineIndex& lines = doc.lines();
    const size_t l = lines.line_count() - 1;
    const std::string_view line = lines.line_text(l);
    if (!structure::is_list_item_line(line) || doc.in_code(lines.line_start(l)))
      return std::nullopt;
    const std::string_view marker = trim(line);
    if (marker.find_first_of(" \t") != std::string_view::npos) return std::nullopt;
    if (l > 0) {
      const std::string_view previous = lines.line_text(l - 1);
      if (!structure::is_blank(previous) && !structure::is_list_item_line(previous)) {
        return std::nullopt;
      }
    }
    const size_t begin = lines.line_start(l) + static_cast<size_t>(marker.data() - line.data());
    return ByteRange{begin, begin + marker.size()};
  }
};

}  // namespace

std::unique_ptr<Rule> make_structure_empty_list_item_rule() {
  return std::make_unique<EmptyListItemRule>();
}

}  // namespace qadeck
