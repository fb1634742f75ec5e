// The lint cache: entries come back only for the same text, settings and build; anything
// stale, torn or corrupt is ignored, never trusted.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "core/atomic_write.h"
#include "core/hash.h"
#include "core/lint_cache.h"
#include "core/lint_runner.h"
#include "rules/registry.h"
#include "test_support.h"

namespace qadeck {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDir;
using testing::slurp;

TEST(Hash, DependsOnEveryByteAndTheLength) {
  std::set<std::pair<uint64_t, uint64_t>> seen;
  std::string text;
  // Every length up to a few blocks, so that each tail size is covered.
  for (int n = 0; n < 70; ++n) {
    const Hash128 h = hash_bytes(text);
    EXPECT_TRUE(seen.insert({h.low, h.high}).second) << "length " << n;
    text += static_cast<char>('a' + n % 26);
  }
  text.push_back('\0');
  EXPECT_NE(hash_bytes(text), hash_bytes(text.substr(0, text.size() - 1)));
  const std::string base(100, 'x');
  for (size_t i = 0; i < base.size(); ++i) {
    std::string flipped = base;
    flipped[i] = 'y';
    EXPECT_NE(hash_bytes(flipped), hash_bytes(base)) << "byte " << i;
  }
}

TEST(Hash, IsStableAcrossRuns) {
  // Cache entries written by one run are read by the next: the hash must not be seeded.
  EXPECT_EQ(hash_bytes("qadeck").hex(), hash_bytes("qadeck").hex());
  EXPECT_EQ(hash_bytes("qadeck").hex().size(), 32u);
}

TEST(Hasher, FieldsAreDelimited) {
  EXPECT_NE(Hasher().add("ab").add("c").finish(), Hasher().add("a").add("bc").finish());
  EXPECT_EQ(Hasher().add("ab").add(1).finish(), Hasher().add("ab").add(1).finish());
}

std::vector<Diagnostic> sample_diagnostics() {
  Diagnostic plain;
  plain.rule = "structure.duplicate-question";
  plain.severity = Severity::warning;
  plain.range = {0, 3};
  plain.message = "asked twice";
  Diagnostic fixable;
  fixable.rule = "numbering.gap";
  fixable.severity = Severity::error;
  fixable.range = {5, 6};
  fixable.message = "question 3 skips ahead: expected 2";
  fixable.fix = Fix{"renumber", {{{5, 6}, "2"}, {{8, 9}, ""}}, Applicability::safe};
  return {plain, fixable};
}

void expect_same(const std::vector<Diagnostic>& a, const std::vector<Diagnostic>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].rule, b[i].rule);
    EXPECT_EQ(a[i].severity, b[i].severity);
    EXPECT_EQ(a[i].range, b[i].range);
    EXPECT_EQ(a[i].message, b[i].message);
    ASSERT_EQ(a[i].fix.has_value(), b[i].fix.has_value());
    if (!a[i].fix) continue;
    EXPECT_EQ(a[i].fix->title, b[i].fix->title);
    EXPECT_EQ(a[i].fix->edits, b[i].fix->edits);
    EXPECT_EQ(a[i].fix->applicability, b[i].fix->applicability);
  }
}

const std::string text = "abc\n3. x\n\n";

TEST(LintCache, ReturnsWhatWasStored) {
  ScratchDir dir;
  const LintCache cache(dir.file("cache"), "build-1");
  EXPECT_FALSE(cache.load("qa.md", "rules", text));
  cache.store("qa.md", "rules", text, sample_diagnostics(), {});
  const auto loaded = cache.load("qa.md", "rules", text);
  ASSERT_TRUE(loaded);
  expect_same(loaded->diagnostics, sample_diagnostics());
  // What the run compares with other files' questions is kept with the entry.
  cache.store("qa.md", "rules", text, {}, {},
              {{"x", {4, 8}}, {"y", {0, 3}, true, false, true, 0.75}});
  const auto questions = cache.load("qa.md", "rules", text);
  ASSERT_TRUE(questions);
  ASSERT_EQ(questions->questions.size(), 2u);
  EXPECT_EQ(questions->questions[0].key, "x");
  EXPECT_EQ(questions->questions[0].range, (ByteRange{4, 8}));
  EXPECT_FALSE(questions->questions[0].term || questions->questions[0].duplicate_suppressed ||
               questions->questions[0].similar_suppressed);
  const QuestionRef& y = questions->questions[1];
  EXPECT_TRUE(y.term && !y.duplicate_suppressed && y.similar_suppressed);
  EXPECT_EQ(y.similarity_threshold, 0.75);
  // An empty result is a result too.
  cache.store("clean.md", "rules", "", {}, {});
  const auto clean = cache.load("clean.md", "rules", "");
  ASSERT_TRUE(clean);
  EXPECT_TRUE(clean->diagnostics.empty());
}

bool replayable(const std::optional<LintCache::Report>& report) {
  return report && report->unchanged;
}

void store_report(const LintCache& cache, const Hash128& slot, const Hash128& inputs,
                  int exit_code, std::string_view bytes,
                  const std::vector<LintCache::ReportFile>& files,
                  const std::vector<std::string>& dependencies) {
  LintCache::ReportRecorder recorder(cache, slot, inputs);
  recorder.append(bytes);
  recorder.commit(exit_code, files, dependencies);
}

// A link target's findings (link.file, link.anchor) change with the target: an entry is used
// only while each file it depends on is as it was, including still absent or still a folder.
TEST(LintCache, IgnoresAnEntryWhoseDependencyChanged) {
  ScratchDir dir;
  // Each step is its own run: a run reads each dependency once (see the next test).
  const auto run = [&] { return LintCache(dir.file("cache"), "build-1"); };
  const std::string target = dir.write("target.md", "# Title\n");
  const std::string missing = dir.file("missing.md");
  const std::string folder = dir.file("folder");
  std::filesystem::create_directory(folder);
  run().store("qa.md", "rules", text, sample_diagnostics(), {target, missing, folder});
  const auto loaded = run().load("qa.md", "rules", text);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->dependencies, (std::vector<std::string>{target, missing, folder}));

  dir.write("target.md", "# Other title\n");
  EXPECT_FALSE(run().load("qa.md", "rules", text));
  run().store("qa.md", "rules", text, sample_diagnostics(), {target, missing, folder});
  dir.write("missing.md", "now here\n");
  EXPECT_FALSE(run().load("qa.md", "rules", text));
  run().store("qa.md", "rules", text, sample_diagnostics(), {target, missing, folder});
  std::filesystem::remove(folder);
  EXPECT_FALSE(run().load("qa.md", "rules", text));

  const Hash128 slot = hash_bytes("slot");
  const Hash128 inputs = hash_bytes("inputs");
  store_report(run(), slot, inputs, 0, "", {}, {target});
  EXPECT_TRUE(replayable(run().load_report(slot, inputs)));
  dir.write("target.md", "# Third title\n");
  EXPECT_FALSE(replayable(run().load_report(slot, inputs)));
}

// A run reads each dependency once, however many entries name it, until it rewrites a file.
TEST(LintCache, ReadsADependencyOncePerRunUntilTheRunRewritesAFile) {
  ScratchDir dir;
  const LintCache cache(dir.file("cache"), "build-1");
  const std::string target = dir.write("target.md", "# Title\n");
  cache.store("a.md", "rules", text, sample_diagnostics(), {target});
  cache.store("b.md", "rules", text, sample_diagnostics(), {target});
  dir.write("target.md", "# Other title\n");
  EXPECT_TRUE(cache.load("a.md", "rules", text));
  EXPECT_TRUE(cache.load("b.md", "rules", text));
  cache.forget_states();
  EXPECT_FALSE(cache.load("a.md", "rules", text));
  EXPECT_FALSE(cache.load("b.md", "rules", text));
  EXPECT_FALSE(LintCache(dir.file("cache"), "build-1").load("a.md", "rules", text));
}

TEST(LintCache, IgnoresAnotherTextSettingsBuildOrPath) {
  ScratchDir dir;
  const LintCache cache(dir.file("cache"), "build-1");
  cache.store("qa.md", "rules", text, sample_diagnostics(), {});
  std::string edited = text;
  edited[1] = 'X';
  EXPECT_FALSE(cache.load("qa.md", "rules", edited));
  EXPECT_FALSE(cache.load("qa.md", "rules", text + " "));
  EXPECT_FALSE(cache.load("qa.md", "other rules", text));
  EXPECT_FALSE(cache.load("other.md", "rules", text));
  EXPECT_FALSE(LintCache(dir.file("cache"), "build-2").load("qa.md", "rules", text));
  EXPECT_TRUE(cache.load("qa.md", "rules", text));
}

// Every entry file in the cache folder.
std::vector<fs::path> entries(const ScratchDir& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir.file("cache"))) out.push_back(e.path());
  return out;
}

TEST(LintCache, IgnoresEveryCorruptedOrTruncatedEntry) {
  ScratchDir dir;
  const LintCache cache(dir.file("cache"), "build-1");
  cache.store("qa.md", "rules", text, sample_diagnostics(), {});
  ASSERT_EQ(entries(dir).size(), 1u);
  const fs::path entry = entries(dir)[0];
  const std::string good = slurp(entry);
  // Each byte flipped, and each length cut short: never trusted, never a crash.
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x5a);
    dir.write(entry.lexically_relative(dir.path()).string(), bad);
    EXPECT_FALSE(cache.load("qa.md", "rules", text)) << "flipped byte " << i;
  }
  for (size_t n = 0; n < good.size(); ++n) {
    dir.write(entry.lexically_relative(dir.path()).string(), good.substr(0, n));
    EXPECT_FALSE(cache.load("qa.md", "rules", text)) << "cut to " << n;
  }
  dir.write(entry.lexically_relative(dir.path()).string(), good);
  EXPECT_TRUE(cache.load("qa.md", "rules", text));
}

TEST(LintCache, ChecksSpansAgainstTheText) {
  // A span that no longer fits the text (a hash collision, in theory) is not handed to the
  // reports, which would read past the text.
  ScratchDir dir;
  const LintCache cache(dir.file("cache"), "build-1");
  std::vector<Diagnostic> wide = sample_diagnostics();
  wide[0].range = {0, 500};
  cache.store("qa.md", "rules", text, wide, {});
  EXPECT_FALSE(cache.load("qa.md", "rules", text));
  const std::string utf8 = "é";
  std::vector<Diagnostic> split = sample_diagnostics();
  split.resize(1);
  split[0].range = {1, 2};
  cache.store("u.md", "rules", utf8, split, {});
  EXPECT_FALSE(cache.load("u.md", "rules", utf8));
}

TEST(LintCache, ReplaysAReportOnlyForTheSameInputs) {
  ScratchDir dir;
  const LintCache cache(dir.file("cache"), "build-1");
  const Hash128 slot = hash_bytes("slot");
  const Hash128 inputs = hash_bytes("inputs");
  EXPECT_FALSE(replayable(cache.load_report(slot, inputs)));
  store_report(cache, slot, inputs, 1, "qa.md:1:1: error\n", {}, {});
  const auto report = cache.load_report(slot, inputs);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->exit_code, 1);
  EXPECT_EQ(report->bytes, "qa.md:1:1: error\n");
  EXPECT_FALSE(replayable(cache.load_report(slot, hash_bytes("other inputs"))));
  EXPECT_FALSE(replayable(LintCache(dir.file("cache"), "build-2").load_report(slot, inputs)));
}

// A report stands for the files it was made from as they were read: an edit that keeps the
// size (and, within the file system's clock tick, the mtime) is seen, and so is one undone.
TEST(LintCache, ReplaysAReportOnlyWhileItsFilesAreUnchanged) {
  ScratchDir dir;
  const auto run = [&] { return LintCache(dir.file("cache"), "build-1"); };
  const std::string qa = dir.write("qa.md", "1. Q?\n\nA.\n");
  std::string read;
  FileStamp stamp;
  ASSERT_FALSE(read_file(qa, read, stamp));
  const Hash128 slot = hash_bytes("slot");
  const Hash128 inputs = hash_bytes("inputs");
  store_report(run(), slot, inputs, 0, "report", {{qa, stamp, {}, 0, 0}}, {});
  EXPECT_TRUE(replayable(run().load_report(slot, inputs)));
  dir.write("qa.md", "1. Q!\n\nA.\n");
  EXPECT_FALSE(replayable(run().load_report(slot, inputs)));
  dir.write("qa.md", "1. Q?\n\nA.\n");
  EXPECT_TRUE(replayable(run().load_report(slot, inputs)));
  std::filesystem::remove(qa);
  EXPECT_FALSE(replayable(run().load_report(slot, inputs)));
  // A stamp from long ago that the file no longer has: its content decides.
  dir.write("qa.md", "1. Q?\n\nA.\n");
  FileStamp old = stamp;
  old.mtime_ns = old.ctime_ns = 1'000'000'000;
  store_report(run(), slot, inputs, 0, "report", {{qa, old, {}, 0, 0}}, {});
  EXPECT_TRUE(replayable(run().load_report(slot, inputs)));
  old.hash = hash_bytes("other text");
  store_report(run(), slot, inputs, 0, "report", {{qa, old, {}, 0, 0}}, {});
  EXPECT_FALSE(replayable(run().load_report(slot, inputs)));
}

// A report's bytes reach its file as they come; until commit() nothing is stored, and a
// report whose recording was abandoned leaves neither a report nor a temporary file.
TEST(LintCache, RecordsAReportPieceByPiece) {
  ScratchDir dir;
  const LintCache cache(dir.file("cache"), "build-1");
  const Hash128 slot = hash_bytes("slot");
  const Hash128 inputs = hash_bytes("inputs");
  std::string expected;
  {
    LintCache::ReportRecorder recorder(cache, slot, inputs);
    for (int i = 0; i < 100'000; ++i) {
      const std::string line = "qa.md:" + std::to_string(i) + ":1: error\n";
      recorder.append(line);
      expected += line;
    }
    EXPECT_FALSE(replayable(cache.load_report(slot, inputs)));
    recorder.commit(1, {}, {});
  }
  const auto report = cache.load_report(slot, inputs);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->bytes, expected);
  { LintCache::ReportRecorder abandoned(cache, hash_bytes("other slot"), inputs); }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.file("cache")), fs::directory_iterator()), 1);
}

TEST(LintCache, AnUnwritableFolderOnlyCostsTime) {
  ScratchDir dir;
  dir.write("cache", "a file where the folder should be");
  const LintCache cache(dir.file("cache"), "build-1");
  cache.store("qa.md", "rules", text, sample_diagnostics(), {});
  EXPECT_FALSE(cache.load("qa.md", "rules", text));
}

TEST(BuildIdentity, NamesTheVersionAndThisBuild) {
  const std::string id = build_identity("1.2.3");
  EXPECT_TRUE(id.starts_with("1.2.3+")) << id;
  EXPECT_GT(id.size(), std::string("1.2.3+").size() + 8) << id;
  EXPECT_EQ(id, build_identity("1.2.3"));
}

std::vector<ConfiguredRule> numbering_rules() {
  std::vector<ConfiguredRule> rules;
  for (const auto& rule : builtin_rules()) {
    if (selects_rule("numbering", rule->info().id)) rules.push_back({rule.get(), Severity::error});
  }
  return rules;
}

TEST(LintFilesWithCache, FixStillAppliesWhatTheCacheHasPending) {
  // A plain lint stores the gap with its safe fix; --fix must then fix the file, not just
  // replay the stored diagnostics.
  ScratchDir dir;
  const LintCache cache(dir.file("cache"), "build-1");
  const std::string gap = "**1. What?**\n\nA.\n\n**3. Why?**\n\nB.\n";
  const std::string path = dir.write("qa.md", gap);
  const Linter linter(numbering_rules());
  LintRunOptions options;
  options.cache = &cache;
  const std::vector<FileJob> jobs{{path, &linter, {}, "numbering"}};
  ASSERT_EQ(lint_files(jobs, options)[0].diagnostics.size(), 1u);
  ASSERT_EQ(lint_files(jobs, options)[0].diagnostics.size(), 1u);  // from the cache
  options.fix = true;
  const auto fixed = lint_files(jobs, options);
  EXPECT_EQ(fixed[0].fixes_applied, 1);
  EXPECT_TRUE(fixed[0].diagnostics.empty());
  EXPECT_EQ(slurp(path), "**1. What?**\n\nA.\n\n**2. Why?**\n\nB.\n");
  options.fix = false;
  EXPECT_TRUE(lint_files(jobs, options)[0].diagnostics.empty());
}

}  // namespace
}  // namespace qadeck
