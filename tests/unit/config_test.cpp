#include "core/config.h"

#include <gtest/gtest.h>

#include "core/lint_engine.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

bool known(std::string_view pattern) {
  for (const auto& r : builtin_rules()) {
    if (selects_rule(pattern, r->info().id)) return true;
  }
  return false;
}

Config defaults() {
  Config base;
  EXPECT_EQ(load_config("rules/default.yml", default_config_text(), known, Config{}, base),
            std::nullopt);
  return base;
}

TEST(Config, BuiltInDefaultsLoad) {
  const Config base = defaults();
  EXPECT_EQ(base.paths, std::vector<std::string>{"content"});
  EXPECT_FALSE(base.lang);
  EXPECT_FALSE(base.style);
  EXPECT_TRUE(base.rules.empty());
  EXPECT_TRUE(base.overrides.empty());
}

TEST(Config, TheBuiltInDefaultsAreWhatTheDefaultFileSays) {
  Config loaded = defaults();
  loaded.path.clear();
  loaded.dir.clear();
  EXPECT_TRUE(loaded == builtin_config());
}

TEST(Config, ProjectSettingsOverTheDefaults) {
  Config c;
  ASSERT_EQ(load_config("p/.qadeck.yml",
                        "lang: zh-CN\nstyle: heading\nrules:\n  numbering: info\n"
                        "  numbering.gap: {severity: off}\n",
                        known, defaults(), c),
            std::nullopt);
  EXPECT_EQ(c.paths, std::vector<std::string>{"content"});
  EXPECT_EQ(c.lang, "zh-CN");
  EXPECT_EQ(c.style, QuestionStyle::heading);
  EXPECT_EQ(c.dir, "p");
  const FileSettings s = resolve_settings(c, "p/a.md");
  EXPECT_EQ(s.severity("numbering.gap", Severity::error), Severity::off);
  EXPECT_EQ(s.severity("numbering.order", Severity::error), Severity::info);
  EXPECT_EQ(s.severity("math.braces", Severity::error), Severity::error);
}

TEST(Config, LangIsAnIso6391Code) {
  Config c;
  for (const char* good : {"en", "zh", "zh-CN", "zh_TW", "pt-BR", "zh-Hant", "auto"}) {
    EXPECT_EQ(load_config("x.yml", std::string("lang: ") + good + "\n", known, defaults(), c),
              std::nullopt)
        << good;
  }
  EXPECT_EQ(load_config("x.yml", "paths: [a]\nlang: english\n", known, defaults(), c),
            "x.yml:2:7: lang must be an ISO 639-1 code such as en or zh (a region may follow: "
            "zh-CN), or auto, not 'english' (english -> en)");
  const auto upper = load_config("x.yml", "lang: EN\n", known, defaults(), c);
  ASSERT_TRUE(upper);
  EXPECT_TRUE(upper->ends_with("(EN -> en)")) << *upper;
  const auto country = load_config("x.yml", "lang: cn\n", known, defaults(), c);
  ASSERT_TRUE(country);
  EXPECT_TRUE(country->ends_with("(cn -> zh)")) << *country;
  const auto unknown = load_config("x.yml", "lang: xx\n", known, defaults(), c);
  ASSERT_TRUE(unknown);
  EXPECT_TRUE(unknown->ends_with("not 'xx'")) << *unknown;
  EXPECT_TRUE(load_config("x.yml", "overrides:\n  - files: [a]\n    lang: chinese\n", known,
                          defaults(), c));
}

TEST(Config, MathMacros) {
  Config c;
  ASSERT_EQ(load_config("x.yml", "math:\n  macros: [RR, \"\\\\norm\"]\n", known, defaults(), c),
            std::nullopt);
  EXPECT_EQ(c.math.macros, (std::vector<std::string>{"RR", "norm"}));
  EXPECT_EQ(load_config("x.yml", "math:\n  macros: [\"a b\"]\n", known, defaults(), c),
            "x.yml:2:12: math.macros takes control words such as \\RR or RR, not 'a b'");
  EXPECT_EQ(load_config("x.yml", "math:\n  nope: 1\n", known, defaults(), c),
            "x.yml:2:3: unknown math setting 'nope' (expected macros)");
}

TEST(Config, ErrorsAreLocated) {
  Config c;
  EXPECT_EQ(load_config("x.yml", "paths: [a]\nbogus: 1\n", known, defaults(), c),
            "x.yml:2:1: unknown key 'bogus' (expected paths, lang, style, rules, overrides, links, "
            "math or export)");
  EXPECT_EQ(load_config("x.yml", "rules:\n  nope: error\n", known, defaults(), c),
            "x.yml:2:3: unknown rule or category 'nope'");
  const auto bad_yaml = load_config("x.yml", "rules: [\n", known, defaults(), c);
  ASSERT_TRUE(bad_yaml);
  EXPECT_TRUE(bad_yaml->starts_with("x.yml:")) << *bad_yaml;
}

TEST(Config, OverridesApplyByGlobRelativeToTheConfig) {
  Config c;
  ASSERT_EQ(load_config("/proj/.qadeck.yml",
                        "overrides:\n  - files: [\"drafts/*\"]\n    lang: zh\n"
                        "    rules:\n      structure: off\n",
                        known, defaults(), c),
            std::nullopt);
  const FileSettings draft = resolve_settings(c, "/proj/drafts/deep/a.md");
  EXPECT_EQ(draft.lang, "zh");
  EXPECT_EQ(draft.severity("structure.empty-answer", Severity::warning), Severity::off);
  const FileSettings final_doc = resolve_settings(c, "/proj/final/a.md");
  EXPECT_FALSE(final_doc.lang);
  EXPECT_EQ(final_doc.severity("structure.empty-answer", Severity::warning), Severity::warning);
}

TEST(Glob, Matches) {
  EXPECT_TRUE(glob_match("*.md", "a.md"));
  EXPECT_TRUE(glob_match("*.md", "deep/a.md"));
  EXPECT_TRUE(glob_match("drafts/*", "drafts/x/y.md"));
  EXPECT_TRUE(glob_match("a?.md", "ab.md"));
  EXPECT_FALSE(glob_match("drafts/*", "final/drafts.md"));
  EXPECT_FALSE(glob_match("a?.md", "a.md"));
}

}  // namespace
}  // namespace qadeck
