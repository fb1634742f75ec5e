#include "export/pdf_exporter.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>

#include "core/atomic_write.h"
#include "core/interrupt_cleanup.h"
#include "export/pandoc_markdown.h"
#include "export/sha1.h"

extern char** environ;

namespace qadeck {
namespace {

namespace fs = std::filesystem;

constexpr const char* install_hint =
    "on Debian or Ubuntu: sudo apt-get install pandoc texlive-xetex texlive-lang-cjk "
    "texlive-lang-chinese texlive-fonts-recommended lmodern fonts-noto-cjk";

// A scratch folder removed with its contents.
class ScratchFolder {
 public:
  ScratchFolder() {
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/qadeck-pdf-XXXXXX";
    std::error_code ec;
    if (mkdtemp(tmpl.data())) path_ = fs::absolute(tmpl, ec).string();
    cleanup_.emplace(path_);
  }
  ~ScratchFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::optional<InterruptCleanup> cleanup_;  // SIGINT and SIGTERM remove it too
};

// The environment TeX runs in: ours, with kpathsea's file access paranoid whatever the
// user's texmf.cnf or environment says (environment variables override texmf.cnf).
std::vector<std::string> tex_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string_view entry(*e);
    if (entry.starts_with("openin_any=") || entry.starts_with("openout_any=") ||
        entry.starts_with("shell_escape=")) {
      continue;
    }
    env.emplace_back(entry);
  }
  env.emplace_back("openin_any=p");
  env.emplace_back("openout_any=p");
  env.emplace_back("shell_escape=f");
  return env;
}

std::vector<char*> pointers(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const std::string& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// Runs argv in `cwd` with stdin from /dev/null and stdout and stderr into `log`; the exit
// status, or -1 with errno set when it could not start. TeX leaves files such as missfont.log
// in its working folder: a scratch one keeps the user's clean.
int run(const std::vector<std::string>& argv, const std::string& cwd, const std::string& log) {
  std::vector<char*> args = pointers(argv);
  const std::vector<std::string> env_strings = tex_environment();
  std::vector<char*> env = pointers(env_strings);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    errno = rc;
    return -1;
  }
  set_interruptible_child(pid);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      set_interruptible_child(0);
      return -1;
    }
  }
  set_interruptible_child(0);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

// The end of pandoc's output, for the error message.
std::string log_tail(const std::string& log) {
  std::string text;
  if (read_file(log, text)) return "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  constexpr size_t limit = 2000;
  if (text.size() > limit) text = "…" + text.substr(text.size() - limit);
  return text.empty() ? "" : "\n" + text;
}

// xdvipdfmx makes the PDF's /ID from the clock and the output's path, which lies in a random
// scratch folder: derive it from the content instead, so that with SOURCE_DATE_EPOCH pinning
// the dates the same input makes the same bytes. The new ID has the old one's length.
void stable_pdf_id(std::string& pdf) {
  constexpr std::string_view marker = "/ID[<";
  const size_t at = pdf.rfind(marker);
  if (at == std::string::npos) return;
  const size_t first = at + marker.size();
  const size_t first_end = pdf.find('>', first);
  if (first_end == std::string::npos || pdf.compare(first_end, 2, "><") != 0) return;
  const size_t second = first_end + 2;
  const size_t second_end = pdf.find('>', second);
  if (second_end == std::string::npos || second_end - second != first_end - first) return;
  std::fill(pdf.begin() + static_cast<std::ptrdiff_t>(first),
            pdf.begin() + static_cast<std::ptrdiff_t>(first_end), '0');
  std::fill(pdf.begin() + static_cast<std::ptrdiff_t>(second),
            pdf.begin() + static_cast<std::ptrdiff_t>(second_end), '0');
  std::string id = sha1_hex(pdf);
  while (id.size() < first_end - first) id += sha1_hex(id);
  id.resize(first_end - first);
  pdf.replace(first, id.size(), id);
  pdf.replace(second, id.size(), id);
}

}  // namespace

std::optional<std::string> find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    if (access(name.c_str(), X_OK) == 0) return name;
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    const size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    if (dir.empty()) dir = ".";
    const std::string candidate = dir + "/" + name;
    std::error_code ec;
    if (access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate, ec)) return candidate;
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  return std::nullopt;
}

std::vector<std::string> pdf_pandoc_options() {
  return {
      // No raw TeX (`\input{…}` in prose) and no raw blocks (```{=latex}): only math reaches
      // TeX as the author wrote it.
      "--from=markdown-raw_tex-raw_attribute",
      "--pdf-engine=xelatex",
      "--pdf-engine-opt=-no-shell-escape",
      // Latin Modern Math lacks some of amssymb's geometric shapes (\triangledown is U+25BF):
      // DejaVu Sans has them all. A variable, as the intermediate's own header-includes would
      // need the raw TeX that is off.
      "--variable=header-includes:\\setmathfont[range={\"25A0-\"25FF}]{DejaVu Sans}",
  };
}

std::optional<std::string> export_pdf(const Deck& deck, const PdfOptions& options,
                                      const std::string& path) {
  const std::string markdown = pandoc_markdown(deck);
  if (!options.keep_intermediate.empty()) {
    if (auto e = write_file_atomically(options.keep_intermediate, markdown)) return e;
  }
  const auto pandoc = find_program(options.pandoc);
  if (!pandoc) {
    return path + ": cannot make the PDF: pandoc is not installed (" + install_hint + ")";
  }
  if (!find_program("xelatex")) {
    return path + ": cannot make the PDF: xelatex, the PDF engine pandoc runs, is not installed (" +
           install_hint + ")";
  }
  ScratchFolder scratch;
  if (scratch.path().empty()) {
    return path + ": cannot create a scratch folder: " + std::strerror(errno);
  }
  const std::string input = scratch.path() + "/deck.md";
  const std::string pdf = scratch.path() + "/deck.pdf";
  const std::string log = scratch.path() + "/pandoc.log";
  if (auto e = write_file_atomically(input, markdown)) return e;

  // Images are relative to their documents' folders.
  std::set<std::string> folders;
  for (const DeckDocument& d : deck.documents) {
    std::error_code ec;
    const fs::path parent = fs::path(d.path).parent_path();
    folders.insert(
        fs::absolute(parent.empty() ? fs::path(".") : parent, ec).lexically_normal().string());
  }
  std::string resource_path;
  for (const std::string& f : folders) resource_path += (resource_path.empty() ? "" : ":") + f;

  std::vector<std::string> argv = {*pandoc, input};
  for (std::string& option : pdf_pandoc_options()) argv.push_back(std::move(option));
  argv.push_back("--resource-path=" + resource_path);
  argv.push_back("--output=" + pdf);
  const int status = run(argv, scratch.path(), log);
  if (status < 0) {
    return path + ": cannot run " + *pandoc + ": " + std::strerror(errno);
  }
  if (status != 0) {
    return path + ": pandoc failed (exit " + std::to_string(status) + ")" + log_tail(log);
  }
  std::string bytes;
  if (auto e = read_file(pdf, bytes)) return path + ": pandoc wrote no PDF: " + *e;
  if (!std::string_view(bytes).starts_with("%PDF")) {
    return path + ": pandoc wrote something that is not a PDF" + log_tail(log);
  }
  stable_pdf_id(bytes);
  return write_file_atomically(path, bytes);
}

}  // namespace qadeck
