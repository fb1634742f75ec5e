#include "core/local_links.h"

#include <algorithm>
#include <filesystem>

#include "core/atomic_write.h"
#include "core/url.h"

namespace qadeck {
namespace fs = std::filesystem;
namespace {

std::string absolute_normal(const fs::path& p) {
  std::error_code ec;
  const fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal().string();
}

// The destination of a link reference definition block, "[label]: dest" or "[label]: <dest>".
std::string_view definition_destination(std::string_view block) {
  const size_t colon = block.find("]:");
  if (colon == std::string_view::npos) return {};
  std::string_view rest = block.substr(colon + 2);
  while (!rest.empty() && is_ascii_space(rest.front())) rest.remove_prefix(1);
  if (rest.starts_with('<')) return rest.substr(0, rest.find('>') + 1);
  size_t end = 0;
  while (end < rest.size() && !is_ascii_space(rest[end])) ++end;
  return rest.substr(0, end);
}

}  // namespace

std::vector<std::string> local_link_targets(const Document& doc) {
  const fs::path folder = fs::path(doc.source->path()).parent_path();
  std::vector<std::string_view> urls;
  for (const Link& link : doc.inline_tokens.links) urls.push_back(link.destination.in(doc.text()));
  // The inline scanner finds uses of references; their definitions are blocks.
  for (const Block& block : doc.blocks) {
    if (block.kind == BlockKind::link_reference) {
      urls.push_back(definition_destination(block.range.in(doc.text())));
    }
  }
  std::vector<std::string> targets;
  for (std::string_view url : urls) {
    url = trim(url);
    if (url.size() >= 2 && url.front() == '<' && url.back() == '>') {
      url = url.substr(1, url.size() - 2);
    }
    url = url.substr(0, url.find_first_of("#?"));
    if (url.empty() || url.starts_with('/') || has_scheme(url)) continue;
    targets.push_back(absolute_normal(folder / percent_decode(url)));
  }
  std::sort(targets.begin(), targets.end());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
  return targets;
}

std::vector<std::string> files_linking_into(const std::vector<std::string>& files,
                                            const std::vector<std::string>& targets) {
  std::vector<std::string> names;
  for (const std::string& t : targets) {
    const std::string name = fs::path(t).filename().string();
    names.push_back(name);
    names.push_back(percent_encode(name));
  }
  std::vector<std::string> linking;
  if (targets.empty()) return linking;
  for (const std::string& file : files) {
    std::string text;
    if (read_file(file, text)) continue;
    const bool mentions = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
      return text.find(n) != std::string::npos;
    });
    if (!mentions || check_source_text(text)) continue;
    try {
      const SourceFile source(file, std::move(text));
      for (const std::string& t : local_link_targets(build_document(source))) {
        if (std::binary_search(targets.begin(), targets.end(), t)) {
          linking.push_back(file);
          break;
        }
      }
    } catch (const InputError&) {
      // Linting the file reports why it cannot be parsed, if it is linted at all.
    }
  }
  return linking;
}

}  // namespace qadeck
