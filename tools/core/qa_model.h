// The Q&A model: sections and items (one question and its answer), with byte spans.
#pragma once

#include <string>
#include <vector>

#include "core/text.h"

namespace qadeck {

// How questions are written. A file may mix styles; the extractor detects them.
enum class QuestionStyle {
  html_bold,       // <b>N. question</b>
  markdown_bold,   // **N. question**, **Q1：question**, or an unnumbered bold paragraph
  heading,         // ## N. question, ### 3.1.1 question, #### 1) question, or unnumbered
  list_item,       // 1. question (an ordered list item)
  details,         // <details><summary>N. question</summary> answer </details>
  qa_pair,         // Q: question / A: answer, the labels plain or bold
  admonition,      // ??? question "question" with the answer indented below it (MkDocs)
  paragraph,       // 1、question, 一、question, （一）question: a paragraph opening with a number
                   // whose separator is full-width or ideographic (no Markdown list marker)
};

const char* question_style_name(QuestionStyle style);

// A question or section number as written: "12", "Q3", "3.1.1", "Q4a", "二、", "（三）".
// Chinese numerals are read as their value; `last` then spans the numeral.
struct Number {
  ByteRange written;        // the whole number, prefix included
  ByteRange last;           // the digits of the last component, which renumbering replaces
  std::string prefix;       // "Q" or ""
  std::string suffix;       // "a" in "Q4a": a sub-question of 4, outside the numbering
  std::vector<long> parts;  // 3.1.1 -> {3, 1, 1}

  bool present() const { return !parts.empty(); }
  long value() const { return parts.empty() ? 0 : parts.back(); }
};

struct Section {
  ByteRange heading;  // the heading block
  ByteRange title;    // the heading text after its number
  Number number;
  int level = 0;
};

struct Item {
  int section = -1;  // index into Document::sections, -1 before the first section
  QuestionStyle style = QuestionStyle::markdown_bold;
  Number number;
  ByteRange question;  // the question text, number and markup excluded
  ByteRange line;      // the line(s) holding the question, for reporting
  ByteRange answer;    // the answer body; empty when there is none
  int sequence = -1;   // items of one sequence are numbered together (list, section, file)
};

}  // namespace qadeck
