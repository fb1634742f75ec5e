// What makes HTML unsafe inside a card: the checks html.unsafe reports and the exporters
// enforce, kept in one place so that the two never disagree.
#pragma once

#include <string_view>

namespace qadeck {

// Attributes whose value a browser loads or follows as a URL (href, src, action, ...).
bool is_url_attribute(std::string_view lower_name);

// An event handler attribute: "on" and letters (onclick, onerror, ...).
bool is_event_handler(std::string_view lower_name);

// Whether a URL as written uses the javascript: scheme, the way a browser reads it: character
// references decoded, leading spaces and control characters dropped, tabs and line breaks
// inside ignored, letters in any case.
bool is_javascript_url(std::string_view url);

}  // namespace qadeck
