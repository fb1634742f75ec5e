// Configuration: `.qadeck.yml` (or one of the other config_file_names), found by walking up
// from each file, over the built-in defaults (rules/default.yml, embedded). Unknown keys,
// duplicate keys and bad values are errors located at the config file's line and column.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/link_results.h"
#include "core/qa_model.h"

namespace qadeck {

struct RuleSetting {
  std::string pattern;  // a rule id or a category prefix
  Severity severity = Severity::warning;
  std::optional<double> threshold;  // structure.similar-question's option, from 0.5 to 1
  bool operator==(const RuleSetting&) const = default;
};

// Settings for the files matching some globs (relative to the config file's folder; `*`
// also matches across folders, `?` one character).
struct ConfigOverride {
  std::vector<std::string> files;
  std::vector<RuleSetting> rules;
  std::optional<std::string> lang;
  std::optional<QuestionStyle> style;
  bool operator==(const ConfigOverride&) const = default;
};

// The `links` settings. `check` and `slugs` are read per file (from each file's own
// configuration); the network settings apply to the whole run, as each external URL is checked
// once per run: the command line takes them from the first file that has external checks on.
struct LinkSettings {
  enum class Check { off, local, all };  // off: no link rules; local: offline; all: network too
  Check check = Check::local;
  std::optional<SlugStyle> slugs;  // unset: chosen per file (see ExtractOptions::slug_style)
  unsigned timeout_ms = 10000;          // a whole request
  unsigned connect_timeout_ms = 5000;
  unsigned link_timeout_ms = 30000;     // one URL, its redirects, retries and waits included
  unsigned concurrency = 32;            // requests at once
  unsigned per_host = 8;                // requests at once to one host
  unsigned retries = 3;                 // after 429/503 or a dropped connection
  unsigned retry_wait_max_ms = 10000;   // a longer Retry-After gives up (link.unreachable)
  unsigned redirects = 10;              // hops followed; more, or a loop, is link.broken
  unsigned max_bytes = 256 * 1024;      // of a body read, per request
  unsigned cache_max_age_s = 24 * 3600; // 0: results are not cached
  std::vector<std::pair<int, int>> accept = {{200, 299}};  // status ranges, inclusive
  std::vector<std::string> exclude;     // URL globs never fetched
  bool operator==(const LinkSettings&) const = default;
};

// The `export` settings, read from the configuration of the first file exported.
struct ExportSettings {
  std::string ids = "qadeck-ids.json";  // the identity file, relative to `Config::dir`; "off"
  std::string base_url;                 // where links to other .md files point; "": plain text
  unsigned keep_removed = 3;            // exports a removed note is still sent, then forgotten
  bool operator==(const ExportSettings&) const = default;
};

// The `math` settings: control words (without the backslash) the renderer is configured to
// define beyond MathJax's own, as MathJax's `macros` option does.
struct MathSettings {
  std::vector<std::string> macros;
  bool operator==(const MathSettings&) const = default;
};

struct Config {
  std::string path;  // the config file; "" for the built-in defaults alone
  std::string dir;   // the folder `paths` and override globs are relative to
  std::vector<std::string> paths;
  std::optional<std::string> lang;      // the document language when front matter has none
  std::optional<QuestionStyle> style;   // pins the question style; detected when unset
  std::vector<RuleSetting> rules;       // in order: later settings win
  std::vector<ConfigOverride> overrides;
  LinkSettings links;
  ExportSettings exports;
  MathSettings math;
  bool operator==(const Config&) const = default;
};

// The built-in defaults: what rules/default.yml sets, over Config{} (a unit test loads the file
// and compares). Built in code rather than parsed at every start-up, where parsing the file
// took about an eighth of the instructions of a lint of a 10 KB document.
Config builtin_config();

// What the settings resolve to for one file.
struct FileSettings {
  std::optional<std::string> lang;
  std::optional<QuestionStyle> style;
  // The severity of a rule for this file, given its default.
  Severity severity(std::string_view rule_id, Severity default_severity) const;
  std::vector<RuleSetting> rules;
  // structure.similar-question's `threshold`: the last one set, else its default.
  double similarity_threshold() const;
};

// Whether `pattern` names a known rule or category; used to reject typos in configs.
using RuleKnown = std::function<bool(std::string_view pattern)>;

// Parses `text` (the file `path`) over `base`: scalars replace, rule settings and overrides
// add. On error returns "path:line:column: message" and leaves `out` unspecified.
std::optional<std::string> load_config(const std::string& path, std::string_view text,
                                       const RuleKnown& known, const Config& base, Config& out);

// The names a configuration file may have, relative to the folder it governs, in the order
// they are tried: the first present in a folder is used, the others there are ignored.
inline constexpr std::array<std::string_view, 4> config_file_names = {
    ".qadeck.yml", ".qadeck.yaml", ".config/qadeck.yml", ".config/qadeck.yaml"};

// The folder a configuration file governs, which `paths`, override globs and the project root
// are relative to: its own folder, or the one above for a file in `.config/`.
std::string config_folder(const std::string& config_path);

// Finds the configuration file of each file: the first of config_file_names in the file's
// folder, else in the nearest folder above that has one. Each folder is looked at once.
class ConfigFinder {
 public:
  // Told once per ignored configuration file, with a line naming it and why; may be empty.
  using Warn = std::function<void(const std::string& message)>;
  explicit ConfigFinder(Warn warn) : warn_(std::move(warn)) {}

  std::optional<std::string> find(const std::string& file);

 private:
  const std::optional<std::string>& in_folder(const std::string& dir);

  Warn warn_;
  std::map<std::string, std::optional<std::string>> folders_;  // folder -> the file governing it
};

FileSettings resolve_settings(const Config& config, const std::string& file);

// `*` matches any run of characters (folders too), `?` any one.
bool glob_match(std::string_view pattern, std::string_view path);

std::optional<QuestionStyle> parse_question_style(std::string_view name);

// "250ms", "10s", "5m", "2h", "1d", or a plain number of seconds ("1.5"); nothing if malformed.
std::optional<double> parse_duration_seconds(std::string_view text);

}  // namespace qadeck
