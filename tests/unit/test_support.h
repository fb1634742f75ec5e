// Helpers shared by the unit tests: a parsed in-memory document, and scratch folders.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

#include "core/document.h"
#include "core/source_file.h"

namespace qadeck::testing {

// A source text and its Document, kept together because the Document points into the source.
class Parsed {
 public:
  explicit Parsed(std::string text, const ExtractOptions& options = {},
                  std::string path = "test.md")
      : source_(std::move(path), std::move(text)), doc_(build_document(source_, options)) {}
  Parsed(const Parsed&) = delete;
  Parsed& operator=(const Parsed&) = delete;

  const SourceFile& source() const { return source_; }
  const Document& doc() const { return doc_; }
  std::string_view text() const { return source_.text(); }
  std::string str(ByteRange r) const { return std::string(r.in(source_.text())); }
  // 1-based line of a byte offset.
  size_t line(size_t offset) const { return source_.lines().line_of(offset) + 1; }
  // 1-based line of the last byte of a non-empty range.
  size_t end_line(ByteRange r) const { return line(r.empty() ? r.end : r.end - 1); }

 private:
  SourceFile source_;
  Document doc_;
};

// A fresh empty folder under the system's temporary folder, removed with its contents.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device rd;
    const auto base = std::filesystem::temp_directory_path();
    for (;;) {
      path_ = base / ("qadeck-unit-" + std::to_string(rd()));
      if (std::filesystem::create_directory(path_)) break;
    }
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& relative) const { return (path_ / relative).string(); }

  // Writes `bytes` to `relative`, creating its folders.
  std::string write(const std::string& relative, std::string_view bytes) const {
    const std::filesystem::path p = path_ / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

}  // namespace qadeck::testing
