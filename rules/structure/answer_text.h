// What the answer rules share: whether an item really has an answer (a placeholder such as
// "Answer here" is none), and the label an answer line starts with ("Solution:", "答：").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace qadeck::structure {

// An answer that holds nothing a reader could learn from, though it is not empty.
struct Placeholder {
  enum Kind {
    text,         // "Answer here", "TODO", "TBD", "待补充", possibly after a label
    label,        // a label with nothing after it: "Answer:", "答："
    line_breaks,  // only <br> (or <p>) tags
  };
  Kind kind = text;
  std::string written;  // the answer as written, trimmed
};

// What the item's answer holds instead of an answer; nullopt when the answer is empty or
// says something. `item` is one of doc.items.
const std::optional<Placeholder>& placeholder_answer(const Document& doc, const Item& item);

// Whether the item's whole answer is block quotes that each open with a follow-up label
// ("> 引申：…", "> Follow up: …"): further questions for the reader, not an answer.
bool follow_up_only(const Document& doc, const Item& item);

// True when the item's answer is neither empty, nor a placeholder, nor only follow-ups.
bool has_real_answer(const Document& doc, const Item& item);

struct AnswerLabel {
  ByteRange range;   // the label as written, emphasis and colon included: "**Answer:**", "答："
  std::string key;   // its identity, for comparing: "answer", "答"
  std::string name;  // how to show it: "Answer:", "答："
};

// Whether `key` is a word that labels answers in Q&A files ("answer", "solution", "a", "答").
bool is_answer_label_word(std::string_view key);

// The label at the start of text[line], a line (or the part of one) holding no line break.
std::optional<AnswerLabel> find_answer_label(const Document& doc, ByteRange line);

// The first line of the item's answer at or after `from` that holds prose (not only markup,
// code, math or images), clipped to the answer; nullopt when there is none.
std::optional<ByteRange> next_answer_line(const Document& doc, const Item& item, size_t from);

}  // namespace qadeck::structure
