// YAML front matter: `---` on the first line, up to the next `---` or `...` line.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace qadeck {

struct FrontMatter {
  bool present = false;
  ByteRange range;  // delimiters included
  ByteRange body;
  // Set when the body is not valid YAML (or not a mapping): the message, and where.
  std::optional<std::string> error;
  size_t error_offset = 0;
  std::map<std::string, std::string> scalars;  // top-level scalar values: title, lang, id, ...
  std::vector<std::string> tags;               // `tags:` as a list or a space-separated string

  std::optional<std::string> get(const std::string& key) const;
};

FrontMatter parse_front_matter(std::string_view text, size_t begin);

}  // namespace qadeck
