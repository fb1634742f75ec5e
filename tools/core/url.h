// The parts of URL syntax that links, file: URIs and image sources share.
#pragma once

#include <string>
#include <string_view>

namespace qadeck {

// %XX escapes decoded (a malformed or cut-off one is kept as written). The bytes are not
// checked for UTF-8: a path's bytes are its name.
std::string percent_decode(std::string_view text);
// The percent-encoded spelling of a path, as links (and file: URIs) write it: every byte but
// ASCII letters, digits, '-', '_', '.', '~' and '/' escaped.
std::string percent_encode(std::string_view path);
// Whether the URL starts with a scheme such as "mailto:" (a letter, then letters, digits,
// '+', '-' or '.', then ':').
bool has_scheme(std::string_view url);

}  // namespace qadeck
