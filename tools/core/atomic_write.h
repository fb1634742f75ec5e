// Writes a file through a temporary file in the same folder, renamed into place: a failure
// never leaves a half-written or clobbered file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace qadeck {

enum class Durability {
  flush,     // the bytes reach the disk before the rename: a power cut leaves old or new
  no_flush,  // for files whose readers detect a torn write themselves (cache entries)
};

// Returns an error message (naming the file) on failure; the original file is untouched.
std::optional<std::string> write_file_atomically(const std::string& path, std::string_view bytes,
                                                 Durability durability = Durability::flush);

// Reads a whole file; returns an error message naming the file on failure.
std::optional<std::string> read_file(const std::string& path, std::string& out);

}  // namespace qadeck
