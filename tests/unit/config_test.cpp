#include "core/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/text.h"

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

// What loading `text` as x.yml over the defaults says; nullopt when it loads.
std::optional<std::string> load_error(std::string_view text) {
  Config c;
  return load_config("x.yml", text, known, defaults(), c);
}

TEST(Config, DuplicateKeysAreErrors) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"lang: en\nlang: zh\n", "2:1: duplicate key 'lang' (first at line 1)"},
      {"rules:\n  numbering: off\n  numbering: error\n",
       "3:3: duplicate key 'numbering' (first at line 2)"},
      {"overrides:\n  - files: [a]\n    lang: en\n    lang: zh\n",
       "4:5: duplicate key 'lang' (first at line 3)"},
      {"links: {check: all, check: off}\n", "1:21: duplicate key 'check' (first at line 1)"},
  };
  for (const auto& [text, error] : cases)
    EXPECT_EQ(load_error(text), "x.yml:" + std::string(error));
  // The same key in two mappings is no repetition.
  EXPECT_EQ(load_error("overrides:\n  - files: [a]\n  - files: [b]\n"), std::nullopt);
}

TEST(Config, TabsInIndentationAreNamed) {
  const std::string named = "; YAML indents with spaces";
  EXPECT_EQ(load_error("rules:\n\tnumbering: off\n"),
            "x.yml:2:1: not valid YAML: tab character at line 2 column 1" + named);
  EXPECT_EQ(load_error("links:\n  check: all\n  \ttimeout: 5s\n"),
            "x.yml:3:3: not valid YAML: tab character at line 3 column 3" + named);
  // A tab inside a value is no indentation.
  EXPECT_EQ(load_error("paths: [\"a\tb\"]\n"), std::nullopt);
}

TEST(Config, FolderOfAConfigFile) {
  EXPECT_EQ(config_folder("p/.qadeck.yml"), "p");
  EXPECT_EQ(config_folder("p/.qadeck.yaml"), "p");
  EXPECT_EQ(config_folder("p/.config/qadeck.yml"), "p");
  Config c;
  ASSERT_EQ(load_config("p/.config/qadeck.yaml", "paths: [notes]\n", known, defaults(), c),
            std::nullopt);
  EXPECT_EQ(c.dir, "p");
}

class ConfigFinderTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("qadeck-config-finder-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "a" / ".config");
    std::filesystem::create_directories(root_ / "a" / "b" / ".config");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void touch(const std::filesystem::path& relative) { std::ofstream(root_ / relative) << "{}\n"; }
  std::optional<std::string> find(const std::string& relative) {
    return finder_.find((root_ / relative).string());
  }
  std::string at(const std::string& relative) { return (root_ / relative).string(); }

  std::filesystem::path root_;
  std::vector<std::string> warnings_;
  ConfigFinder finder_{[this](const std::string& w) { warnings_.push_back(w); }};
};

TEST_F(ConfigFinderTest, EveryNameIsFoundWalkingUp) {
  for (const std::string_view name : config_file_names) {
    SCOPED_TRACE(name);
    ConfigFinder finder([](const std::string&) {});
    touch(std::filesystem::path("a") / name);
    EXPECT_EQ(finder.find(at("a/b/doc.md")), at("a/" + std::string(name)));
    std::filesystem::remove(root_ / "a" / name);
  }
}

TEST_F(ConfigFinderTest, TheFirstNameInAFolderWinsAndTheOthersAreWarnedAboutOnce) {
  touch("a/b/.config/qadeck.yml");
  touch("a/b/.qadeck.yaml");
  touch("a/.qadeck.yml");
  EXPECT_EQ(find("a/b/doc.md"), at("a/b/.qadeck.yaml"));
  EXPECT_EQ(find("a/b/other.md"), at("a/b/.qadeck.yaml"));
  EXPECT_EQ(find("a/doc.md"), at("a/.qadeck.yml"));
  // The nearest folder's file governs: one further up is not merged, and not warned about.
  ASSERT_EQ(warnings_.size(), 1u);
  EXPECT_EQ(warnings_[0], at("a/b/.config/qadeck.yml") + ": ignored, as " + at("a/b/.qadeck.yaml") +
                              " in the same folder is used");
}

TEST_F(ConfigFinderTest, NoneAnywhere) {
  std::filesystem::create_directories(root_ / "a" / "b" / ".config" / "qadeck.yml");
  // (A folder of that name is no configuration file; the tree above the temporary folder may
  // hold one, so only this folder's own answer is checked.)
  const auto found = find("a/b/doc.md");
  EXPECT_TRUE(!found || !found->starts_with(root_.string())) << *found;
}

TEST(ClosestMatch, SuggestsOnlyNearNames) {
  const std::vector<std::string_view> commands = {"lint", "inspect", "init", "rules", "export"};
  EXPECT_EQ(closest_match("lnt", commands), "lint");
  EXPECT_EQ(closest_match("exprot", commands), "export");
  EXPECT_EQ(closest_match("rule", commands), "rules");
  EXPECT_EQ(closest_match("frobnicate", commands), std::nullopt);
  EXPECT_EQ(closest_match("x", commands), std::nullopt);
  EXPECT_EQ(closest_match("numbring", {"numbering", "numbering.gap"}), "numbering");
}

}  // namespace
}  // namespace qadeck
