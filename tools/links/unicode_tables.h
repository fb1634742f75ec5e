// Unicode tables for heading slugs, generated at build time by unicode_tables.py from the
// Unicode Character Database files (no ICU: qadeck starts in a few milliseconds
// and loads no library it does not need).
#pragma once

#include <cstddef>

namespace qadeck::unicode {

struct CodeRange {
  char32_t first;
  char32_t last;  // inclusive
};

struct LowerMapping {
  char32_t cp;
  const char* lower;  // UTF-8; may be longer than one code point (İ → i̇)
};

// Non-ASCII code points heading slugs keep (Alphabetic, marks, Nd numbers, Pc), sorted.
extern const CodeRange slug_kept[];
extern const size_t slug_kept_count;

// Code points with the Cased and the Case_Ignorable properties (ASCII included), sorted: the
// context of JavaScript's final sigma.
extern const CodeRange cased[];
extern const size_t cased_count;
extern const CodeRange case_ignorable[];
extern const size_t case_ignorable_count;

// Non-ASCII code points whose lower case differs, sorted by code point.
extern const LowerMapping lower_mappings[];
extern const size_t lower_mapping_count;

}  // namespace qadeck::unicode
