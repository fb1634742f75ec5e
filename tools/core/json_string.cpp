#include "core/json_string.h"

#include <nlohmann/json.hpp>

#include "core/text.h"

namespace qadeck {

void append_json_string(std::string& out, std::string_view text) {
  if (find_invalid_utf8(text) != std::string_view::npos) {
    out += nlohmann::json(std::string(text))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  size_t plain = 0;  // where the bytes not yet appended begin
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
    out.append(text, plain, i - plain);
    plain = i + 1;
    out += '\\';
    switch (byte) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '\b': out += 'b'; break;
      case '\f': out += 'f'; break;
      case '\n': out += 'n'; break;
      case '\r': out += 'r'; break;
      case '\t': out += 't'; break;
      default:
        out += "u00";
        out += hex[byte >> 4];
        out += hex[byte & 0xF];
    }
  }
  out.append(text, plain, std::string_view::npos);
  out += '"';
}

}  // namespace qadeck
