# viz-screenshot-crashlab: locklab-viz-crashlab --bug crash-segfault under
# xvfb-run. The buggy run's child segfaults, the fixed run completes; the app
# must go on to write its screenshot (exit 0), say "crashed with SIGSEGV" on
# stderr, and draw every panel and the fixed run's lanes.
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
set(png "${OUT}/shot.png")
set(panels "${OUT}/panels.json")
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1920x1200x24"
          ${VIZ} --screenshot ${png} --panels ${panels} --size 1600x1000 --frames 3 --timeout 120
                 --locklab ${LOCKLAB} --bug crash-segfault --duration 400 --tab dump
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
message(STATUS "${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "locklab-viz did not end normally (${rc}) after a crashing run")
endif()
if(NOT err MATCHES "crash-segfault buggy: crashed with SIGSEGV")
  message(FATAL_ERROR "no 'crashed with SIGSEGV' message for the crashing run")
endif()
execute_process(COMMAND ${CHECK} ${png} ${panels} --size 1600x1000
                        --content catalogue --content side --content status --content fixed_lanes
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the screenshot is missing content")
endif()
