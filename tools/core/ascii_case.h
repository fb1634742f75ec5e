// ASCII case-insensitive comparison, for URL schemes and the like.
#pragma once

#include <string_view>

namespace qadeck {

// Whether `text` starts with `lower` (lower-case ASCII), ignoring ASCII case: "HTTPS://x".
bool starts_with_ascii_lower(std::string_view text, std::string_view lower);

}  // namespace qadeck
