# GUI tests (Qt Test, offscreen). One executable per class; every one links retort_ui.
# Tests that run Alembic use RETORT_PYTHON (see cmake/RetortPython.cmake) and fail without it.

# --- main window, graph, details, SQL preview, runs (GUI lead) ---
retort_add_test(NAME tst_AppOptions SOURCES app/tst_AppOptions.cpp LIBS retort_ui LABELS app)
retort_add_test(NAME tst_RevisionGraphModel SOURCES app/tst_RevisionGraphModel.cpp app/AppTestSupport.h
                LIBS retort_ui GUI LABELS app TIMEOUT 60)
retort_add_test(NAME tst_RevisionFilterModel SOURCES app/tst_RevisionFilterModel.cpp app/AppTestSupport.h
                LIBS retort_ui GUI LABELS app TIMEOUT 60)
retort_add_test(NAME tst_RevisionGraphPanel SOURCES app/tst_RevisionGraphPanel.cpp app/AppTestSupport.h
                LIBS retort_ui GUI LABELS app TIMEOUT 60)
retort_add_test(NAME tst_GraphDelegate SOURCES app/tst_GraphDelegate.cpp app/AppTestSupport.h
                LIBS retort_ui GUI LABELS app TIMEOUT 60)
retort_add_test(NAME tst_GraphExporter SOURCES app/tst_GraphExporter.cpp app/AppTestSupport.h
                LIBS retort_ui GUI LABELS app TIMEOUT 60)
retort_add_test(NAME tst_ApplyConfirmDialog SOURCES app/tst_ApplyConfirmDialog.cpp
                LIBS retort_ui GUI LABELS app TIMEOUT 60)
retort_add_test(NAME tst_ReviewModel SOURCES app/tst_ReviewModel.cpp LIBS retort_ui GUI LABELS app lint TIMEOUT 60)
retort_add_test(NAME tst_MergeHeadsDialog SOURCES app/tst_MergeHeadsDialog.cpp
                LIBS retort_ui GUI LABELS app TIMEOUT 60)
retort_add_test(NAME tst_SqlPreview SOURCES app/tst_SqlPreview.cpp app/AppTestSupport.h
                LIBS retort_ui GUI LABELS app alembic TIMEOUT 120)
retort_add_test(NAME tst_MainWindow SOURCES app/tst_MainWindow.cpp app/AppTestSupport.h
                LIBS retort_ui GUI LABELS app alembic TIMEOUT 180)
add_dependencies(tst_MainWindow retort-cli) # the window names the Alembic `retort-cli --version -p` names

# --- connection dialog, schema browser, log dock, translations (second GUI engineer) ---
retort_add_test(NAME tst_ConnectionDialog SOURCES app/tst_ConnectionDialog.cpp LIBS retort_ui retort_testsupport GUI LABELS app db TIMEOUT 120)
retort_add_test(NAME tst_SchemaModel SOURCES app/tst_SchemaModel.cpp LIBS retort_ui retort_testsupport GUI LABELS app db TIMEOUT 120)
retort_add_test(NAME tst_SchemaBrowser SOURCES app/tst_SchemaBrowser.cpp LIBS retort_ui retort_testsupport GUI LABELS app db TIMEOUT 120)
retort_add_test(NAME tst_LogDock SOURCES app/tst_LogDock.cpp LIBS retort_ui GUI LABELS app TIMEOUT 60)
retort_add_test(NAME tst_ConnectionIndicator SOURCES app/tst_ConnectionIndicator.cpp LIBS retort_ui GUI LABELS app TIMEOUT 60)
retort_add_test(NAME tst_ConnectionBanner SOURCES app/tst_ConnectionBanner.cpp LIBS retort_ui GUI LABELS app TIMEOUT 60)
retort_add_test(NAME tst_Translations SOURCES app/tst_Translations.cpp LIBS retort_ui GUI LABELS app TIMEOUT 60)

# --- doctor in the window: database findings, Fix / Open File (doctor GUI engineer) ---
retort_add_test(NAME tst_DoctorController SOURCES app/tst_DoctorController.cpp app/AppTestSupport.h
                LIBS retort_ui GUI LABELS app alembic doctor TIMEOUT 180)

# --- the window over the core Workspace: mouse selection, failed opens, busy refusals, keychain, report ---
retort_add_test(NAME tst_WindowWorkspace SOURCES app/tst_WindowWorkspace.cpp app/AppTestSupport.h
                LIBS retort_ui retort_testsupport GUI LABELS app alembic db TIMEOUT 300)

# --- the safety review in the window (issue #16): preview marks, Review dock, graph badges,
#     the confirmation, connection kinds, a profile's lock_timeout (PostgreSQL + Alembic) ---
retort_add_test(NAME tst_WindowReview SOURCES app/tst_WindowReview.cpp app/AppTestSupport.h
                LIBS retort_ui retort_testsupport GUI LABELS app alembic db lint TIMEOUT 400)
# --- the schema time machine's view (issue #17) ---
retort_add_test(NAME tst_SchemaChangesPanel SOURCES app/tst_SchemaChangesPanel.cpp support/MigrationProject.h
                LIBS retort_ui GUI LABELS app timemachine TIMEOUT 400)

# --- the window as a new user meets it (issue #18) ---
retort_add_test(NAME tst_WindowAsMet SOURCES app/tst_WindowAsMet.cpp app/AppTestSupport.h
                LIBS retort_ui retort_testsupport GUI LABELS app alembic db TIMEOUT 300)
add_dependencies(tst_WindowAsMet retort)
# Passwords never leak: retort-cli's outputs, the log files and the settings file (issue #14).
retort_add_test(NAME tst_SecretSweep SOURCES cli/tst_SecretSweep.cpp LIBS retort_ui retort_testsupport LABELS cli app TIMEOUT 300)
add_dependencies(tst_SecretSweep retort-cli)

# --- New Revision, the Python editor, the drift check (workflow) ---
retort_add_test(NAME tst_RevisionWorkflow SOURCES app/tst_RevisionWorkflow.cpp app/AppTestSupport.h
                LIBS retort_ui GUI LABELS app alembic TIMEOUT 300)

# --- Bootstrap History: the missing initial revision, in the window (issue #15) ---
retort_add_test(NAME tst_WindowBootstrap SOURCES app/tst_WindowBootstrap.cpp app/AppTestSupport.h
                LIBS retort_ui GUI LABELS app alembic TIMEOUT 300)
