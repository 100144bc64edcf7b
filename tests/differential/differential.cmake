# Differential tests: retort-cli against the real Alembic (RETORT_PYTHON) on generated projects.
# tests/differential/README.md describes the generator, the oracle and how to read a failure.
retort_add_test(NAME tst_Differential
  SOURCES differential/tst_Differential.cpp
  LIBS Qt6::Core Qt6::Concurrent
  LABELS differential
  TIMEOUT 900)
add_dependencies(tst_Differential retort-cli)

# The same suite against a current Alembic (../shared/reference/alembic-1.19.1, see its README),
# put first on RETORT_PYTHON's path; retort-cli is told to follow that version. Configured only
# when the folder exists: a clone of this repository alone builds and passes without it.
set(RETORT_ALEMBIC_REFERENCE "${PROJECT_SOURCE_DIR}/../shared/reference/alembic-1.19.1" CACHE PATH
    "Sources of a current Alembic the differential test also compares with (skipped when missing)")
if(EXISTS "${RETORT_ALEMBIC_REFERENCE}/alembic/__init__.py")
  get_filename_component(_alembic_reference "${RETORT_ALEMBIC_REFERENCE}" ABSOLUTE)
  message(STATUS "Differential test also against the Alembic in ${_alembic_reference}")
  add_test(NAME tst_DifferentialCurrent COMMAND tst_Differential)
  set_tests_properties(tst_DifferentialCurrent PROPERTIES
    TIMEOUT 900
    LABELS differential
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;RETORT_PYTHON=${RETORT_PYTHON};QT_LOGGING_RULES=qt.qpa.*=false;XDG_CACHE_HOME=${CMAKE_BINARY_DIR}/test-cache;RETORT_ALEMBIC_REFERENCE=${_alembic_reference}")
endif()

# The window against retort-cli on generated projects: the same graph, verdict and plans (issue #12).
retort_add_test(NAME tst_WindowAgreement
  SOURCES differential/tst_WindowAgreement.cpp
  LIBS retort_ui
  GUI
  LABELS differential app
  TIMEOUT 600)
add_dependencies(tst_WindowAgreement retort-cli)
