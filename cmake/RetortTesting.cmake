# retort_add_test(NAME tst_Foo SOURCES a.cpp ... LIBS lib ... [GUI] [LABELS l ...] [TIMEOUT s])
# One test executable per class (STYLE.md §8). GUI tests run on the offscreen platform.
# Every test sees RETORT_SOURCE_DIR, RETORT_BINARY_DIR, RETORT_PYTHON (an interpreter that can
# import alembic), RETORT_CLI (path of retort-cli) as compile definitions and environment.
function(retort_add_test)
  cmake_parse_arguments(T "GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  qt_add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
  target_include_directories(${T_NAME} PRIVATE "${PROJECT_SOURCE_DIR}/src" "${PROJECT_SOURCE_DIR}/tests")
  target_compile_definitions(${T_NAME} PRIVATE
    RETORT_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    RETORT_BINARY_DIR="${PROJECT_BINARY_DIR}"
    RETORT_PYTHON="${RETORT_PYTHON}"
    RETORT_CLI="$<TARGET_FILE:retort-cli>")
  retort_set_warnings(${T_NAME})
  set_target_properties(${T_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/tests")
  if(T_GUI)
    add_test(NAME ${T_NAME} COMMAND ${T_NAME} -platform offscreen)
  else()
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES
    TIMEOUT ${T_TIMEOUT}
    LABELS "${T_LABELS}"
    # XDG_CACHE_HOME: retort-cli started by a test keeps its parse cache in the build tree, never in
    # the user's ~/.cache (tests in QStandardPaths test mode use ~/.qttest instead).
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;RETORT_PYTHON=${RETORT_PYTHON};QT_LOGGING_RULES=qt.qpa.*=false;XDG_CACHE_HOME=${CMAKE_BINARY_DIR}/test-cache")
endfunction()
