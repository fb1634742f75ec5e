// Opens what the Anki exporter wrote: the zip's members (libzip) and the collection (SQLite),
// for tests to look at.
#pragma once

#include <sqlite3.h>
#include <zip.h>

#include <map>
#include <string>
#include <vector>

#include "test_support.h"

namespace qadeck::testing {

inline std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> members;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive =
      source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
  zip_error_fini(&error);
  if (!archive) {
    if (source) zip_source_free(source);
    ADD_FAILURE() << "not a zip archive";
    return members;
  }
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st);
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    std::string data(static_cast<size_t>(st.size), '\0');
    if (!file || zip_fread(file, data.data(), st.size) != static_cast<zip_int64_t>(st.size)) {
      ADD_FAILURE() << "cannot read member " << st.name;
    }
    if (file) zip_fclose(file);
    members[st.name] = std::move(data);
  }
  zip_close(archive);
  return members;
}

// A collection opened read-only from its bytes (written to a scratch file).
class Collection {
 public:
  explicit Collection(const std::string& bytes) {
    path_ = dir_.write("collection.anki2", bytes);
    if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open the collection";
    }
  }
  ~Collection() { sqlite3_close(db_); }
  Collection(const Collection&) = delete;
  Collection& operator=(const Collection&) = delete;

  // Every row of a query, each column as text ("" for NULL).
  std::vector<std::vector<std::string>> rows(const std::string& sql) const {
    std::vector<std::vector<std::string>> out;
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
      return out;
    }
    while (sqlite3_step(s) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        const auto* text = sqlite3_column_text(s, c);
        row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
      out.push_back(std::move(row));
    }
    sqlite3_finalize(s);
    return out;
  }
  std::string value(const std::string& sql) const {
    const auto r = rows(sql);
    return r.empty() || r[0].empty() ? "" : r[0][0];
  }

 private:
  ScratchDir dir_;
  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace qadeck::testing
