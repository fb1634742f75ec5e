#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/atomic_write.h"
#include "core/document.h"
#include "core/language.h"
#include "links/anchors.h"
#include "qadeck/commands.h"
#include "qadeck/output.h"
#include "session/configuration.h"

namespace qadeck::cli {
namespace {

using Json = nlohmann::ordered_json;

Json line_or_null(const Document& doc, ByteRange r, bool end) {
  if (r.empty()) return nullptr;
  return doc.lines().position(end ? r.end - 1 : r.begin).line;
}

Json number_or_null(const Document& doc, const Number& n) {
  if (!n.present()) return nullptr;
  return std::string(n.written.in(doc.text()));
}

// The TeX of a math span as a renderer gets it: in a block quote, without the `>` markers
// that begin its continuation lines.
std::string math_tex(const Document& doc, const MathSpan& m) {
  const std::string_view text = doc.text();
  const std::string_view body = m.body.in(text);
  const size_t line_start = doc.lines().line_start(doc.lines().line_of(m.range.begin));
  const std::string_view first_line = text.substr(line_start, m.range.begin - line_start);
  if (first_line.find_first_not_of(" \t") == std::string_view::npos ||
      first_line[first_line.find_first_not_of(" \t")] != '>') {
    return std::string(body);
  }
  std::string tex;
  size_t i = 0;
  while (i < body.size()) {
    const size_t nl = body.find('\n', i);
    const size_t end = nl == std::string_view::npos ? body.size() : nl + 1;
    size_t j = i;
    if (i > 0) {
      while (j < end && (body[j] == ' ' || body[j] == '\t' || body[j] == '>')) ++j;
    }
    tex.append(body.substr(j, end - j));
    i = end;
  }
  return tex;
}

// Positions of offsets that never decrease, each counted on from the one before on the same
// line: one long line may hold a great many spans.
class PositionCursor {
 public:
  explicit PositionCursor(const Document& doc) : doc_(doc) {}
  Position at(size_t offset) {
    const size_t line0 = doc_.lines().line_of(offset);
    if (line0 + 1 != position_.line || offset < offset_) {
      position_ = doc_.lines().position(offset);
    } else {
      position_.column += count_code_points(doc_.text().substr(offset_, offset - offset_));
    }
    offset_ = offset;
    return position_;
  }

 private:
  const Document& doc_;
  size_t offset_ = 0;
  Position position_{0, 0};
};

// Every math span, in document order: what the math rules read, for tests that compare it
// with a renderer's reading.
Json math_json(const Document& doc) {
  std::vector<MathSpan> spans = doc.inline_tokens.math;
  std::sort(spans.begin(), spans.end(),
            [](const MathSpan& a, const MathSpan& b) { return a.range.begin < b.range.begin; });
  Json out = Json::array();
  PositionCursor cursor(doc);
  for (const MathSpan& m : spans) {
    const Position begin = cursor.at(m.range.begin);
    const Position end = cursor.at(m.range.end);
    const bool display = m.kind == MathKind::display_dollar || m.kind == MathKind::display_bracket;
    out.push_back({{"line", begin.line},
                   {"column", begin.column},
                   {"end_line", end.line},
                   {"end_column", end.column},
                   {"display", display},
                   {"tex", math_tex(doc, m)}});
  }
  return out;
}

Json to_json(const Document& doc) {
  const LanguageProfile& langs = doc.languages();
  Json j;
  j["version"] = 1;
  j["path"] = doc.source->path();
  j["lang"] = langs.document;
  Json sections = Json::array();
  for (const Section& s : doc.sections) {
    sections.push_back({{"number", number_or_null(doc, s.number)},
                        {"title", std::string(s.title.in(doc.text()))},
                        {"line", doc.lines().position(s.heading.begin).line}});
  }
  j["sections"] = std::move(sections);
  Json items = Json::array();
  for (size_t i = 0; i < doc.items.size(); ++i) {
    const Item& item = doc.items[i];
    items.push_back({{"section", item.section >= 0 ? Json(item.section) : Json(nullptr)},
                     {"number", number_or_null(doc, item.number)},
                     {"question", std::string(item.question.in(doc.text()))},
                     {"line", doc.lines().position(item.question.begin).line},
                     {"answer_line", line_or_null(doc, item.answer, false)},
                     {"answer_end_line", line_or_null(doc, item.answer, true)},
                     {"lang", langs.items[i].item},
                     {"style", question_style_name(item.style)}});
  }
  j["items"] = std::move(items);
  // The fragment ids the document offers under its slug style, as link.anchor checks them.
  Json anchors = Json::array();
  for (const Anchor& a : document_anchors(doc).anchors()) {
    anchors.push_back({{"line", doc.lines().position(a.offset).line},
                       {"id", a.id},
                       {"source", std::string(anchor_source_name(a.source))}});
  }
  j["anchors"] = std::move(anchors);
  j["math"] = math_json(doc);
  return j;
}

void write_human(const Document& doc) {
  const std::string_view text = doc.text();
  std::cout << doc.source->path() << ": " << doc.sections.size() << " sections, "
            << doc.items.size() << " items\n";
  int section = -2;
  for (const Item& item : doc.items) {
    if (item.section != section) {
      section = item.section;
      if (section >= 0) {
        const Section& s = doc.sections[static_cast<size_t>(section)];
        std::cout << "\n## " << s.number.written.in(text) << (s.number.present() ? " " : "")
                  << s.title.in(text) << "  (line "
                  << doc.lines().position(s.heading.begin).line << ")\n";
      }
    }
    const Position p = doc.lines().position(item.question.begin);
    std::cout << "  " << p.line << ": " << item.number.written.in(text)
              << (item.number.present() ? " " : "") << item.question.in(text) << "\n";
  }
}

}  // namespace

int run_inspect(const InspectArgs& args) {
  std::string text;
  if (auto error = read_file(args.path, text)) {
    std::cerr << "qadeck: " << *error << "\n";
    return exit_error;
  }
  if (auto problem = check_source_text(text)) {
    std::cerr << "qadeck: " << args.path << ": " << problem->message << "\n";
    return exit_error;
  }
  session::ConfigLookup configs(args.config, print_warning);
  const Config* config = configs.for_file(args.path);
  if (!config) {
    std::cerr << "qadeck: " << configs.error() << "\n";
    return exit_error;
  }
  const FileSettings settings = resolve_settings(*config, args.path);
  ExtractOptions options;
  options.style = args.style ? parse_question_style(*args.style) : settings.style;
  options.lang = settings.lang;
  options.slug_style = session::slug_style_for(*config, args.path);
  const SourceFile source(args.path, std::move(text));
  Document doc;
  try {
    doc = build_document(source, options);
  } catch (const InputError& e) {
    std::cerr << "qadeck: " << args.path << ": " << e.what() << "\n";
    return exit_error;
  }
  if (args.format == "json") {
    std::cout << to_json(doc).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    write_human(doc);
  }
  finish_output();
  return exit_clean;
}

}  // namespace qadeck::cli
