# Compact Language Detector 2, compiled from the source of Debian's package that ci/setup
# downloads and checks, and linked into qadeck. Debian ships libcld2 only as a shared library:
# opening it made every lint that detects a language load and relocate it and the shared
# libstdc++ it needs: about 2M instructions in the dynamic loader, 15% of a lint of the seed.
# The sources are those of Debian's libcld2.so (the first library of upstream's
# internal/compile_libs.sh), with the same tables, so detection gives the same answers.
set(QADECK_CLD2_DIR "${CMAKE_SOURCE_DIR}/third-party/cld2"
    CACHE PATH "Unpacked source of Debian's cld2 package (fetched by ci/setup)")
set(_cld2 "${QADECK_CLD2_DIR}/internal")
if(NOT EXISTS "${_cld2}/compact_lang_det.cc")
  message(FATAL_ERROR "The cld2 source is missing under ${QADECK_CLD2_DIR}: run ci/setup")
endif()

add_library(cld2 STATIC
  "${_cld2}/cldutil.cc" "${_cld2}/cldutil_shared.cc" "${_cld2}/compact_lang_det.cc"
  "${_cld2}/compact_lang_det_hint_code.cc" "${_cld2}/compact_lang_det_impl.cc"
  "${_cld2}/debug.cc" "${_cld2}/fixunicodevalue.cc" "${_cld2}/generated_entities.cc"
  "${_cld2}/generated_language.cc" "${_cld2}/generated_ulscript.cc"
  "${_cld2}/getonescriptspan.cc" "${_cld2}/lang_script.cc" "${_cld2}/offsetmap.cc"
  "${_cld2}/scoreonescriptspan.cc" "${_cld2}/tote.cc" "${_cld2}/utf8statetable.cc"
  "${_cld2}/cld_generated_cjk_uni_prop_80.cc" "${_cld2}/cld2_generated_cjk_compatible.cc"
  "${_cld2}/cld_generated_cjk_delta_bi_4.cc" "${_cld2}/generated_distinct_bi_0.cc"
  "${_cld2}/cld2_generated_quadchrome_2.cc" "${_cld2}/cld2_generated_deltaoctachrome.cc"
  "${_cld2}/cld2_generated_distinctoctachrome.cc" "${_cld2}/cld_generated_score_quad_octa_2.cc")
target_include_directories(cld2 INTERFACE "${QADECK_CLD2_DIR}/public")
set_target_properties(cld2 PROPERTIES POSITION_INDEPENDENT_CODE ON)
# Third-party code: no warnings from it. Its generated tables store negative numbers in unsigned
# bytes, which C++11 made an error in braced initialisers. The
# sanitizer and fuzzing options are dropped too: cld2 reads its tables with unaligned loads,
# which UndefinedBehaviorSanitizer would abort on, and it is not what those builds test.
set_property(TARGET cld2 PROPERTY COMPILE_OPTIONS -w -Wno-narrowing)
