// Everything besides a file's text that decides its diagnostics: the lint cache keys an entry
// by it (with the file's path), and a run's report by the keys of all its files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/hash.h"
#include "core/qa_extractor.h"

namespace qadeck::session {

struct SettingsKey {
  // The severity of every built-in rule, in the registry's order: `off` for one the run's
  // selection leaves out, so that runs with other selections never share an entry.
  std::vector<Severity> severities;
  std::string project_root;
  std::optional<QuestionStyle> style;
  std::optional<std::string> lang;
  std::optional<SlugStyle> slugs;
  double similarity_threshold = 0;
  std::vector<std::string> math_macros;

  // The whole key: two settings hash alike exactly when all their fields are equal (up to
  // the hash's collisions).
  Hash128 hash() const;
};

// The extraction part of a job's key, as the job's options hold it.
void set_extraction(SettingsKey& key, const ExtractOptions& extract);

}  // namespace qadeck::session
