#include "core/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace qadeck {

std::optional<std::string> write_file_atomically(const std::string& link_or_path,
                                                 std::string_view bytes) {
  // Through a symbolic link, the file it points to is replaced and the link stays.
  std::error_code ec;
  std::string path = link_or_path;
  if (std::filesystem::is_symlink(link_or_path, ec)) {
    path = std::filesystem::canonical(link_or_path, ec).string();
    if (ec) return link_or_path + ": cannot resolve the link: " + ec.message();
  }
  const std::filesystem::path target(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string tmpl = (dir / ("." + target.filename().string() + ".qadeck-XXXXXX")).string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) return path + ": cannot create a temporary file: " + std::strerror(errno);
  const auto fail = [&](const char* what) {
    const std::string message = path + ": " + what + ": " + std::strerror(errno);
    close(fd);
    unlink(tmpl.c_str());
    return message;
  };
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write");
    }
    written += static_cast<size_t>(n);
  }
  // Keep the permissions of the file being replaced.
  struct stat st {};
  if (stat(path.c_str(), &st) == 0) {
    fchmod(fd, st.st_mode & 07777);
  } else {
    fchmod(fd, 0644);
  }
  if (fsync(fd) != 0) return fail("cannot flush");
  if (close(fd) != 0) {
    unlink(tmpl.c_str());
    return path + ": cannot close the temporary file: " + std::strerror(errno);
  }
  if (rename(tmpl.c_str(), path.c_str()) != 0) {
    const std::string message = path + ": cannot replace the file: " + std::strerror(errno);
    unlink(tmpl.c_str());
    return message;
  }
  return std::nullopt;
}

std::optional<std::string> read_file(const std::string& path, std::string& out) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return path + ": is a folder, not a file";
  std::ifstream in(path, std::ios::binary);
  if (!in) return path + ": cannot open: " + std::strerror(errno);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return path + ": cannot read: " + std::strerror(errno);
  out = std::move(buffer).str();
  return std::nullopt;
}

}  // namespace qadeck
