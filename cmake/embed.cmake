# qadeck_embed(OUT_VAR NAMESPACE_FN FILE...): generates a C++ source that returns the given
# files' bytes by their path relative to the source root, so the binary needs no data files.
function(qadeck_embed out_var function_name)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${function_name}.cpp")
  string(REPLACE ";" "|" files "${ARGN}")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DFUNCTION=${function_name}
            -DROOT=${CMAKE_SOURCE_DIR} "-DFILES=${files}"
            -P "${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake"
    DEPENDS ${ARGN} "${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake"
    COMMENT "Embedding ${function_name}"
    VERBATIM)
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()
