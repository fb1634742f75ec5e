// Which files a document links to, and which files of a set link into changed ones.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/local_links.h"
#include "test_support.h"

namespace qadeck {
namespace {

namespace fs = std::filesystem;
using testing::Parsed;
using testing::ScratchDir;

std::string abs(const std::string& p) { return fs::absolute(p).lexically_normal().string(); }

TEST(LocalLinkTargets, ResolvesRelativeLinksAgainstTheDocumentsFolder) {
  const Parsed doc(
      "See [a](other.md#intro), ![img](../img/x.png), [b](<with space.md>),\n"
      "[c](sub/c%20d.md?plain=1), <a href=\"html.md\">h</a>, [ref][r].\n\n"
      "[r]: ref.md\n",
      {}, "notes/qa.md");
  EXPECT_EQ(local_link_targets(doc.doc()),
            (std::vector<std::string>{abs("img/x.png"), abs("notes/html.md"),
                                      abs("notes/other.md"), abs("notes/ref.md"),
                                      abs("notes/sub/c d.md"), abs("notes/with space.md")}));
}

TEST(LocalLinkTargets, LeavesOutUrlsAnchorsAndSiteAbsolutePaths) {
  const Parsed doc(
      "[w](https://example.com/a.md) [m](mailto:x@y.z) [p](//host/a.md) [s](/docs/a.md)\n"
      "[here](#intro) https://example.com/b.md\n",
      {}, "qa.md");
  EXPECT_TRUE(local_link_targets(doc.doc()).empty());
}

TEST(LocalLinkTargets, IgnoresLinksInsideCode) {
  const Parsed doc("`[a](a.md)`\n\n```\n[b](b.md)\n```\n", {}, "qa.md");
  EXPECT_TRUE(local_link_targets(doc.doc()).empty());
}

TEST(FilesLinkingInto, FindsTheDocumentsThatPointAtATarget) {
  ScratchDir dir;
  const std::string a = dir.write("a.md", "[to c](c.md#answer)\n");
  const std::string b = dir.write("b.md", "no links, but the name c.md in prose\n");
  const std::string d = dir.write("sub/d.md", "[up](../c.md)\n");
  const std::string e = dir.write("e.md", "[elsewhere](other/c.md)\n");
  const std::string f = dir.write("f.md", "`[code](c.md)`\n");
  const std::vector<std::string> targets{dir.file("c.md")};
  EXPECT_EQ(files_linking_into({a, b, d, e, f}, targets), (std::vector<std::string>{a, d}));
  EXPECT_TRUE(files_linking_into({a, b, d}, {}).empty());
}

TEST(FilesLinkingInto, SkipsFilesItCannotRead) {
  ScratchDir dir;
  const std::string bad = dir.write("bad.md", std::string("[x](c.md)\0", 10));
  EXPECT_TRUE(files_linking_into({bad, dir.file("missing.md")}, {dir.file("c.md")}).empty());
}

}  // namespace
}  // namespace qadeck
