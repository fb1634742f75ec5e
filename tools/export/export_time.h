// The time an export is stamped with: SOURCE_DATE_EPOCH when set (reproducible builds), else
// the clock. Only the Anki package carries it (note and card `mod`, the collection's times).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace qadeck {

// Seconds since 1970; an error message when SOURCE_DATE_EPOCH is set but is not a number of
// seconds.
std::optional<std::string> export_time(int64_t& seconds);

}  // namespace qadeck
