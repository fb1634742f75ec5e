// A zip archive built in memory with libzip, byte-for-byte the same for the same entries: every
// entry carries the fixed DOS time 1980-01-01 00:00, whatever the clock or time zone. No libzip
// type leaves zip_writer.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qadeck {

class ZipWriter {
 public:
  // Adds an entry; `compress` deflates it, else it is stored. The bytes are copied.
  void add(std::string name, std::string_view bytes, bool compress = true);
  // Writes the archive into `out`; returns an error message on failure.
  std::optional<std::string> finish(std::string& out) const;

 private:
  struct Entry {
    std::string name;
    std::string bytes;
    bool compress = true;
  };
  std::vector<Entry> entries_;
};

}  // namespace qadeck
