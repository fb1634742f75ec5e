// The bodies of the fuzz targets, shared by the libFuzzer executables (tests/fuzz/*_fuzzer.cpp)
// and by the regression test that replays every input they once crashed on
// (tests/fuzz/regressions/<target>/, run by fuzz_regressions_test in the normal suite).
#pragma once

#include <cstddef>
#include <cstdint>

namespace qadeck::fuzz {

// Lints the bytes as a Markdown file with every rule on, fixes them, and prints the report
// in every format to nowhere. Input qadeck rejects (not UTF-8, NUL bytes, nesting too deep)
// is fine; a crash, a sanitizer report, an internal error (a rule's invalid span) or a fix that
// leaves text qadeck cannot lint is a bug.
void lint_one_input(const uint8_t* data, size_t size);

// Loads the bytes as a .qadeck.yml over the built-in defaults and resolves the settings for a
// few paths. A config error is fine; a crash or an exception other than a config error is a bug.
void load_one_config(const uint8_t* data, size_t size);

// Sanitizes the bytes as card HTML, then checks what the exporters rely on: the output, parsed
// again, has nothing left to remove; its image sources rewrite to themselves; Anki's field
// text and checksum and the text of a title can be computed. A crash, a sanitizer report or a
// leak is a bug, and so is a second pass that removes something.
void sanitize_one_input(const uint8_t* data, size_t size);

// Builds a deck from the bytes as one Markdown document and writes its pandoc intermediate
// (the PDF export's input). Input qadeck cannot parse is fine; a crash, a sanitizer report,
// an intermediate that is not valid UTF-8 or lacks its YAML header is a bug, and so is math
// that math.unsafe-command refuses reaching the intermediate unrefused (the export's check
// would have to see every math span of the cards).
void pandoc_one_input(const uint8_t* data, size_t size);

}  // namespace qadeck::fuzz
