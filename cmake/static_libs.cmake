# QADECK_STATIC_LIBS: qadeck links libstdc++ and the libraries it parses with (tree-sitter,
# yaml-cpp, cmark-gfm, gumbo) statically, from the archives their Debian -dev packages ship.
# Every shared library costs every run its loading and symbol relocation before main(), most of
# all libstdc++'s thousands of symbol relocations: they were most of `qadeck --help` and of a
# pre-commit run whose files all come from the lint cache. (libcld2 ships no archive: it is
# compiled from Debian's source, see cmake/cld2.cmake.) The sanitizer and fuzzing builds link
# the shared libraries, which their run-times expect.
if(QADECK_SANITIZE OR QADECK_FUZZ)
  set(_static_default OFF)
else()
  set(_static_default ON)
endif()
option(QADECK_STATIC_LIBS "Link libstdc++ and the parser libraries statically" ${_static_default})

# Makes the pkg-config target `target` (PkgConfig::NAME) link the archives beside its shared
# libraries, as one group so that their order does not matter.
function(qadeck_link_archives target)
  if(NOT QADECK_STATIC_LIBS)
    return()
  endif()
  get_target_property(libraries ${target} INTERFACE_LINK_LIBRARIES)
  set(archives)
  foreach(library IN LISTS libraries)
    string(REGEX REPLACE "\\.so(\\.[0-9.]+)?$" ".a" archive "${library}")
    if(NOT EXISTS "${archive}")
      message(FATAL_ERROR "${archive} is missing, which QADECK_STATIC_LIBS links: install the "
                          "library's -dev package, or configure with -DQADECK_STATIC_LIBS=OFF")
    endif()
    list(APPEND archives "${archive}")
  endforeach()
  list(JOIN archives "," group)
  set_property(TARGET ${target} PROPERTY INTERFACE_LINK_LIBRARIES "$<LINK_GROUP:RESCAN,${group}>")
endfunction()
