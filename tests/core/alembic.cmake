# tests for this area are registered here with retort_add_test()
retort_add_test(NAME tst_RevisionFileParser SOURCES core/tst_RevisionFileParser.cpp LIBS retort_core LABELS alembic TIMEOUT 120)
retort_add_test(NAME tst_ProjectLocator SOURCES core/tst_ProjectLocator.cpp LIBS retort_core LABELS alembic)
retort_add_test(NAME tst_ProjectScanner SOURCES core/tst_ProjectScanner.cpp LIBS retort_core LABELS alembic TIMEOUT 120)
retort_add_test(NAME tst_ParseCache SOURCES core/tst_ParseCache.cpp LIBS retort_core LABELS alembic TIMEOUT 120)
add_dependencies(tst_ParseCache retort-cli)
retort_add_test(NAME tst_HeadsCache SOURCES core/tst_HeadsCache.cpp LIBS retort_core LABELS alembic TIMEOUT 120)
add_dependencies(tst_HeadsCache retort-cli)

# libFuzzer harness for RevisionFileParser: only with -DRETORT_FUZZ=ON (needs clang).
option(RETORT_FUZZ "Build the libFuzzer targets (needs clang)" OFF)
if(RETORT_FUZZ)
  add_subdirectory(${CMAKE_CURRENT_LIST_DIR}/../fuzz ${PROJECT_BINARY_DIR}/tests/fuzz)
endif()
