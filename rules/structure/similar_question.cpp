#include "rules/structure/similar_question.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <vector>

#include "rules/registry.h"
#include "rules/structure/question_key.h"

namespace qadeck {
namespace {

// Words whose presence or choice does not change what is asked: "What is a tensor?" and
// "What is tensor?" ask the same.
constexpr std::array<std::string_view, 3> articles = {"a", "an", "the"};

// Words shorter than this must match exactly: "GAN" and "GRU" are two things.
constexpr size_t min_variant_length = 4;

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    size_t length = 1;
    out.push_back(decode_utf8(s, i, length));
    i += length;
  }
  return out;
}

// The edit distance of a and b if it is at most `limit`, else limit + 1.
size_t bounded_distance(const std::u32string& a, const std::u32string& b, size_t limit) {
  const size_t n = a.size();
  const size_t m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<size_t> row(m + 1);
  std::vector<size_t> next(m + 1);
  for (size_t j = 0; j <= m; ++j) row[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    next[0] = i;
    size_t best = next[0];
    for (size_t j = 1; j <= m; ++j) {
      next[j] =
          std::min({row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), row[j] + 1, next[j - 1] + 1});
      best = std::min(best, next[j]);
    }
    if (best > limit) return limit + 1;
    row.swap(next);
  }
  return row[m];
}

// A short word, or one with a digit (a number, a version, "x_2"): only written the same way
// is it the same word.
bool exact_word(const std::u32string& w) {
  return w.size() < min_variant_length ||
         std::any_of(w.begin(), w.end(), [](char32_t c) { return c >= '0' && c <= '9'; });
}

// Two spellings of one word ("initialisation", "initialization") at `threshold`.
bool same_word(const std::u32string& a, const std::u32string& b, double threshold) {
  if (a == b) return true;
  const size_t longer = std::max(a.size(), b.size());
  if (exact_word(a) || exact_word(b)) return false;
  const auto limit = static_cast<size_t>(static_cast<double>(longer) * (1 - threshold));
  return limit > 0 && bounded_distance(a, b, limit) <= limit;
}

// Chinese and Japanese write no spaces, and one character is a word or most of one: "什么是
// 静态图" and "什么是动态图" ask about two things, as "static" and "dynamic" do. Each CJK
// character is a word of its own; the runs between them stay whole.
void split_cjk(std::u32string word, std::vector<std::u32string>& out) {
  if (std::none_of(word.begin(), word.end(), is_cjk)) {
    out.push_back(std::move(word));
    return;
  }
  std::u32string run;
  for (char32_t c : word) {
    if (!is_cjk(c)) {
      run.push_back(c);
      continue;
    }
    if (!run.empty()) out.push_back(std::move(run)), run.clear();
    out.emplace_back(1, c);
  }
  if (!run.empty()) out.push_back(std::move(run));
}

}  // namespace

namespace structure {

std::vector<std::u32string> question_words(std::string_view key) {
  std::vector<std::u32string> words;
  size_t at = 0;
  while (at <= key.size()) {
    size_t end = key.find_first_of(" \n", at);
    if (end == std::string_view::npos) end = key.size();
    const std::string_view word = key.substr(at, end - at);
    if (!word.empty() && std::find(articles.begin(), articles.end(), word) == articles.end()) {
      split_cjk(code_points(word), words);
    }
    at = end + 1;
  }
  return words;
}

bool similar_words(const std::vector<std::u32string>& a, const std::vector<std::u32string>& b,
                   double threshold) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!same_word(a[i], b[i], threshold)) return false;
  }
  return true;
}

// Their exact words, and the first and last characters of the others (spellings differ
// inside a word).
std::u32string similarity_bucket(const std::vector<std::u32string>& words) {
  std::u32string out;
  for (const std::u32string& w : words) {
    if (exact_word(w)) {
      out += w;
    } else {
      out += w.front();
      out += U'*';
      out += w.back();
    }
    out += U' ';
  }
  return out;
}

}  // namespace structure

namespace {

class SimilarQuestionRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"structure.similar-question",
                               "a question nearly the same as an earlier one",
                               Severity::warning,
                               false,
                               {Scope::structure, Scope::prose}};
    return info;
  }

  bool compared_across_files() const override { return true; }

  void check(const Document& doc, DiagnosticSink& sink) const override {
    const double threshold = doc.similarity_threshold;
    std::set<std::string_view> asked;
    // Bucket -> the earlier questions in it: their item index and words.
    std::map<std::u32string, std::vector<std::pair<size_t, std::vector<std::u32string>>>> seen;
    const std::vector<structure::QuestionKey>& keys = structure::question_keys(doc);
    for (size_t i = 0; i < doc.items.size(); ++i) {
      const structure::QuestionKey& key = keys[i];
      if (key.term || key.key.empty()) continue;
      std::vector<std::u32string> words = structure::question_words(key.key);
      // Asked before word for word: duplicate-question reports it.
      if (!asked.insert(key.key).second || words.empty()) continue;
      auto& earlier = seen[structure::similarity_bucket(words)];
      for (const auto& [item, earlier_words] : earlier) {
        if (!structure::similar_words(earlier_words, words, threshold)) continue;
        sink.report(doc.items[i].question,
                    structure::describe_question(doc, doc.items[i]) + " is nearly the same as " +
                        structure::name_question(doc, doc.items[item]));
        break;
      }
      earlier.emplace_back(i, std::move(words));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_structure_similar_question_rule() {
  return std::make_unique<SimilarQuestionRule>();
}

}  // namespace qadeck
