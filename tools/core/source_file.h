// SourceFile: the bytes of one input, never modified, and the LineIndex that turns byte
// offsets into 1-based lines and code-point columns for printing.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace qadeck {

struct Position {
  size_t line = 1;    // 1-based
  size_t column = 1;  // 1-based, in code points
};

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  size_t line_count() const { return starts_.size(); }
  // 0-based line number of the line containing `offset` (offset == size maps to the last line).
  size_t line_of(size_t offset) const;
  size_t line_start(size_t line0) const { return starts_[line0]; }
  // End of the line's content, before "\n" or "\r\n".
  size_t line_end(size_t line0) const;
  // End of the line including its line break.
  size_t line_end_with_break(size_t line0) const;
  std::string_view line_text(size_t line0) const;
  Position position(size_t offset) const;
  // The column in UTF-16 code units (SARIF's default unit), the line as position() gives it.
  Position utf16_position(size_t offset) const;

 private:
  // A column counts from its line's start, so without these, n findings on one line of n
  // bytes would cost n² to place. A line longer than checkpoint_step gets one every
  // checkpoint_step bytes: a lookup counts at most that many bytes, for 24 bytes of memory
  // per checkpoint_step bytes of long line.
  static constexpr size_t checkpoint_step = 256;
  struct Checkpoint {
    size_t offset;
    size_t code_points;  // from the line's first column to offset
    size_t utf16_units;
  };
  // Where the line's first column is: after a byte order mark on the first line.
  size_t column_origin(size_t line0, size_t offset) const;
  Position locate(size_t offset, bool utf16) const;

  std::string_view text_;
  std::vector<size_t> starts_;
  std::vector<Checkpoint> checkpoints_;  // sorted by offset
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  // A text whose invalid UTF-8 bytes were each replaced by U+FFFD (repair_utf8): `replaced`
  // are the runs of replacement characters. One per byte keeps every line and column where
  // it was in the original bytes, as an editor shows them.
  SourceFile(std::string path, std::string text, std::vector<ByteRange> replaced);
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }
  const LineIndex& lines() const { return lines_; }
  // Where the content starts: after a UTF-8 byte order mark, if there is one.
  size_t content_begin() const { return content_begin_; }
  // Where bytes that were not UTF-8 stand, as U+FFFD (structure.encoding); sorted.
  const std::vector<ByteRange>& replaced_bytes() const { return replaced_; }

 private:
  std::string path_;
  std::string text_;
  LineIndex lines_;
  size_t content_begin_ = 0;
  std::vector<ByteRange> replaced_;
};

// Why a file cannot be linted at all (an I/O or encoding problem), phrased for the user.
struct LoadError {
  std::string message;
};

// Thrown while parsing a file qadeck cannot lint (nesting too deep for the grammar, ...): the
// message is for the user, who gets it with the file's name and exit code 2.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Checks that text can be linted: valid UTF-8 and no NUL bytes.
std::optional<LoadError> check_source_text(std::string_view text);

// Checks that text holds no NUL byte (a binary file): what lint needs, as it lints invalid
// UTF-8 through repair_utf8.
std::optional<LoadError> check_no_nul(std::string_view text);

// The text with each byte that is not part of valid UTF-8 replaced by U+FFFD; `replaced` gets
// the runs of replacements, in the new text. Valid text comes back as it is.
std::string repair_utf8(std::string_view text, std::vector<ByteRange>& replaced);

}  // namespace qadeck
