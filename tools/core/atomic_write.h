// Writes a file through a temporary file in the same folder, renamed into place: a failure
// never leaves a half-written or clobbered file.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/hash.h"

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

// What a file was when it was read: `--fix` replaces it only while it still is.
struct FileStamp {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  Hash128 hash;  // hash_bytes of the bytes read
};

// Reads a whole file and its stamp (of the bytes read, not of the file at some other time).
std::optional<std::string> read_file(const std::string& path, std::string& out, FileStamp& stamp);

// Replaces the file `path` names (through a symlink: the file it points to) with `bytes`, as
// write_file_atomically does, keeping its mode, owner and group — but only if it is still what
// was read: same size, mtime and content hash as `stamp`, checked after the new bytes are
// written and right before the rename. Otherwise the file is left untouched and the error says
// "changed while fixing; run again". An owner or group that cannot be kept (a user fixing a
// file someone else owns) is an error too, and the file is left as it was. `before_check`
// runs right before that check (tests use it to change the file at the worst moment).
std::optional<std::string> replace_file_if_unchanged(const std::string& path,
                                                     std::string_view bytes,
                                                     const FileStamp& stamp,
                                                     const std::function<void()>& before_check = {});

}  // namespace qadeck
