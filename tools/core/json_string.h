// JSON strings written without building a JSON document: the report and the language server
// write findings by the hundred thousand, and a document of them would cost more than the lint.
#pragma once

#include <string>
#include <string_view>

namespace qadeck {

// Appends `text` as a JSON string, byte for byte as nlohmann::json's dump() writes it: text
// that is not UTF-8 (a file name can be any bytes) goes through the library, which replaces
// what it cannot encode with U+FFFD.
void append_json_string(std::string& out, std::string_view text);

}  // namespace qadeck
