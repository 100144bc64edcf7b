<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>ReviewFormat</name>
        <message numerus="yes">
            <location filename="../src/app/review/ReviewFormat.cpp" line="21" />
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n error</numerusform>
                <numerusform>%n errors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/review/ReviewFormat.cpp" line="27" />
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n warning</numerusform>
                <numerusform>%n warnings</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/review/ReviewFormat.cpp" line="33" />
            <source>%n info</source>
            <translation>
                <numerusform>%n info</numerusform>
                <numerusform>%n info</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StampCheck</name>
        <message numerus="yes">
            <location filename="../src/core/doctor/StampCheck.cpp" line="21" />
            <source> and %n more</source>
            <translation>
                <numerusform> and %n more</numerusform>
                <numerusform> and %n more</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::ApplyConfirmDialog</name>
        <message numerus="yes">
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="141" />
            <source>Alembic will run these %n step(s), in this order:</source>
            <translation>
                <numerusform>Alembic will run this step:</numerusform>
                <numerusform>Alembic will run these %n steps, in this order:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="329" />
            <source>Reviewing the SQL of %n step(s): locks, rewrites, data loss, and who holds the tables now…</source>
            <translation>
                <numerusform>Reviewing the SQL of %n step: locks, rewrites, data loss, and who holds the tables now…</numerusform>
                <numerusform>Reviewing the SQL of %n steps: locks, rewrites, data loss, and who holds the tables now…</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::BootstrapDialog</name>
        <message numerus="yes">
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="353" />
            <source>Write %1 (revision %2), created by the project's script.py.mako. It creates %n table(s):</source>
            <translation>
                <numerusform>Write %1 (revision %2), created by the project's script.py.mako. It creates %n table:</numerusform>
                <numerusform>Write %1 (revision %2), created by the project's script.py.mako. It creates %n tables:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="390" />
            <source>An empty database upgraded to the new heads (%1) differs from the models in %n place(s): a revision after the initial one does not match them.
%2</source>
            <translation>
                <numerusform>An empty database upgraded to the new heads (%1) differs from the models in %n place: a revision after the initial one does not match them.
%2</numerusform>
                <numerusform>An empty database upgraded to the new heads (%1) differs from the models in %n places: a revision after the initial one does not match them.
%2</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::DriftReportDialog</name>
        <message numerus="yes">
            <location filename="../src/app/revision/DriftReportDialog.cpp" line="40" />
            <source>The models and %1 differ in %n change(s). A migration is missing, or the database was changed by hand:</source>
            <translation>
                <numerusform>The models and %1 differ in one change. A migration is missing, or the database was changed by hand:</numerusform>
                <numerusform>The models and %1 differ in %n changes. A migration is missing, or the database was changed by hand:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::GraphDelegate</name>
        <message numerus="yes">
            <location filename="../src/app/graph/GraphDelegate.cpp" line="296" />
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n error</numerusform>
                <numerusform>%n errors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/GraphDelegate.cpp" line="297" />
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n warning</numerusform>
                <numerusform>%n warnings</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/GraphDelegate.cpp" line="298" />
            <source>%n info</source>
            <translation>
                <numerusform>%n info</numerusform>
                <numerusform>%n info</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::MainWindow</name>
        <message numerus="yes">
            <location filename="../src/app/window/MainWindow.cpp" line="1444" />
            <source>%n revision(s)</source>
            <translation>
                <numerusform>%n revision</numerusform>
                <numerusform>%n revisions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/window/MainWindow.cpp" line="1445" />
            <source>%n head(s)</source>
            <translation>
                <numerusform>%n head</numerusform>
                <numerusform>%n heads</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/window/MainWindow.cpp" line="1465" />
            <source>%1 — %n pending</source>
            <translation>
                <numerusform>%1 — %n pending</numerusform>
                <numerusform>%1 — %n pending</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/window/MainWindow.cpp" line="1527" />
            <source>%n pending</source>
            <translation>
                <numerusform>%n pending</numerusform>
                <numerusform>%n pending</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::NewRevisionDialog</name>
        <message numerus="yes">
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="295" />
            <source>Autogenerate compared the models with %1 and proposes %n change(s). Read them before writing the revision:</source>
            <translation>
                <numerusform>Autogenerate compared the models with %1 and proposes 1 change. Read it before writing the revision:</numerusform>
                <numerusform>Autogenerate compared the models with %1 and proposes %n changes. Read them before writing the revision:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::PythonEditorWindow</name>
        <message numerus="yes">
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="105" />
            <source>Replaced %n occurrence(s).</source>
            <translation>
                <numerusform>Replaced 1 occurrence.</numerusform>
                <numerusform>Replaced %n occurrences.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::ResetConfirmDialog</name>
        <message numerus="yes">
            <location filename="../src/app/run/ResetConfirmDialog.cpp" line="26" />
            <source>Reset %1: downgrade to base (%n step(s)), then upgrade to heads.</source>
            <translation>
                <numerusform>Reset %1: downgrade to base (%n step), then upgrade to heads.</numerusform>
                <numerusform>Reset %1: downgrade to base (%n steps), then upgrade to heads.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/run/ResetConfirmDialog.cpp" line="30" />
            <source>The upgrade runs %n step(s).</source>
            <translation>
                <numerusform>The upgrade runs %n step.</numerusform>
                <numerusform>The upgrade runs %n steps.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::RevisionGraphModel</name>
        <message numerus="yes">
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="206" />
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n error</numerusform>
                <numerusform>%n errors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="208" />
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n warning</numerusform>
                <numerusform>%n warnings</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="210" />
            <source>%n info</source>
            <translation>
                <numerusform>%n info</numerusform>
                <numerusform>%n info</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::RevisionGraphPanel</name>
        <message numerus="yes">
            <location filename="../src/app/graph/RevisionGraphPanel.cpp" line="246" />
            <source>%1 %2 runs %n step(s)</source>
            <translation>
                <numerusform>%1 %2 runs %n step</numerusform>
                <numerusform>%1 %2 runs %n steps</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/RevisionGraphPanel.cpp" line="265" />
            <source>%n revision(s)</source>
            <translation>
                <numerusform>%n revision</numerusform>
                <numerusform>%n revisions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/RevisionGraphPanel.cpp" line="267" />
            <source>%1 of %n revision(s) match</source>
            <translation>
                <numerusform>%1 of %n revision match</numerusform>
                <numerusform>%1 of %n revisions match</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::RevisionWorkflow</name>
        <message numerus="yes">
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="208" />
            <source>The models and the database differ in %n change(s).</source>
            <translation>
                <numerusform>The models and the database differ in 1 change.</numerusform>
                <numerusform>The models and the database differ in %n changes.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="209" />
            <source>The models and the database differ in %n change(s), in %1.</source>
            <translation>
                <numerusform>The models and the database differ in 1 change, in %1.</numerusform>
                <numerusform>The models and the database differ in %n changes, in %1.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::RunProgressPanel</name>
        <message numerus="yes">
            <location filename="../src/app/run/RunProgressPanel.cpp" line="180" />
            <location filename="../src/app/run/RunProgressPanel.cpp" line="245" />
            <source>%v of %n step(s)</source>
            <translation>
                <numerusform>%v of %n step</numerusform>
                <numerusform>%v of %n steps</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/run/RunProgressPanel.cpp" line="377" />
            <source>%n step(s) that ran were rolled back.</source>
            <translation>
                <numerusform>%n step that ran was rolled back.</numerusform>
                <numerusform>%n steps that ran were rolled back.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/run/RunProgressPanel.cpp" line="379" />
            <source>%n step(s) stay applied.</source>
            <translation>
                <numerusform>%n step stays applied.</numerusform>
                <numerusform>%n steps stay applied.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::SchemaBrowser</name>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="253" />
            <source>%n schema(s)</source>
            <translation>
                <numerusform>%n schema</numerusform>
                <numerusform>%n schemas</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="257" />
            <source>%n table(s)</source>
            <translation>
                <numerusform>%n table</numerusform>
                <numerusform>%n tables</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="259" />
            <source>%n view(s)</source>
            <translation>
                <numerusform>%n view</numerusform>
                <numerusform>%n views</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="339" />
            <source>Counting the rows of %n table(s)…</source>
            <translation>
                <numerusform>Counting the rows of %n table…</numerusform>
                <numerusform>Counting the rows of %n tables…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="386" />
            <source>Counting stopped: %1 of %n table(s) counted.</source>
            <translation>
                <numerusform>Counting stopped: %1 of %n table counted.</numerusform>
                <numerusform>Counting stopped: %1 of %n tables counted.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="388" />
            <source>%n table(s) counted exactly</source>
            <translation>
                <numerusform>%n table counted exactly</numerusform>
                <numerusform>%n tables counted exactly</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::SchemaChangesModel</name>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="90" />
            <source>%n column(s)</source>
            <translation>
                <numerusform>%n column</numerusform>
                <numerusform>%n columns</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::SchemaModel</name>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaModel.cpp" line="342" />
            <source>%n table(s)</source>
            <translation>
                <numerusform>%n table</numerusform>
                <numerusform>%n tables</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaModel.cpp" line="344" />
            <source>%n view(s)</source>
            <translation>
                <numerusform>%n view</numerusform>
                <numerusform>%n views</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaModel.cpp" line="353" />
            <source>%n column(s)</source>
            <translation>
                <numerusform>%n column</numerusform>
                <numerusform>%n columns</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::ScratchConfirmDialog</name>
        <message numerus="yes">
            <location filename="../src/app/schema/ScratchConfirmDialog.cpp" line="23" />
            <source>Retort runs the migrations of %1 with the project's own Alembic, one revision at a time, in a scratch database, and reads its schema after each one (%n revision(s) to compute). Your own database is not touched.</source>
            <translation>
                <numerusform>Retort runs the migrations of %1 with the project's own Alembic, one revision at a time, in a scratch database, and reads its schema after each one (%n revision to compute). Your own database is not touched.</numerusform>
                <numerusform>Retort runs the migrations of %1 with the project's own Alembic, one revision at a time, in a scratch database, and reads its schema after each one (%n revisions to compute). Your own database is not touched.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::SqlPreview</name>
        <message numerus="yes">
            <location filename="../src/app/editor/SqlPreview.cpp" line="246" />
            <source>%n step(s)</source>
            <translation>
                <numerusform>%n step</numerusform>
                <numerusform>%n steps</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/editor/SqlPreview.cpp" line="248" />
            <source>%n without SQL: Alembic cannot render it offline</source>
            <translation>
                <numerusform>%n without SQL: Alembic cannot render it offline</numerusform>
                <numerusform>%n without SQL: Alembic cannot render them offline</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/editor/SqlPreview.cpp" line="680" />
            <source>Copied %n line(s) of SQL to the clipboard.</source>
            <translation>
                <numerusform>Copied %n line of SQL to the clipboard.</numerusform>
                <numerusform>Copied %n lines of SQL to the clipboard.</numerusform>
            </translation>
        </message>
    </context>
</TS>
