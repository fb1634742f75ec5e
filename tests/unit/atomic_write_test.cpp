#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/atomic_write.h"
#include "test_support.h"

namespace qadeck {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDir;
using testing::slurp;

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(AtomicWrite, CreatesANewFile) {
  const ScratchDir dir;
  const std::string path = dir.file("new.md");
  EXPECT_FALSE(write_file_atomically(path, "hello\n").has_value());
  EXPECT_EQ(slurp(path), "hello\n");
  EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"new.md"}));
}

TEST(AtomicWrite, ReplacesContentAndLeavesNoTemporaryFile) {
  const ScratchDir dir;
  const std::string path = dir.write("doc.md", "old content that is longer\n");
  const std::string bytes("new\0bytes\r\n", 11);
  EXPECT_FALSE(write_file_atomically(path, bytes).has_value());
  EXPECT_EQ(slurp(path), bytes);
  EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"doc.md"}));
}

TEST(AtomicWrite, WritesAnEmptyFile) {
  const ScratchDir dir;
  const std::string path = dir.write("doc.md", "something\n");
  EXPECT_FALSE(write_file_atomically(path, "").has_value());
  EXPECT_EQ(fs::file_size(path), 0u);
}

TEST(AtomicWrite, KeepsThePermissionsOfTheReplacedFile) {
  const ScratchDir dir;
  const std::string path = dir.write("doc.md", "old\n");
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_FALSE(write_file_atomically(path, "new\n").has_value());
  const fs::perms perms = fs::status(path).permissions() & fs::perms::mask;
  EXPECT_EQ(perms, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
}

TEST(AtomicWrite, RelativePathInTheCurrentFolder) {
  const ScratchDir dir;
  const fs::path previous = fs::current_path();
  fs::current_path(dir.path());
  const auto error = write_file_atomically("here.md", "x\n");
  fs::current_path(previous);
  EXPECT_FALSE(error.has_value()) << *error;
  EXPECT_EQ(slurp(dir.path() / "here.md"), "x\n");
}

TEST(AtomicWrite, MissingFolderFailsCleanly) {
  const ScratchDir dir;
  const std::string path = dir.file("missing/doc.md");
  const auto error = write_file_atomically(path, "x\n");
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find(path), std::string::npos) << *error;
  EXPECT_FALSE(fs::exists(dir.path() / "missing"));
  EXPECT_TRUE(names_in(dir.path()).empty());
}

TEST(AtomicWrite, FailureLeavesTheTargetAndNoTemporaryFile) {
  // The target is a folder: the rename fails after the temporary file was written.
  const ScratchDir dir;
  dir.write("target.md/inside.md", "keep\n");
  const std::string path = dir.file("target.md");
  const auto error = write_file_atomically(path, "x\n");
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find(path), std::string::npos) << *error;
  EXPECT_TRUE(fs::is_directory(path));
  EXPECT_EQ(slurp(dir.path() / "target.md" / "inside.md"), "keep\n");
  EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"target.md"}));
}

TEST(AtomicWrite, ReadOnlyFolderFailsWithoutTouchingTheFile) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions";
  const ScratchDir dir;
  const std::string path = dir.write("ro/doc.md", "original\n");
  fs::permissions(dir.path() / "ro", fs::perms::owner_read | fs::perms::owner_exec);
  const auto error = write_file_atomically(path, "x\n");
  fs::permissions(dir.path() / "ro", fs::perms::owner_all);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(slurp(path), "original\n");
  EXPECT_EQ(names_in(dir.path() / "ro"), (std::vector<std::string>{"doc.md"}));
}

FileStamp stamp_of(const std::string& path) {
  std::string text;
  FileStamp stamp;
  EXPECT_FALSE(read_file(path, text, stamp).has_value());
  return stamp;
}

TEST(ReplaceIfUnchanged, ReplacesAFileThatIsStillWhatWasRead) {
  const ScratchDir dir;
  const std::string path = dir.write("doc.md", "old\n");
  const FileStamp stamp = stamp_of(path);
  EXPECT_EQ(stamp.size, 4u);
  EXPECT_FALSE(replace_file_if_unchanged(path, "new\n", stamp).has_value());
  EXPECT_EQ(slurp(path), "new\n");
  EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"doc.md"}));
}

TEST(ReplaceIfUnchanged, AnAppendWhileFixingLeavesTheFileWithTheAppend) {
  const ScratchDir dir;
  const std::string path = dir.write("doc.md", "old\n");
  const FileStamp stamp = stamp_of(path);
  // Another program appends after the fix was computed, right before the rename.
  const auto append = [&] {
    std::ofstream out(path, std::ios::app);
    out << "appended by someone else\n";
  };
  const auto error = replace_file_if_unchanged(path, "fixed\n", stamp, append);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("changed while fixing; run again"), std::string::npos) << *error;
  EXPECT_NE(error->find(path), std::string::npos) << *error;
  EXPECT_EQ(slurp(path), "old\nappended by someone else\n");
  EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"doc.md"}));
}

TEST(ReplaceIfUnchanged, ASameSizeRewriteIsAChangeToo) {
  const ScratchDir dir;
  const std::string path = dir.write("doc.md", "aaaa\n");
  const FileStamp stamp = stamp_of(path);
  const auto rewrite = [&] {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "bbbb\n";
  };
  EXPECT_TRUE(replace_file_if_unchanged(path, "fixed\n", stamp, rewrite).has_value());
  EXPECT_EQ(slurp(path), "bbbb\n");
}

TEST(ReplaceIfUnchanged, KeepsOwnerAndGroup) {
  if (geteuid() != 0) GTEST_SKIP() << "only root can give a file to someone else";
  const ScratchDir dir;
  const std::string path = dir.write("doc.md", "old\n");
  ASSERT_EQ(chown(path.c_str(), 65534, 65534), 0);
  const FileStamp stamp = stamp_of(path);
  EXPECT_FALSE(replace_file_if_unchanged(path, "new\n", stamp).has_value());
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 65534u);
  EXPECT_EQ(st.st_gid, 65534u);
  EXPECT_EQ(slurp(path), "new\n");
}

TEST(ReadFile, ReadsBytesExactly) {
  const ScratchDir dir;
  const std::string bytes("\xEF\xBB\xBF" "a\r\nb\0c", 10);
  const std::string path = dir.write("f.md", bytes);
  std::string out;
  EXPECT_FALSE(read_file(path, out).has_value());
  EXPECT_EQ(out, bytes);
}

TEST(ReadFile, MissingFileIsAnErrorNamingIt) {
  const ScratchDir dir;
  const std::string path = dir.file("nope.md");
  std::string out = "unchanged";
  const auto error = read_file(path, out);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find(path), std::string::npos) << *error;
  EXPECT_EQ(out, "unchanged");
}

}  // namespace
}  // namespace qadeck
