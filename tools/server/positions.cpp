#include "server/positions.h"

#include "core/text.h"

namespace qadeck::server {

Positions::Positions(std::string_view text, PositionEncoding encoding)
    : text_(text), lines_(text), encoding_(encoding) {}

Positions::Point Positions::point(size_t offset) const {
  offset = std::min(offset, text_.size());
  const size_t line0 = lines_.line_of(offset);
  // The end of a text that ends with a line break starts a line of its own.
  if (offset > lines_.line_end(line0)) return {line0 + 1, 0};
  const size_t start = lines_.line_start(line0);
  size_t units = offset - start;
  if (encoding_ == PositionEncoding::utf16) {
    units = 0;
    for (size_t i = start; i < offset;) {
      size_t length = 1;
      const char32_t cp = decode_utf8(text_, i, length);
      units += cp > 0xFFFF ? 2 : 1;
      i += length;
    }
  }
  return {line0, units};
}

Json Positions::position(size_t offset) const {
  const Point p = point(offset);
  return {{"line", p.line}, {"character", p.character}};
}

Json Positions::range(size_t begin, size_t end) const {
  return {{"start", position(begin)}, {"end", position(end)}};
}

size_t Positions::offset(size_t line, size_t character) const {
  if (line >= lines_.line_count()) return text_.size();
  const size_t start = lines_.line_start(line);
  const size_t end = lines_.line_end(line);
  if (encoding_ == PositionEncoding::utf8) {
    size_t at = std::min(start + character, end);
    while (at > start && is_utf8_continuation(static_cast<unsigned char>(text_[at]))) --at;
    return at;
  }
  size_t units = 0;
  size_t i = start;
  while (i < end) {
    size_t length = 1;
    const char32_t cp = decode_utf8(text_, i, length);
    const size_t width = cp > 0xFFFF ? 2 : 1;
    if (units + width > character) break;
    units += width;
    i += length;
  }
  return i;
}

std::optional<size_t> Positions::offset(const Json& position) const {
  if (!position.is_object()) return std::nullopt;
  const auto line = position.find("line");
  const auto character = position.find("character");
  if (line == position.end() || character == position.end() || !line->is_number_unsigned() ||
      !character->is_number_unsigned()) {
    return std::nullopt;
  }
  return offset(line->get<size_t>(), character->get<size_t>());
}

}  // namespace qadeck::server
