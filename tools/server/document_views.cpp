#include "server/document_views.h"

#include <algorithm>

namespace qadeck::server {
namespace {

constexpr size_t max_name_code_points = 120;

// One line of text for a symbol's name: white space collapsed, long text cut.
std::string symbol_name(std::string_view number, std::string_view text) {
  std::string name(number);
  if (!name.empty() && !text.empty()) name += ' ';
  bool space = false;
  size_t points = 0;
  for (size_t i = 0; i < text.size() && points < max_name_code_points;) {
    size_t length = 1;
    decode_utf8(text, i, length);
    if (is_ascii_space(text[i])) {
      space = !name.empty();
    } else {
      if (space) name += ' ';
      space = false;
      name.append(text.substr(i, length));
      ++points;
    }
    i += length;
  }
  if (points == max_name_code_points) name += "…";
  return name.empty() ? "(untitled)" : name;
}

struct Entry {
  size_t begin = 0;
  int level = 0;  // a section's heading level; questions are leaves below every heading
  Json symbol;
};

}  // namespace

Json outline_symbols(const Document& doc, const Positions& positions) {
  const std::string_view text = doc.text();
  constexpr int question_level = 7;
  std::vector<Entry> entries;
  for (size_t i = 0; i < doc.sections.size(); ++i) {
    const Section& s = doc.sections[i];
    size_t end = text.size();
    for (size_t j = i + 1; j < doc.sections.size(); ++j) {
      if (doc.sections[j].level <= s.level) {
        end = doc.sections[j].heading.begin;
        break;
      }
    }
    const int questions = static_cast<int>(std::count_if(
        doc.items.begin(), doc.items.end(), [&](const Item& item) { return item.section == static_cast<int>(i); }));
    entries.push_back({s.heading.begin, s.level,
                       {{"name", symbol_name(s.number.written.in(text), s.title.in(text))},
                        {"detail", std::to_string(questions) + (questions == 1 ? " question" : " questions")},
                        {"kind", 3},
                        {"range", positions.range(s.heading.begin, end)},
                        {"selectionRange", positions.range(s.heading.begin, s.heading.end)}}});
  }
  for (const Item& item : doc.items) {
    size_t end = std::max(item.line.end, item.answer.end);
    // A question's range lies inside its section's.
    for (const Section& s : doc.sections) {
      if (s.heading.begin > item.line.begin) end = std::min(end, s.heading.begin);
    }
    entries.push_back({item.line.begin, question_level,
                       {{"name", symbol_name(item.number.written.in(text), item.question.in(text))},
                        {"detail", question_style_name(item.style)},
                        {"kind", 20},
                        {"range", positions.range(item.line.begin, std::max(end, item.line.begin))},
                        {"selectionRange", positions.range(item.question.begin, item.question.end)}}});
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.begin < b.begin; });

  Json roots = Json::array();
  std::vector<Entry> open;  // the chain of sections holding the next entry
  const auto close_last = [&] {
    Json symbol = std::move(open.back().symbol);
    open.pop_back();
    (open.empty() ? roots : open.back().symbol["children"]).push_back(std::move(symbol));
  };
  for (Entry& e : entries) {
    while (!open.empty() && open.back().level >= e.level) close_last();
    e.symbol["children"] = Json::array();
    open.push_back(std::move(e));
  }
  while (!open.empty()) close_last();
  return roots;
}

std::vector<Suppression> suppression_edits(const Document& doc, const Diagnostic& diagnostic) {
  if (diagnostic.rule.starts_with("suppression.")) return {};
  const std::string_view text = doc.text();
  const LineIndex& lines = doc.lines();
  const size_t line = lines.line_of(std::min(diagnostic.range.begin, text.size()));
  const size_t start = lines.line_start(line);
  std::vector<Suppression> out;

  Suppression next_line;
  next_line.title = "Disable " + diagnostic.rule + " for this line";
  const std::string comment = "<!-- qadeck-disable-next-line " + diagnostic.rule + " -->";
  const bool same_paragraph =
      line > 0 && std::any_of(doc.blocks.begin(), doc.blocks.end(), [&](const Block& b) {
        return b.kind == BlockKind::paragraph && b.range.contains(lines.line_start(line - 1)) &&
               b.range.contains(start);
      });
  if (same_paragraph) {
    next_line.at = lines.line_end(line - 1);
    next_line.text = " " + comment;
  } else {
    const std::string_view content = lines.line_text(line);
    const size_t indent = std::min(content.find_first_not_of(" \t"), content.size());
    next_line.at = start;
    next_line.text = std::string(content.substr(0, indent)) + comment + "\n";
  }
  out.push_back(std::move(next_line));

  Suppression file;
  file.title = "Disable " + diagnostic.rule + " for this file";
  file.at = doc.source->content_begin();
  if (doc.front_matter.present && doc.front_matter.range.end > 0) {
    file.at = lines.line_end_with_break(lines.line_of(doc.front_matter.range.end - 1));
  }
  file.text = "<!-- qadeck-disable " + diagnostic.rule + " -->\n";
  out.push_back(std::move(file));
  return out;
}

}  // namespace qadeck::server
