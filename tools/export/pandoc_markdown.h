// The pandoc Markdown intermediate of the PDF export: a YAML header (title, page and font
// settings, Noto CJK for Chinese, Japanese and Korean), a heading per section (and per
// document when there are several), then each question — "**N.** question" — and its answer.
// Math is kept as written ($…$, $$…$$; \(…\) and \[…\] become the dollar forms pandoc reads);
// <br> becomes a line or paragraph break; <i>, <em>, <b>, <strong>, <sub>, <sup>, <code>
// and <kbd> become pandoc's own markup, <mark> bold (pandoc 2's LaTeX writer has no
// highlight); other HTML tags go, their text stays; <img> becomes a Markdown image;
// <script> and <style> elements go with their content. Headings and questions written as
// headings keep the ids `#fragment` links reach them by (prefixed `q-`, as LaTeX ids cannot
// start with a digit), and those links become links inside the PDF. Running pandoc on it with
// the options `pdf_pandoc_options()` gives (pdf_exporter.h) makes the same PDF qadeck makes.
#pragma once

#include <string>

#include "export/deck.h"

namespace qadeck {

std::string pandoc_markdown(const Deck& deck);

// Where a text's links go: links to other Markdown files as card_links.h decides, links to
// `#fragment` to the PDF's own ids (`id_prefix` + fragment).
struct PandocLinks {
  std::string source;     // the document's project-relative path
  std::string base_url;   // export.base_url
  std::string id_prefix;  // what the document's heading ids carry in the PDF
};

// A question or answer as pandoc Markdown (exposed for tests).
std::string pandoc_text(const CardText& text, bool single_line, const PandocLinks& links = {});

}  // namespace qadeck
