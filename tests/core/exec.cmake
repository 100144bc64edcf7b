# exec area: the Alembic bridge, the interpreter locator and jobs (real Alembic via RETORT_PYTHON,
# real SQLite files, the throwaway PostgreSQL from retort_testsupport).
retort_add_test(NAME tst_PythonLocator SOURCES core/tst_PythonLocator.cpp LIBS retort_core LABELS exec TIMEOUT 120)
retort_add_test(NAME tst_AlembicDetector SOURCES core/tst_AlembicDetector.cpp LIBS retort_core LABELS exec TIMEOUT 120)
retort_add_test(NAME tst_AlembicBridge SOURCES core/tst_AlembicBridge.cpp LIBS retort_core LABELS exec TIMEOUT 240)
retort_add_test(NAME tst_AlembicJob SOURCES core/tst_AlembicJob.cpp LIBS retort_core retort_testsupport LABELS exec TIMEOUT 300)
retort_add_test(NAME tst_ExecCommands SOURCES core/tst_ExecCommands.cpp LIBS retort_core retort_testsupport LABELS exec TIMEOUT 300)
retort_add_test(NAME tst_FaultInjection SOURCES core/tst_FaultInjection.cpp LIBS retort_core retort_testsupport LABELS exec TIMEOUT 300)
add_dependencies(tst_FaultInjection retort-cli)
add_dependencies(tst_ExecCommands retort-cli)
# The interpreter chosen in the window, and retort-cli following it (window = CLI).
retort_add_test(NAME tst_InterpreterMemory SOURCES core/tst_InterpreterMemory.cpp LIBS retort_core LABELS exec cli TIMEOUT 120)
add_dependencies(tst_InterpreterMemory retort-cli)
# What retort-cli says to people (issue #18): stamps, relative targets, errors once, $DATABASE_URL.
retort_add_test(NAME tst_CliTexts SOURCES cli/tst_CliTexts.cpp LIBS Qt6::Core LABELS exec cli TIMEOUT 180)
add_dependencies(tst_CliTexts retort-cli)
# retort-cli revision / check with the real Alembic (issue #15).
retort_add_test(NAME tst_CliRevision SOURCES cli/tst_CliRevision.cpp LIBS Qt6::Core LABELS exec cli alembic TIMEOUT 180)
add_dependencies(tst_CliRevision retort-cli)
