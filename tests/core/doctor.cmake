# tests for this area are registered here with retort_add_test()
retort_add_test(NAME tst_DoctorProject SOURCES core/tst_DoctorProject.cpp core/tst_DoctorSupport.h
                LIBS retort_core LABELS doctor TIMEOUT 60)
retort_add_test(NAME tst_DoctorDatabase SOURCES core/tst_DoctorDatabase.cpp core/tst_DoctorSupport.h
                LIBS retort_core retort_testsupport Qt6::Sql LABELS doctor TIMEOUT 120)
retort_add_test(NAME tst_DoctorCli SOURCES core/tst_DoctorCli.cpp core/tst_DoctorSupport.h
                LIBS retort_core retort_testsupport Qt6::Sql LABELS doctor cli TIMEOUT 120)
add_dependencies(tst_DoctorCli retort-cli)
# A stamp compared with the schema its target implies (issue #14).
retort_add_test(NAME tst_StampCheck SOURCES core/tst_StampCheck.cpp LIBS retort_core retort_testsupport LABELS doctor exec TIMEOUT 120)
add_dependencies(tst_StampCheck retort-cli)
