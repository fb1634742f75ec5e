#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/file_walker.h"
#include "test_support.h"

namespace qadeck {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDir;

std::vector<std::string> relative(const ScratchDir& dir, const std::vector<std::string>& files) {
  std::vector<std::string> out;
  for (const std::string& f : files) out.push_back(fs::path(f).lexically_relative(dir.path()).string());
  return out;
}

bool have_git() { return std::system("git --version >/dev/null 2>&1") == 0; }

TEST(IsMarkdownPath, Extensions) {
  EXPECT_TRUE(is_markdown_path("a.md"));
  EXPECT_TRUE(is_markdown_path("dir/b.markdown"));
  EXPECT_FALSE(is_markdown_path("c.txt"));
  EXPECT_FALSE(is_markdown_path("md"));
  EXPECT_FALSE(is_markdown_path("d.mdx"));
}

TEST(FileWalker, WalksAFolderOutsideGit) {
  const ScratchDir dir;
  dir.write("b.md", "b");
  dir.write("a.markdown", "a");
  dir.write("notes.txt", "n");
  dir.write("sub/deeper/c.md", "c");
  dir.write(".hidden/d.md", "d");
  const WalkResult result = collect_markdown_files({dir.path().string()});
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(relative(dir, result.files),
            (std::vector<std::string>{"a.markdown", "b.md", "sub/deeper/c.md"}));
}

TEST(FileWalker, NamedFilesAreTakenAsTheyAre) {
  const ScratchDir dir;
  const std::string txt = dir.write("notes.txt", "n");
  const std::string md = dir.write("a.md", "a");
  const WalkResult result = collect_markdown_files({txt, md, md});
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(relative(dir, result.files), (std::vector<std::string>{"a.md", "notes.txt"}));
}

TEST(FileWalker, FilesAreSortedAndWithoutDuplicates) {
  const ScratchDir dir;
  dir.write("z.md", "z");
  const std::string a = dir.write("a.md", "a");
  const WalkResult result = collect_markdown_files({dir.path().string(), a});
  EXPECT_EQ(relative(dir, result.files), (std::vector<std::string>{"a.md", "z.md"}));
}

TEST(FileWalker, MissingPathIsAnError) {
  const ScratchDir dir;
  const std::string missing = dir.file("missing.md");
  const WalkResult result = collect_markdown_files({missing});
  EXPECT_TRUE(result.files.empty());
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_NE(result.errors[0].find(missing), std::string::npos);
}

TEST(FileWalker, SkipsWhatGitIgnores) {
  if (!have_git()) GTEST_SKIP() << "git is not installed";
  const ScratchDir dir;
  const std::string root = dir.path().string();
  ASSERT_EQ(std::system(("git init -q '" + root + "'").c_str()), 0);
  dir.write(".gitignore", "ignored.md\nbuild/\n");
  dir.write("kept.md", "k");
  dir.write("ignored.md", "i");
  dir.write("build/out.md", "o");
  dir.write("docs/untracked.md", "u");
  const WalkResult result = collect_markdown_files({root});
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(relative(dir, result.files), (std::vector<std::string>{"docs/untracked.md", "kept.md"}));
}

TEST(FileWalker, AnIgnoredFileNamedExplicitlyIsLinted) {
  if (!have_git()) GTEST_SKIP() << "git is not installed";
  const ScratchDir dir;
  ASSERT_EQ(std::system(("git init -q '" + dir.path().string() + "'").c_str()), 0);
  dir.write(".gitignore", "ignored.md\n");
  const std::string ignored = dir.write("ignored.md", "i");
  const WalkResult result = collect_markdown_files({ignored});
  EXPECT_EQ(relative(dir, result.files), (std::vector<std::string>{"ignored.md"}));
}

}  // namespace
}  // namespace qadeck
