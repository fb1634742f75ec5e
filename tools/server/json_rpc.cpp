#include "server/json_rpc.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

#include "core/ascii_case.h"

namespace qadeck::server {

std::optional<MessageReader::Result> MessageReader::take() {
  if (skipping_ > 0) {
    const size_t dropped = std::min(skipping_, buffer_.size());
    buffer_.erase(0, dropped);
    skipping_ -= dropped;
    if (skipping_ > 0) return std::nullopt;
    return Result{Result::malformed, "", "message larger than 64 MiB"};
  }
  const size_t header_end = buffer_.find("\r\n\r\n");
  if (header_end == std::string::npos) {
    if (buffer_.size() > 64 * 1024) {
      buffer_.clear();
      return Result{Result::malformed, "", "header block without an end"};
    }
    return std::nullopt;
  }
  std::optional<size_t> length;
  std::string_view headers(buffer_.data(), header_end);
  while (!headers.empty()) {
    const size_t eol = headers.find("\r\n");
    const std::string_view line = headers.substr(0, eol);
    headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view name = line.substr(0, colon);
    if (name.size() != 14 || !starts_with_ascii_lower(name, "content-length")) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    size_t n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec == std::errc() && end == value.data() + value.size()) length = n;
  }
  if (!length) {
    buffer_.erase(0, header_end + 4);
    return Result{Result::malformed, "", "header block without a valid Content-Length"};
  }
  const size_t body_begin = header_end + 4;
  if (*length > max_message_bytes) {
    buffer_.erase(0, body_begin);
    skipping_ = *length;
    return take();
  }
  if (buffer_.size() - body_begin < *length) return std::nullopt;
  Result r{Result::message, buffer_.substr(body_begin, *length), ""};
  buffer_.erase(0, body_begin + *length);
  return r;
}

bool MessageReader::fill(std::optional<std::chrono::milliseconds> wait, bool& timed_out) {
  timed_out = false;
  pollfd p{fd_, POLLIN, 0};
  const int timeout = wait ? static_cast<int>(wait->count()) : -1;
  int ready = 0;
  do {
    ready = poll(&p, 1, timeout);
  } while (ready < 0 && errno == EINTR);
  if (ready == 0) {
    timed_out = true;
    return true;
  }
  if (ready < 0) return false;
  char chunk[65536];
  ssize_t n = 0;
  do {
    n = read(fd_, chunk, sizeof chunk);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  buffer_.append(chunk, static_cast<size_t>(n));
  return true;
}

MessageReader::Result MessageReader::next(std::optional<std::chrono::milliseconds> wait) {
  for (;;) {
    if (auto r = take()) return std::move(*r);
    if (ended_) return Result{Result::end, "", ""};
    bool timed_out = false;
    if (!fill(wait, timed_out)) {
      ended_ = true;
      continue;  // a message completed by the last bytes is still delivered
    }
    if (timed_out) return Result{Result::timeout, "", ""};
  }
}

bool write_message(int fd, const Json& message) {
  // Invalid UTF-8 (from a document's bytes) is replaced rather than thrown on.
  return write_message_text(fd, message.dump(-1, ' ', false, Json::error_handler_t::replace));
}

bool write_message_text(int fd, std::string_view body) {
  std::string framed = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  framed += body;
  size_t written = 0;
  while (written < framed.size()) {
    const ssize_t n = write(fd, framed.data() + written, framed.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace qadeck::server
