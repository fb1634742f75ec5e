#include "core/language.h"

#include "core/text.h"

namespace qadeck {

std::string detect_script_language(std::string_view text) {
  size_t han = 0, kana = 0, hangul = 0, latin = 0;
  for (size_t i = 0; i < text.size();) {
    size_t length = 1;
    const char32_t cp = decode_utf8(text, i, length);
    i += length;
    if (is_han(cp)) {
      ++han;
    } else if (cp >= 0x3040 && cp <= 0x30FF) {
      ++kana;
    } else if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF)) {
      ++hangul;
    } else if (cp < 0x80 && is_ascii_alpha(static_cast<char>(cp))) {
      ++latin;
    }
  }
  // A CJK character carries about as much as a short Latin word: weigh it so.
  const size_t cjk = han + kana + hangul;
  if (cjk * 4 + latin < 4) return "und";
  if (cjk * 4 > latin) {
    if (hangul > han + kana) return "ko";
    if (kana > 0 && kana * 5 >= han) return "ja";
    return "zh";
  }
  return "en";
}

}  // namespace qadeck
