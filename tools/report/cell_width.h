// How many terminal cells a character takes where the human report draws a caret under it:
// 2 for East Asian Wide and Fullwidth ones (CJK, emoji), 0 for combining marks and format
// characters, 1 otherwise (see cell_width.py, which makes the table from the UCD).
#pragma once

namespace qadeck {

int cell_width(char32_t c);

}  // namespace qadeck
