# The layering check: includes in lab/ point only down the layers
# (docs/architecture.md):
#
#   core < sync < trace < analysis < run < sched < present < cli
#
# A file's layer is its folder (lab/<layer>/..., lab/include/locklab/<layer>/...;
# sched/strategies is part of sched). An include's layer is read from its path:
# "locklab/<layer>/x.h" (public) or "<layer>/x.h" (a layer's private header);
# a bare "x.h" is a header beside the file. A file may include its own layer
# and any lower one; anything else is reported with the offending line, and
# so is "../" (name the layer instead) and locklab/locklab.h (the umbrella for
# code outside lab/).
#
# Usage:
#   cmake -DLAB=<path to lab/> -P check_layers.cmake            the check
#   cmake -DLAB=<path to lab/> -DPLANTED=<scratch dir> -P ...    self-test: copies
#       lab/ to the scratch dir, plants one upward include in core/, and
#       passes only if the check then fails naming that line.
cmake_minimum_required(VERSION 3.25)

set(LAYERS core sync trace analysis run sched present cli)

function(layer_rank name out)
  list(FIND LAYERS "${name}" rank)
  set(${out} ${rank} PARENT_SCOPE)
endfunction()

# Sets ${out} to the list of violations ("file:line: text (why)") under `root`.
function(find_violations root out)
  set(found "")
  file(GLOB_RECURSE files RELATIVE "${root}" "${root}/*.h" "${root}/*.cpp")
  foreach(rel IN LISTS files)
    string(REGEX REPLACE "^include/locklab/" "" where "${rel}")
    string(REGEX MATCH "^[a-z_]+" file_layer "${where}")
    layer_rank("${file_layer}" file_rank)
    if(file_rank EQUAL -1)
      continue()  # lab/include/locklab/locklab.h, README files, ...
    endif()
    file(STRINGS "${root}/${rel}" lines)
    set(n 0)
    foreach(line IN LISTS lines)
      math(EXPR n "${n} + 1")
      if(NOT line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\"")
        continue()
      endif()
      set(target "${CMAKE_MATCH_1}")
      set(why "")
      if(target MATCHES "\\.\\./")
        set(why "a relative path out of the folder: name the layer (\"<layer>/file.h\")")
      elseif(target STREQUAL "locklab/locklab.h")
        set(why "the umbrella header is for code outside lab/")
      else()
        string(REGEX REPLACE "^locklab/" "" t "${target}")
        if(t MATCHES "^([a-z_]+)/")
          layer_rank("${CMAKE_MATCH_1}" target_rank)
          if(target_rank GREATER file_rank)
            set(why "${file_layer} is below ${CMAKE_MATCH_1}: a lower layer must not include a higher one")
          endif()
        endif()
      endif()
      if(why)
        string(STRIP "${line}" shown)
        list(APPEND found "lab/${rel}:${n}: ${shown}  (${why})")
      endif()
    endforeach()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

if(NOT LAB)
  message(FATAL_ERROR "check_layers: pass -DLAB=<path to lab/>")
endif()

if(PLANTED)
  file(REMOVE_RECURSE "${PLANTED}")
  file(COPY "${LAB}/" DESTINATION "${PLANTED}/lab")
  file(APPEND "${PLANTED}/lab/core/clock.cpp" "#include \"locklab/sched/controlled.h\"\n")
  find_violations("${PLANTED}/lab" violations)
  list(LENGTH violations count)
  if(NOT count EQUAL 1 OR NOT violations MATCHES "lab/core/clock.cpp:[0-9]+: #include \"locklab/sched/controlled.h\"")
    message(FATAL_ERROR "check_layers self-test: expected exactly the planted violation, got ${count}:\n${violations}")
  endif()
  message(STATUS "check_layers self-test: the planted include was reported:\n  ${violations}")
  return()
endif()

find_violations("${LAB}" violations)
if(violations)
  list(LENGTH violations count)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "check_layers: ${count} include(s) point up the layers (${LAYERS}):\n  ${text}")
endif()
message(STATUS "check_layers: every include in ${LAB} points down the layers (${LAYERS})")
