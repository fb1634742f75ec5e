// A file mapped into memory read-only: its bytes without copying them, for reading many
// megabytes that are only looked at once (hashing inputs, replaying a cached report).
#pragma once

#include <string_view>

namespace qadeck {

class MappedFile {
 public:
  // On failure (missing, unreadable, a folder) ok() is false and bytes() is empty.
  explicit MappedFile(const char* path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  bool ok() const { return ok_; }
  // Valid while this object lives. Another process that rewrites the file in place could
  // change them underneath; qadeck's own writes replace files by renaming, which cannot.
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
  bool ok_ = false;
};

}  // namespace qadeck
