#include <unistd.h>

#include "qadeck/commands.h"
#include "server/language_server.h"

namespace qadeck::cli {

int run_server(const ServerArgs& args) {
  server::ServerOptions options;
  options.debounce = std::chrono::milliseconds(args.debounce_ms);
  options.version = QADECK_VERSION;
  server::LanguageServer language_server(STDIN_FILENO, STDOUT_FILENO, options);
  return language_server.run();
}

}  // namespace qadeck::cli
