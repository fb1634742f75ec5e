#include "core/atomic_write.h"

#include "core/interrupt_cleanup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace qadeck {

namespace {

// What replace_file_if_unchanged adds to a plain atomic write.
struct Guard {
  const FileStamp& stamp;
  const std::function<void()>& before_check;
};

std::optional<std::string> changed_since_read(const std::string& path, const FileStamp& stamp) {
  std::string now;
  FileStamp current;
  if (read_file(path, now, current) || current.size != stamp.size ||
      current.mtime_ns != stamp.mtime_ns || !(current.hash == stamp.hash)) {
    return path + ": changed while fixing; run again (the file was left as it is)";
  }
  return std::nullopt;
}

// Reads a whole file, and its stamp when asked (hashing costs a plain lint for nothing).
std::optional<std::string> read_whole(const std::string& path, std::string& out, FileStamp* stamp) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return path + ": is a folder, not a file";
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return path + ": cannot open: " + std::strerror(errno);
  // One read of the size fstat gives, then on until the end, for files that grow or lie
  // about their size (/proc, pipes). The one byte more is where the read that finds the end
  // goes: without it, a file of exactly its stated size would double the buffer to find it.
  struct stat st {};
  std::string text;
  if (fstat(fd, &st) == 0 && st.st_size > 0) text.resize(static_cast<size_t>(st.st_size) + 1);
  size_t used = 0;
  for (;;) {
    if (used == text.size()) text.resize(std::max<size_t>(4096, text.size() * 2));
    const ssize_t n = read(fd, text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string message = path + ": cannot read: " + std::strerror(errno);
      close(fd);
      return message;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  close(fd);
  text.resize(used);
  if (stamp) {
    stamp->size = used;
    stamp->mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    stamp->ctime_ns = static_cast<int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
    stamp->device = st.st_dev;
    stamp->inode = st.st_ino;
    stamp->hash = hash_bytes(text);
  }
  out = std::move(text);
  return std::nullopt;
}

std::optional<std::string> write_whole(const std::string& path, std::string_view bytes,
                                       Durability durability, const Guard* guard) {
  AtomicFile file(path);
  file.append(bytes);
  if (!guard) return file.commit(durability);
  return file.commit(durability, true, [&]() -> std::optional<std::string> {
    if (guard->before_check) guard->before_check();
    return changed_since_read(path, guard->stamp);
  });
}

}  // namespace

AtomicFile::AtomicFile(const std::string& link_or_path) : path_(link_or_path) {
  std::error_code ec;
  if (std::filesystem::is_symlink(link_or_path, ec)) {
    path_ = std::filesystem::canonical(link_or_path, ec).string();
    if (ec) {
      error_ = link_or_path + ": cannot resolve the link: " + ec.message();
      return;
    }
  }
  const std::filesystem::path target(path_);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  temporary_ = (dir / ("." + target.filename().string() + ".qadeck-XXXXXX")).string();
  fd_ = mkstemp(temporary_.data());
  if (fd_ < 0) {
    error_ = path_ + ": cannot create a temporary file: " + std::strerror(errno);
    return;
  }
  cleanup_ = std::make_unique<InterruptCleanup>(temporary_);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) close(fd_);
  if (cleanup_) unlink(temporary_.c_str());
}

void AtomicFile::fail(const std::string& what) {
  if (!error_) error_ = path_ + ": " + what + ": " + std::strerror(errno);
}

void AtomicFile::append(std::string_view bytes) {
  size_t written = 0;
  while (!error_ && written < bytes.size()) {
    const ssize_t n = write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno != EINTR) fail("cannot write");
      continue;
    }
    written += static_cast<size_t>(n);
  }
}

std::optional<std::string> AtomicFile::commit(
    Durability durability, bool keep_owner,
    const std::function<std::optional<std::string>()>& check) {
  if (error_) return error_;
  // Keep the permissions of the file being replaced; a fix keeps its owner and group too
  // (the new file would otherwise belong to whoever ran qadeck: root, in a CI container).
  struct stat st {};
  if (stat(path_.c_str(), &st) == 0) {
    fchmod(fd_, st.st_mode & 07777);
    if (keep_owner && (st.st_uid != geteuid() || st.st_gid != getegid()) &&
        fchown(fd_, st.st_uid, st.st_gid) != 0) {
      fail("not fixed: cannot keep its owner " + std::to_string(st.st_uid) + " and group " +
           std::to_string(st.st_gid));
      return error_;
    }
  } else {
    fchmod(fd_, 0644);
  }
  if (durability == Durability::flush && fsync(fd_) != 0) {
    fail("cannot flush");
    return error_;
  }
  const int fd = fd_;
  fd_ = -1;
  if (close(fd) != 0) {
    fail("cannot close the temporary file");
    return error_;
  }
  if (check) {
    if (auto refused = check()) return refused;
  }
  if (rename(temporary_.c_str(), path_.c_str()) != 0) {
    fail("cannot replace the file");
    return error_;
  }
  cleanup_.reset();
  return std::nullopt;
}

std::optional<std::string> write_file_atomically(const std::string& path, std::string_view bytes,
                                                 Durability durability) {
  return write_whole(path, bytes, durability, nullptr);
}

std::optional<std::string> replace_file_if_unchanged(const std::string& path,
                                                     std::string_view bytes,
                                                     const FileStamp& stamp,
                                                     const std::function<void()>& before_check) {
  const Guard guard{stamp, before_check};
  return write_whole(path, bytes, Durability::flush, &guard);
}

std::optional<std::string> read_file(const std::string& path, std::string& out) {
  return read_whole(path, out, nullptr);
}

std::optional<std::string> read_file(const std::string& path, std::string& out, FileStamp& stamp) {
  return read_whole(path, out, &stamp);
}

}  // namespace qadeck
