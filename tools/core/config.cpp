#include "core/config.h"

#include "core/language.h"
#include "core/qa_extractor.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace qadeck {
namespace fs = std::filesystem;
namespace {

class ConfigReader {
 public:
  ConfigReader(const std::string& path, const RuleKnown& known) : path_(path), known_(known) {}

  // Throws ConfigFailure on the first problem.
  void read(const YAML::Node& root, Config& out) {
    if (root.IsNull()) return;
    require_map(root, "the configuration");
    for (const auto& entry : root) {
      const std::string key = entry.first.as<std::string>();
      const YAML::Node& value = entry.second;
      if (key == "paths") {
        out.paths = strings(value, "paths");
      } else if (key == "lang") {
        out.lang = lang(value);
      } else if (key == "style") {
        out.style = style(value);
      } else if (key == "rules") {
        rules(value, out.rules);
      } else if (key == "overrides") {
        overrides(value, out.overrides);
      } else if (key == "links") {
        links(value, out.links);
      } else if (key == "export") {
        exports(value, out.exports);
      } else if (key == "math") {
        math(value, out.math);
      } else {
        fail(entry.first, "unknown key '" + key +
                              "' (expected paths, lang, style, rules, overrides, links, math "
                              "or export)");
      }
    }
  }

  // yaml-cpp keeps every entry of a mapping that repeats a key, where YAML forbids the
  // repetition: a later value would silently win (or be read twice), so it is an error here.
  // The walk is bounded (aliases can nest a node in itself, or repeat it exponentially): a
  // configuration is a few levels and entries deep, and the reader rejects anything deeper.
  void reject_duplicate_keys(const YAML::Node& root) const {
    size_t budget = 100000;
    reject_duplicate_keys(root, 0, budget);
  }

  void reject_duplicate_keys(const YAML::Node& node, int depth, size_t& budget) const {
    if (depth > 16 || budget == 0) return;
    --budget;
    if (node.IsSequence()) {
      for (const auto& item : node) reject_duplicate_keys(item, depth + 1, budget);
    }
    if (!node.IsMap()) return;
    std::map<std::string, YAML::Mark> seen;
    for (const auto& entry : node) {
      if (entry.first.IsScalar()) {
        const auto [it, added] = seen.emplace(entry.first.Scalar(), entry.first.Mark());
        if (!added) {
          fail(entry.first, "duplicate key '" + entry.first.Scalar() + "' (first at line " +
                                std::to_string(it->second.line + 1) + ")");
        }
      }
      reject_duplicate_keys(entry.second, depth + 1, budget);
    }
  }

  struct Failure {
    std::string message;
  };

 private:
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    const YAML::Mark mark = node.Mark();
    throw Failure{path_ + ":" + std::to_string(mark.line + 1) + ":" +
                  std::to_string(mark.column + 1) + ": " + message};
  }

  void require_map(const YAML::Node& node, const std::string& what) const {
    if (!node.IsMap()) fail(node, what + " must be a mapping");
  }

  std::string scalar(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + " must be a single value");
    return node.Scalar();
  }

  std::vector<std::string> strings(const YAML::Node& node, const std::string& what) const {
    if (node.IsScalar()) return {node.Scalar()};
    if (!node.IsSequence()) fail(node, what + " must be a list of strings");
    std::vector<std::string> out;
    for (const auto& item : node) out.push_back(scalar(item, "each entry of " + what));
    return out;
  }

  std::optional<std::string> lang(const YAML::Node& node) const {
    const std::string value = scalar(node, "lang");
    if (value == "auto") return std::nullopt;
    if (is_language_tag(value)) return value;
    const std::string expected =
        "lang must be an ISO 639-1 code such as en or zh (a region may follow: zh-CN), or auto";
    std::string message = expected + ", not '" + value + "'";
    if (const auto hint = language_tag_hint(value)) message += " (" + value + " -> " + *hint + ")";
    fail(node, message);
  }

  std::optional<QuestionStyle> style(const YAML::Node& node) const {
    const std::string value = scalar(node, "style");
    if (value == "auto") return std::nullopt;
    auto parsed = parse_question_style(value);
    if (!parsed) fail(node, "style must be auto, html-bold, bold, heading, list, details, qa or admonition, not '" + value + "'");
    return parsed;
  }

  void rules(const YAML::Node& node, std::vector<RuleSetting>& out) const {
    if (node.IsNull()) return;
    require_map(node, "rules");
    for (const auto& entry : node) {
      const std::string id = scalar(entry.first, "a rule id");
      if (!known_(id)) fail(entry.first, "unknown rule or category '" + id + "'");
      const YAML::Node& value = entry.second;
      // Never assigned: `=` on a Node writes into the node it refers to, and a missing key's
      // node cannot be written to (yaml-cpp throws "invalid node").
      const YAML::Node severity_node = value.IsMap() ? value["severity"] : value;
      std::optional<double> threshold;
      if (value.IsMap()) {
        for (const auto& option : value) {
          const std::string key = scalar(option.first, "a rule option");
          if (key == "threshold" && id == "structure.similar-question") {
            threshold = fraction(option.second, "threshold", 0.5);
          } else if (key != "severity") {
            fail(option.first, "rule " + id + " has no option '" + key + "'");
          }
        }
        if (!severity_node) fail(value, "rule " + id + " needs a severity");
      }
      const std::string name = scalar(severity_node, "a severity");
      auto severity = parse_severity(name);
      if (!severity) fail(severity_node, "severity must be off, info, warning or error, not '" + name + "'");
      out.push_back({id, *severity, threshold});
    }
  }

  double fraction(const YAML::Node& node, const std::string& what, double low) const {
    const std::string value = scalar(node, what);
    double x = 0;
    size_t used = 0;
    try {
      x = std::stod(value, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != value.size() || !(x >= low && x <= 1)) {
      fail(node, what + " must be a number from " + std::to_string(low).substr(0, 3) +
                     " to 1, not '" + value + "'");
    }
    return x;
  }

  unsigned count(const YAML::Node& node, const std::string& what, unsigned low, unsigned high) const {
    const std::string value = scalar(node, what);
    unsigned long n = 0;
    size_t used = 0;
    try {
      n = std::stoul(value, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != value.size() || n < low || n > high) {
      fail(node, what + " must be a whole number from " + std::to_string(low) + " to " +
                     std::to_string(high) + ", not '" + value + "'");
    }
    return static_cast<unsigned>(n);
  }

  double seconds(const YAML::Node& node, const std::string& what, double max_s) const {
    const std::string value = scalar(node, what);
    const auto s = parse_duration_seconds(value);
    if (!s || *s > max_s) {
      fail(node, what + " must be a duration such as 500ms, 10s, 2h or 1d (at most " +
                     std::to_string(static_cast<long>(max_s)) + " s), not '" + value + "'");
    }
    return *s;
  }

  unsigned milliseconds(const YAML::Node& node, const std::string& what, double max_s) const {
    return static_cast<unsigned>(seconds(node, what, max_s) * 1000 + 0.5);
  }

  std::vector<std::pair<int, int>> statuses(const YAML::Node& node) const {
    std::vector<std::pair<int, int>> out;
    const auto code = [&](const YAML::Node& at, std::string_view text) {
      const std::string s(trim(text));
      if (s.size() != 3 || !std::all_of(s.begin(), s.end(), is_ascii_digit) || s[0] < '1' || s[0] > '5') {
        fail(at, "accept takes HTTP status codes (100 to 599) and ranges such as 200-299, not '" +
                     std::string(text) + "'");
      }
      return std::stoi(s);
    };
    for (const std::string& entry : strings(node, "accept")) {
      const size_t dash = entry.find('-');
      if (dash == std::string::npos) {
        const int c = code(node, entry);
        out.emplace_back(c, c);
      } else {
        const int a = code(node, std::string_view(entry).substr(0, dash));
        const int b = code(node, std::string_view(entry).substr(dash + 1));
        if (a > b) fail(node, "the range " + entry + " in accept is empty");
        out.emplace_back(a, b);
      }
    }
    return out;
  }

  void links(const YAML::Node& node, LinkSettings& out) const {
    if (node.IsNull()) return;
    require_map(node, "links");
    for (const auto& entry : node) {
      const std::string key = scalar(entry.first, "a links setting");
      const YAML::Node& value = entry.second;
      if (key == "check") {
        const std::string v = scalar(value, "links.check");
        if (v == "off") out.check = LinkSettings::Check::off;
        else if (v == "local") out.check = LinkSettings::Check::local;
        else if (v == "all") out.check = LinkSettings::Check::all;
        else fail(value, "links.check must be off, local or all, not '" + v + "'");
      } else if (key == "slugs") {
        const std::string v = scalar(value, "links.slugs");
        if (v == "github") out.slugs = SlugStyle::github;
        else if (v == "github-pages") out.slugs = SlugStyle::github_pages;
        else if (v == "kramdown") out.slugs = SlugStyle::kramdown;
        else if (v == "auto") out.slugs.reset();
        else fail(value, "links.slugs must be auto, github, github-pages or kramdown, not '" + v + "'");
      } else if (key == "timeout") {
        out.timeout_ms = milliseconds(value, "links.timeout", 600);
        if (out.timeout_ms == 0) fail(value, "links.timeout must be more than 0");
      } else if (key == "connect-timeout") {
        out.connect_timeout_ms = milliseconds(value, "links.connect-timeout", 600);
        if (out.connect_timeout_ms == 0) fail(value, "links.connect-timeout must be more than 0");
      } else if (key == "link-timeout") {
        out.link_timeout_ms = milliseconds(value, "links.link-timeout", 3600);
        if (out.link_timeout_ms == 0) fail(value, "links.link-timeout must be more than 0");
      } else if (key == "retry-wait-max") {
        out.retry_wait_max_ms = milliseconds(value, "links.retry-wait-max", 3600);
      } else if (key == "cache-max-age") {
        out.cache_max_age_s = static_cast<unsigned>(seconds(value, "links.cache-max-age", 365 * 86400.0));
      } else if (key == "concurrency") {
        out.concurrency = count(value, "links.concurrency", 1, 1024);
      } else if (key == "per-host") {
        out.per_host = count(value, "links.per-host", 1, 1024);
      } else if (key == "retries") {
        out.retries = count(value, "links.retries", 0, 10);
      } else if (key == "redirects") {
        out.redirects = count(value, "links.redirects", 0, 50);
      } else if (key == "max-bytes") {
        out.max_bytes = count(value, "links.max-bytes", 0, 1u << 30);
      } else if (key == "accept") {
        out.accept = statuses(value);
      } else if (key == "exclude") {
        out.exclude = strings(value, "links.exclude");
      } else {
        fail(entry.first, "unknown links setting '" + key +
                              "' (expected check, slugs, timeout, connect-timeout, link-timeout, "
                              "concurrency, per-host, retries, retry-wait-max, redirects, "
                              "max-bytes, cache-max-age, accept or exclude)");
      }
    }
  }

  void exports(const YAML::Node& node, ExportSettings& out) const {
    if (node.IsNull()) return;
    require_map(node, "export");
    for (const auto& entry : node) {
      const std::string key = scalar(entry.first, "an export setting");
      const YAML::Node& value = entry.second;
      if (key == "ids") {
        out.ids = scalar(value, "export.ids");
        if (out.ids.empty()) fail(value, "export.ids must be a file name or off");
      } else if (key == "base_url") {
        out.base_url = scalar(value, "export.base_url");
        if (!out.base_url.empty() && !out.base_url.starts_with("https://") &&
            !out.base_url.starts_with("http://")) {
          fail(value, "export.base_url must be an http or https URL");
        }
      } else if (key == "keep_removed") {
        out.keep_removed = count(value, "export.keep_removed", 1, 1000);
      } else {
        fail(entry.first,
             "unknown export setting '" + key + "' (expected ids, base_url or keep_removed)");
      }
    }
  }

  void math(const YAML::Node& node, MathSettings& out) const {
    if (node.IsNull()) return;
    require_map(node, "math");
    for (const auto& entry : node) {
      const std::string key = scalar(entry.first, "a math setting");
      if (key != "macros") fail(entry.first, "unknown math setting '" + key + "' (expected macros)");
      const YAML::Node& list = entry.second;
      if (list.IsNull()) continue;
      if (!list.IsSequence()) fail(list, "math.macros must be a list of control words");
      for (const auto& item : list) {
        std::string name = scalar(item, "each entry of math.macros");
        if (name.starts_with('\\')) name.erase(0, 1);
        if (name.empty() || !std::all_of(name.begin(), name.end(), is_ascii_alpha)) {
          fail(item, "math.macros takes control words such as \\RR or RR, not '" + item.Scalar() +
                         "'");
        }
        out.macros.push_back(std::move(name));
      }
    }
  }

  void overrides(const YAML::Node& node, std::vector<ConfigOverride>& out) const {
    if (node.IsNull()) return;
    if (!node.IsSequence()) fail(node, "overrides must be a list");
    for (const auto& item : node) {
      require_map(item, "each override");
      ConfigOverride o;
      for (const auto& entry : item) {
        const std::string key = scalar(entry.first, "a key");
        if (key == "files") {
          o.files = strings(entry.second, "files");
        } else if (key == "rules") {
          rules(entry.second, o.rules);
        } else if (key == "lang") {
          o.lang = lang(entry.second);
        } else if (key == "style") {
          o.style = style(entry.second);
        } else {
          fail(entry.first, "unknown key '" + key + "' in an override (expected files, rules, lang or style)");
        }
      }
      if (o.files.empty()) fail(item, "an override needs `files`");
      out.push_back(std::move(o));
    }
  }

  const std::string& path_;
  const RuleKnown& known_;
};

// The first tab in the indentation of a line up to `error_line` (0-based), as 1-based line
// and column: yaml-cpp reports a tab-indented line as a malformed map or sequence, without
// naming the tab.
std::optional<std::pair<size_t, size_t>> indenting_tab(std::string_view text, int error_line) {
  size_t line = 0;
  for (size_t start = 0; start <= text.size() && static_cast<int>(line) <= error_line; ++line) {
    const size_t end = std::min(text.find('\n', start), text.size());
    for (size_t i = start; i < end && (text[i] == ' ' || text[i] == '\t'); ++i) {
      if (text[i] == '\t') return std::pair{line + 1, i - start + 1};
    }
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> parse_duration_seconds(std::string_view text) {
  text = trim(text);
  double scale = 1;
  for (const auto& [unit, factor] : {std::pair<std::string_view, double>{"ms", 0.001},
                                     {"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}}) {
    if (text.ends_with(unit)) {
      text.remove_suffix(unit.size());
      scale = factor;
      break;
    }
  }
  if (text.empty() || text.size() > 20) return std::nullopt;
  const std::string number(text);
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(number, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (used != number.size() || !(value >= 0) || !is_ascii_digit(number[0])) return std::nullopt;
  return value * scale;
}

std::optional<QuestionStyle> parse_question_style(std::string_view name) {
  for (QuestionStyle s : {QuestionStyle::html_bold, QuestionStyle::markdown_bold,
                          QuestionStyle::heading, QuestionStyle::list_item,
                          QuestionStyle::details, QuestionStyle::qa_pair,
                          QuestionStyle::admonition, QuestionStyle::paragraph}) {
    if (name == question_style_name(s)) return s;
  }
  return std::nullopt;
}

Severity FileSettings::severity(std::string_view rule_id, Severity default_severity) const {
  Severity s = default_severity;
  // Later settings win; among equal positions an exact id is as good as a prefix.
  for (const RuleSetting& r : rules) {
    if (r.pattern == rule_id ||
        (rule_id.size() > r.pattern.size() && rule_id.starts_with(r.pattern) &&
         rule_id[r.pattern.size()] == '.')) {
      s = r.severity;
    }
  }
  return s;
}

Config builtin_config() {
  Config config;
  config.paths = {"content"};
  return config;
}

std::optional<std::string> load_config(const std::string& path, std::string_view text,
                                       const RuleKnown& known, const Config& base, Config& out) {
  out = base;
  out.path = path;
  out.dir = config_folder(path);
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    ConfigReader reader(path, known);
    reader.reject_duplicate_keys(root);
    reader.read(root, out);
  } catch (const ConfigReader::Failure& f) {
    return f.message;
  } catch (const YAML::Exception& e) {
    if (const auto tab = indenting_tab(text, e.mark.line)) {
      const std::string line = std::to_string(tab->first), column = std::to_string(tab->second);
      return path + ":" + line + ":" + column + ": not valid YAML: tab character at line " + line +
             " column " + column + "; YAML indents with spaces";
    }
    return path + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
           ": not valid YAML: " + e.msg;
  }
  return std::nullopt;
}

std::string config_folder(const std::string& config_path) {
  fs::path dir = fs::path(config_path).parent_path();
  if (dir.filename() == ".config") dir = dir.parent_path();
  return dir.string();
}

const std::optional<std::string>& ConfigFinder::in_folder(const std::string& dir) {
  if (const auto it = folders_.find(dir); it != folders_.end()) return it->second;
  std::optional<std::string> used;
  std::error_code ec;
  for (const std::string_view name : config_file_names) {
    const std::string candidate = (fs::path(dir) / name).string();
    if (!fs::is_regular_file(candidate, ec)) continue;
    if (!used) {
      used = candidate;
    } else {
      if (warn_) warn_(candidate + ": ignored, as " + *used + " in the same folder is used");
    }
  }
  const fs::path parent = fs::path(dir).parent_path();
  if (!used && !parent.empty() && parent != fs::path(dir)) used = in_folder(parent.string());
  return folders_.emplace(dir, std::move(used)).first->second;
}

std::optional<std::string> ConfigFinder::find(const std::string& file) {
  std::error_code ec;
  const fs::path dir = fs::absolute(fs::path(file), ec).parent_path();
  if (dir.empty()) return std::nullopt;
  return in_folder(dir.string());
}

bool glob_match(std::string_view pattern, std::string_view path) {
  size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (s < path.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == path[s])) {
      ++p, ++s;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = s;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

double FileSettings::similarity_threshold() const {
  double threshold = ExtractOptions{}.similarity_threshold;
  for (const RuleSetting& r : rules) {
    if (r.threshold) threshold = *r.threshold;
  }
  return threshold;
}

FileSettings resolve_settings(const Config& config, const std::string& file) {
  FileSettings settings;
  settings.lang = config.lang;
  settings.style = config.style;
  settings.rules = config.rules;
  std::error_code ec;
  const fs::path base = config.dir.empty() ? fs::current_path(ec) : fs::absolute(config.dir, ec);
  const std::string relative =
      fs::absolute(file, ec).lexically_normal().lexically_relative(base).generic_string();
  for (const ConfigOverride& o : config.overrides) {
    bool matches = false;
    for (const std::string& g : o.files) matches = matches || glob_match(g, relative);
    if (!matches) continue;
    if (o.lang) settings.lang = o.lang;
    if (o.style) settings.style = o.style;
    settings.rules.insert(settings.rules.end(), o.rules.begin(), o.rules.end());
  }
  return settings;
}

}  // namespace qadeck
