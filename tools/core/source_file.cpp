#include "core/source_file.h"

#include <algorithm>
#include <cstring>

namespace qadeck {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  // memchr rather than a loop over bytes: an editor's server builds an index per keystroke.
  for (size_t i = 0; i < text.size();) {
    const void* found = std::memchr(text.data() + i, '\n', text.size() - i);
    if (!found) break;
    i = static_cast<size_t>(static_cast<const char*>(found) - text.data()) + 1;
    if (i < text.size()) starts_.push_back(i);
  }
  for (size_t line0 = 0; line0 < starts_.size(); ++line0) {
    const size_t end = line_end_with_break(line0);
    if (end - starts_[line0] <= checkpoint_step) continue;
    size_t at = column_origin(line0, end);
    Checkpoint c{at, 0, 0};
    while (end - at > checkpoint_step) {
      const std::string_view step = text.substr(at, checkpoint_step);
      at += checkpoint_step;
      c = {at, c.code_points + count_code_points(step), c.utf16_units + count_utf16_units(step)};
      checkpoints_.push_back(c);
    }
  }
}

size_t LineIndex::line_of(size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<size_t>(it - starts_.begin()) - 1;
}

size_t LineIndex::line_end_with_break(size_t line0) const {
  return line0 + 1 < starts_.size() ? starts_[line0 + 1] : text_.size();
}

size_t LineIndex::line_end(size_t line0) const {
  size_t end = line_end_with_break(line0);
  if (end > starts_[line0] && text_[end - 1] == '\n') --end;
  if (end > starts_[line0] && text_[end - 1] == '\r') --end;
  return end;
}

std::string_view LineIndex::line_text(size_t line0) const {
  return text_.substr(starts_[line0], line_end(line0) - starts_[line0]);
}

size_t LineIndex::column_origin(size_t line0, size_t offset) const {
  // A byte order mark is invisible: the first line's columns start after it.
  if (line0 == 0 && text_.starts_with("\xEF\xBB\xBF") && offset >= 3) return 3;
  return starts_[line0];
}

Position LineIndex::locate(size_t offset, bool utf16) const {
  const size_t line0 = line_of(offset);
  size_t from = column_origin(line0, offset);
  size_t column = 1;
  auto after = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), offset,
                                [](size_t o, const Checkpoint& c) { return o < c.offset; });
  // Checkpoints of earlier lines lie at or before this line's origin.
  if (after != checkpoints_.begin() && std::prev(after)->offset > from) {
    const Checkpoint& c = *std::prev(after);
    from = c.offset;
    column += utf16 ? c.utf16_units : c.code_points;
  }
  const std::string_view rest = text_.substr(from, offset - from);
  return {line0 + 1, column + (utf16 ? count_utf16_units(rest) : count_code_points(rest))};
}

Position LineIndex::position(size_t offset) const { return locate(offset, false); }

Position LineIndex::utf16_position(size_t offset) const { return locate(offset, true); }

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)), lines_(text_) {
  if (text_.starts_with("\xEF\xBB\xBF")) content_begin_ = 3;
}

SourceFile::SourceFile(std::string path, std::string text, std::vector<ByteRange> replaced)
    : SourceFile(std::move(path), std::move(text)) {
  replaced_ = std::move(replaced);
}

std::optional<LoadError> check_no_nul(std::string_view text) {
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const Position p = LineIndex(text).position(nul);
    return LoadError{"contains a NUL byte at line " + std::to_string(p.line) + ", column " +
                     std::to_string(p.column) + " (a binary file?)"};
  }
  return std::nullopt;
}

std::string repair_utf8(std::string_view text, std::vector<ByteRange>& replaced) {
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < text.size()) {
    const size_t bad = find_invalid_utf8(text.substr(i));
    if (bad == std::string_view::npos) break;
    out.append(text.substr(i, bad));
    if (replaced.empty() || replaced.back().end != out.size()) {
      replaced.push_back({out.size(), out.size()});
    }
    out += "\xEF\xBF\xBD";
    replaced.back().end = out.size();
    i += bad + 1;
  }
  out.append(text.substr(i));
  return out;
}

std::optional<LoadError> check_source_text(std::string_view text) {
  if (auto nul = check_no_nul(text)) return nul;
  if (const size_t bad = find_invalid_utf8(text); bad != std::string_view::npos) {
    const Position p = LineIndex(text).position(bad);
    return LoadError{"is not valid UTF-8 at line " + std::to_string(p.line) + ", column " +
                     std::to_string(p.column)};
  }
  return std::nullopt;
}

}  // namespace qadeck
