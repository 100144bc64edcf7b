# db area tests (owner: database engineer). PostgreSQL tests start their own throwaway cluster
# (retort_testsupport / PgCluster) and fail when the server binaries are missing.
retort_add_test(NAME tst_PgCluster SOURCES support/tst_PgCluster.cpp LIBS retort_core retort_testsupport LABELS db TIMEOUT 120)
retort_add_test(NAME tst_DatabaseUrl SOURCES core/tst_DatabaseUrl.cpp LIBS retort_core LABELS db)
retort_add_test(NAME tst_Connection SOURCES core/tst_Connection.cpp LIBS retort_core retort_testsupport Qt6::Concurrent LABELS db TIMEOUT 120)
retort_add_test(NAME tst_VersionTable SOURCES core/tst_VersionTable.cpp LIBS retort_core retort_testsupport LABELS db TIMEOUT 120)
retort_add_test(NAME tst_SchemaInspector SOURCES core/tst_SchemaInspector.cpp LIBS retort_core retort_testsupport LABELS db TIMEOUT 120)
retort_add_test(NAME tst_CliDb SOURCES cli/tst_CliDb.cpp LIBS retort_core retort_testsupport LABELS db cli TIMEOUT 120)
add_dependencies(tst_CliDb retort-cli)
retort_add_test(NAME tst_ConnectionProfiles SOURCES core/tst_ConnectionProfiles.cpp LIBS retort_core LABELS db TIMEOUT 60)
# The workspace: the loading, connection and planning policy the window and retort-cli share.
retort_add_test(NAME tst_Workspace SOURCES core/tst_Workspace.cpp LIBS retort_core retort_testsupport LABELS db core TIMEOUT 120)
# Finding the project's database in compose files, .env and alembic.ini (issue #15).
retort_add_test(NAME tst_Discovery SOURCES core/tst_Discovery.cpp LIBS retort_core LABELS db cli TIMEOUT 60)
add_dependencies(tst_Discovery retort-cli)
# retort-cli at the edges: odd version folders against Alembic, locks, unsafe revision ids (issue #14).
retort_add_test(NAME tst_CliEdges SOURCES cli/tst_CliEdges.cpp LIBS retort_core retort_testsupport LABELS db cli alembic TIMEOUT 240)
add_dependencies(tst_CliEdges retort-cli)
# Creating the database the URL names (issue #15), against a real PostgreSQL server.
retort_add_test(NAME tst_DatabaseAdmin SOURCES core/tst_DatabaseAdmin.cpp LIBS retort_core retort_testsupport LABELS db cli TIMEOUT 120)
add_dependencies(tst_DatabaseAdmin retort-cli)
