# The tree-sitter Markdown block grammar, compiled from the npm tarball that ci/setup
# downloads and checks. Inline tokens come from qadeck's own scanner (tools/core), which
# measured several times faster than running the inline grammar per paragraph. The
# generated C is third-party code: no warnings from it.
set(_block "${QADECK_GRAMMAR_DIR}/tree-sitter-markdown/src")
if(NOT EXISTS "${_block}/parser.c")
  message(FATAL_ERROR
    "The tree-sitter Markdown grammar is missing under ${QADECK_GRAMMAR_DIR}: run ci/setup")
endif()

add_library(ts_markdown_block STATIC "${_block}/parser.c" "${_block}/scanner.c")
target_include_directories(ts_markdown_block PRIVATE "${_block}")
set_target_properties(ts_markdown_block PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_compile_options(ts_markdown_block PRIVATE -w)
# Debian's tree-sitter runtime (0.20.7). The 0.25 runtime, compiled in from the C sources the npm
# `tree-sitter` package 0.25.0 ships, was tried: a lint of 4 generated files of 2,000 questions
# took the same instructions (2,237M against 2,242M, callgrind) and the same CPU time, so the
# extra pinned download would buy nothing.
target_link_libraries(ts_markdown_block PUBLIC PkgConfig::TREE_SITTER)

# The grammar's version (its package.json), for `qadeck --version`.
file(READ "${QADECK_GRAMMAR_DIR}/package.json" _grammar_package)
string(JSON QADECK_GRAMMAR_VERSION GET "${_grammar_package}" version)
