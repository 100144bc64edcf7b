# Differential tests: retort-cli against the real Alembic (RETORT_PYTHON) on generated projects.
# tests/differential/README.md describes the generator, the oracle and how to read a failure.
retort_add_test(NAME tst_Differential
  SOURCES differential/tst_Differential.cpp
  LIBS Qt6::Core Qt6::Concurrent
  LABELS differential
  TIMEOUT 900)
add_dependencies(tst_Differential retort-cli)
