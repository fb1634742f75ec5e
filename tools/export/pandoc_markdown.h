// The pandoc Markdown intermediate of the PDF export: a YAML header (title, page and font
// settings, Noto CJK for Chinese, Japanese and Korean), a heading per section (and per
// document when there are several), then each question — "**N.** question" — and its answer.
// Math is kept as written ($…$, $$…$$; \(…\) and \[…\] become the dollar forms pandoc reads);
// <br> becomes a line or paragraph break; other HTML tags go, their text stays; <img> becomes
// a Markdown image; <script> and <style> elements go with their content. Running pandoc on it
// with the options `pdf_pandoc_options()` gives (pdf_exporter.h) makes the same PDF qadeck makes.
#pragma once

#include <string>

#include "export/deck.h"

namespace qadeck {

std::string pandoc_markdown(const Deck& deck);

// A question or answer as pandoc Markdown (exposed for tests).
std::string pandoc_text(const CardText& text, bool single_line);

}  // namespace qadeck
