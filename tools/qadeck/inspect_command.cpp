#include <iostream>
#include <nlohmann/json.hpp>

#include "core/atomic_write.h"
#include "core/document.h"
#include "core/language.h"
#include "links/anchors.h"
#include "qadeck/commands.h"
#include "qadeck/output.h"
#include "qadeck/configuration.h"

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
  ConfigLookup configs(args.config);
  const Config* config = configs.for_file(args.path);
  if (!config) {
    std::cerr << "qadeck: " << configs.error() << "\n";
    return exit_error;
  }
  const FileSettings settings = resolve_settings(*config, args.path);
  ExtractOptions options;
  options.style = args.style ? parse_question_style(*args.style) : settings.style;
  options.lang = settings.lang;
  options.slug_style = slug_style_for(*config, args.path);
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
