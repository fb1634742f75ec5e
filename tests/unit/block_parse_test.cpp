// The block parser's fast mode joins the words of each line before the grammar sees them,
// and it parses a long text in chunks. These tests show both yield exactly the blocks of
// the text as written, parsed at once, on every Markdown file the project has: the
// fixtures, the real-world files, the seed, generated corpora, and look-alikes of each
// construct whose spaces matter.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "core/blocks.h"
#include "core/front_matter.h"
#include "test_support.h"

namespace qadeck {
namespace {

namespace fs = std::filesystem;

std::string describe(const Block& b, std::string_view text) {
  const auto show = [&](ByteRange r) {
    return std::to_string(r.begin) + "-" + std::to_string(r.end) + " '" +
           std::string(r.in(text).substr(0, 40)) + "'";
  };
  return "kind " + std::to_string(static_cast<int>(b.kind)) + " range " + show(b.range) +
         " parent " + std::to_string(b.parent) + " level " + std::to_string(b.heading_level) +
         " content " + show(b.content) + " marker " + show(b.marker) +
         (b.ordered ? " ordered" : "");
}

// Parses the text both ways and reports the first block that differs.
void expect_same_blocks(const std::string& text, const std::string& name) {
  const SourceFile source(name, text);
  size_t body = source.content_begin();
  try {
    const FrontMatter fm = parse_front_matter(source.text(), body);
    if (fm.present) body = fm.range.end;
  } catch (const InputError&) {
    // Broken front matter is parsed as body text, as the bad-input cases do.
  }
  // Whole: one parse of the text; chunked: cut at every place parse_blocks may cut.
  constexpr size_t whole = std::numeric_limits<size_t>::max();
  const std::vector<Block> fast = parse_blocks(text, body, BlockParse::fast, whole);
  const std::vector<Block> exact = parse_blocks(text, body, BlockParse::exact, whole);
  const std::vector<Block> chunked = parse_blocks(text, body, BlockParse::fast, 1);
  for (const auto* other : {&exact, &chunked}) {
    const std::string how = other == &exact ? "exact" : "chunked";
    ASSERT_EQ(fast.size(), other->size()) << name << ", " << how;
    for (size_t i = 0; i < fast.size(); ++i) {
      ASSERT_EQ(describe(fast[i], text), describe((*other)[i], text))
          << name << ", " << how << ", block " << i;
    }
  }
}

void expect_same_blocks_each(const std::vector<std::string>& cases, const std::string& label) {
  for (size_t i = 0; i < cases.size(); ++i) expect_same_blocks(cases[i], label + std::to_string(i));
}

std::vector<fs::path> markdown_files(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".md") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(BlockParse, FixturesGiveTheSameBlocks) {
  const auto files = markdown_files(QADECK_FIXTURES_DIR);
  ASSERT_GT(files.size(), 50u);
  for (const auto& f : files) expect_same_blocks(testing::slurp(f), f.string());
}

TEST(BlockParse, RealWorldFilesAndTheSeedGiveTheSameBlocks) {
  std::vector<fs::path> files = markdown_files(fs::path(QADECK_SHARED_DIR) / "realworld");
  ASSERT_GE(files.size(), 8u);
  files.push_back(fs::path(QADECK_SHARED_DIR) / "seed" / "deep-learning-qa.md");
  for (const auto& f : files) expect_same_blocks(testing::slurp(f), f.string());
}

TEST(BlockParse, GeneratedCorporaGiveTheSameBlocks) {
  const testing::ScratchDir dir;
  for (const char* seed : {"1", "2", "3"}) {
    const std::string out = dir.file(std::string("corpus-") + seed);
    const std::string command = "python3 '" QADECK_SHARED_DIR "/tools/gen_corpus.py' --out '" +
                                out + "' --files 2 --questions 400 --defect-rate 0.05 --traps" +
                                " --seed " + seed + " > /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    for (const auto& f : markdown_files(out)) expect_same_blocks(testing::slurp(f), f.string());
  }
}

// Each case is a construct whose spaces decide its block, next to its look-alikes.
TEST(BlockParse, ConstructsWhoseSpacesMatterGiveTheSameBlocks) {
  const std::vector<std::string> cases = {
      "# Heading with words #\n## Closed heading ##   \n#not a heading\n",
      "Setext heading text\n===\n\nAnother one here\n- - -\n* * *\n_ _ _\n",
      "- item one\n- [ ] task box\n- [x] done box\n-not a list\n1. first item\n2) second item\n",
      "> quoted words here\n>no space quote\n> > nested quote words\n> - list in quote\n",
      "<p align=\"justify\">\ntext after the tag\n\n<b>1. Bold question here</b><br>\nanswer\n",
      "<div class=\"a b\" id=\"x\">\n\n<a href=\"x\" title=\"two words\">\n\n<input disabled checked>\n",
      "<a href=\"x\"> trailing words\n\n<span class=\"a\">text</span> more text\n",
      "<!-- a comment with words\nspanning lines -->\nafter the comment\n",
      "<script type=\"text/x\">\nvar a = b;\n</script>\nafter the script\n",
      "<textarea>\nsome te tarea words\n</textarea>\nafter\n",
      "<? processing words ?>\nafter\n\n<![CDATA[ data words ]]>\nafter\n",
      "[foo]: /url \"title words\"\n[bar]: /url 'title' trailing words\n[baz bar]:\n  /url\n",
      "| col one | col two |\n| --- | :---: |\n| cell a b | cell c |\n\nnot | a table\n",
      "```python extra words\ncode with words\n```\n\n~~~ tilde fence\nmore code\n~~~\n",
      "    indented code with words\n    more code\n\nparagraph words\n",
      "Paragraph with a hard break  \nnext line words\\\nand more\n",
      "- item\n\n  continued paragraph words\n\n      indented code in item\n",
      "1. item one words\n   - nested item words\n     > quote in nested\n",
      "Text with $math a b$ and `code span words` and <em>html words</em>.\n",
      "***\n---\n___\nparagraph\n---\nsetext two\n",
      "Term words\n: definition words\n\n{:toc}\n* TOC\n{:.class}\n",
      "<details>\n<summary>Summary words</summary>\n\nanswer words\n</details>\n",
      "<b>1. Bold question</b><br>\nanswer <i>words</i><br><br>\n\n<br>\n\n<br><br>\n<B>x</B>\n",
      "<!DOCTYPE html\nstill in the block <b>x</b> y\nafter <br>\n\n<!X\n<b>only tags</b><br>\nz\n",
      "<b>\n\n<span>\ntext\n</span>\n\n<br>   \ntext <em>a</em>\n- <b>item</b> words\n",
      "<b>#</b> not a heading\n<b>- not a list</b>\n<b>1.</b> not a list\n",
  };
  expect_same_blocks_each(cases, "case ");
}

// Each case has a blank line followed by a line in the first column inside a block that
// goes on past it, or next to one, where a chunk must not end.
TEST(BlockParse, BlocksThatGoOnPastABlankLineGiveTheSameBlocks) {
  const std::vector<std::string> cases = {
      "```\ncode\n\nnot a paragraph\n\n# not a heading\n```\n\nparagraph\n",
      "text\n\n~~~~\n\n~~~\nstill code\n\n~~~~\n\n# heading\n",
      "```\nnever closed\n\nmore\n\nand more\n",
      "<!--\ncomment\n\n# not a heading\n\n-->\n\nafter\n",
      "<pre>\npre\n\ntext\n\n</pre>\n\n<script>\nx\n\ny\n</script>\n\nz\n",
      "<?\nprocessing\n\ninstruction ?>\n\n<![CDATA[\n\ndata\n\n]]>\n\n<!X\n\nd >\n\ne\n",
      "<div>\nblock\n\n</div>\n\n<p>\ntext\n\nafter\n",
      "- one\n\n- two\n\nafter the list\n\n1. one\n\n2. two\n\n10) ten\n\ntext\n",
      "> quote\n\n> another\n\nafter\n\n* star\n\n+ plus\n\ntext\n",
      "- item\n  ```\n  code\n\ntext\n```\nopened here\n\n# inside\n```\n\nend\n",
      "    indented\n\n    more\n\ntext\n\n| a | b |\n| - | - |\n| c | d |\n\ne\n",
      "[ref]: /url\n\n[other]: /url\n  'title'\n\nSetext\n===\n\nSetext\n---\n\nend\n",
  };
  expect_same_blocks_each(cases, "past a blank line ");
}

// The lines read without the grammar (core/plain_blocks.h) next to their look-alikes, which
// the grammar must read: every case is read both ways.
TEST(BlockParse, PlainBlocksAndTheirLookAlikesGiveTheSameBlocks) {
  const std::vector<std::string> cases = {
      "foo bar  \nbaz\t \n\n\nnext\nlast",
      "<p align=\"justify\">\n<b>1. Q</b><br>\nA.<br><br>\n\n<b>2. Q</b><br>\nA\n\n</p>\n",
      "<DIV class=x>\nb\n\n</P>\n\n<p/>\nz\n\n<hr>x\n\n<h1>t</h1>\n\n<divx>\n\n<div\n",
      "## \n\n##  a  b \n\n###### x\n####### y\n\nfoo\n# h\n#\n## a ##\n#\tb\n",
      "<div>\nb\n  ", "<div>\nb\n  \n\nx", "<div>\n> > quote\n- list\n\nafter\n",
      "a\r\nb \r\n\r\n<div>\r\nx\r\n\r\n# h \r\n", "para\n---\n\npara\n===\n",
      "para\n- item\n\npara\n1. item\n\npara\n2. item\n\n2019 was\n1) x\n",
      "para\n> quote\n\npara\n    indented\n\npara\n```\ncode\n```\n",
      "a | b\n- | -\n\nx | y\nz\n", "[ref]: /url\n\ntext [ref]\n\n{:toc}\n$$x$$\n\\[y\\]\n",
      "<b>x</b>\n\n<b>x</b> y\n<span>z</span>\n<b>  \n\n<em>a</em>\n<script>\nx\n</script>\n",
      "\"quoted\" (paren) 'single' !bang &amp; $math$\n\n\u4e2d\u6587 text\n",
      "# h\n<div>\nx\n\n# h\npara\n<div>\n\ntext\n<!-- c\n\n-->\n",
      "para\n<div>\n\npara\n<b>only</b>\n\n<pre>\n\n</pre>\n\npara\n",
      // Type 1 HTML blocks: any of the three end tags ends one, anywhere in a line.
      "<style>\ntable {\n  border: 1px;\n}\n\nth,td {\n  padding: 20px;\n}\n</style>\n\n## 1. A\n",
      "<script src=\"x.js\" type=\"text/javascript\"></script>\n<script>\nvar a = [['$','$']];\n"
      "</script>\ntext\n",
      "<STYLE>\na\n</Style>\n<pre>\nx</pre> after\ny\n<script>\nz\n</style>\nw\n",
      "<script>\nvar s = '</script>';\nafter\n\n<pre\nx\n</pre \ny\n<pre>x</pre\n",
      "<scripts>\nx\n\n<style\ty>\n</stylex>\n</style\n\n<pre/>\n\n<textarea>\nt\n</textarea>\n",
      "<style>\nunclosed\n\n# not a heading\n", "<pre>\nx\n</pre>", "<pre>x</pre>",
      "para\n<style>\nx\n</style>\n", " <style>\nx\n</style>\n",
  };
  expect_same_blocks_each(cases, "plain ");
}

// Random mixes of the lines above: each seed gives 40 documents of 60 lines.
TEST(BlockParse, RandomLineMixesGiveTheSameBlocks) {
  const std::vector<std::string> lines = {
      "", "", "  ", "text words", "more text  ", "<b>1. Q</b><br>", "Solution: A.<br><br>",
      "<p align=\"justify\">", "</p>", "<div>", "## 2. Section", "# h #", "####### x",
      "- item", "  - nested", "1. one", "2) two", "> quote", "    code", "```", "~~~",
      "---", "===", "***", "| a | b |", "| - | - |", "[ref]: /url", "\"title\"", "<!--",
      "-->", "<script>", "</script>", "<?x", "?>", "<b>", "<h2>x</h2>", "$$", "{:toc}",
      "\ttab", "\u4e2d\u6587", "2019 was", "<br>text", "<style>", "</style>", "<pre>x</pre>",
      "x </pre> y", "<script src=\"a\"></script>",
  };
  uint64_t state = 88172645463325252ull;
  const auto next = [&] {  // xorshift64: the same documents on every run
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  std::vector<std::string> cases;
  for (int doc = 0; doc < 400; ++doc) {
    std::string text;
    for (int line = 0; line < 60; ++line) text += lines[next() % lines.size()] + "\n";
    if (next() % 2) text.pop_back();
    cases.push_back(std::move(text));
  }
  expect_same_blocks_each(cases, "mix ");
}

// An editor keeps one memo per document across edits: an edited text gives the blocks of a
// fresh parse, and the memo then holds only the chunks of the latest text.
TEST(BlockParse, AMemoKeptAcrossEditsGivesTheBlocksOfAFreshParse) {
  std::string text;
  for (int i = 1; i <= 40; ++i) {
    text += "## " + std::to_string(i) + ". Section\n\nSome answer text.\n\n- a list\n- b\n\n";
  }
  constexpr size_t chunk = 64;
  BlockMemo memo;
  for (int edit = 0; edit < 6; ++edit) {
    text.insert(text.size() * edit / 6, edit % 2 ? "x" : "```\ncode\n```\n\n");
    const std::vector<Block> fresh = parse_blocks(text, 0, BlockParse::fast, chunk);
    const std::vector<Block> memoized = parse_blocks(text, 0, BlockParse::fast, chunk, &memo);
    memo.forget_unused();
    ASSERT_EQ(fresh.size(), memoized.size()) << "edit " << edit;
    for (size_t i = 0; i < fresh.size(); ++i) {
      ASSERT_EQ(describe(fresh[i], text), describe(memoized[i], text)) << "edit " << edit;
    }
  }
  // A text that shares no chunk leaves only its own chunks; a round with no parse, none. (A
  // list: headings and paragraphs are read without the grammar, so never memoised.)
  const std::string other = "- Other\n\n- text\n";
  const size_t other_chunks = parse_blocks(other, 0, BlockParse::fast, chunk, &memo).empty() ? 0 : 1;
  memo.forget_unused();
  EXPECT_EQ(memo.size(), other_chunks);
  memo.forget_unused();
  EXPECT_EQ(memo.size(), 0u);
}

}  // namespace
}  // namespace qadeck
