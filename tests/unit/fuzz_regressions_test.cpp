// Replays, through the fuzz targets' own bodies, every input ci/fuzz once crashed on
// (tests/fuzz/regressions/<target>/) and the config seeds: none may crash, hang or abort.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../fuzz/fuzz_targets.h"
#include "test_support.h"

namespace qadeck {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs(const std::string& folder) {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(QADECK_FUZZ_DIR) / folder;
  if (!fs::is_directory(dir)) return files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && !e.path().filename().string().starts_with(".")) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void replay(const std::string& folder, void (*target)(const uint8_t*, size_t)) {
  for (const fs::path& file : inputs(folder)) {
    SCOPED_TRACE(file.string());
    const std::string bytes = testing::slurp(file);
    target(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
}

TEST(FuzzRegressions, LintInputs) { replay("regressions/lint", fuzz::lint_one_input); }

TEST(FuzzRegressions, PandocInputs) { replay("regressions/pandoc", fuzz::pandoc_one_input); }

// The pandoc target's seeds are the rule fixtures (as ci/fuzz gives them): its body must hold
// on every one of them.
TEST(FuzzRegressions, PandocSeeds) {
  const fs::path fixtures = fs::path(QADECK_FUZZ_DIR) / ".." / "fixtures" / "rules";
  size_t seen = 0;
  for (const auto& rule : fs::directory_iterator(fixtures)) {
    if (!rule.is_directory()) continue;
    replay("../fixtures/rules/" + rule.path().filename().string(), fuzz::pandoc_one_input);
    ++seen;
  }
  EXPECT_GT(seen, 20u);
}

TEST(FuzzRegressions, ConfigInputs) { replay("regressions/config", fuzz::load_one_config); }

TEST(FuzzRegressions, ConfigSeeds) {
  ASSERT_FALSE(inputs("seeds/config").empty());
  replay("seeds/config", fuzz::load_one_config);
}

TEST(FuzzRegressions, SanitizeInputs) { replay("regressions/sanitize", fuzz::sanitize_one_input); }

// The sanitize target's seeds: the injection vectors the export tests place in cards.
TEST(FuzzRegressions, SanitizeSeeds) {
  const std::string lines = testing::slurp(fs::path(QADECK_FUZZ_DIR) / ".." / "export" / "fixtures" /
                                           "xss-vectors" / "vectors.jsonl");
  size_t seen = 0;
  for (size_t at = 0; at < lines.size();) {
    size_t end = lines.find('\n', at);
    if (end == std::string::npos) end = lines.size();
    if (end > at) {
      const std::string html = nlohmann::json::parse(lines.substr(at, end - at))["html"];
      SCOPED_TRACE(html);
      fuzz::sanitize_one_input(reinterpret_cast<const uint8_t*>(html.data()), html.size());
      ++seen;
    }
    at = end + 1;
  }
  EXPECT_GE(seen, 150u);
}

}  // namespace
}  // namespace qadeck
