# Differential tests: retort-cli against the real Alembic (RETORT_PYTHON) on generated projects.
# tests/differential/README.md describes the generator, the oracle and how to read a failure.
retort_add_test(NAME tst_Differential
  SOURCES differential/tst_Differential.cpp
  LIBS Qt6::Core Qt6::Concurrent
  LABELS differential
  TIMEOUT 900)
add_dependencies(tst_Differential retort-cli)

# The window against retort-cli on generated projects: the same graph, verdict and plans (issue #12).
retort_add_test(NAME tst_WindowAgreement
  SOURCES differential/tst_WindowAgreement.cpp
  LIBS retort_ui
  GUI
  LABELS differential app
  TIMEOUT 600)
add_dependencies(tst_WindowAgreement retort-cli)
