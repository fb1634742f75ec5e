#include "core/front_matter.h"

#include <yaml-cpp/yaml.h>

#include <sstream>


namespace qadeck {
namespace {

bool is_delimiter_line(std::string_view line, bool closing) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line == "---" || (closing && line == "...");
}

size_t offset_of(std::string_view body, size_t base, const YAML::Mark& mark) {
  if (mark.pos >= 0 && static_cast<size_t>(mark.pos) <= body.size()) {
    return base + static_cast<size_t>(mark.pos);
  }
  return base;
}

void read_values(const YAML::Node& root, FrontMatter& fm) {
  for (const auto& entry : root) {
    if (!entry.first.IsScalar()) continue;
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (value.IsScalar()) fm.scalars[key] = value.Scalar();
    if (key != "tags") continue;
    if (value.IsSequence()) {
      for (const auto& t : value) {
        if (t.IsScalar()) fm.tags.push_back(t.Scalar());
      }
    } else if (value.IsScalar()) {
      std::istringstream words(value.Scalar());
      for (std::string w; words >> w;) fm.tags.push_back(w);
    }
  }
}

}  // namespace

std::optional<std::string> FrontMatter::get(const std::string& key) const {
  auto it = scalars.find(key);
  if (it == scalars.end()) return std::nullopt;
  return it->second;
}

FrontMatter parse_front_matter(std::string_view text, size_t begin) {
  FrontMatter fm;
  const size_t first_end = text.find('\n', begin);
  if (first_end == std::string_view::npos ||
      !is_delimiter_line(text.substr(begin, first_end - begin), false)) {
    return fm;
  }
  size_t line_begin = first_end + 1;
  while (line_begin < text.size()) {
    size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = text.size();
    if (is_delimiter_line(text.substr(line_begin, line_end - line_begin), true)) {
      fm.present = true;
      fm.body = {first_end + 1, line_begin};
      fm.range = {begin, line_end < text.size() ? line_end + 1 : line_end};
      break;
    }
    line_begin = line_end + 1;
  }
  if (!fm.present) return fm;

  const std::string_view body = fm.body.in(text);
  try {
    const YAML::Node root = YAML::Load(std::string(body));
    if (root.IsMap()) {
      read_values(root, fm);
    } else if (!root.IsNull()) {
      fm.error = "front matter is not a YAML mapping";
      fm.error_offset = fm.body.begin;
    }
  } catch (const YAML::Exception& e) {
    fm.error = "front matter is not valid YAML: " + e.msg;
    fm.error_offset = offset_of(body, fm.body.begin, e.mark);
  }
  return fm;
}

}  // namespace qadeck
