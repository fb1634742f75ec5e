// Files embedded into the binary at build time (rule docs, the default config).
#pragma once

#include <string_view>
#include <vector>

namespace qadeck {

struct EmbeddedFile {
  std::string_view path;  // relative to the source root, e.g. "rules/numbering/gap.md"
  std::string_view bytes;
};

}  // namespace qadeck
