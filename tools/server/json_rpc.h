// JSON-RPC 2.0 over a byte stream with the Language Server Protocol's framing: each message
// is a header block ("Content-Length: N\r\n", other headers ignored, then "\r\n") and N bytes
// of UTF-8 JSON.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace qadeck::server {

using Json = nlohmann::json;

// The error codes of JSON-RPC and the LSP.
namespace rpc_error {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int server_not_initialized = -32002;
inline constexpr int request_cancelled = -32800;
inline constexpr int request_failed = -32803;
}  // namespace rpc_error

// Reads framed messages from a file descriptor without blocking longer than asked, so that
// the server can lint between messages.
class MessageReader {
 public:
  // A message larger than this is read and dropped (a ParseError), never held.
  static constexpr size_t max_message_bytes = size_t{64} << 20;

  explicit MessageReader(int fd) : fd_(fd) {}

  struct Result {
    enum Kind { message, timeout, end, malformed } kind = timeout;
    std::string body;   // message: the JSON text
    std::string error;  // malformed: what was wrong with the framing
  };
  // The next message; waits at most `wait` for bytes to arrive (nullopt: as long as it takes).
  Result next(std::optional<std::chrono::milliseconds> wait);

 private:
  // Parses a complete message or header problem out of buffer_, if there is one.
  std::optional<Result> take();
  // Reads what is available; false at the end of the stream (or on a read error).
  bool fill(std::optional<std::chrono::milliseconds> wait, bool& timed_out);

  int fd_;
  std::string buffer_;
  size_t skipping_ = 0;  // bytes of an oversized body still to drop
  bool ended_ = false;
};

// Writes one framed message; false when the other side has gone.
bool write_message(int fd, const Json& message);
// The same for a message already in JSON text.
bool write_message_text(int fd, std::string_view body);

}  // namespace qadeck::server
