# The tree-sitter Markdown grammar (block and inline), compiled from the npm tarball that
# ci/setup downloads and checks. Its generated C is third-party code: no warnings from it.
set(_block "${QADECK_GRAMMAR_DIR}/tree-sitter-markdown/src")
set(_inline "${QADECK_GRAMMAR_DIR}/tree-sitter-markdown-inline/src")
if(NOT EXISTS "${_block}/parser.c" OR NOT EXISTS "${_inline}/parser.c")
  message(FATAL_ERROR
    "The tree-sitter Markdown grammar is missing under ${QADECK_GRAMMAR_DIR}: run ci/setup")
endif()

add_library(ts_markdown_block STATIC "${_block}/parser.c" "${_block}/scanner.c")
target_include_directories(ts_markdown_block PRIVATE "${_block}")
add_library(ts_markdown_inline STATIC "${_inline}/parser.c" "${_inline}/scanner.c")
target_include_directories(ts_markdown_inline PRIVATE "${_inline}")
foreach(_t ts_markdown_block ts_markdown_inline)
  set_target_properties(${_t} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  target_compile_options(${_t} PRIVATE -w)
  target_link_libraries(${_t} PUBLIC PkgConfig::TREE_SITTER)
endforeach()
