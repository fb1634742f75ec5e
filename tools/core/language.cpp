#include "core/language.h"

#include <compact_lang_det.h>

#include <algorithm>
#include <array>
#include <map>

#include "core/document.h"
#include "core/lint_memo.h"

namespace CLD2 {
// Defined by libcld2 (lang_script.cc) but declared only in its internal headers.
const char* LanguageCode(Language lang);
}  // namespace CLD2

namespace qadeck {
namespace {

struct ScriptCounts {
  size_t han = 0, kana = 0, hangul = 0, latin = 0;
  size_t cjk() const { return han + kana + hangul; }
};

ScriptCounts count_scripts(std::string_view text) {
  ScriptCounts c;
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {  // the common case, without decoding
      c.latin += is_ascii_alpha(static_cast<char>(byte)) ? 1 : 0;
      ++i;
      continue;
    }
    size_t length = 1;
    const char32_t cp = decode_utf8(text, i, length);
    i += length;
    if (is_han(cp)) {
      ++c.han;
    } else if (cp >= 0x3040 && cp <= 0x30FF) {
      ++c.kana;
    } else if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF)) {
      ++c.hangul;
    } else if (cp < 0x80 && is_ascii_alpha(static_cast<char>(cp))) {
      ++c.latin;
    }
  }
  return c;
}

std::string cjk_language(const ScriptCounts& c) {
  if (c.hangul > c.han + c.kana) return "ko";
  if (c.kana > 0 && c.kana * 5 >= c.han) return "ja";
  return "zh";
}

// How many Latin letters one CJK character weighs when the majority of a text's characters
// decides its language: a Chinese word is one or two characters, an English one five letters.
constexpr size_t cjk_weight = 2;

// Below this many letters (a CJK character counting as a word of four), cld2 guesses.
constexpr size_t min_letters_for_cld2 = 60;

}  // namespace

std::string detect_script_language(std::string_view text) {
  const ScriptCounts c = count_scripts(text);
  // A CJK character carries about as much as a short Latin word: weigh it so.
  if (c.cjk() * 4 + c.latin < 4) return "und";
  return c.cjk() * 4 > c.latin ? cjk_language(c) : "en";
}

std::string primary_language(std::string_view tag) {
  std::string out;
  for (char ch : tag) {
    if (ch == '-' || ch == '_') break;
    out.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
  }
  return out.empty() ? "und" : out;
}

std::string detect_language(std::string_view prose) {
  const ScriptCounts c = count_scripts(prose);
  if (c.cjk() * 4 + c.latin < min_letters_for_cld2) return detect_script_language(prose);
  bool reliable = false;
  const CLD2::Language lang =
      CLD2::DetectLanguage(prose.data(), static_cast<int>(prose.size()), true, &reliable);
  if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE) return detect_script_language(prose);
  const std::string detected = primary_language(CLD2::LanguageCode(lang));
  // The language is the one most of the characters are written in: a short Chinese line in
  // an English answer is a stray (language.mixed), not the answer's language, however cld2
  // weighs its bytes.
  const bool cjk_majority = c.cjk() * cjk_weight > c.latin;
  if (is_cjk_language(detected) == cjk_majority) return detected;
  if (cjk_majority) return cjk_language(c);
  std::string latin;
  latin.reserve(prose.size());
  for (size_t i = 0; i < prose.size();) {
    size_t length = 1;
    const char32_t cp = decode_utf8(prose, i, length);
    latin.append(is_cjk(cp) ? std::string_view(" ") : prose.substr(i, length));
    i += length;
  }
  const std::string rest = detect_language(latin);
  return rest == "und" || is_cjk_language(rest) ? "en" : rest;
}

// Fewer lower-case Latin words than this (names and identifiers not counted) are a term in a
// CJK document, too little prose to call a part written in another language.
constexpr size_t min_foreign_words = 3;

// Counts outside parentheses, for line-level evidence.
struct LineCounts {
  size_t cjk = 0;
  size_t latin_letters = 0;
  size_t latin_words = 0;  // of two letters or more
  // Of those, the words in lower case alone: what a sentence has and a list of names does not.
  // A name or identifier has a capital (Java, JDK, OpenJDK, iPhone) or a digit (log4j), or is
  // joined to another word by '.', '/', '_' or '-' (java.lang.NoSuchMethodError,
  // com/alibaba/druid, apache-dubbo); "vs", which joins names, is not counted either.
  size_t common_words = 0;
};

bool joins_identifier(char32_t cp) { return cp == '.' || cp == '/' || cp == '_' || cp == '-'; }

LineCounts count_line(std::string_view line) {
  LineCounts c;
  std::string word;  // letters and digits
  int depth = 0;
  // The words of the token being read (words and the joiners between them): they are common
  // only if no joiner joined them.
  size_t token_common = 0;
  bool joiner_after_word = false;
  bool joined = false;
  const auto end_word = [&] {
    const auto letters = static_cast<size_t>(
        std::count_if(word.begin(), word.end(), [](char ch) { return is_ascii_alpha(ch); }));
    if (letters >= 2) {
      ++c.latin_words;
      const bool common = std::none_of(word.begin(), word.end(), [](char ch) {
        return is_ascii_digit(ch) || (ch >= 'A' && ch <= 'Z');
      });
      if (common && word != "vs") ++token_common;
    }
    word.clear();
  };
  const auto end_token = [&] {
    end_word();
    if (!joined) c.common_words += token_common;
    token_common = 0;
    joiner_after_word = joined = false;
  };
  for (size_t i = 0; i < line.size();) {
    size_t length = 1;
    const auto byte = static_cast<unsigned char>(line[i]);
    const char32_t cp = byte < 0x80 ? byte : decode_utf8(line, i, length);
    i += length;
    if (cp == '(' || cp == 0xFF08) ++depth;
    if ((cp == ')' || cp == 0xFF09) && depth > 0) --depth;
    const bool latin = cp < 0x80 && is_ascii_alpha(static_cast<char>(cp));
    const bool digit = cp < 0x80 && is_ascii_digit(static_cast<char>(cp));
    if (depth > 0) {
      end_token();
      continue;
    }
    if (latin || digit) {
      joined = joined || joiner_after_word;
      joiner_after_word = false;
      word.push_back(static_cast<char>(cp));
    } else if (joins_identifier(cp) && !word.empty()) {
      end_word();
      joiner_after_word = true;
    } else {
      end_token();
    }
    if (latin) ++c.latin_letters;
    if (cp >= 0x80 && is_cjk(cp)) ++c.cjk;
  }
  end_token();
  return c;
}

namespace {

constexpr std::array<std::string_view, 184> iso639_1 = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
};

// What people write instead of a code: names, ISO 639-2 codes, country codes.
constexpr std::array<std::pair<std::string_view, std::string_view>, 41> code_hints = {{
    {"arabic", "ar"},  {"chi", "zh"},      {"chinese", "zh"},    {"cn", "zh"},
    {"cz", "cs"},      {"czech", "cs"},    {"deu", "de"},        {"dutch", "nl"},
    {"eng", "en"},     {"english", "en"},  {"fra", "fr"},        {"fre", "fr"},
    {"french", "fr"},  {"ger", "de"},      {"german", "de"},     {"greek", "el"},
    {"hebrew", "he"},  {"hindi", "hi"},    {"indonesian", "id"}, {"ita", "it"},
    {"italian", "it"}, {"japanese", "ja"}, {"jp", "ja"},         {"jpn", "ja"},
    {"kor", "ko"},     {"korean", "ko"},   {"mandarin", "zh"},   {"persian", "fa"},
    {"polish", "pl"},  {"por", "pt"},      {"portuguese", "pt"}, {"rus", "ru"},
    {"russian", "ru"}, {"spa", "es"},      {"spanish", "es"},    {"swedish", "sv"},
    {"thai", "th"},    {"turkish", "tr"},  {"ukrainian", "uk"},  {"vietnamese", "vi"},
    {"zho", "zh"},
}};

}  // namespace

bool is_language_tag(std::string_view tag) {
  const size_t end = tag.find_first_of("-_");
  if (!std::binary_search(iso639_1.begin(), iso639_1.end(), tag.substr(0, end))) return false;
  if (end == std::string_view::npos) return true;
  // Subtags of two to eight letters or digits: a region (zh-CN) or a script (zh-Hant).
  std::string_view rest = tag.substr(end);
  while (!rest.empty()) {
    if (rest[0] != '-' && rest[0] != '_') return false;
    rest.remove_prefix(1);
    size_t n = 0;
    while (n < rest.size() && (is_ascii_alpha(rest[n]) || is_ascii_digit(rest[n]))) ++n;
    if (n < 2 || n > 8) return false;
    rest.remove_prefix(n);
  }
  return true;
}

std::optional<std::string> language_tag_hint(std::string_view written) {
  std::string lower(written);
  for (char& ch : lower) ch = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
  if (lower != written && is_language_tag(primary_language(lower))) return primary_language(lower);
  for (const auto& [name, code] : code_hints) {
    if (name == lower) return std::string(code);
  }
  return std::nullopt;
}

bool is_cjk_language(const std::string& code) { return code == "zh" || code == "ja" || code == "ko"; }

bool clearly_foreign(std::string_view prose, const std::string& detected,
                     const std::string& document) {
  if (detected == "und" || document == "und" || detected == document) return false;
  const ScriptCounts c = count_scripts(prose);
  if (is_cjk_language(document)) return !is_cjk_language(detected) && c.cjk() <= 2;
  return is_cjk_language(detected) ? c.cjk() >= 4 : true;
}

bool enough_prose_to_judge(std::string_view prose, const std::string& document) {
  return !is_cjk_language(document) || count_line(prose).common_words >= min_foreign_words;
}

std::string language_name(const std::string& code) {
  if (code == "en") return "English";
  if (code == "zh") return "Chinese";
  if (code == "ja") return "Japanese";
  if (code == "ko") return "Korean";
  return "'" + code + "'";
}

bool names_only(std::string_view text) {
  const LineCounts c = count_line(text);
  return c.latin_words > 0 && c.common_words == 0;
}

bool line_in_language(std::string_view line, const std::string& lang) {
  const LineCounts c = count_line(line);
  if (is_cjk_language(lang)) return c.cjk >= 2;
  return c.cjk == 0 && c.latin_words >= 2;
}

std::string foreign_line_language(std::string_view line, const std::string& document) {
  const LineCounts c = count_line(line);
  // A line of names (MySQL、PostgreSQL、Oracle…) is not a translation.
  if (is_cjk_language(document)) {
    return c.cjk == 0 && c.latin_words >= 6 && c.common_words > 0 ? "en" : "";
  }
  if (c.cjk >= 4 && c.cjk * 4 > c.latin_letters) return cjk_language(count_scripts(line));
  return "";
}

namespace {

// An answer is wholly foreign only when none of its lines is in the document's language;
// otherwise its foreign lines are strays (language.mixed).
bool has_line_in(std::string_view prose, const std::string& lang) {
  size_t start = 0;
  while (start <= prose.size()) {
    size_t end = prose.find('\n', start);
    if (end == std::string_view::npos) end = prose.size();
    if (line_in_language(prose.substr(start, end - start), lang)) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

LanguageProfile profile_languages(const Document& doc) {
  LanguageProfile profile;
  std::map<std::string, size_t> votes;
  std::vector<std::pair<std::string, std::string>> prose;  // question, answer
  // cld2 takes most of a lint's time: in an edited text, only the prose that changed asks it.
  const auto detect = [&](std::string_view text) {
    if (!doc.memo) return detect_language(text);
    return doc.memo->languages.get(text, [](std::string_view t) { return detect_language(t); });
  };
  for (const Item& item : doc.items) {
    ItemLanguages l;
    auto& [question, answer] = prose.emplace_back(doc.masked(item.question), doc.masked(item.answer));
    l.question = detect(question);
    l.answer = detect(answer);
    // The item's language is its answer's, where the answer says; its question's otherwise.
    l.item = l.answer != "und" ? l.answer : l.question;
    if (l.item != "und") ++votes[l.item];
    profile.items.push_back(std::move(l));
  }
  std::optional<std::string> declared = doc.front_matter.get("lang");
  if (!declared) declared = doc.configured_lang;
  if (declared) {
    profile.document = primary_language(*declared);
    profile.declared = true;
  } else {
    profile.document = "und";
    size_t best = 0;
    for (const auto& [lang, count] : votes) {
      if (count > best) profile.document = lang, best = count;
    }
  }
  size_t parts = 0;
  size_t foreign = 0;
  for (size_t i = 0; i < profile.items.size(); ++i) {
    ItemLanguages& l = profile.items[i];
    // A question made of names alone (Java SE vs Java EE, RabbitMQ 特点) is in the document's
    // language: names are the same in every language.
    if (profile.document != "und" &&
        remembered<bool>(doc.memo, "names_only", prose[i].first, names_only)) {
      l.question = profile.document;
    }
    l.question_foreign = clearly_foreign(prose[i].first, l.question, profile.document);
    l.answer_foreign = clearly_foreign(prose[i].second, l.answer, profile.document) &&
                       !has_line_in(prose[i].second, profile.document);
    parts += (l.question != "und") + (l.answer != "und");
    foreign += l.question_foreign + l.answer_foreign;
  }
  profile.bilingual = !profile.declared && parts > 0 && foreign * 10 >= parts;
  return profile;
}

}  // namespace qadeck
