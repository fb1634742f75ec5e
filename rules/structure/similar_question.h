// What structure.similar-question compares, shared with the comparison across the files of a
// run (duplicate_question.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace qadeck::structure {

// A question key's words (see question_key.h) without articles, each as code points.
std::vector<std::u32string> question_words(std::string_view key);

// Whether two questions' words are the same but for the spelling of some, at `threshold`.
bool similar_words(const std::vector<std::u32string>& a, const std::vector<std::u32string>& b,
                   double threshold);

// What questions that may be similar_words() have in common: only questions with the same
// bucket need be compared, so that thousands of questions are not compared pair by pair.
std::u32string similarity_bucket(const std::vector<std::u32string>& words);

}  // namespace qadeck::structure
