retort_add_test(NAME tst_Redact SOURCES core/tst_Redact.cpp LIBS retort_core LABELS core)
retort_add_test(NAME tst_Log SOURCES core/tst_Log.cpp LIBS retort_core LABELS core)
