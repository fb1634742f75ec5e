// An HTTP server for the link checker's tests: cpp-httplib, on 127.0.0.1 and a free port,
// inside the test process. It counts requests by path and method, and records the most
// requests it served at once.
#pragma once

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace qadeck::testing {

class LinkServer {
 public:
  LinkServer() {
    // Enough threads for every connection a test keeps open (curl keeps them alive).
    server_.new_task_queue = [] { return new httplib::ThreadPool(64); };
    server_.set_keep_alive_timeout(2);
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      const std::lock_guard<std::mutex> lock(mutex_);
      ++hits_[req.path];
      ++methods_[req.method];
      if (req.has_header("Authorization") || req.has_header("Cookie")) ++credentials_;
      return httplib::Server::HandlerResponse::Unhandled;
    });
  }
  ~LinkServer() { stop(); }
  LinkServer(const LinkServer&) = delete;
  LinkServer& operator=(const LinkServer&) = delete;

  httplib::Server& routes() { return server_; }

  // Starts serving the routes added so far.
  void start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() only stops a server that runs: wait until it does.
    for (int waited = 0; !server_.is_running() && waited < 5000; ++waited) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  void stop() {
    stopping_ = true;
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }

  bool stopping() const { return stopping_; }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int hits(const std::string& path) const {
    const std::lock_guard<std::mutex> lock(mutex_);
    auto it = hits_.find(path);
    return it == hits_.end() ? 0 : it->second;
  }
  int total() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    int n = 0;
    for (const auto& [path, count] : hits_) n += count;
    return n;
  }
  int method(const std::string& name) const {
    const std::lock_guard<std::mutex> lock(mutex_);
    auto it = methods_.find(name);
    return it == methods_.end() ? 0 : it->second;
  }
  int credentials() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return credentials_;
  }

  // Brackets a handler to measure how many requests run at once.
  struct Busy {
    explicit Busy(LinkServer& s) : server(s) {
      const int now = ++server.in_flight_;
      int seen = server.max_in_flight_;
      while (now > seen && !server.max_in_flight_.compare_exchange_weak(seen, now)) {
      }
    }
    ~Busy() { --server.in_flight_; }
    LinkServer& server;
  };
  int max_in_flight() const { return max_in_flight_; }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::map<std::string, int> hits_;
  std::map<std::string, int> methods_;
  int credentials_ = 0;
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
};

// A port on 127.0.0.1 where nothing listens: bound, then closed.
inline int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace qadeck::testing
