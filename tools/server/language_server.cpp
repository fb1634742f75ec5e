#include "server/language_server.h"

#include <algorithm>
#include <filesystem>
#include <regex>

#include "core/atomic_write.h"
#include "core/document.h"
#include "core/file_walker.h"
#include "core/json_string.h"
#include "core/local_links.h"
#include "core/url.h"
#include "links/anchors.h"
#include "rules/registry.h"
#include "server/document_views.h"

namespace qadeck::server {
namespace {

// A request the server cannot answer as asked: its error code and message.
struct RequestError {
  int code;
  std::string message;
};

const Json& member(const Json& object, const char* key) {
  static const Json null;
  if (!object.is_object()) return null;
  const auto it = object.find(key);
  return it == object.end() ? null : *it;
}

std::string string_member(const Json& object, const char* key) {
  const Json& value = member(object, key);
  if (!value.is_string()) {
    throw RequestError{rpc_error::invalid_params, std::string("missing string '") + key + "'"};
  }
  return value.get<std::string>();
}

int lsp_severity(Severity severity) {
  switch (severity) {
    case Severity::error: return 1;
    case Severity::warning: return 2;
    default: return 3;
  }
}

bool is_config_name(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  return name == ".qadeck.yml" || name == ".qadeck.yaml";
}

// The one edit that turns `before` into `after`: their common prefix and suffix kept.
Json minimal_edit(std::string_view before, std::string_view after, const Positions& positions) {
  size_t prefix = 0;
  while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix]) {
    ++prefix;
  }
  while (prefix > 0 && is_utf8_continuation(static_cast<unsigned char>(before[prefix]))) --prefix;
  size_t suffix = 0;
  while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) {
    ++suffix;
  }
  while (suffix > 0 &&
         is_utf8_continuation(static_cast<unsigned char>(before[before.size() - suffix]))) {
    --suffix;
  }
  return {{"range", positions.range(prefix, before.size() - suffix)},
          {"newText", std::string(after.substr(prefix, after.size() - suffix - prefix))}};
}

Json workspace_edit(const std::string& uri, Json edits) {
  return {{"changes", {{uri, std::move(edits)}}}};
}

// Whether a code action of `kind` is wanted by the request's `only` list.
bool kind_wanted(const Json& only, std::string_view kind) {
  if (!only.is_array()) return true;
  for (const Json& k : only) {
    if (!k.is_string()) continue;
    const std::string& wanted = k.get_ref<const std::string&>();
    if (kind == wanted || (kind.starts_with(wanted) && kind.size() > wanted.size() &&
                           kind[wanted.size()] == '.')) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> uri_to_path(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (!uri.starts_with(scheme)) return std::nullopt;
  uri.remove_prefix(scheme.size());
  // file://host/path: only the local host is ours.
  if (!uri.starts_with("/")) {
    const size_t slash = uri.find('/');
    if (slash == std::string_view::npos || uri.substr(0, slash) != "localhost") return std::nullopt;
    uri.remove_prefix(slash);
  }
  const std::string path = percent_decode(uri);
  return std::filesystem::path(path).lexically_normal().string();
}

std::string path_to_uri(std::string_view path) { return "file://" + percent_encode(path); }

LanguageServer::LanguageServer(int in_fd, int out_fd, ServerOptions options)
    : reader_(in_fd), out_fd_(out_fd), options_(std::move(options)) {}

int LanguageServer::run() {
  while (!exit_code_) {
    if (inbox_.empty() && !input_ended_) {
      std::optional<std::chrono::milliseconds> wait;
      if (const auto due = next_due()) {
        wait = std::max(std::chrono::milliseconds(0),
                        std::chrono::ceil<std::chrono::milliseconds>(*due - Clock::now()));
      }
      receive(wait);
    }
    receive_available();
    if (!inbox_.empty()) {
      const Incoming next = std::move(inbox_.front());
      inbox_.pop_front();
      dispatch(next);
    } else if (input_ended_) {
      // The client went away: nothing is left to answer, and nothing was written to disk.
      return shutdown_ ? 0 : 1;
    }
    lint_due(false);
  }
  return *exit_code_;
}

bool LanguageServer::receive(std::optional<std::chrono::milliseconds> wait) {
  MessageReader::Result r = reader_.next(wait);
  switch (r.kind) {
    case MessageReader::Result::message: {
      Incoming in;
      in.message = Json::parse(r.body, nullptr, false);
      const Json& params = member(in.message, "params");
      // A cancellation acts as it is read: it is about a message read before it.
      if (member(in.message, "method") == "$/cancelRequest" && !in.message.contains("id") &&
          params.is_object() && params.contains("id")) {
        cancel(params["id"]);
        return true;
      }
      inbox_.push_back(std::move(in));
      return true;
    }
    case MessageReader::Result::malformed:
      inbox_.push_back({true, std::move(r.error), Json(), false});
      return true;
    case MessageReader::Result::end:
      input_ended_ = true;
      return false;
    case MessageReader::Result::timeout:
      return false;
  }
  return false;
}

void LanguageServer::receive_available() {
  // Bounded, so that a client that floods the server cannot make it hold its whole backlog.
  constexpr size_t read_ahead = 1000;
  while (!input_ended_ && inbox_.size() < read_ahead && receive(std::chrono::milliseconds(0))) {
  }
}

void LanguageServer::cancel(const Json& id) {
  if (serving_ && *serving_ == id) serving_cancelled_ = true;
  for (Incoming& in : inbox_) {
    if (in.message.is_object() && in.message.contains("method") && in.message.contains("id") &&
        in.message["id"] == id) {
      in.cancelled = true;
    }
  }
}

bool LanguageServer::superseded(const std::string& uri) const {
  return std::any_of(inbox_.begin(), inbox_.end(), [&](const Incoming& in) {
    const Json& method = member(in.message, "method");
    return (method == "textDocument/didChange" || method == "textDocument/didClose") &&
           member(member(member(in.message, "params"), "textDocument"), "uri") == uri;
  });
}

void LanguageServer::dispatch(const Incoming& in) {
  if (in.malformed) {
    reply_error(nullptr, rpc_error::parse_error, in.error);
  } else if (in.message.is_discarded()) {
    reply_error(nullptr, rpc_error::parse_error, "the message is not JSON");
  } else if (in.cancelled) {
    reply_error(member(in.message, "id"), rpc_error::request_cancelled,
                "the request was cancelled");
  } else {
    handle(in.message);
  }
}

void LanguageServer::send(const Json& message) {
  // A client that has gone is noticed when its input ends.
  write_message(out_fd_, message);
}

void LanguageServer::reply_error(const Json& id, int code, const std::string& message) {
  send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void LanguageServer::handle(const Json& message) {
  if (!message.is_object() || member(message, "jsonrpc") != "2.0") {
    reply_error(member(message, "id"), rpc_error::invalid_request, "not a JSON-RPC 2.0 message");
    return;
  }
  const Json& method = member(message, "method");
  const Json& id = member(message, "id");
  const bool is_request = message.contains("id");
  if (!method.is_string()) {
    // A response to one of our requests (client/registerCapability): nothing depends on it.
    if (is_request && (message.contains("result") || message.contains("error"))) return;
    reply_error(id, rpc_error::invalid_request, "no method");
    return;
  }
  if (is_request && !id.is_string() && !id.is_number_integer()) {
    reply_error(nullptr, rpc_error::invalid_request, "an id must be a string or an integer");
    return;
  }
  const std::string& name = method.get_ref<const std::string&>();
  const Json& params = member(message, "params");
  try {
    if (is_request) {
      serving_ = id;
      serving_cancelled_ = false;
      Json result = request(name, params);
      // Cancelled while it was worked on: the client has stopped waiting for the result. What
      // changed the server's state (initialize, shutdown) is answered as done, since it was.
      receive_available();
      serving_.reset();
      if (serving_cancelled_ && name != "initialize" && name != "shutdown") {
        reply_error(id, rpc_error::request_cancelled, "the request was cancelled");
      } else {
        send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
      }
    } else {
      notification(name, params);
    }
  } catch (const RequestError& e) {
    serving_.reset();
    if (is_request) reply_error(id, e.code, e.message);
  } catch (const std::exception& e) {
    serving_.reset();
    // A bug while serving one message must not take the editor's diagnostics down with it.
    const std::string text = "qadeck: internal error in " + name + ": " + e.what();
    if (is_request) {
      reply_error(id, rpc_error::internal_error, text);
    } else {
      send({{"jsonrpc", "2.0"},
            {"method", "window/logMessage"},
            {"params", {{"type", 1}, {"message", text}}}});
    }
  }
}

Json LanguageServer::request(const std::string& method, const Json& params) {
  if (method == "initialize") {
    if (initialized_) throw RequestError{rpc_error::invalid_request, "initialize was already sent"};
    return initialize(params);
  }
  if (!initialized_) throw RequestError{rpc_error::server_not_initialized, "initialize first"};
  if (shutdown_) throw RequestError{rpc_error::invalid_request, "the server is shutting down"};
  if (method == "shutdown") {
    shutdown_ = true;
    return nullptr;
  }
  if (method == "textDocument/codeAction") return code_action(params);
  if (method == "textDocument/hover") return hover(params);
  if (method == "textDocument/documentSymbol") return document_symbol(params);
  if (method == "qadeck/flush") {
    lint_due(true);
    return nullptr;
  }
  throw RequestError{rpc_error::method_not_found, "unknown method " + method};
}

void LanguageServer::notification(const std::string& method, const Json& params) {
  if (method == "exit") {
    exit_code_ = shutdown_ ? 0 : 1;
    return;
  }
  if (!initialized_ || shutdown_) return;
  if (method == "initialized") {
    if (!watch_registration_) return;
    const Json watchers = Json::array({{{"globPattern", "**/.qadeck.{yml,yaml}"}},
                                       {{"globPattern", "**/*.{md,markdown}"}}});
    send({{"jsonrpc", "2.0"},
          {"id", "qadeck-" + std::to_string(next_request_id_++)},
          {"method", "client/registerCapability"},
          {"params",
           {{"registrations",
             Json::array({{{"id", "qadeck-watch"},
                           {"method", "workspace/didChangeWatchedFiles"},
                           {"registerOptions", {{"watchers", watchers}}}}})}}}});
  } else if (method == "textDocument/didOpen") {
    did_open(params);
  } else if (method == "textDocument/didChange") {
    did_change(params);
  } else if (method == "textDocument/didSave") {
    did_save(params);
  } else if (method == "textDocument/didClose") {
    did_close(params);
  } else if (method == "workspace/didChangeWatchedFiles") {
    did_change_watched_files(params);
  }
  // Other notifications ($/setTrace, ...) need nothing from qadeck; $/cancelRequest was
  // acted on as it was read.
}

Json LanguageServer::initialize(const Json& params) {
  initialized_ = true;
  const Json& encodings = member(member(member(params, "capabilities"), "general"), "positionEncodings");
  if (encodings.is_array() && std::find(encodings.begin(), encodings.end(), "utf-8") != encodings.end()) {
    encoding_ = PositionEncoding::utf8;
  }
  const Json& watch = member(member(member(params, "capabilities"), "workspace"), "didChangeWatchedFiles");
  watch_registration_ = member(watch, "dynamicRegistration") == true;
  const Json& debounce = member(member(params, "initializationOptions"), "debounceMs");
  if (debounce.is_number_unsigned()) options_.debounce = std::chrono::milliseconds(debounce.get<long>());
  const Json& folders = member(params, "workspaceFolders");
  const Json& root_uri = member(params, "rootUri");
  if (folders.is_array() && !folders.empty() && member(folders[0], "uri").is_string()) {
    root_ = uri_to_path(member(folders[0], "uri").get<std::string>());
  } else if (root_uri.is_string()) {
    root_ = uri_to_path(root_uri.get<std::string>());
  }
  return {{"capabilities",
           {{"positionEncoding", encoding_ == PositionEncoding::utf8 ? "utf-8" : "utf-16"},
            {"textDocumentSync",
             {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
            {"codeActionProvider",
             {{"codeActionKinds", Json::array({"quickfix", "source.fixAll.qadeck"})}}},
            {"hoverProvider", true},
            {"documentSymbolProvider", true}}},
          {"serverInfo", {{"name", "qadeck"}, {"version", options_.version}}}};
}

LanguageServer::OpenDocument& LanguageServer::document(const Json& params) {
  const std::string uri = string_member(member(params, "textDocument"), "uri");
  auto it = documents_.find(uri);
  if (it == documents_.end()) throw RequestError{rpc_error::invalid_params, "not open: " + uri};
  if (it->second.pending) lint_now(it->second, true);
  return it->second;
}

void LanguageServer::did_open(const Json& params) {
  const Json& item = member(params, "textDocument");
  const std::string uri = string_member(item, "uri");
  OpenDocument doc;
  doc.uri = uri;
  doc.path = uri_to_path(uri).value_or(uri);
  doc.text = string_member(item, "text");
  doc.version = member(item, "version");
  closed_published_.erase(uri);
  OpenDocument& open = documents_[uri] = std::move(doc);
  set_file_text(open.path, open.text);
  lint_now(open, true);
}

void LanguageServer::did_change(const Json& params) {
  const std::string uri = string_member(member(params, "textDocument"), "uri");
  auto it = documents_.find(uri);
  if (it == documents_.end()) return;
  OpenDocument& doc = it->second;
  const Json& changes = member(params, "contentChanges");
  if (!changes.is_array()) throw RequestError{rpc_error::invalid_params, "no contentChanges"};
  for (const Json& change : changes) {
    const std::string text = string_member(change, "text");
    const Json& range = member(change, "range");
    if (range.is_null()) {
      doc.text = text;
      continue;
    }
    const Positions positions(doc.text, encoding_);
    const auto begin = positions.offset(member(range, "start"));
    const auto end = positions.offset(member(range, "end"));
    if (!begin || !end || *end < *begin) throw RequestError{rpc_error::invalid_params, "bad range"};
    doc.text.replace(*begin, *end - *begin, text);
  }
  doc.version = member(member(params, "textDocument"), "version");
  set_file_text(doc.path, doc.text);
  doc.pending = true;
  doc.due = Clock::now() + options_.debounce;
}

void LanguageServer::did_save(const Json& params) {
  const std::string uri = string_member(member(params, "textDocument"), "uri");
  auto it = documents_.find(uri);
  if (it == documents_.end()) return;
  const Json& text = member(params, "text");
  if (text.is_string()) it->second.text = text.get<std::string>();
  // The link cache may have changed with the save (a hook that checks links).
  lint_now(it->second, true);
}

void LanguageServer::did_close(const Json& params) {
  const std::string uri = string_member(member(params, "textDocument"), "uri");
  auto it = documents_.find(uri);
  if (it == documents_.end()) return;
  const std::string path = it->second.path;
  documents_.erase(it);
  set_file_text(path, std::nullopt);
  send({{"jsonrpc", "2.0"},
        {"method", "textDocument/publishDiagnostics"},
        {"params", {{"uri", uri}, {"diagnostics", Json::array()}}}});
  // The files that link into it now see it as it is on disk.
  relint_dependents(path);
}

void LanguageServer::did_change_watched_files(const Json& params) {
  bool config_changed = false;
  std::set<std::string> config_files;
  std::set<std::string> changed;
  const Json& changes = member(params, "changes");
  if (!changes.is_array()) throw RequestError{rpc_error::invalid_params, "no changes"};
  for (const Json& change : changes) {
    const auto path = uri_to_path(string_member(change, "uri"));
    if (!path) continue;
    if (is_config_name(*path)) {
      config_changed = true;
      config_files.insert(*path);
      continue;
    }
    // A Markdown file changed on disk: what was remembered of it is stale.
    if (std::none_of(documents_.begin(), documents_.end(),
                     [&](const auto& d) { return d.second.path == *path; })) {
      set_file_text(*path, std::nullopt);
    }
    const Json& type = member(change, "type");
    if (type != 2) workspace_files_.reset();  // created or deleted
    linkers_.clear();
    changed.insert(*path);
  }
  if (config_changed) {
    adapter_.reload();
    // Each changed configuration gets its error, even when no open file is governed by it.
    for (const auto& [uri, error] : config_published_) {
      send({{"jsonrpc", "2.0"},
            {"method", "textDocument/publishDiagnostics"},
            {"params", {{"uri", uri}, {"diagnostics", Json::array()}}}});
    }
    config_published_.clear();
    for (const std::string& file : config_files) {
      DocumentLint probe;
      probe.config_error = true;
      probe.error = adapter_.config_error(
          (std::filesystem::path(file).parent_path() / ".qadeck").string());
      publish_config_error(probe);
    }
    for (auto& [uri, doc] : documents_) lint_now(doc, false);
    return;
  }
  for (auto& [uri, doc] : documents_) {
    const bool affected = std::any_of(doc.lint.dependencies.begin(), doc.lint.dependencies.end(),
                                      [&](const std::string& d) { return changed.count(d) > 0; });
    if (affected) lint_now(doc, false);
  }
}

std::optional<LanguageServer::Clock::time_point> LanguageServer::next_due() const {
  std::optional<Clock::time_point> due;
  for (const auto& [uri, doc] : documents_) {
    if (doc.pending && (!due || doc.due < *due)) due = doc.due;
  }
  return due;
}

void LanguageServer::lint_due(bool all) {
  const Clock::time_point now = Clock::now();
  for (auto& [uri, doc] : documents_) {
    if (!doc.pending) continue;
    if (all) {
      lint_now(doc, true);
    } else if (doc.due <= now && !superseded(uri)) {
      lint_now(doc, true, true);
    }
  }
}

void LanguageServer::lint_now(OpenDocument& doc, bool dependents, bool droppable) {
  doc.pending = false;
  doc.lint = adapter_.lint(doc.path, doc.text, &doc.memo);
  doc.memo.forget_unused();
  if (droppable) {
    // The change waiting will lint (and publish, and re-check the dependents) again.
    receive_available();
    if (superseded(doc.uri)) return;
  }
  publish(doc.uri, doc.version, doc.lint, doc.text);
  if (dependents) relint_dependents(doc.path);
}

void LanguageServer::relint_dependents(const std::string& path) {
  for (auto& [uri, doc] : documents_) {
    if (doc.path == path) continue;
    const auto& deps = doc.lint.dependencies;
    if (std::find(deps.begin(), deps.end(), path) != deps.end()) lint_now(doc, false);
  }
  for (const std::string& file : workspace_linkers(path)) {
    const std::string uri = path_to_uri(file);
    if (documents_.count(uri) || file == path) continue;
    std::string text;
    if (read_file(file, text)) continue;
    const DocumentLint lint = adapter_.lint(file, text);
    publish(uri, nullptr, lint, text);
    closed_published_.insert(uri);
  }
}

const std::vector<std::string>& LanguageServer::workspace_linkers(const std::string& path) {
  auto it = linkers_.find(path);
  if (it != linkers_.end()) return it->second;
  if (!workspace_files_) {
    workspace_files_.emplace();
    if (root_) *workspace_files_ = collect_markdown_files({*root_}).files;
  }
  return linkers_[path] = files_linking_into(*workspace_files_, {path});
}

namespace {

void append_point(std::string& out, const char* key, Positions::Point p) {
  out += key;
  out += R"(:{"character":)";
  out += std::to_string(p.character);
  out += R"(,"line":)";
  out += std::to_string(p.line);
  out += '}';
}

// A diagnostic as the protocol's JSON, written as text: a long document's thousands of them,
// published at each keystroke, would cost more as Json objects than linting does. The keys
// are in the order Json's dump sorts them into.
void append_lsp_diagnostic(std::string& out, const Diagnostic& d, const Positions& positions) {
  out += R"({"code":)";
  append_json_string(out, d.rule);
  out += R"(,"codeDescription":{"href":)";
  append_json_string(out, rule_doc_url(d.rule));
  out += R"(},"message":)";
  append_json_string(out, d.message);
  append_point(out, R"(,"range":{"end")", positions.point(d.range.end));
  append_point(out, R"(,"start")", positions.point(d.range.begin));
  out += R"(},"severity":)";
  out += std::to_string(lsp_severity(d.severity));
  out += R"(,"source":"qadeck"})";
}

}  // namespace

Json LanguageServer::lsp_diagnostic(const Diagnostic& d, const Positions& positions) const {
  std::string text;
  append_lsp_diagnostic(text, d, positions);
  return Json::parse(text);
}

void LanguageServer::publish(const std::string& uri, const Json& version, const DocumentLint& lint,
                             std::string_view text) {
  std::string body = R"({"jsonrpc":"2.0","method":"textDocument/publishDiagnostics",)"
                     R"("params":{"diagnostics":[)";
  if (lint.source) {
    const Positions positions(lint.source->text(), encoding_);
    for (size_t i = 0; i < lint.diagnostics.size(); ++i) {
      if (i > 0) body += ',';
      append_lsp_diagnostic(body, lint.diagnostics[i], positions);
    }
  } else if (lint.error) {
    // The document cannot be linted (or its configuration is bad): one finding says why.
    const Positions positions(text, encoding_);
    const Json finding = {{"range", positions.range(0, 0)},
                          {"severity", 1},
                          {"source", "qadeck"},
                          {"message", *lint.error}};
    body += finding.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (lint.config_error) publish_config_error(lint);
  }
  body += R"(],"uri":)";
  append_json_string(body, uri);
  if (version.is_number_integer()) body += R"(,"version":)" + version.dump();
  body += "}}";
  write_message_text(out_fd_, body);
}

void LanguageServer::publish_config_error(const DocumentLint& lint) {
  static const std::regex located(R"(^(.+?):(\d+):(\d+): ([\s\S]*)$)");
  std::smatch m;
  if (!lint.error || !std::regex_match(*lint.error, m, located)) return;
  std::error_code ec;
  const std::string path = std::filesystem::absolute(m[1].str(), ec).lexically_normal().string();
  const size_t line = std::stoul(m[2].str());
  const size_t column = std::stoul(m[3].str());
  std::string text;
  if (read_file(path, text)) return;
  // The configuration's columns count code points; the client's units may differ.
  const Positions positions(text, encoding_);
  const size_t line0 = line > 0 ? line - 1 : 0;
  size_t at = line0 < positions.lines().line_count() ? positions.lines().line_start(line0) : text.size();
  for (size_t c = 1; c < column && at < text.size() && text[at] != '\n'; ++c) {
    size_t length = 1;
    decode_utf8(text, at, length);
    at += length;
  }
  const std::string uri = path_to_uri(path);
  // Every open file the configuration governs reports it too: the file gets it once.
  auto [it, added] = config_published_.try_emplace(uri, *lint.error);
  if (!added && it->second == *lint.error) return;
  it->second = *lint.error;
  send({{"jsonrpc", "2.0"},
        {"method", "textDocument/publishDiagnostics"},
        {"params",
         {{"uri", uri},
          {"diagnostics",
           Json::array({{{"range", positions.range(at, at)},
                         {"severity", 1},
                         {"source", "qadeck"},
                         {"message", m[4].str()}}})}}}});
}

Json LanguageServer::code_action(const Json& params) {
  OpenDocument& doc = document(params);
  if (!doc.lint.source) return Json::array();
  const std::string_view text = doc.lint.source->text();
  const Positions positions(text, encoding_);
  const Json& range = member(params, "range");
  const auto begin = positions.offset(member(range, "start"));
  const auto end = positions.offset(member(range, "end"));
  if (!begin || !end) throw RequestError{rpc_error::invalid_params, "bad range"};
  const Json& only = member(member(params, "context"), "only");

  Json actions = Json::array();
  std::set<std::string> disabled;  // rules whose disable actions are offered already
  std::optional<Document> model;   // parsed only when a disable action needs it
  const auto model_of = [&]() -> const Document* {
    if (!model) {
      const auto options = adapter_.extract_options(doc.path);
      if (!options) return nullptr;
      model.emplace(build_document(*doc.lint.source, *options));
    }
    return &*model;
  };
  for (const Diagnostic& d : doc.lint.diagnostics) {
    if (d.range.begin > *end || d.range.end < *begin) continue;
    const Json diagnostic = lsp_diagnostic(d, positions);
    if (d.fix && kind_wanted(only, "quickfix")) {
      Json edits = Json::array();
      for (const Edit& e : d.fix->edits) {
        edits.push_back({{"range", positions.range(e.range.begin, e.range.end)},
                         {"newText", e.replacement}});
      }
      const bool safe = d.fix->applicability == Applicability::safe;
      actions.push_back({{"title", d.fix->title + (safe ? "" : " (unsafe)")},
                         {"kind", "quickfix"},
                         {"diagnostics", Json::array({diagnostic})},
                         {"isPreferred", safe},
                         {"edit", workspace_edit(doc.uri, std::move(edits))}});
    }
    if (!kind_wanted(only, "quickfix") || !disabled.insert(d.rule).second) continue;
    const Document* parsed = model_of();
    if (!parsed) continue;
    for (const Suppression& s : suppression_edits(*parsed, d)) {
      actions.push_back({{"title", s.title},
                         {"kind", "quickfix"},
                         {"diagnostics", Json::array({diagnostic})},
                         {"edit", workspace_edit(doc.uri, Json::array({{{"range", positions.range(s.at, s.at)},
                                                                          {"newText", s.text}}}))}});
    }
  }
  if (kind_wanted(only, "source.fixAll.qadeck")) {
    const bool fixable = std::any_of(doc.lint.diagnostics.begin(), doc.lint.diagnostics.end(),
                                     [](const Diagnostic& d) {
                                       return d.fix && d.fix->applicability == Applicability::safe;
                                     });
    if (fixable) {
      if (auto fixed = adapter_.fix(doc.path, std::string(text), Applicability::safe);
          fixed && *fixed != text) {
        actions.push_back({{"title", "Fix all safe qadeck findings"},
                           {"kind", "source.fixAll.qadeck"},
                           {"edit", workspace_edit(doc.uri, Json::array({minimal_edit(text, *fixed, positions)}))}});
      }
    }
  }
  return actions;
}

Json LanguageServer::hover(const Json& params) {
  OpenDocument& doc = document(params);
  if (!doc.lint.source) return nullptr;
  const Positions positions(doc.lint.source->text(), encoding_);
  const auto at = positions.offset(member(params, "position"));
  if (!at) throw RequestError{rpc_error::invalid_params, "bad position"};
  std::string markdown;
  std::set<std::string> shown;
  std::optional<ByteRange> first;
  for (const Diagnostic& d : doc.lint.diagnostics) {
    if (*at < d.range.begin || *at > d.range.end || !shown.insert(d.rule).second) continue;
    const auto page = rule_doc(d.rule);
    if (!page) continue;
    if (!first) first = d.range;
    if (!markdown.empty()) markdown += "\n\n---\n\n";
    markdown += *page;
  }
  if (!first) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", markdown}}},
          {"range", positions.range(first->begin, first->end)}};
}

Json LanguageServer::document_symbol(const Json& params) {
  OpenDocument& doc = document(params);
  if (!doc.lint.source) return Json::array();
  const auto options = adapter_.extract_options(doc.path);
  if (!options) return Json::array();
  const Document model = build_document(*doc.lint.source, *options);
  const Positions positions(doc.lint.source->text(), encoding_);
  return outline_symbols(model, positions);
}

}  // namespace qadeck::server
