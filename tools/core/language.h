// Language of prose: Compact Language Detector 2 (libcld2) where there is enough text for it,
// else the share of Han, Kana and Hangul characters.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace qadeck {

struct Document;

// A primary language subtag: "en", "zh", "ja", "ko", ...; "und" when the text is too short or
// has no letters.
std::string detect_language(std::string_view prose);

// By script alone: "zh", "ja" or "ko" when CJK characters dominate, "en" for Latin letters,
// "und" when there are too few letters to tell.
std::string detect_script_language(std::string_view text);

// An ISO 639-1 code ("en", "zh"), optionally with region or script subtags ("zh-CN",
// "zh_Hant"): what `lang` accepts.
bool is_language_tag(std::string_view tag);

// The code someone who wrote `written` most likely meant ("english" -> "en", "EN" -> "en",
// "cn" -> "zh"), or nullopt.
std::optional<std::string> language_tag_hint(std::string_view written);

// "zh-CN" -> "zh", "EN_us" -> "en".
std::string primary_language(std::string_view tag);

// Whether prose detected as `detected` is clearly in another language than `document`: a
// CJK document's part must have no more than a CJK term or two; an English document's part
// must hold a real run of CJK text. A short foreign term is never enough.
bool clearly_foreign(std::string_view prose, const std::string& detected,
                     const std::string& document);

// Whether a part clearly_foreign() holds enough prose to report as written in another
// language: in a CJK document, a word or two of English is a term, whatever the rest of it
// ("DolphinScheduler", "1.2.1 version" above a code block, "edit /etc/nginx.conf").
bool enough_prose_to_judge(std::string_view prose, const std::string& document);

bool is_cjk_language(const std::string& code);

// "English", "Chinese", ... for messages; the code itself in quotes when unknown.
std::string language_name(const std::string& code);

// Line-level evidence, counting CJK characters and Latin words of two letters or more and
// leaving out what stands in parentheses (a term glossed in another language):
// weak evidence that a line is written in `lang` ...
bool line_in_language(std::string_view line, const std::string& lang);
// ... and strong evidence that it is written in another language than `document` (a stray
// translation, not a term): that language, or "" when there is none.
std::string foreign_line_language(std::string_view line, const std::string& document);

// Whether every Latin word of `text` (outside parentheses) is a name or identifier: capitalised,
// CamelCase, all capitals or with digits, joined by "vs" at most. English in Title Case reads
// as names too: such a question in a CJK document is not reported.
bool names_only(std::string_view text);

struct ItemLanguages {
  std::string question;  // each "und" when too short to tell
  std::string answer;
  bool question_foreign = false;  // clearly_foreign() against the document language
  bool answer_foreign = false;
  std::string item;      // question and answer together
};

// Languages of a document, computed once per Document (on first use).
struct LanguageProfile {
  std::string document;  // front matter `lang`, else config, else the items' majority; or "und"
  bool declared = false;  // the document language came from front matter or config
  // Undeclared, and a tenth or more of the questions and answers are in another language:
  // a bilingual document by design, where no part is "in the wrong language".
  bool bilingual = false;
  std::vector<ItemLanguages> items;  // parallel to Document::items
};

LanguageProfile profile_languages(const Document& doc);

}  // namespace qadeck
