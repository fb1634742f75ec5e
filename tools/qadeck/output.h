// Standard output that survives a closed pipe: `qadeck lint | head` exits quietly.
#pragma once

#include <string>

namespace qadeck::cli {

// Ignores SIGPIPE, so a closed pipe shows up as a failed write instead of a signal.
void prepare_output();

// Flushes standard output; on a broken pipe, exits at once without a message. A report
// printed file by file calls it after each file, so that a reader gone away ends the run.
void finish_output();

// "qadeck: warning: MESSAGE" on standard error.
void print_warning(const std::string& message);

}  // namespace qadeck::cli
