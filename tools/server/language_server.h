// `qadeck server`: a Language Server Protocol server over a pair of file descriptors.
//
// Documents are synchronised incrementally; each change is linted after `debounce` without a
// further change (0: at once), never from the disk. A request about a document (code
// actions, hover, symbols) lints its pending change first, so it always answers about the
// text the editor holds. The non-standard request `qadeck/flush` lints every pending change
// and publishes before it answers: tests use it to wait for diagnostics deterministically.
//
// The server reads ahead of the message it handles, so that later messages can make work moot:
// `$/cancelRequest` for a request not yet answered gets it the error RequestCancelled (-32800)
// instead of its result, unworked if it was still waiting; and a debounced lint is dropped,
// unpublished, when a newer change to its document (or its closing) is already waiting.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "server/json_rpc.h"
#include "server/lint_adapter.h"
#include "server/positions.h"

namespace qadeck::server {

struct ServerOptions {
  std::chrono::milliseconds debounce{100};
  std::string version;  // serverInfo.version
};

class LanguageServer {
 public:
  LanguageServer(int in_fd, int out_fd, ServerOptions options);

  // Serves until `exit` or the end of the input. Returns the exit code: 0 after shutdown and
  // exit, 1 when the client exits without shutdown or goes away.
  int run();

 private:
  using Clock = std::chrono::steady_clock;

  struct OpenDocument {
    std::string uri;
    std::string path;  // absolute, normal (the URI itself for other schemes than file:)
    std::string text;
    Json version;
    bool pending = false;  // changed since it was last linted
    Clock::time_point due;
    DocumentLint lint;  // of the text as it was last linted
    LintMemo memo;      // what its lints computed: an edit redoes only what it touched
  };

  // A message read but not handled yet.
  struct Incoming {
    bool malformed = false;  // the framing was bad: `error` says how
    std::string error;
    Json message;            // discarded when the body is not JSON
    bool cancelled = false;  // a request the client has cancelled
  };

  // Reads one message into the inbox, waiting at most `wait`; false when none came.
  bool receive(std::optional<std::chrono::milliseconds> wait);
  // Reads what has arrived, without waiting.
  void receive_available();
  void cancel(const Json& id);
  // Whether a waiting message changes or closes the document: its lint would be moot.
  bool superseded(const std::string& uri) const;
  void dispatch(const Incoming& incoming);
  void handle(const Json& message);
  Json request(const std::string& method, const Json& params);
  void notification(const std::string& method, const Json& params);
  void send(const Json& message);
  void reply_error(const Json& id, int code, const std::string& message);

  Json initialize(const Json& params);
  void did_open(const Json& params);
  void did_change(const Json& params);
  void did_save(const Json& params);
  void did_close(const Json& params);
  void did_change_watched_files(const Json& params);
  Json code_action(const Json& params);
  Json hover(const Json& params);
  Json document_symbol(const Json& params);

  OpenDocument& document(const Json& params);  // of params.textDocument.uri; throws if not open
  // Lints the document now, publishes, and re-lints the files that link into it when
  // `dependents` (its text changed). A `droppable` lint is not published when a newer change
  // came in while it ran.
  void lint_now(OpenDocument& doc, bool dependents, bool droppable = false);
  void lint_due(bool all);
  std::optional<Clock::time_point> next_due() const;
  void publish(const std::string& uri, const Json& version, const DocumentLint& lint,
               std::string_view text);
  void publish_config_error(const DocumentLint& lint);
  void relint_dependents(const std::string& path);
  const std::vector<std::string>& workspace_linkers(const std::string& path);

  Json lsp_diagnostic(const Diagnostic& d, const Positions& positions) const;

  MessageReader reader_;
  int out_fd_;
  ServerOptions options_;
  PositionEncoding encoding_ = PositionEncoding::utf16;
  bool initialized_ = false;
  bool shutdown_ = false;
  std::optional<int> exit_code_;
  bool watch_registration_ = false;  // the client registers file watchers for us
  long next_request_id_ = 1;
  std::deque<Incoming> inbox_;
  bool input_ended_ = false;
  std::optional<Json> serving_;  // the id of the request being worked on
  bool serving_cancelled_ = false;

  LintAdapter adapter_;
  std::map<std::string, OpenDocument> documents_;  // by URI
  std::optional<std::string> root_;                // the workspace folder, absolute
  std::optional<std::vector<std::string>> workspace_files_;
  std::map<std::string, std::vector<std::string>> linkers_;  // by target path
  std::set<std::string> closed_published_;  // URIs of unopened files given diagnostics
  // The configurations given a diagnostic: the error shown, by URI.
  std::map<std::string, std::string> config_published_;
};

// file:///a%20b/c.md <-> /a b/c.md; nullopt for another scheme.
std::optional<std::string> uri_to_path(std::string_view uri);
std::string path_to_uri(std::string_view path);

}  // namespace qadeck::server
