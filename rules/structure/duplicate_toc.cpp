#include <algorithm>

#include "rules/registry.h"
#include "rules/structure/line_edits.h"

namespace qadeck {
namespace {

class DuplicateTocRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"structure.duplicate-toc",
                               "`{:toc}` more than once",
                               Severity::warning,
                               true,
                               {Scope::structure}};
    return info;
  }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    const std::vector<size_t> markers = structure::toc_marker_lines(doc);
    if (markers.size() < 2) return;
    const LineIndex& lines = doc.lines();
    const auto attached = [&](size_t l) {
      return l > 0 && structure::is_list_item_line(lines.line_text(l - 1));
    };
    // The table of contents is the list a marker follows; without one, the last marker wins.
    size_t keep = markers.back();
    for (size_t l : markers) {
      if (attached(l)) {
        keep = l;
        break;
      }
    }
    for (size_t l : markers) {
      if (l == keep) continue;
      std::optional<Fix> fix;
      if (!attached(l)) {
        fix = Fix{
            "Remove the stray `{:toc}`", {structure::remove_lines(doc, l, l)}, Applicability::safe};
      } else if (is_lone_toc_item(lines, l - 1)) {
        fix = Fix{"Remove the second table of contents",
                  {structure::remove_lines(doc, l - 1, l)},
                  Applicability::safe};
      }
      const std::string_view line = lines.line_text(l);
      const size_t begin = lines.line_start(l) + (line.size() - trim_left(line).size());
      sink.report(
          {begin, begin + trim(line).size()},
          "`{:toc}` repeats: the table of contents is marked on line " + std::to_string(keep + 1),
          std::move(fix));
    }
  }

 private:
  static std::string_view trim_left(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    return s;
  }

  // A one-item list "* TOC": removing it with its marker leaves no trace of the idiom.
  static bool is_lone_toc_item(const LineIndex& lines, size_t l) {
    std::string_view item = trim(lines.line_text(l));
    item.remove_prefix(std::min(item.find(' '), item.size()));
    if (trim(item) != "TOC") return false;
    return l == 0 || !structure::is_list_item_line(lines.line_text(l - 1));
  }
};

}  // namespace

std::unique_ptr<Rule> make_structure_duplicate_toc_rule() {
  return std::make_unique<DuplicateTocRule>();
}

}  // namespace qadeck
