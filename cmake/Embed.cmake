# embed_files(OUT_CPP NAMESPACE ns NAME1 FILE1 [NAME2 FILE2 ...])
# Generates OUT_CPP defining `std::string_view ns::NAME` for each file, so data files
# (the default codebook, the domain word list) ship inside the binary.
function(embed_files out_cpp)
  cmake_parse_arguments(E "" "NAMESPACE" "" ${ARGN})
  set(pairs ${E_UNPARSED_ARGUMENTS})
  set(deps)
  set(args)
  list(LENGTH pairs n)
  math(EXPR last "${n} - 1")
  foreach(i RANGE 0 ${last} 2)
    math(EXPR j "${i} + 1")
    list(GET pairs ${i} name)
    list(GET pairs ${j} file)
    list(APPEND deps ${file})
    list(APPEND args ${name}=${file})
  endforeach()
  list(JOIN args "|" joined)
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DNS=${E_NAMESPACE} "-DPAIRS=${joined}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedRun.cmake
    DEPENDS ${deps} ${PROJECT_SOURCE_DIR}/cmake/EmbedRun.cmake
    COMMENT "Embedding data files into ${out_cpp}"
    VERBATIM)
endfunction()
