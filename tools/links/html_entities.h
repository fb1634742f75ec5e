// HTML5's named character references, generated at build time by html_entities.py.
#pragma once

#include <cstddef>
#include <string_view>

namespace qadeck::html_entities {

struct Entity {
  std::string_view name;   // without `&`; with its `;` where the list has one
  std::string_view value;  // UTF-8: one or two code points
  bool kramdown;           // in kramdown's table (HTML 4.01's, with apos and vellip)
};

// All of WHATWG's list, sorted by name (byte order).
extern const Entity entities[];
extern const size_t entity_count;

}  // namespace qadeck::html_entities
