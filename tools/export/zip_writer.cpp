#include "export/zip_writer.h"

#include <zip.h>

#include "core/shared_library.h"

namespace qadeck {
namespace {

// libzip, opened when the first archive is written (see core/shared_library.h).
struct Zip {
  decltype(&::zip_error_init) error_init;
  decltype(&::zip_error_fini) error_fini;
  decltype(&::zip_error_strerror) error_strerror;
  decltype(&::zip_strerror) strerror;
  decltype(&::zip_source_buffer_create) source_buffer_create;
  decltype(&::zip_source_buffer) source_buffer;
  decltype(&::zip_source_keep) source_keep;
  decltype(&::zip_source_free) source_free;
  decltype(&::zip_source_stat) source_stat;
  decltype(&::zip_source_open) source_open;
  decltype(&::zip_source_read) source_read;
  decltype(&::zip_source_close) source_close;
  decltype(&::zip_open_from_source) open_from_source;
  decltype(&::zip_file_add) file_add;
  decltype(&::zip_set_file_compression) set_file_compression;
  decltype(&::zip_file_set_dostime) file_set_dostime;
  decltype(&::zip_close) close;
  decltype(&::zip_discard) discard;
};

LoadedApi<Zip> load_zip() {
  return load_api<Zip>("libzip.so.4", "libzip", "libzip4", [](SharedLibrary& library, Zip& z) {
    library.resolve("zip_error_init", z.error_init);
    library.resolve("zip_error_fini", z.error_fini);
    library.resolve("zip_error_strerror", z.error_strerror);
    library.resolve("zip_strerror", z.strerror);
    library.resolve("zip_source_buffer_create", z.source_buffer_create);
    library.resolve("zip_source_buffer", z.source_buffer);
    library.resolve("zip_source_keep", z.source_keep);
    library.resolve("zip_source_free", z.source_free);
    library.resolve("zip_source_stat", z.source_stat);
    library.resolve("zip_source_open", z.source_open);
    library.resolve("zip_source_read", z.source_read);
    library.resolve("zip_source_close", z.source_close);
    library.resolve("zip_open_from_source", z.open_from_source);
    library.resolve("zip_file_add", z.file_add);
    library.resolve("zip_set_file_compression", z.set_file_compression);
    library.resolve("zip_file_set_dostime", z.file_set_dostime);
    library.resolve("zip_close", z.close);
    library.resolve("zip_discard", z.discard);
  });
}

// 1980-01-01 00:00:00, the earliest DOS date: no clock and no time zone in the archive.
constexpr zip_uint16_t dos_time = 0;
constexpr zip_uint16_t dos_date = (0 << 9) | (1 << 5) | 1;
// Fast deflate: on a collection of 10,000 notes it takes a fifth of the time of the default
// level for an archive about a tenth larger.
constexpr zip_uint32_t deflate_level = 1;

}  // namespace

void ZipWriter::add(std::string name, std::string_view bytes, bool compress) {
  entries_.push_back({std::move(name), std::string(bytes), compress});
}

std::optional<std::string> ZipWriter::finish(std::string& out) const {
  static const LoadedApi<Zip> loaded = load_zip();
  if (!loaded.error.empty()) return loaded.error;
  const Zip& zip = loaded.api;
  zip_error_t error;
  zip.error_init(&error);
  zip_source_t* buffer = zip.source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) {
    std::string message = zip.error_strerror(&error);
    zip.error_fini(&error);
    return "cannot create a zip buffer: " + message;
  }
  zip_t* archive = zip.open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) {
    std::string message = zip.error_strerror(&error);
    zip.error_fini(&error);
    zip.source_free(buffer);
    return "cannot start a zip archive: " + message;
  }
  zip.error_fini(&error);
  // The archive's bytes stay in `buffer` after zip_close().
  zip.source_keep(buffer);
  const auto fail = [&](const std::string& what) -> std::optional<std::string> {
    std::string message = what + ": " + zip.strerror(archive);
    zip.discard(archive);
    zip.source_free(buffer);
    return message;
  };
  for (const Entry& e : entries_) {
    zip_source_t* source = zip.source_buffer(archive, e.bytes.data(), e.bytes.size(), 0);
    if (!source) return fail("cannot add " + e.name);
    const zip_int64_t index = zip.file_add(archive, e.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip.source_free(source);
      return fail("cannot add " + e.name);
    }
    const auto i = static_cast<zip_uint64_t>(index);
    if (zip.set_file_compression(archive, i, e.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
                                 deflate_level) != 0 ||
        zip.file_set_dostime(archive, i, dos_time, dos_date, 0) != 0) {
      return fail("cannot set up " + e.name);
    }
  }
  if (zip.close(archive) != 0) return fail("cannot write the zip archive");

  std::optional<std::string> result;
  zip_stat_t st;
  if (zip.source_stat(buffer, &st) != 0 || zip.source_open(buffer) != 0) {
    result = "cannot read the zip archive back";
  } else {
    out.resize(static_cast<size_t>(st.size));
    const zip_int64_t n = zip.source_read(buffer, out.data(), st.size);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size)
      result = "cannot read the zip archive back";
    zip.source_close(buffer);
  }
  zip.source_free(buffer);
  return result;
}

}  // namespace qadeck
