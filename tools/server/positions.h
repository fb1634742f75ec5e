// LSP positions: 0-based lines and columns counted in UTF-16 code units (the protocol's
// default) or in bytes (when the client accepts "utf-8"), from and to byte offsets.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/source_file.h"
#include "server/json_rpc.h"

namespace qadeck::server {

enum class PositionEncoding { utf8, utf16 };

class Positions {
 public:
  // `text` must outlive this.
  Positions(std::string_view text, PositionEncoding encoding);

  struct Point {
    size_t line = 0;
    size_t character = 0;
  };
  Point point(size_t offset) const;
  Json position(size_t offset) const;          // {"line","character"}
  Json range(size_t begin, size_t end) const;  // {"start","end"}
  // The byte offset of an LSP position; a line past the end is the end of the text, a column
  // past the end of its line the line's end, one inside a character that character's start.
  size_t offset(size_t line, size_t character) const;
  // The same for a position object; nullopt when it is not one.
  std::optional<size_t> offset(const Json& position) const;

  const LineIndex& lines() const { return lines_; }

 private:
  std::string_view text_;
  LineIndex lines_;
  PositionEncoding encoding_;
};

}  // namespace qadeck::server
