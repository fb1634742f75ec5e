// Output formats: tiny siblings over one Diagnostic type.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/source_file.h"

namespace qadeck {

struct FileReport {
  const SourceFile* source = nullptr;
  const std::vector<Diagnostic>* diagnostics = nullptr;
};

struct Summary {
  size_t files = 0;
  size_t errors = 0;
  size_t warnings = 0;
  size_t infos = 0;
};

Summary summarize(const std::vector<FileReport>& reports);

struct HumanOptions {
  bool color = false;
  bool quiet = false;  // diagnostics only: no source excerpt, no summary
};

void write_human(std::ostream& out, const std::vector<FileReport>& reports,
                 const HumanOptions& options);
void write_json(std::ostream& out, const std::vector<FileReport>& reports);

}  // namespace qadeck
