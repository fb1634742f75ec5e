// The Q&A extractor on small documents of every question style in DESIGN.md "The Q&A model".
#include <gtest/gtest.h>

#include "test_support.h"

namespace qadeck {
namespace {

using testing::Parsed;

std::string written(const Parsed& p, const Number& n) { return p.str(n.written); }

// What a test expects of one item; answer lines 0 mean "no answer".
struct ExpectedItem {
  int section;
  std::string number;  // as written, "" when unnumbered
  std::string question;
  size_t line;
  size_t answer_line;
  size_t answer_end_line;
};

void expect_items(const Parsed& p, const std::vector<ExpectedItem>& expected) {
  const auto& items = p.doc().items;
  ASSERT_EQ(items.size(), expected.size());
  for (size_t i = 0; i < items.size(); ++i) {
    SCOPED_TRACE("item " + std::to_string(i));
    const Item& item = items[i];
    const ExpectedItem& e = expected[i];
    EXPECT_EQ(item.section, e.section);
    EXPECT_EQ(written(p, item.number), e.number);
    EXPECT_EQ(p.str(item.question), e.question);
    EXPECT_EQ(p.line(item.line.begin), e.line);
    if (e.answer_line == 0) {
      EXPECT_TRUE(item.answer.empty()) << p.str(item.answer);
    } else {
      ASSERT_FALSE(item.answer.empty());
      EXPECT_EQ(p.line(item.answer.begin), e.answer_line);
      EXPECT_EQ(p.end_line(item.answer), e.answer_end_line);
    }
  }
}

TEST(Extractor, HtmlBoldInsideParagraphHtmlBlock) {
  // CommonMark makes `<p align="justify">` and the lines after it one HTML block: the first
  // question of each section must not be lost.
  const Parsed p(
      "# Notes\n"                                         // 1
      "\n"                                                // 2
      "## 1. Basics\n"                                    // 3
      "<p align=\"justify\">\n"                           // 4
      "<b>1. What is a tensor?</b><br>\n"                 // 5
      "Solution: an array.<br><br>\n"                     // 6
      "\n"                                                // 7
      "<b>2. What is a gradient?</b><br>\n"               // 8
      "Solution: a vector of partial derivatives.<br>\n"  // 9
      "It points uphill.<br><br>\n"                       // 10
      "</p>\n"                                            // 11
      "\n"                                                // 12
      "## 2. Training\n"                                  // 13
      "<p align=\"justify\">\n"                           // 14
      "<b>3. What is SGD?</b><br>\n"                      // 15
      "Solution: stochastic gradient descent.<br><br>\n"  // 16
      "</p>\n");                                          // 17
  const auto& sections = p.doc().sections;
  ASSERT_EQ(sections.size(), 2u);  // the single level-1 heading is the title, not a section
  EXPECT_EQ(written(p, sections[0].number), "1");
  EXPECT_EQ(p.str(sections[0].title), "Basics");
  EXPECT_EQ(sections[0].level, 2);
  EXPECT_EQ(p.line(sections[0].heading.begin), 3u);
  EXPECT_EQ(written(p, sections[1].number), "2");
  EXPECT_EQ(p.str(sections[1].title), "Training");

  expect_items(p, {{0, "1", "What is a tensor?", 5, 6, 6},
                   {0, "2", "What is a gradient?", 8, 9, 10},
                   {1, "3", "What is SGD?", 15, 16, 16}});
  const auto& items = p.doc().items;
  for (const Item& item : items) EXPECT_EQ(item.style, QuestionStyle::html_bold);
  EXPECT_EQ(p.str(items[0].answer), "Solution: an array.<br><br>");
  EXPECT_EQ(p.str(items[0].number.last), "1");
  // The closing </p> is markup, not part of the last answer.
  EXPECT_EQ(p.str(items[2].answer), "Solution: stochastic gradient descent.<br><br>");
}

TEST(Extractor, HtmlBoldOnTheWrapperLine) {
  const Parsed p(
      "<p align=\"justify\"><b>1. What is a tensor?</b><br>\n"
      "Solution: an array.<br><br>\n"
      "<b>2. What is a gradient?</b><br>\n"
      "Solution: a vector.<br><br></p>\n");
  expect_items(p, {{-1, "1", "What is a tensor?", 1, 2, 2}, {-1, "2", "What is a gradient?", 3, 4, 4}});
}

TEST(Extractor, HtmlBoldAnswerOnTheQuestionLine) {
  const Parsed p(
      "<b>1. What is a tensor?</b> An array.\n\n"
      "<b>2. What is a gradient?</b> A vector.\n");
  expect_items(p, {{-1, "1", "What is a tensor?", 1, 1, 1}, {-1, "2", "What is a gradient?", 3, 3, 3}});
  EXPECT_EQ(p.str(p.doc().items[0].answer), "An array.");
}

TEST(Extractor, MarkdownBoldNumbered) {
  const Parsed p(
      "**1. What is a tensor?**\n"  // 1
      "\n"                          // 2
      "An array.\n"                 // 3
      "\n"                          // 4
      "**2. What is a gradient?**\n"
      "\n"
      "A vector.\n"
      "More text.\n"  // 8
      "\n"
      "**3. Why?** Because.\n");  // 10
  expect_items(p, {{-1, "1", "What is a tensor?", 1, 3, 3},
                   {-1, "2", "What is a gradient?", 5, 7, 8},
                   {-1, "3", "Why?", 10, 10, 10}});
  for (const Item& item : p.doc().items) EXPECT_EQ(item.style, QuestionStyle::markdown_bold);
  EXPECT_EQ(p.str(p.doc().items[2].answer), "Because.");
  EXPECT_TRUE(p.doc().sections.empty());
}

TEST(Extractor, ADocumentOfOneNumberedBoldQuestion) {
  const Parsed bold(
      "# Tensors\n"                        // 1
      "\n"                                 // 2
      "<b>1. What is a tensor?</b><br>\n"  // 3
      "An array.\n");                      // 4
  expect_items(bold, {{-1, "1", "What is a tensor?", 3, 4, 4}});
  // A lone numbered heading is more likely a section than a question.
  const Parsed heading("## 1. Tensors\n\nAn array.\n");
  EXPECT_TRUE(heading.doc().items.empty());
}

TEST(Extractor, QNumbersWithFullWidthColon) {
  const Parsed p(
      "## Part one\n"                                             // 1
      "\n"                                                        // 2
      "**Q1\xEF\xBC\x9A" "What is a tensor?**\n"                  // 3
      "\n"                                                        // 4
      "An array.\n"                                               // 5
      "\n"                                                        // 6
      "**Q2\xEF\xBC\x9A" "What is a gradient?**\n"                // 7
      "\n"                                                        // 8
      "A vector.\n");                                             // 9
  ASSERT_EQ(p.doc().sections.size(), 1u);
  EXPECT_FALSE(p.doc().sections[0].number.present());
  EXPECT_EQ(p.str(p.doc().sections[0].title), "Part one");
  expect_items(p, {{0, "Q1", "What is a tensor?", 3, 5, 5}, {0, "Q2", "What is a gradient?", 7, 9, 9}});
  EXPECT_EQ(p.doc().items[1].number.prefix, "Q");
  EXPECT_EQ(p.doc().items[1].number.value(), 2);
  EXPECT_EQ(p.str(p.doc().items[1].number.last), "2");
}

TEST(Extractor, QNumbersMixedWithABoldHeadingQuestion) {
  const Parsed p(
      "## \xE7\xAC\xAC\xE4\xB8\x80\xE9\x83\xA8\xE5\x88\x86\n"             // 1 ## 第一部分
      "\n"                                                                 // 2
      "**Q1\xEF\xBC\x9A\xE4\xBB\x80\xE4\xB9\x88\xE6\x98\xAF\xE5\xBC\xA0\xE9\x87\x8F\xEF\xBC\x9F**\n"  // 3 **Q1：什么是张量？**
      "\n"                                                                 // 4
      "\xE7\xAD\x94\xEF\xBC\x9A\xE6\x95\xB0\xE7\xBB\x84\xE3\x80\x82\n"     // 5 答：数组。
      "\n"                                                                 // 6
      "**Q2\xEF\xBC\x9A\xE4\xBB\x80\xE4\xB9\x88\xE6\x98\xAF\xE6\xA2\xAF\xE5\xBA\xA6\xEF\xBC\x9F**\n"  // 7 **Q2：什么是梯度？**
      "\n"                                                                 // 8
      "\xE7\xAD\x94\xEF\xBC\x9A\xE5\x81\x8F\xE5\xAF\xBC\xE6\x95\xB0\xE3\x80\x82\n"  // 9 答：偏导数。
      "\n"                                                                 // 10
      "### **\xE4\xBB\x80\xE4\xB9\x88\xE6\x98\xAF\xE5\x8F\x8D\xE5\x90\x91\xE4\xBC\xA0\xE6\x92\xAD\xEF\xBC\x9F**\n"  // 11 ### **什么是反向传播？**
      "\n"                                                                 // 12
      "\xE7\xAD\x94\xEF\xBC\x9A\xE9\x93\xBE\xE5\xBC\x8F\xE6\xB3\x95\xE5\x88\x99\xE3\x80\x82\n");  // 13 答：链式法则。
  ASSERT_EQ(p.doc().sections.size(), 1u);
  expect_items(p, {{0, "Q1", "\xE4\xBB\x80\xE4\xB9\x88\xE6\x98\xAF\xE5\xBC\xA0\xE9\x87\x8F\xEF\xBC\x9F", 3, 5, 5},
                   {0, "Q2", "\xE4\xBB\x80\xE4\xB9\x88\xE6\x98\xAF\xE6\xA2\xAF\xE5\xBA\xA6\xEF\xBC\x9F", 7, 9, 9},
                   {0, "", "\xE4\xBB\x80\xE4\xB9\x88\xE6\x98\xAF\xE5\x8F\x8D\xE5\x90\x91\xE4\xBC\xA0\xE6\x92\xAD\xEF\xBC\x9F", 11, 13, 13}});
  EXPECT_EQ(p.doc().items[0].style, QuestionStyle::markdown_bold);
  EXPECT_EQ(p.doc().items[2].style, QuestionStyle::heading);
  // The answer to Q2 ends before the heading question.
  EXPECT_EQ(p.str(p.doc().items[1].answer), "\xE7\xAD\x94\xEF\xBC\x9A\xE5\x81\x8F\xE5\xAF\xBC\xE6\x95\xB0\xE3\x80\x82");
}

TEST(Extractor, NumberedHeadingQuestions) {
  const Parsed p(
      "# Interview questions\n"  // 1
      "\n"
      "## 1. What is overfitting?\n"  // 3
      "\n"
      "When the model memorises the training set.\n"  // 5
      "\n"
      "## 2. What is regularization?\n"  // 7
      "\n"
      "A penalty on complexity.\n"  // 9
      "\n"
      "### Example\n"  // 11
      "\n"
      "L2.\n");  // 13
  EXPECT_TRUE(p.doc().sections.empty());
  // A deeper heading inside an answer belongs to the answer.
  expect_items(p, {{-1, "1", "What is overfitting?", 3, 5, 5},
                   {-1, "2", "What is regularization?", 7, 9, 13}});
  for (const Item& item : p.doc().items) EXPECT_EQ(item.style, QuestionStyle::heading);
}

TEST(Extractor, NumberedHeadingQuestionsUnderLevelOneSections) {
  const Parsed p(
      "# 1. Basics\n"  // 1
      "\n"
      "## 1. What is a tensor?\n"  // 3
      "\n"
      "An array.\n"  // 5
      "\n"
      "# 2. Training\n"  // 7
      "\n"
      "## 1. What is SGD?\n"  // 9
      "\n"
      "Stochastic gradient descent.\n");  // 11
  const auto& sections = p.doc().sections;
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(sections[0].level, 1);
  EXPECT_EQ(p.str(sections[1].title), "Training");
  expect_items(p, {{0, "1", "What is a tensor?", 3, 5, 5}, {1, "1", "What is SGD?", 9, 11, 11}});
  // Numbering restarts per section: two sequences.
  EXPECT_NE(p.doc().items[0].sequence, p.doc().items[1].sequence);
}

TEST(Extractor, HierarchicalHeadingNumbers) {
  const Parsed p(
      "# Chapter 3\n"  // 1
      "\n"
      "## 3.1 Basics\n"  // 3
      "\n"
      "### 3.1.1 What is a neuron?\n"  // 5
      "\n"
      "A unit.\n"  // 7
      "\n"
      "### 3.1.2 What is a layer?\n"  // 9
      "\n"
      "Many units.\n"  // 11
      "\n"
      "## 3.2 Training\n"  // 13
      "\n"
      "### 3.2.1 What is a loss?\n"  // 15
      "\n"
      "A number to minimise.\n");  // 17
  const auto& sections = p.doc().sections;
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(written(p, sections[0].number), "3.1");
  EXPECT_EQ(sections[0].number.parts, (std::vector<long>{3, 1}));
  EXPECT_EQ(p.str(sections[0].title), "Basics");
  EXPECT_EQ(written(p, sections[1].number), "3.2");
  expect_items(p, {{0, "3.1.1", "What is a neuron?", 5, 7, 7},
                   {0, "3.1.2", "What is a layer?", 9, 11, 11},
                   {1, "3.2.1", "What is a loss?", 15, 17, 17}});
  const auto& items = p.doc().items;
  EXPECT_EQ(items[1].number.parts, (std::vector<long>{3, 1, 2}));
  EXPECT_EQ(p.str(items[1].number.last), "2");
  // Hierarchical numbers are numbered within their prefix.
  EXPECT_EQ(items[0].sequence, items[1].sequence);
  EXPECT_NE(items[1].sequence, items[2].sequence);
}

TEST(Extractor, ParenthesisNumberedHeadings) {
  const Parsed p(
      "## Statistics\n"  // 1
      "\n"
      "#### 1) What is a p-value?\n"  // 3
      "\n"
      "The probability of data this extreme.\n"  // 5
      "\n"
      "#### 2) What is power?\n"  // 7
      "\n"
      "One minus beta.\n");  // 9
  ASSERT_EQ(p.doc().sections.size(), 1u);
  EXPECT_EQ(p.str(p.doc().sections[0].title), "Statistics");
  expect_items(p, {{0, "1", "What is a p-value?", 3, 5, 5}, {0, "2", "What is power?", 7, 9, 9}});
}

// PaddleClas's FAQ: Q numbers with two parts, some without their colon, and one question
// typed a level too high, which is then a section that is its own question.
TEST(Extractor, DottedQNumberHeadings) {
  const Parsed p(
      "# FAQ\n"                              // 1
      "\n"
      "## Issue 1\n"                         // 3
      "\n"
      "### Q1.1: What is PaddleClas?\n"      // 5
      "\n"
      "**A**: A toolset.\n"                  // 7
      "\n"
      "### Q1.2 How to choose a model?\n"    // 9
      "\n"
      "**A**: By speed.\n"                   // 11
      "\n"
      "## Q1.3: How to train faster?\n"      // 13
      "\n"
      "**A**: Mixed precision.\n"            // 15
      "\n"
      "## Issue 2\n"                         // 17
      "\n"
      "### Q2.1: What is a backbone?\n"      // 19
      "\n"
      "**A**: The feature extractor.\n");    // 21
  const auto& sections = p.doc().sections;
  ASSERT_EQ(sections.size(), 3u);
  EXPECT_EQ(p.str(sections[1].title), "How to train faster?");
  expect_items(p, {{0, "Q1.1", "What is PaddleClas?", 5, 7, 7},
                   {0, "Q1.2", "How to choose a model?", 9, 11, 11},
                   {1, "Q1.3", "How to train faster?", 13, 15, 15},
                   {2, "Q2.1", "What is a backbone?", 19, 21, 21}});
  EXPECT_EQ(p.doc().items[0].sequence, p.doc().items[2].sequence);
  EXPECT_NE(p.doc().items[0].sequence, p.doc().items[3].sequence);
}

// Doris's FAQ: "### ### Q14." shows its second marker, and is still question 14; a "#" that
// counts ("### # of replicas") is no marker.
TEST(Extractor, DoubledHeadingMarker) {
  const Parsed p(
      "### Q13. Cannot find action_table.dat\n"      // 1
      "\n"
      "Run mvn clean install.\n"                     // 3
      "\n"
      "### ### Q14. Failed to set ciphers (2026)\n"  // 5
      "\n"
      "Use Connector/ODBC 8.0.28.\n"                 // 7
      "\n"
      "### # of replicas per tablet?\n"              // 9
      "\n"
      "Three.\n");                                   // 11
  EXPECT_TRUE(p.doc().sections.empty());
  expect_items(p, {{-1, "Q13", "Cannot find action_table.dat", 1, 3, 3},
                   {-1, "Q14", "Failed to set ciphers (2026)", 5, 7, 7},
                   {-1, "", "# of replicas per tablet?", 9, 11, 11}});
}

TEST(Extractor, NumberedListItems) {
  const Parsed p(
      "# Questions\n"  // 1
      "\n"
      "1. What is a tensor?\n"  // 3
      "   An array of numbers.\n"
      "2. What is a gradient?\n"  // 5
      "   A vector.\n"
      "\n"
      "   With a second paragraph.\n"  // 8
      "3. What is a loss?\n");  // 9
  expect_items(p, {{-1, "1", "What is a tensor?", 3, 4, 4},
                   {-1, "2", "What is a gradient?", 5, 6, 8},
                   {-1, "3", "What is a loss?", 9, 0, 0}});
  const auto& items = p.doc().items;
  for (const Item& item : items) EXPECT_EQ(item.style, QuestionStyle::list_item);
  EXPECT_EQ(items[0].sequence, items[2].sequence);
  EXPECT_EQ(p.str(items[1].answer), "A vector.\n\n   With a second paragraph.");
}

TEST(Extractor, ListItemsAnsweredByNestedContent) {
  const Parsed p(
      "1. What is a tensor?\n"
      "   - an array\n"
      "   - of numbers\n"
      "2. What is a gradient?\n"
      "   - a vector\n");
  const auto& items = p.doc().items;
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(p.line(items[0].answer.begin), 2u);
  EXPECT_EQ(p.end_line(items[0].answer), 3u);
  EXPECT_EQ(p.line(items[1].answer.begin), 5u);
}

TEST(Extractor, UnnumberedBoldParagraphs) {
  const Parsed p(
      "# Questions\n"  // 1
      "\n"
      "Some intro with **bold** words.\n"  // 3: bold inside prose is not a question
      "\n"
      "**What is a tensor?**\n"  // 5
      "\n"
      "An array.\n"  // 7
      "\n"
      "**What is a gradient?**\n"  // 9
      "\n"
      "A vector.\n");  // 11
  expect_items(p, {{-1, "", "What is a tensor?", 5, 7, 7}, {-1, "", "What is a gradient?", 9, 11, 11}});
  for (const Item& item : p.doc().items) {
    EXPECT_FALSE(item.number.present());
    EXPECT_EQ(item.style, QuestionStyle::markdown_bold);
  }
}

TEST(Extractor, UnnumberedHeadingQuestions) {
  const Parsed p(
      "# FAQ\n"  // 1
      "\n"
      "## What is a tensor?\n"  // 3
      "\n"
      "An array.\n"  // 5
      "\n"
      "## What is a gradient?\n"  // 7
      "\n"
      "A vector.\n");  // 9
  EXPECT_TRUE(p.doc().sections.empty());
  expect_items(p, {{-1, "", "What is a tensor?", 3, 5, 5}, {-1, "", "What is a gradient?", 7, 9, 9}});
  for (const Item& item : p.doc().items) EXPECT_EQ(item.style, QuestionStyle::heading);
}

TEST(Extractor, NumberingRestartsPerSection) {
  const Parsed p(
      "## Section A\n"  // 1
      "\n"
      "**1. First?**\n"  // 3
      "\n"
      "A1.\n"
      "\n"
      "**2. Second?**\n"  // 7
      "\n"
      "A2.\n"
      "\n"
      "## Section B\n"  // 11
      "\n"
      "**1. Third?**\n"  // 13
      "\n"
      "A3.\n");  // 15
  ASSERT_EQ(p.doc().sections.size(), 2u);
  expect_items(p, {{0, "1", "First?", 3, 5, 5}, {0, "2", "Second?", 7, 9, 9}, {1, "1", "Third?", 13, 15, 15}});
  const auto& items = p.doc().items;
  EXPECT_EQ(items[0].sequence, items[1].sequence);
  EXPECT_NE(items[1].sequence, items[2].sequence);
}

TEST(Extractor, NumberingContinuesAcrossSections) {
  const Parsed p(
      "## Section A\n\n**1. First?**\n\nA1.\n\n**2. Second?**\n\nA2.\n\n"
      "## Section B\n\n**3. Third?**\n\nA3.\n");
  const auto& items = p.doc().items;
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].sequence, items[2].sequence);
  EXPECT_EQ(items[2].section, 1);
}

TEST(Extractor, AnswerEndsAtTheNextSection) {
  const Parsed p(
      "## A\n\n**1. First?**\n\nA1.\n\n## B\n\nNot an answer.\n\n**2. Second?**\n\nA2.\n");
  const auto& items = p.doc().items;
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(p.str(items[0].answer), "A1.");
}

TEST(Extractor, QuestionWithoutAnswer) {
  const Parsed p("**1. First?**\n\n**2. Second?**\n\nA2.\n");
  const auto& items = p.doc().items;
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0].answer.empty());
  EXPECT_EQ(p.str(items[1].answer), "A2.");
}

TEST(Extractor, CrLfDocument) {
  const Parsed p(
      "## 1. Basics\r\n\r\n**1. What is a tensor?**\r\n\r\nAn array.\r\n\r\n"
      "**2. What is a gradient?**\r\n\r\nA vector.\r\n");
  expect_items(p, {{0, "1", "What is a tensor?", 3, 5, 5}, {0, "2", "What is a gradient?", 7, 9, 9}});
  EXPECT_EQ(p.str(p.doc().items[0].answer), "An array.");
  EXPECT_EQ(p.str(p.doc().sections[0].title), "Basics");
}

TEST(Extractor, QuestionsInCodeAreNotQuestions) {
  const Parsed p(
      "**1. Real?**\n\nYes.\n\n```\n**2. In a fence?**\n```\n\n**2. Also real?**\n\nYes.\n");
  const auto& items = p.doc().items;
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(p.str(items[1].question), "Also real?");
}

TEST(Extractor, PinnedStyle) {
  // Two numbered list items would win detection; pinning the bold style keeps the bold
  // questions.
  ExtractOptions options;
  options.style = QuestionStyle::markdown_bold;
  const Parsed p("**1. What?**\n\n1. a\n2. b\n\n**2. Why?**\n\nBecause.\n", options);
  const auto& items = p.doc().items;
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(p.str(items[0].question), "What?");
  EXPECT_EQ(p.str(items[1].question), "Why?");
}

TEST(Extractor, NoQuestions) {
  const Parsed p("# Title\n\nJust prose, with **bold** and a list:\n\n- a\n- b\n");
  EXPECT_TRUE(p.doc().items.empty());
}

TEST(Extractor, EmptyDocument) {
  const Parsed p("");
  EXPECT_TRUE(p.doc().items.empty());
  EXPECT_TRUE(p.doc().sections.empty());
}

TEST(Extractor, ListQuestionsUnderNumberedSectionHeadings) {
  // The section headings hold the list questions: they are sections, not questions, in a
  // tight list and in a loose one alike.
  const Parsed p(
      "## 1. Basics\n"                 // 1
      "\n"                             // 2
      "1. What is X?\n"                // 3
      "   Solution: a thing.\n"        // 4
      "2. What is Y?\n"                // 5
      "   Solution: another.\n"        // 6
      "\n"                             // 7
      "## 2. More\n"                   // 8
      "\n"                             // 9
      "1. What is Z?\n"                // 10
      "\n"                             // 11
      "   Solution: the last.\n"       // 12
      "\n"                             // 13
      "2. Define W.\n"                 // 14
      "\n"                             // 15
      "   Solution: a definition.\n");  // 16
  ASSERT_EQ(p.doc().sections.size(), 2u);
  expect_items(p, {{0, "1", "What is X?", 3, 4, 4},
                   {0, "2", "What is Y?", 5, 6, 6},
                   {1, "1", "What is Z?", 10, 12, 12},
                   {1, "2", "Define W.", 14, 16, 16}});
}

TEST(Extractor, StylesMixedPerSection) {
  const Parsed p(
      "## 1. Bold\n"                                 // 1
      "\n"                                           // 2
      "**1. What is A?**\n"                          // 3
      "\n"                                           // 4
      "A is a letter.\n"                             // 5
      "\n"                                           // 6
      "## 2. Headings\n"                             // 7
      "\n"                                           // 8
      "### 1. What is B?\n"                          // 9
      "\n"                                           // 10
      "B follows A.\n"                               // 11
      "\n"                                           // 12
      "### 2. What is C?\n"                          // 13
      "\n"                                           // 14
      "C follows B.\n"                               // 15
      "\n"                                           // 16
      "## 3. List\n"                                 // 17
      "\n"                                           // 18
      "1. What is D?\n"                              // 19
      "   D follows C.\n"                            // 20
      "2. What is E?\n"                              // 21
      "   E follows D.\n"                            // 22
      "\n"                                           // 23
      "## 4. Details\n"                              // 24
      "\n"                                           // 25
      "<details><summary>1. What is F?</summary>\n"  // 26
      "\n"                                           // 27
      "F follows E.\n"                               // 28
      "\n"                                           // 29
      "</details>\n");                               // 30
  ASSERT_EQ(p.doc().sections.size(), 4u);
  expect_items(p, {{0, "1", "What is A?", 3, 5, 5},
                   {1, "1", "What is B?", 9, 11, 11},
                   {1, "2", "What is C?", 13, 15, 15},
                   {2, "1", "What is D?", 19, 20, 20},
                   {2, "2", "What is E?", 21, 22, 22},
                   {3, "1", "What is F?", 26, 28, 28}});
  EXPECT_EQ(p.doc().items[5].style, QuestionStyle::details);
}

TEST(Extractor, DetailsAnswerHoldsHeadingsAndMarkdown) {
  // `###### N.` questions with a <details> answer whose `#### Answer: X` is answer text,
  // never a section (the deck would be "…::Answer: D").
  const Parsed p(
      "###### 1. What's the output?\n"                   // 1
      "\n"                                               // 2
      "```js\n"                                          // 3
      "console.log(1)\n"                                 // 4
      "```\n"                                            // 5
      "\n"                                               // 6
      "<details><summary><b>Answer</b></summary>\n"      // 7
      "<p>\n"                                            // 8
      "\n"                                               // 9
      "#### Answer: D\n"                                 // 10
      "\n"                                               // 11
      "It logs **1**.\n"                                 // 12
      "\n"                                               // 13
      "</p>\n"                                           // 14
      "</details>\n"                                     // 15
      "\n"                                               // 16
      "###### 2. What's the output?\n"                   // 17
      "\n"                                               // 18
      "<details><summary><b>Answer</b></summary>\n"      // 19
      "\n"                                               // 20
      "#### Answer: A\n"                                 // 21
      "\n"                                               // 22
      "</details>\n");                                   // 23
  EXPECT_TRUE(p.doc().sections.empty());
  expect_items(p, {{-1, "1", "What's the output?", 1, 3, 12},
                   {-1, "2", "What's the output?", 17, 19, 21}});
}

TEST(Extractor, QuestionAnswerPairs) {
  const Parsed p(
      "# FAQ\n"                                  // 1
      "\n"                                       // 2
      "Q: Is it free?\n"                         // 3
      "A: Yes.\n"                                // 4
      "\n"                                       // 5
      "**Q:** Does it run offline?\n"            // 6
      "\n"                                       // 7
      "**A:** It does.\n"                        // 8
      "\n"                                       // 9
      "**Q1:** Which formats?\n"                 // 10
      "**A:** Anki, JSON and PDF.\n"             // 11
      "\n"                                       // 12
      "**Q2:** Which platforms?\n"               // 13
      "**A:** Linux.\n");                        // 14
  expect_items(p, {{-1, "", "Is it free?", 3, 4, 4},
                   {-1, "", "Does it run offline?", 6, 8, 8},
                   {-1, "Q1", "Which formats?", 10, 11, 11},
                   {-1, "Q2", "Which platforms?", 13, 14, 14}});
  EXPECT_EQ(p.doc().items[0].style, QuestionStyle::qa_pair);
}

TEST(Extractor, LetterSuffixIsASubQuestion) {
  const Parsed p(
      "**Q3:** What is A?\n\nA letter.\n\n"
      "**Q4:** What is B?\n\nAnother.\n\n"
      "**Q4a:** And its case?\n\nUpper.\n\n"
      "**Q5)** What is C?\n\nThe third.\n");
  const auto& items = p.doc().items;
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(p.str(items[2].question), "And its case?");
  EXPECT_EQ(items[2].number.value(), 4);
  EXPECT_EQ(items[2].number.suffix, "a");
  EXPECT_TRUE(items[1].number.suffix.empty());
}

TEST(Extractor, ChineseNumbering) {
  const Parsed p(
      "## 一、基础\n"                  // 1
      "\n"                             // 2
      "### 1、什么是张量？\n"           // 3
      "\n"                             // 4
      "多维数组。\n"                   // 5
      "\n"                             // 6
      "### 2、什么是梯度？\n"           // 7
      "\n"                             // 8
      "偏导数组成的向量。\n"           // 9
      "\n"                             // 10
      "## （二）训练\n"                // 11
      "\n"                             // 12
      "### 2.1，什么是学习率？\n"       // 13
      "\n"                             // 14
      "步长。\n");                     // 15
  ASSERT_EQ(p.doc().sections.size(), 2u);
  EXPECT_EQ(p.doc().sections[0].number.value(), 1);
  EXPECT_EQ(p.doc().sections[1].number.value(), 2);
  EXPECT_EQ(p.str(p.doc().sections[1].title), "训练");
  expect_items(p, {{0, "1", "什么是张量？", 3, 5, 5},
                   {0, "2", "什么是梯度？", 7, 9, 9},
                   {1, "2.1", "什么是学习率？", 13, 15, 15}});
}

TEST(Extractor, NumberedParagraphQuestionsInAnEssay) {
  // An interview essay: its questions are 1、 paragraphs, numbered again under each heading,
  // one only naming a topic. The heading that asks, the 1） points, the bold lines and the
  // quoted Q：/A： exchange around them are not questions.
  const Parsed p(
      "## 要不要去？\n"                                  // 1
      "\n"                                               // 2
      "1）除了这里，**还有更好的选择吗？** 综合考虑；\n"  // 3
      "\n"                                               // 4
      "2）内心够强大吗？比如：\n"                        // 5
      "\n"                                               // 6
      "**条件 2 绩效 A**\n"                              // 7
      "\n"                                               // 8
      "**条件 3 认证？**\n"                              // 9
      "\n"                                               // 10
      "## 面试\n"                                        // 11
      "\n"                                               // 12
      "#### Java\n"                                      // 13
      "\n"                                               // 14
      "1、对类加载器有了解吗？\n"                        // 15
      "\n"                                               // 16
      "> 引申：一个类能被加载多次吗？\n"                 // 17
      "\n"                                               // 18
      "2、怎么创建一个对象？\n"                          // 19
      "\n"                                               // 20
      "#### 通用\n"                                      // 21
      "\n"                                               // 22
      "1、TCP 的三次握手；\n"                            // 23
      "\n"                                               // 24
      "2、Linux 的常用命令有哪些？\n"                    // 25
      "\n"                                               // 26
      "> Q：如何利用内存？\n"                            // 27
      ">\n"                                              // 28
      "> A：用位图。\n");                                // 29
  ASSERT_EQ(p.doc().sections.size(), 4u);
  EXPECT_EQ(p.str(p.doc().sections[0].title), "要不要去？");
  expect_items(p, {{2, "1", "对类加载器有了解吗？", 15, 17, 17},
                   {2, "2", "怎么创建一个对象？", 19, 0, 0},
                   {3, "1", "TCP 的三次握手；", 23, 0, 0},
                   {3, "2", "Linux 的常用命令有哪些？", 25, 27, 29}});
  EXPECT_EQ(p.doc().items[0].style, QuestionStyle::paragraph);
}

TEST(Extractor, NumberedParagraphsThatDoNotAskArePoints) {
  // 1、 steps that do not ask stay the answer of the question above them.
  const Parsed p(
      "**什么是类加载？**\n"      // 1
      "\n"                        // 2
      "1、加载；\n"               // 3
      "\n"                        // 4
      "2、链接；\n"               // 5
      "\n"                        // 6
      "3、初始化。\n"             // 7
      "\n"                        // 8
      "**什么是双亲委派？**\n"    // 9
      "\n"                        // 10
      "先交给父加载器。\n");      // 11
  expect_items(p, {{-1, "", "什么是类加载？", 1, 3, 7}, {-1, "", "什么是双亲委派？", 9, 11, 11}});
}

TEST(Extractor, HierarchicalNumberedParagraphs) {
  // 2.1，question under （二）: section 2, item 1; the pinned style finds a lone one too.
  const Parsed p(
      "## （二）训练\n"            // 1
      "\n"                         // 2
      "2.1，什么是学习率？\n"      // 3
      "\n"                         // 4
      "步长。\n"                   // 5
      "\n"                         // 6
      "2.2，什么是动量？\n"        // 7
      "\n"                         // 8
      "过去梯度的滑动平均。\n");   // 9
  ASSERT_EQ(p.doc().sections.size(), 1u);
  EXPECT_EQ(p.doc().sections[0].number.value(), 2);
  expect_items(p, {{0, "2.1", "什么是学习率？", 3, 5, 5}, {0, "2.2", "什么是动量？", 7, 9, 9}});
  EXPECT_EQ(p.doc().items[0].number.parts, (std::vector<long>{2, 1}));
  ExtractOptions pinned;
  pinned.style = QuestionStyle::paragraph;
  const Parsed lone("一、什么是张量\n\n多维数组。\n", pinned);
  ASSERT_EQ(lone.doc().items.size(), 1u);
  EXPECT_EQ(lone.doc().items[0].number.value(), 1);
}

TEST(Extractor, ChineseSectionsOverLabelledQuestions) {
  // ## 一、 headings with nothing under them but ### Q： questions are sections.
  const Parsed p(
      "## 一、常见报错\n"          // 1
      "\n"                         // 2
      "### Q：报错：上下文未初始化\n"  // 3
      "\n"                         // 4
      "检查依赖。\n"               // 5
      "\n"                         // 6
      "## 二、常见疑问\n"          // 7
      "\n"                         // 8
      "### Q：需要自己实现登录吗？\n"  // 9
      "\n"                         // 10
      "需要。\n");                 // 11
  ASSERT_EQ(p.doc().sections.size(), 2u);
  EXPECT_EQ(p.doc().sections[1].number.value(), 2);
  expect_items(p, {{0, "", "报错：上下文未初始化", 3, 5, 5}, {1, "", "需要自己实现登录吗？", 9, 11, 11}});
}

TEST(Extractor, ReadmeHasNoQuestions) {
  const Parsed p(
      "# qadeck\n\nA linter.\n\n## Installation\n\n1. Clone the repository\n2. Run make\n\n"
      "## Usage\n\nRun `qadeck lint`.\n\n## License\n\nMIT.\n");
  EXPECT_TRUE(p.doc().items.empty());
  EXPECT_EQ(p.doc().sections.size(), 3u);
}

TEST(Extractor, HeadingAnswersKeepTheirNumberedPoints) {
  // A question heading's answer may list numbered points: they do not make it a section.
  const Parsed p(
      "## 1. Why normalise?\n\nFor two reasons:\n\n1. Speed\n2. Stability\n\n"
      "## 2. Why regularise?\n\n**1. Overfitting**\n\nIt fits noise.\n\n**2. Size**\n\nSmall.\n\n"
      "## 3. Why batch?\n\nMemory.\n");
  const auto& items = p.doc().items;
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(p.str(items[1].question), "Why regularise?");
  EXPECT_EQ(p.line(items[1].answer.begin), 10u);
  EXPECT_EQ(p.end_line(items[1].answer), 16u);
}

TEST(Extractor, AdmonitionQuestionsAndAnswers) {
  // `??? question "…"` asks; `??? success "Reveal answer"` only wraps an answer. Either body
  // is Markdown (no code block), and the wrapper's marker line is not part of the answer.
  const Parsed p(
      "??? question \"How do I install it?\"\n"  // 1
      "\n"                                       // 2
      "    Run `pip install x`.\n"               // 3
      "\n"                                       // 4
      "!!! faq \"2. How do I update it?\"\n"     // 5
      "    Run `pip install -U x`.\n"            // 6
      "\n"                                       // 7
      "## More\n"                                // 8
      "\n"                                       // 9
      "**1. What is grep for?**\n"               // 10
      "\n"                                       // 11
      "??? success \"Reveal answer\"\n"          // 12
      "    It selects lines.\n");                // 13
  expect_items(p, {{-1, "", "How do I install it?", 1, 3, 3},
                   {-1, "2", "How do I update it?", 5, 6, 6},
                   {0, "1", "What is grep for?", 10, 13, 13}});
  EXPECT_EQ(p.doc().items[0].style, QuestionStyle::admonition);
  for (const Block& b : p.doc().blocks) EXPECT_NE(b.kind, BlockKind::indented_code);
}

TEST(Extractor, HtmlHeadingsWithQLabelsAndBoldAnswerLabels) {
  // <h3>Q: N. …</h3> is a heading a reader sees, with the number after the label; the bold
  // "A:" under it labels the answer and is no question; the rule between two answers is a
  // separator, not answer text.
  const Parsed p(
      "# FAQ\n"                                      // 1
      "\n"                                           // 2
      "<h3 id='1'>Q: 1.What is it?</h3>\n"           // 3
      "\n"                                           // 4
      "**A:** \n"                                    // 5
      "A thing.\n"                                   // 6
      "\n"                                           // 7
      "********\n"                                   // 8
      "<h3 id='2'>Q：2. 为什么\n用它？</h3>\n"         // 9-10
      "**A：**\n"                                    // 11
      "\n"                                           // 12
      "因为快。\n");                                 // 13
  expect_items(p, {{-1, "1", "What is it?", 3, 5, 6}, {-1, "2", "为什么\n用它？", 9, 11, 13}});
  EXPECT_EQ(p.doc().items[0].style, QuestionStyle::heading);
}

TEST(Extractor, AnAskingHeadingOverAdmonitionQuestionsIsASection) {
  // A documentation page: "### Was this page helpful?" names a feature, and the admonition
  // under it is the question; a heading that asks and holds none is still a question
  // elsewhere (HeadingAnswersKeepTheirNumberedPoints).
  const Parsed p(
      "## Configuration\n"                              // 1
      "\n"                                              // 2
      "### Was this page helpful?\n"                    // 3
      "\n"                                              // 4
      "Add a feedback widget.\n"                        // 5
      "\n"                                              // 6
      "??? question \"How to visualize the ratings?\"\n"  // 7
      "\n"                                              // 8
      "    Create a custom report.\n"                   // 9
      "\n"                                              // 10
      "### Hiding the widget\n"                         // 11
      "\n"                                              // 12
      "Set `hide` in the front matter.\n");             // 13
  expect_items(p, {{1, "", "How to visualize the ratings?", 7, 9, 9}});
  ASSERT_EQ(p.doc().sections.size(), 3u);
  EXPECT_EQ(p.str(p.doc().sections[1].title), "Was this page helpful?");
}

TEST(QuestionStyleName, Names) {
  EXPECT_STREQ(question_style_name(QuestionStyle::html_bold), "html-bold");
  EXPECT_STREQ(question_style_name(QuestionStyle::markdown_bold), "bold");
  EXPECT_STREQ(question_style_name(QuestionStyle::heading), "heading");
  EXPECT_STREQ(question_style_name(QuestionStyle::list_item), "list");
  EXPECT_STREQ(question_style_name(QuestionStyle::details), "details");
  EXPECT_STREQ(question_style_name(QuestionStyle::qa_pair), "qa");
  EXPECT_STREQ(question_style_name(QuestionStyle::admonition), "admonition");
  EXPECT_STREQ(question_style_name(QuestionStyle::paragraph), "paragraph");
}

}  // namespace
}  // namespace qadeck
