// Writes a Deck as a PDF: the pandoc Markdown intermediate (pandoc_markdown.h), then
// `pandoc --pdf-engine=xelatex` in a scratch folder, then the PDF renamed into place. A
// missing pandoc or xelatex is an error that says what to install. Author TeX beyond math never
// runs: pandoc reads the intermediate without raw TeX, and xelatex runs with no shell escape and
// kpathsea's paranoid file access (no absolute paths, no `..`, no dot files), so that whatever
// math got past math.unsafe-command cannot read or write files outside the scratch folder.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "export/deck.h"

namespace qadeck {

struct PdfOptions {
  std::string pandoc = "pandoc";  // a name looked up in PATH, or a path
  // Where to keep the intermediate, written before pandoc runs; nothing when empty.
  std::string keep_intermediate;
};

// The options, after the input file, that make pandoc typeset the intermediate as qadeck does.
std::vector<std::string> pdf_pandoc_options();

std::optional<std::string> export_pdf(const Deck& deck, const PdfOptions& options,
                                      const std::string& path);

// The file `name` resolves to through PATH (or itself, when it holds a '/'), if executable.
std::optional<std::string> find_program(const std::string& name);

}  // namespace qadeck
