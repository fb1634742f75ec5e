// Language of a piece of prose. For now by script: text whose letters are mostly Han, Kana or
// Hangul is CJK ("zh", "ja", "ko"), Latin letters are "en".
#pragma once

#include <string>
#include <string_view>

namespace qadeck {

// "zh", "ja", "ko", "en", or "und" when the text has too few letters to tell.
std::string detect_script_language(std::string_view text);

}  // namespace qadeck
