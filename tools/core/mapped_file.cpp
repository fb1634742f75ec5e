#include "core/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qadeck {

MappedFile::MappedFile(const char* path) {
  const int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    size_ = static_cast<size_t>(st.st_size);
    if (size_ == 0) {
      ok_ = true;
    } else {
      void* p = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) {
        data_ = p;
        ok_ = true;
      }
    }
  }
  close(fd);
  if (!ok_) size_ = 0;
}

MappedFile::~MappedFile() {
  if (data_) munmap(data_, size_);
}

}  // namespace qadeck
