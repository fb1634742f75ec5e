// `qadeck completion bash|zsh|fish`: shell completions generated from the command line's own
// definition, so that every subcommand and option main.cpp declares (and each option's
// choices) is completed without a hand-kept list. Unlike the other commands this one reads
// the CLI11 definition itself: that definition is what it describes.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace qadeck::cli {

// The completion script for `shell` ("bash", "zsh" or "fish") for the program `app` defines.
std::string completion_script(const CLI::App& app, const std::string& shell);

}  // namespace qadeck::cli
