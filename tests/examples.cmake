# The demo project migrates up and down with the real Alembic on SQLite and PostgreSQL.
retort_add_test(NAME tst_DemoProject SOURCES examples/tst_DemoProject.cpp
                LIBS retort_testsupport Qt6::Sql LABELS examples TIMEOUT 600)
