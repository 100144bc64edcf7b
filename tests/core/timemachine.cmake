# The schema time machine (issue #17): schema diffs in memory; the bridge session, the walks, round
# trips, the cache and scratch databases with the real Alembic on SQLite files and a throwaway
# PostgreSQL; retort-cli schema / diff / verify / drift as a user runs them.
retort_add_test(NAME tst_SchemaDiff SOURCES core/tst_SchemaDiff.cpp LIBS retort_core LABELS timemachine TIMEOUT 60)
retort_add_test(NAME tst_BridgeSession SOURCES core/tst_BridgeSession.cpp support/MigrationProject.h LIBS retort_core
                LABELS timemachine exec TIMEOUT 240)
retort_add_test(NAME tst_TimeMachine SOURCES core/tst_TimeMachine.cpp support/MigrationProject.h
                LIBS retort_core retort_testsupport LABELS timemachine db TIMEOUT 600)
retort_add_test(NAME tst_CliSchema SOURCES cli/tst_CliSchema.cpp support/MigrationProject.h
                LIBS retort_core retort_testsupport LABELS timemachine cli TIMEOUT 600)
add_dependencies(tst_CliSchema retort-cli)
retort_add_test(NAME tst_CliBootstrap SOURCES cli/tst_CliBootstrap.cpp support/MigrationProject.h
                LIBS retort_core retort_testsupport LABELS timemachine cli alembic TIMEOUT 600)
add_dependencies(tst_CliBootstrap retort-cli)
