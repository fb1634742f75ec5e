#include "core/lint_cache.h"

#include <elf.h>
#include <link.h>

#include <sys/stat.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "core/atomic_write.h"
#include "core/hash.h"
#include "core/mapped_file.h"

namespace qadeck {
namespace fs = std::filesystem;
namespace {

// Changes whenever the layout below changes.
constexpr std::string_view magic = "qadeck-lint-cache\n";
constexpr uint64_t format_version = 5;

class Writer {
 public:
  void u64(uint64_t v) {
    char bytes[8];
    std::memcpy(bytes, &v, sizeof bytes);
    out_.append(bytes, sizeof bytes);
  }
  void u8(unsigned v) { out_.push_back(static_cast<char>(v)); }
  void str(std::string_view s) {
    u64(s.size());
    out_.append(s);
  }
  void hash(const Hash128& h) {
    u64(h.low);
    u64(h.high);
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

// Reads what Writer wrote; any read past the end makes ok() false and returns zeros.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  uint64_t u64() {
    if (!take(8)) return 0;
    uint64_t v;
    std::memcpy(&v, in_.data() + at_ - 8, sizeof v);
    return v;
  }
  unsigned u8() { return take(1) ? static_cast<unsigned char>(in_[at_ - 1]) : 0; }
  std::string_view str() {
    const uint64_t n = u64();
    if (n > in_.size() - at_ || !take(n)) return {};
    return in_.substr(at_ - n, n);
  }
  Hash128 hash() {
    Hash128 h;
    h.low = u64();
    h.high = u64();
    return h;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return at_ == in_.size(); }
  // A count of items of at least `min_size` bytes each, or 0 (and not ok) if they cannot fit.
  uint64_t count(uint64_t min_size) {
    const uint64_t n = u64();
    if (n > (in_.size() - at_) / min_size) ok_ = false;
    return ok_ ? n : 0;
  }

 private:
  bool take(uint64_t n) {
    if (!ok_ || n > in_.size() - at_) {
      ok_ = false;
      return false;
    }
    at_ += n;
    return true;
  }
  std::string_view in_;
  size_t at_ = 0;
  bool ok_ = true;
};

bool on_boundary(std::string_view text, uint64_t offset) {
  return offset == text.size() ||
         (offset < text.size() && !is_utf8_continuation(static_cast<unsigned char>(text[offset])));
}

std::optional<ByteRange> read_range(Reader& in, std::string_view text) {
  const uint64_t begin = in.u64();
  const uint64_t end = in.u64();
  if (!in.ok() || begin > end || end > text.size() || !on_boundary(text, begin) ||
      !on_boundary(text, end)) {
    return std::nullopt;
  }
  return ByteRange{begin, end};
}

void write_range(Writer& out, ByteRange r) {
  out.u64(r.begin);
  out.u64(r.end);
}

// What a dependency is now: its content's hash, or that it is a folder or absent.
Hash128 dependency_state(const std::string& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (fs::is_directory(status)) return Hasher().add("folder").finish();
  std::string text;
  if (!fs::is_regular_file(status) || read_file(path, text)) return Hasher().add("absent").finish();
  return hash_bytes(text);
}

void write_dependencies(Writer& out, const std::vector<std::string>& dependencies,
                        DependencyStates& states) {
  out.u64(dependencies.size());
  for (const std::string& d : dependencies) {
    out.str(d);
    out.hash(states.get(d));
  }
}

// The dependencies written by write_dependencies(), if every one is still as it was then.
std::optional<std::vector<std::string>> read_current_dependencies(Reader& in,
                                                                  DependencyStates& states) {
  std::vector<std::string> dependencies(in.count(24));
  for (std::string& d : dependencies) {
    d = in.str();
    if (!in.ok() || in.hash() != states.get(d)) return std::nullopt;
  }
  return dependencies;
}

std::string absolute(const std::string& path) {
  std::error_code ec;
  const fs::path p = fs::absolute(path, ec);
  return (ec ? fs::path(path) : p).lexically_normal().string();
}

// The build id note of the main executable, as hex; empty if it has none.
std::string elf_build_id() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) -> int {
        auto& out = *static_cast<std::string*>(data);
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_NOTE) continue;
          const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
          const char* end = p + ph.p_memsz;
          while (p + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            std::memcpy(&note, p, sizeof note);
            const char* name = p + sizeof note;
            const char* desc = name + ((note.n_namesz + 3) & ~3u);
            const char* next = desc + ((note.n_descsz + 3) & ~3u);
            if (next > end) break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
                std::memcmp(name, "GNU", 4) == 0) {
              static constexpr char digits[] = "0123456789abcdef";
              for (size_t k = 0; k < note.n_descsz; ++k) {
                const auto byte = static_cast<unsigned char>(desc[k]);
                out += digits[byte >> 4];
                out += digits[byte & 15];
              }
              return 1;
            }
            p = next;
          }
        }
        return 1;  // the first object is the executable itself: stop there
      },
      &id);
  return id;
}

std::string report_file(const std::string& dir, const Hash128& slot) {
  return (fs::path(dir) / ("report-" + slot.hex() + ".bin")).string();
}

int64_t nanoseconds(const struct timespec& t) {
  return static_cast<int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// How long before a run began a file must have last changed for its stamp to be trusted by a
// later run: file times come from a clock that lags by a tick, and some file systems keep
// them to the second (FAT to two).
constexpr int64_t settle_ns = 3'000'000'000;

void write_stamp(Writer& out, const FileStamp& s) {
  out.u64(s.size);
  out.u64(static_cast<uint64_t>(s.mtime_ns));
  out.u64(static_cast<uint64_t>(s.ctime_ns));
  out.u64(s.device);
  out.u64(s.inode);
  out.hash(s.hash);
}

FileStamp read_stamp(Reader& in) {
  FileStamp s;
  s.size = in.u64();
  s.mtime_ns = static_cast<int64_t>(in.u64());
  s.ctime_ns = static_cast<int64_t>(in.u64());
  s.device = in.u64();
  s.inode = in.u64();
  s.hash = in.hash();
  return s;
}

// Whether the file at `path` still holds what `stored` was taken of, by a run that began at
// `started_ns`.
bool unchanged(const std::string& path, const FileStamp& stored, int64_t started_ns) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<uint64_t>(st.st_size) != stored.size) {
    return false;
  }
  const bool settled = stored.ctime_ns < started_ns - settle_ns &&
                       stored.mtime_ns < started_ns - settle_ns;
  if (settled && nanoseconds(st.st_mtim) == stored.mtime_ns &&
      nanoseconds(st.st_ctim) == stored.ctime_ns && st.st_dev == stored.device &&
      st.st_ino == stored.inode) {
    return true;
  }
  const MappedFile file(path.c_str());
  return file.ok() && hash_bytes(file.bytes()) == stored.hash;
}

}  // namespace

Hash128 DependencyStates::get(const std::string& path) {
  {
    const std::lock_guard lock(mutex_);
    if (auto it = states_.find(path); it != states_.end()) return it->second;
  }
  // Read outside the lock: two threads may both read one file, and store the same state.
  const Hash128 state = dependency_state(path);
  const std::lock_guard lock(mutex_);
  return states_.try_emplace(path, state).first->second;
}

void DependencyStates::clear() {
  const std::lock_guard lock(mutex_);
  states_.clear();
}

void LintCache::forget_states() const { states_->clear(); }

LintCache::LintCache(std::string dir, std::string build_key)
    : dir_(std::move(dir)),
      build_key_(std::move(build_key)),
      started_ns_(std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count()) {}

std::optional<std::string> LintCache::default_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  // The XDG spec: a relative value is invalid and to be ignored.
  if (xdg && *xdg == '/') return (fs::path(xdg) / "qadeck" / "lint").string();
  const char* home = std::getenv("HOME");
  if (home && *home) return (fs::path(home) / ".cache" / "qadeck" / "lint").string();
  return std::nullopt;
}

std::string LintCache::entry_path(const std::string& absolute_path,
                                  std::string_view settings_key) const {
  const Hash128 name = Hasher().add(absolute_path).add(settings_key).finish();
  return (fs::path(dir_) / (name.hex() + ".bin")).string();
}

std::optional<LintCache::Entry> LintCache::load(const std::string& path,
                                                std::string_view settings_key,
                                                std::string_view text) const {
  const std::string abs = absolute(path);
  std::string bytes;
  if (read_file(entry_path(abs, settings_key), bytes)) return std::nullopt;
  const std::optional<std::string_view> entry = payload(bytes);
  if (!entry) return std::nullopt;
  Reader in(*entry);
  if (in.str() != settings_key || in.str() != abs) return std::nullopt;
  if (in.u64() != text.size() || in.hash() != hash_bytes(text)) return std::nullopt;
  Entry result;
  auto dependencies = read_current_dependencies(in, *states_);
  if (!dependencies) return std::nullopt;
  result.dependencies = std::move(*dependencies);
  result.questions.resize(in.count(33));
  for (QuestionRef& q : result.questions) {
    q.key = in.str();
    const auto range = read_range(in, text);
    if (!range) return std::nullopt;
    q.range = *range;
    const unsigned flags = in.u8();
    if (flags > 7) return std::nullopt;
    q.term = flags & 1;
    q.duplicate_suppressed = flags & 2;
    q.similar_suppressed = flags & 4;
    q.similarity_threshold = std::bit_cast<double>(in.u64());
  }
  std::vector<Diagnostic>& diagnostics = result.diagnostics;
  diagnostics.resize(in.count(34));
  for (Diagnostic& d : diagnostics) {
    d.rule = in.str();
    const unsigned severity = in.u8();
    if (severity > static_cast<unsigned>(Severity::error)) return std::nullopt;
    d.severity = static_cast<Severity>(severity);
    const auto range = read_range(in, text);
    if (!range) return std::nullopt;
    d.range = *range;
    d.message = in.str();
    if (in.u8() == 0) continue;
    Fix& fix = d.fix.emplace();
    fix.title = in.str();
    fix.applicability = in.u8() ? Applicability::unsafe : Applicability::safe;
    fix.edits.resize(in.count(24));
    for (Edit& e : fix.edits) {
      const auto edit_range = read_range(in, text);
      if (!edit_range) return std::nullopt;
      e.range = *edit_range;
      e.replacement = in.str();
    }
  }
  if (!in.ok() || !in.at_end()) return std::nullopt;
  return result;
}

void LintCache::store(const std::string& path, std::string_view settings_key, std::string_view text,
                      const std::vector<Diagnostic>& diagnostics,
                      const std::vector<std::string>& dependencies,
                      const std::vector<QuestionRef>& questions) const {
  const std::string abs = absolute(path);
  Writer payload;
  payload.str(settings_key);
  payload.str(abs);
  payload.u64(text.size());
  payload.hash(hash_bytes(text));
  write_dependencies(payload, dependencies, *states_);
  payload.u64(questions.size());
  for (const QuestionRef& q : questions) {
    payload.str(q.key);
    write_range(payload, q.range);
    payload.u8((q.term ? 1 : 0) | (q.duplicate_suppressed ? 2 : 0) | (q.similar_suppressed ? 4 : 0));
    payload.u64(std::bit_cast<uint64_t>(q.similarity_threshold));
  }
  payload.u64(diagnostics.size());
  for (const Diagnostic& d : diagnostics) {
    payload.str(d.rule);
    payload.u8(static_cast<unsigned>(d.severity));
    write_range(payload, d.range);
    payload.str(d.message);
    payload.u8(d.fix ? 1 : 0);
    if (!d.fix) continue;
    payload.str(d.fix->title);
    payload.u8(d.fix->applicability == Applicability::safe ? 0 : 1);
    payload.u64(d.fix->edits.size());
    for (const Edit& e : d.fix->edits) {
      write_range(payload, e.range);
      payload.str(e.replacement);
    }
  }
  write_entry(entry_path(abs, settings_key), payload.bytes());
}

std::optional<std::string_view> LintCache::payload(std::string_view bytes) const {
  Reader header(bytes);
  if (header.str() != magic || header.u64() != format_version || header.str() != build_key_) {
    return std::nullopt;
  }
  const Hash128 checksum = header.hash();
  const std::string_view payload = header.str();
  if (!header.ok() || !header.at_end() || hash_bytes(payload) != checksum) return std::nullopt;
  return payload;
}

std::string LintCache::envelope(std::string_view payload) const {
  Writer entry;
  entry.str(magic);
  entry.u64(format_version);
  entry.str(build_key_);
  entry.hash(hash_bytes(payload));
  entry.str(payload);
  return std::move(entry.bytes());
}

void LintCache::write_entry(const std::string& file, std::string_view payload) const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  // Not flushed to disk: an entry torn by a power cut fails its checksum and is ignored.
  write_file_atomically(file, envelope(payload), Durability::no_flush);
}

// A report's file: its bytes, then its index in an entry's envelope, then the envelope's size
// (8 bytes). The bytes are not in the checksum, which a replay would have to read them all
// for: the file is flushed to disk before it is renamed into place, so it is never torn.
std::optional<LintCache::Report> LintCache::load_report(const Hash128& slot,
                                                        const Hash128& inputs) const {
  auto mapped = std::make_shared<const MappedFile>(report_file(dir_, slot).c_str());
  const std::string_view all = mapped->bytes();
  if (all.size() < 8) return std::nullopt;
  uint64_t envelope_size = 0;
  std::memcpy(&envelope_size, all.data() + all.size() - 8, 8);
  if (envelope_size > all.size() - 8) return std::nullopt;
  const size_t bytes_size = all.size() - 8 - envelope_size;
  const std::optional<std::string_view> index = payload(all.substr(bytes_size, envelope_size));
  if (!index) return std::nullopt;
  Reader in(*index);
  const bool same_inputs = in.hash() == inputs;
  const int64_t started_ns = static_cast<int64_t>(in.u64());
  Report report;
  report.exit_code = static_cast<int>(in.u64());
  if (in.u64() != bytes_size) return std::nullopt;
  report.files.resize(in.count(96));
  for (ReportFile& f : report.files) {
    f.path = in.str();
    f.stamp = read_stamp(in);
    f.key = in.hash();
    f.offset = in.u64();
    f.size = in.u64();
    if (!in.ok() || f.offset > bytes_size || f.size > bytes_size - f.offset) return std::nullopt;
  }
  // The dependencies are read in any case, to tell a corrupt index; their state only counts
  // for a report that is otherwise unchanged.
  const std::optional<std::vector<std::string>> dependencies =
      read_current_dependencies(in, *states_);
  if (!in.ok() || (dependencies && !in.at_end())) return std::nullopt;
  report.unchanged = same_inputs && dependencies &&
                     std::all_of(report.files.begin(), report.files.end(), [&](const ReportFile& f) {
                       return unchanged(f.path, f.stamp, started_ns);
                     });
  report.bytes = all.substr(0, bytes_size);
  report.storage = std::move(mapped);
  return report;
}

LintCache::ReportRecorder::ReportRecorder(const LintCache& cache, const Hash128& slot,
                                          const Hash128& inputs)
    : cache_(cache), inputs_(inputs) {
  std::error_code ec;
  fs::create_directories(cache.dir_, ec);
  file_ = std::make_unique<AtomicFile>(report_file(cache.dir_, slot));
}

LintCache::ReportRecorder::~ReportRecorder() = default;

void LintCache::ReportRecorder::append(std::string_view bytes) {
  pending_.append(bytes);
  size_ += bytes.size();
  if (pending_.size() >= (1u << 20)) drain();
}

void LintCache::ReportRecorder::drain() {
  file_->append(pending_);
  pending_.clear();
}

void LintCache::ReportRecorder::commit(int exit_code, const std::vector<ReportFile>& files,
                                       const std::vector<std::string>& dependencies) {
  drain();
  Writer index;
  index.hash(inputs_);
  index.u64(static_cast<uint64_t>(cache_.started_ns_));
  index.u64(static_cast<uint64_t>(exit_code));
  index.u64(size_);
  index.u64(files.size());
  for (const ReportFile& f : files) {
    index.str(f.path);
    write_stamp(index, f.stamp);
    index.hash(f.key);
    index.u64(f.offset);
    index.u64(f.size);
  }
  write_dependencies(index, dependencies, *cache_.states_);
  std::string tail = cache_.envelope(index.bytes());
  const uint64_t envelope_size = tail.size();
  char size_bytes[8];
  std::memcpy(size_bytes, &envelope_size, sizeof size_bytes);
  tail.append(size_bytes, sizeof size_bytes);
  file_->append(tail);
  file_->commit(Durability::flush);
}

std::string build_identity(std::string_view version) {
  std::string id(version);
  const std::string build_id = elf_build_id();
  if (!build_id.empty()) return id + "+" + build_id;
  // No build id note: the executable's own bytes stand in for it.
  std::string exe;
  if (!read_file("/proc/self/exe", exe)) return id + "+" + hash_bytes(exe).hex();
  return id;
}

}  // namespace qadeck
