// The lint session's settings key: one hash over every field, so that two settings share
// cache entries exactly when they are the same.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "session/settings_key.h"

namespace qadeck::session {
namespace {

SettingsKey sample() {
  SettingsKey key;
  key.severities = {Severity::error, Severity::warning, Severity::off};
  key.project_root = "/notes";
  key.similarity_threshold = 0.85;
  return key;
}

TEST(SettingsKey, EqualSettingsHashAlike) {
  EXPECT_EQ(sample().hash(), sample().hash());
  EXPECT_EQ(sample().hash().hex().size(), 32u);
}

TEST(SettingsKey, EveryFieldChangesTheHash) {
  const std::vector<std::function<void(SettingsKey&)>> changes = {
      [](SettingsKey& k) { k.severities[2] = Severity::info; },
      [](SettingsKey& k) { k.severities.push_back(Severity::off); },
      [](SettingsKey& k) { k.project_root = "/other"; },
      [](SettingsKey& k) { k.style = QuestionStyle::heading; },
      [](SettingsKey& k) { k.lang = "de"; },
      [](SettingsKey& k) { k.slugs = SlugStyle::kramdown; },
      [](SettingsKey& k) { k.similarity_threshold = 0.9; },
      [](SettingsKey& k) { k.math_macros = {"\\R"}; },
  };
  std::set<std::string> seen = {sample().hash().hex()};
  for (size_t i = 0; i < changes.size(); ++i) {
    SettingsKey key = sample();
    changes[i](key);
    EXPECT_TRUE(seen.insert(key.hash().hex()).second) << "change " << i;
  }
}

// Unset is not any value: no language pinned differs from a language named "auto", and
// the fields' boundaries are kept (two macros are not one macro of both names).
TEST(SettingsKey, UnsetAndBoundariesAreKeptApart) {
  SettingsKey pinned = sample();
  pinned.lang = "auto";
  EXPECT_NE(pinned.hash(), sample().hash());
  SettingsKey two = sample();
  two.math_macros = {"\\a", "\\b"};
  SettingsKey one = sample();
  one.math_macros = {"\\a\\b"};
  EXPECT_NE(two.hash(), one.hash());
}

TEST(SettingsKey, ExtractionOptionsAreCopiedIntoTheKey) {
  ExtractOptions extract;
  extract.style = QuestionStyle::heading;
  extract.lang = "fr";
  extract.slug_style = SlugStyle::github_pages;
  extract.similarity_threshold = 0.7;
  extract.math_macros = {"\\N"};
  extract.project_root = "/r";
  SettingsKey key;
  set_extraction(key, extract);
  EXPECT_EQ(key.style, extract.style);
  EXPECT_EQ(key.lang, extract.lang);
  EXPECT_EQ(key.slugs, extract.slug_style);
  EXPECT_EQ(key.similarity_threshold, 0.7);
  EXPECT_EQ(key.math_macros, extract.math_macros);
  EXPECT_EQ(key.project_root, "/r");
}

}  // namespace
}  // namespace qadeck::session
