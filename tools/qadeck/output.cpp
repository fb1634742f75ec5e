#include "qadeck/output.h"

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "qadeck/commands.h"

namespace qadeck::cli {

void prepare_output() { std::signal(SIGPIPE, SIG_IGN); }

void finish_output() {
  std::cout.flush();
  if (!std::cout) std::_Exit(exit_clean);
}

void print_warning(const std::string& message) {
  std::cerr << "qadeck: warning: " << message << "\n";
}

}  // namespace qadeck::cli
