# lint area (issue #16): the rule corpus and lock claims against a real PostgreSQL 15, the rules and
# readers without a server, and retort-cli lint on generated Alembic projects.
retort_add_test(NAME tst_LintCorpus SOURCES core/tst_LintCorpus.cpp LIBS retort_core retort_testsupport Qt6::Sql
                LABELS lint db TIMEOUT 300)
retort_add_test(NAME tst_SqlLinter SOURCES core/tst_SqlLinter.cpp LIBS retort_core LABELS lint TIMEOUT 60)
retort_add_test(NAME tst_CliLint SOURCES cli/tst_CliLint.cpp LIBS retort_core retort_testsupport Qt6::Sql
                LABELS lint cli db TIMEOUT 600)
add_dependencies(tst_CliLint retort-cli)
