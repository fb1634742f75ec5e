#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "report/report.h"

namespace qadeck {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view schema_uri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view information_uri = "https://github.com/qadeck/qadeck";

std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const char* level(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "note";
    case Severity::off:
      return "none";
  }
  return "none";
}

// SARIF's rule name is an identifier-like word: "html.unexpected-close" -> "HtmlUnexpectedClose".
std::string rule_name(std::string_view id) {
  std::string name;
  bool upper = true;
  for (const char c : id) {
    if (c == '.' || c == '-' || c == '_') {
      upper = true;
      continue;
    }
    name += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return name;
}

// A path as a URI reference (RFC 3986): unreserved characters and '/' stay, every other byte
// is percent-encoded, so spaces, '%', '#', ':' and non-ASCII names survive.
std::string escape_path(std::string_view path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string uri;
  for (const char c : path) {
    const auto b = static_cast<unsigned char>(c);
    if (is_ascii_alpha(c) || is_ascii_digit(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
        c == '/') {
      uri += c;
    } else {
      uri += '%';
      uri += hex[b >> 4];
      uri += hex[b & 0xF];
    }
  }
  return uri;
}

// Relative paths resolve against %SRCROOT%, the folder qadeck ran in (for code scanning, the
// repository's root); absolute ones become file: URIs.
Json artifact_location(std::string_view path) {
  Json j;
  if (path.starts_with('/')) {
    j["uri"] = "file://" + escape_path(path);
    return j;
  }
  while (path.starts_with("./")) path.remove_prefix(2);
  j["uri"] = escape_path(path);
  j["uriBaseId"] = "%SRCROOT%";
  return j;
}

Json region(const SourceFile& source, ByteRange range) {
  const Position b = source.lines().utf16_position(range.begin);
  const Position e = source.lines().utf16_position(range.end);
  Json j;
  j["startLine"] = b.line;
  j["startColumn"] = b.column;
  j["endLine"] = e.line;
  j["endColumn"] = e.column;
  return j;
}

// A replacement's region also gives the bytes, so a tool applying the fix need not agree with
// us on columns and line ends.
Json fix_json(const Fix& fix, const SourceFile& source, const Json& location) {
  Json replacements = Json::array();
  for (const Edit& e : fix.edits) {
    Json deleted = region(source, e.range);
    deleted["byteOffset"] = e.range.begin;
    deleted["byteLength"] = e.range.size();
    Json replacement;
    replacement["deletedRegion"] = std::move(deleted);
    replacement["insertedContent"]["text"] = e.replacement;
    replacements.push_back(std::move(replacement));
  }
  Json change;
  change["artifactLocation"] = location;
  change["replacements"] = std::move(replacements);
  Json j;
  j["description"]["text"] = fix.title;
  j["artifactChanges"] = Json::array();
  j["artifactChanges"].push_back(std::move(change));
  j["properties"]["applicability"] = fix.applicability == Applicability::safe ? "safe" : "unsafe";
  return j;
}

Json rule_json(const SarifRule& rule) {
  Json j;
  j["id"] = rule.id;
  j["name"] = rule_name(rule.id);
  j["shortDescription"]["text"] = rule.summary;
  if (!rule.description.empty()) j["fullDescription"]["text"] = rule.description;
  if (!rule.help.empty()) {
    j["help"]["text"] = rule.help;
    j["help"]["markdown"] = rule.help;
  }
  if (!rule.help_uri.empty()) j["helpUri"] = rule.help_uri;
  j["defaultConfiguration"]["level"] = level(rule.default_severity);
  if (rule.default_severity == Severity::off) j["defaultConfiguration"]["enabled"] = false;
  const std::string_view id = rule.id;
  j["properties"]["tags"] = Json::array({std::string(id.substr(0, id.find('.')))});
  j["properties"]["fixable"] = rule.fixable;
  return j;
}

// Streams the results one by one, as the JSON report does, for the same reason: a corpus can
// have hundreds of thousands of them.
class SarifWriter final : public ReportWriter {
 public:
  SarifWriter(std::ostream& out, const std::vector<SarifRule>& rules) : out_(out) {
    for (size_t i = 0; i < rules.size(); ++i) rule_index_.emplace(rules[i].id, i);
    out_ << "{\n  \"$schema\": " << dump(schema_uri) << ",\n  \"version\": \"2.1.0\",\n"
         << "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\"name\": \"qadeck\", "
         << "\"version\": " << dump(QADECK_VERSION)
         << ", \"informationUri\": " << dump(information_uri) << ", \"rules\": [";
    for (size_t i = 0; i < rules.size(); ++i) {
      out_ << (i == 0 ? "\n          " : ",\n          ") << dump(rule_json(rules[i]));
    }
    out_ << (rules.empty() ? "]}\n" : "\n        ]}\n")
         << "      },\n      \"columnKind\": \"utf16CodeUnits\",\n      \"results\": [";
  }

  std::string_view separator() const override { return first_ ? "" : ","; }

  void finish(bool) override { out_ << (first_ ? "]\n" : "\n      ]\n") << "    }\n  ]\n}\n"; }

 private:
  void write_file(const FileReport& r) override {
    const Json location = artifact_location(r.source->path());
    for (const Diagnostic& d : *r.diagnostics) {
      Json j;
      j["ruleId"] = d.rule;
      if (const auto it = rule_index_.find(d.rule); it != rule_index_.end()) {
        j["ruleIndex"] = it->second;
      }
      j["level"] = level(d.severity);
      j["message"]["text"] = d.message;
      Json physical;
      physical["artifactLocation"] = location;
      physical["region"] = region(*r.source, d.range);
      j["locations"] = Json::array();
      j["locations"].push_back({{"physicalLocation", std::move(physical)}});
      if (d.fix) {
        j["fixes"] = Json::array();
        j["fixes"].push_back(fix_json(*d.fix, *r.source, location));
      }
      out_ << (first_ ? "\n        " : ",\n        ") << dump(j);
      first_ = false;
    }
  }

  bool write_again(std::string_view bytes) override {
    if (bytes.empty()) return true;
    out_ << separator() << bytes;
    first_ = false;
    return true;
  }

  std::ostream& out_;
  std::map<std::string, size_t, std::less<>> rule_index_;  // a rule id -> its ruleIndex
  bool first_ = true;
};

}  // namespace

std::unique_ptr<ReportWriter> sarif_writer(std::ostream& out, const std::vector<SarifRule>& rules) {
  return std::make_unique<SarifWriter>(out, rules);
}

}  // namespace qadeck
