# One screenshot test: run locklab-viz --screenshot under xvfb-run (a virtual
# X server; Mesa's llvmpipe renders), then check the PNG with
# locklab-viz-png-check. Called by ctest with -DXVFB_RUN -DVIZ -DLOCKLAB
# -DCHECK -DMODE -DOUT -DEXERCISE_BIN (see CMakeLists.txt). Modes:
#   trace    run lock-held-across-io with the CLI, open both traces
#   bug      --bug lock-held-across-io: the app runs both variants itself,
#            as child processes
#   corrupt  open a damaged trace: a message, a screenshot, no crash
#   crash    --bug with a stand-in CLI that runs the real one and kills it
#            with SIGSEGV 1.5 s into each run: both timelines show the trace
#            so far under "crashed with SIGSEGV after ..."
#   step     the step view on lock-order-inversion's challenge: 12 steps in,
#            nobody waits yet; at 14 (the solution) the tellers wait for each
#            other in red and the panel explains the deadlock; a bad step
#            is a message, not a crash
#   schedule `locklab explore lock-order-inversion --save` finds a deadlock;
#            --schedule opens that file in the step view with every step
#            taken and the deadlock explained; the same file with
#            --step-variant fixed-ordered diverges where a teller blocks, and
#            the run continued from there completes
#   deadlock --bug recursive-rlock at its defaults, nothing else: the buggy
#            run deadlocks and opens framed on that moment, its lanes mostly
#            the red of lock waits, the verdict's words in their box beside
#            the marker line (tried three times: a lucky run may complete)
#   exercise --exercise lock-order-inversion on a throw-away build
#            directory (its cmake a no-op, its exercise binary the starter's,
#            -DEXERCISE_BIN), so the real checkout's check cache is left
#            alone: `locklab check` grades it (FAIL in the Exercise tab),
#            then the learner's variant deadlocks on top and the reference
#            fix runs below
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
set(png "${OUT}/shot.png")
set(panels "${OUT}/panels.json")
# Xvfb's default screen is smaller than the window.
set(xvfb ${XVFB_RUN} -a -s "-screen 0 1920x1200x24")
set(viz_common --screenshot ${png} --panels ${panels} --size 1600x1000 --frames 3 --timeout 120 --locklab ${LOCKLAB})

function(run_or_fail)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
  message(STATUS "${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "command failed (${rc}): ${ARGN}")
  endif()
  set(last_err "${err}" PARENT_SCOPE)
endfunction()

# Colours of the timeline (core/lane_state.cpp): a lock wait is 229,72,77,
# I/O 62,123,250.
set(wait_red 229,72,77)
set(io_blue 62,123,250)

if(MODE STREQUAL "trace")
  run_or_fail(${LOCKLAB} run lock-held-across-io --duration 600 --trace ${OUT}/io.lltrace)
  run_or_fail(${xvfb} ${VIZ} ${viz_common} --trace ${OUT}/io.buggy.lltrace --trace ${OUT}/io.fixed.lltrace)
elseif(MODE STREQUAL "bug")
  run_or_fail(${xvfb} ${VIZ} ${viz_common} --bug lock-held-across-io --duration 600)
elseif(MODE STREQUAL "corrupt")
  file(WRITE ${OUT}/bad.lltrace "LLTRACE1 this is not a trace")
  run_or_fail(${xvfb} ${VIZ} ${viz_common} --trace ${OUT}/bad.lltrace)
  if(NOT last_err MATCHES "cannot read trace")
    message(FATAL_ERROR "the damaged trace gave no 'cannot read trace' message")
  endif()
  run_or_fail(${CHECK} ${png} ${panels} --size 1600x1000 --content catalogue --content side --content status)
  return()
elseif(MODE STREQUAL "crash")
  set(standin "${OUT}/crashing-locklab")
  file(WRITE ${standin} "#!/bin/sh\nulimit -c 0\n'${LOCKLAB}' \"$@\" &\npid=$!\nsleep 1.5\nkill -SEGV $pid\nwait $pid\nkill -SEGV $$\n")
  file(CHMOD ${standin} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  list(TRANSFORM viz_common REPLACE "^${LOCKLAB}$" "${standin}")
  run_or_fail(${xvfb} ${VIZ} ${viz_common} --bug lock-held-across-io --duration 6000)
  foreach(_want "lock-held-across-io buggy: crashed with SIGSEGV after" "showing the trace so far: [0-9]+ events")
    if(NOT last_err MATCHES "${_want}")
      message(FATAL_ERROR "no '${_want}' message:\n${last_err}")
    endif()
  endforeach()
  # Both partial runs drawn, each header carrying the crash in the error
  # colour (255,110,100); the buggy lanes still show their lock waits.
  run_or_fail(${CHECK} ${png} ${panels} --size 1600x1000
              --content buggy_lanes --content fixed_lanes --content buggy_header --content fixed_header
              --min buggy_header 255,110,100 0.003
              --min fixed_header 255,110,100 0.003
              --min buggy_lanes ${wait_red} 0.10
              --min fixed_lanes ${io_blue} 0.05)
  return()
elseif(MODE STREQUAL "step")
  set(solution "1 1 1 1 2 2 2 2 3 3 3 3 3 2")
  run_or_fail(${xvfb} ${VIZ} ${viz_common} --bug lock-order-inversion --step "1 1 1 1 2 2 2 2 3 3 3 3")
  run_or_fail(${CHECK} ${png} ${panels} --size 1600x1000
              --content side --content buggy_lanes --content fixed_lanes --content buggy_header
              --max buggy_lanes ${wait_red} 0.002)
  file(RENAME ${png} ${OUT}/before-goal.png)
  run_or_fail(${xvfb} ${VIZ} ${viz_common} --bug lock-order-inversion --step "${solution}")
  run_or_fail(${CHECK} ${png} ${panels} --size 1600x1000
              --content catalogue --content side --content source --content buggy_lanes --content buggy_header
              --min buggy_lanes ${wait_red} 0.02
              --min side 255,110,100 0.0005)
  file(COPY ${png} DESTINATION ${OUT}/goal)
  run_or_fail(${xvfb} ${VIZ} --screenshot ${OUT}/bad-step.png --size 1600x1000 --frames 2 --locklab ${LOCKLAB}
              --bug lock-order-inversion --step "1 9")
  if(NOT last_err MATCHES "there is no thread T9")
    message(FATAL_ERROR "a bad --step gave no 'there is no thread T9' message")
  endif()
  return()
elseif(MODE STREQUAL "schedule")
  run_or_fail(${LOCKLAB} explore lock-order-inversion --save ${OUT}/loi.schedule)
  run_or_fail(${xvfb} ${VIZ} ${viz_common} --schedule ${OUT}/loi.schedule)
  # Every step taken, in virtual time: the deadlock is the step panel's red
  # "Blocked" lines and verdict, the lanes are the schedule's work.
  run_or_fail(${CHECK} ${png} ${panels} --size 1600x1000
              --content catalogue --content side --content buggy_lanes --content buggy_header
              --min side 255,110,100 0.0005)
  file(RENAME ${png} ${OUT}/buggy.png)
  # On the fix the schedule diverges (a teller blocks where the buggy one
  # went on); the run continued from there completes, with ordinary waits.
  run_or_fail(${xvfb} ${VIZ} ${viz_common} --schedule ${OUT}/loi.schedule --step-variant fixed-ordered)
  run_or_fail(${CHECK} ${png} ${panels} --size 1600x1000
              --content side --content fixed_lanes
              --min fixed_lanes ${wait_red} 0.02)
  file(RENAME ${png} ${OUT}/fixed.png)
  return()
elseif(MODE STREQUAL "deadlock")
  # The verdict's words sit on an opaque 20,10,12 box (core/timeline_draw.cpp);
  # a run that did not deadlock has none, and is tried again.
  set(deadlock_check ${CHECK} ${png} ${panels} --size 1600x1000
      --content buggy_lanes --content fixed_lanes --content buggy_header --content fixed_header --content axis
      --min buggy_lanes ${wait_red} 0.25
      --min buggy_lanes 20,10,12 0.02)
  foreach(_try 1 2 3)
    run_or_fail(${xvfb} ${VIZ} ${viz_common} --bug recursive-rlock)
    execute_process(COMMAND ${deadlock_check} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    message(STATUS "try ${_try}: ${out}${err}")
    if(rc EQUAL 0)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "no framed deadlock in three tries")
elseif(MODE STREQUAL "exercise")
  get_filename_component(src "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
  set(build "${OUT}/build")
  file(WRITE ${OUT}/no-op-cmake "#!/bin/sh\nexit 0\n")
  file(CHMOD ${OUT}/no-op-cmake PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  file(WRITE ${build}/CMakeCache.txt "CMAKE_HOME_DIRECTORY:INTERNAL=${src}\nCMAKE_COMMAND:INTERNAL=${OUT}/no-op-cmake\n")
  file(MAKE_DIRECTORY ${build}/bin)
  file(CREATE_LINK ${EXERCISE_BIN} ${build}/bin/locklab-exercise-lock-order-inversion SYMBOLIC)
  run_or_fail(${xvfb} ${VIZ} ${viz_common} --build-dir ${build} --exercise lock-order-inversion)
  if(NOT EXISTS ${build}/exercises/lock-order-inversion/last-check.json)
    message(FATAL_ERROR "the check left no last-check.json in the throw-away build")
  endif()
  # The grade in the side panel (FAIL in the error colour), the learner's
  # variant waiting for locks until it deadlocks, the reference's lanes full.
  run_or_fail(${CHECK} ${png} ${panels} --size 1600x1000
              --content catalogue --content side --content source --content buggy_lanes --content fixed_lanes
              --content buggy_header --content fixed_header
              --min side 255,110,100 0.0005
              --min buggy_lanes ${wait_red} 0.01
              --min fixed_lanes ${wait_red} 0.05)
  return()
else()
  message(FATAL_ERROR "unknown MODE '${MODE}'")
endif()

# Both runs drawn: every panel has content; the buggy lanes are largely lock
# waits (the loaders wait behind each disk write) and show I/O (the savers);
# the fixed lanes show I/O and hardly any waiting.
run_or_fail(${CHECK} ${png} ${panels} --size 1600x1000
            --content catalogue --content side --content source --content status
            --content buggy_lanes --content fixed_lanes --content buggy_header --content fixed_header --content axis
            --min buggy_lanes ${wait_red} 0.20
            --min buggy_lanes ${io_blue} 0.05
            --min fixed_lanes ${io_blue} 0.10
            --max fixed_lanes ${wait_red} 0.02)
