# Writes build_info.hpp with the current git revision, at every build (not
# only at configure time), and touches it only when the revision changed, so
# that result files name the code that made them without needless rebuilds.
# Arguments: -DSOURCE_DIR, -DINPUT (the .in template), -DOUTPUT, -DPROJECT_VERSION
execute_process(COMMAND git rev-parse --short=12 HEAD
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE HAVENS_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET)
if(NOT HAVENS_GIT_REVISION)
  set(HAVENS_GIT_REVISION "unknown")
endif()
execute_process(COMMAND git status --porcelain --untracked-files=no
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE dirty OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(dirty)
  string(APPEND HAVENS_GIT_REVISION "-modified")
endif()
configure_file(${INPUT} ${OUTPUT}.new @ONLY)
file(COPY_FILE ${OUTPUT}.new ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.new)
