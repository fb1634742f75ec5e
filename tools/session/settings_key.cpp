#include "session/settings_key.h"

#include <bit>

namespace qadeck::session {
Hash128 SettingsKey::hash() const {
  Hasher h;
  h.add(severities.size());
  for (const Severity s : severities) h.add(static_cast<uint64_t>(s));
  h.add(project_root);
  // An unset field hashes apart from every value it could take.
  h.add(style ? std::string_view(question_style_name(*style)) : std::string_view("\0auto", 5));
  h.add(lang ? std::string_view(*lang) : std::string_view("\0auto", 5));
  h.add(slugs ? slug_style_name(*slugs) : std::string_view("\0auto", 5));
  h.add(std::bit_cast<uint64_t>(similarity_threshold));
  h.add(math_macros.size());
  for (const std::string& m : math_macros) h.add(m);
  return h.finish();
}

void set_extraction(SettingsKey& key, const ExtractOptions& extract) {
  key.project_root = extract.project_root;
  key.style = extract.style;
  key.lang = extract.lang;
  key.slugs = extract.slug_style;
  key.similarity_threshold = extract.similarity_threshold;
  key.math_macros = extract.math_macros;
}

}  // namespace qadeck::session
