# tests for the one static Python reader (src/core/python)
retort_add_test(NAME tst_PythonReader SOURCES core/tst_PythonReader.cpp LIBS retort_python LABELS python TIMEOUT 60)
