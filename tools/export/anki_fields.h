// What Anki derives from a note's fields: the sort field text and the first field's checksum.
// Anki recomputes both on import, but a package whose values disagree with Anki's own
// (rslib/src/text.rs, notes/mod.rs) is not what Anki itself would write.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace qadeck {

// strip_html_preserving_media_filenames: media tags become their file name, comments, style
// and script elements and all other tags go, character references are decoded (unless one is
// malformed, when Anki keeps the text as it is), and no-break spaces become spaces. Media tags
// must be in html_sanitizer's canonical form.
std::string anki_strip_html(std::string_view field);

// The first 4 bytes of the SHA-1 of the stripped field, as Anki's csum column holds it.
uint32_t anki_field_checksum(std::string_view field);

}  // namespace qadeck
