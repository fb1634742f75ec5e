#include "export/export_time.h"

#include <charconv>
#include <cstdlib>
#include <ctime>
#include <string_view>

namespace qadeck {

std::optional<std::string> export_time(int64_t& seconds) {
  const char* pinned = std::getenv("SOURCE_DATE_EPOCH");
  if (!pinned || !*pinned) {
    seconds = static_cast<int64_t>(std::time(nullptr));
    return std::nullopt;
  }
  const std::string_view text(pinned);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || seconds < 0) {
    return "SOURCE_DATE_EPOCH is '" + std::string(text) + "', not a number of seconds";
  }
  return std::nullopt;
}

}  // namespace qadeck
