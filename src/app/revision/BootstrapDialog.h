#pragma once

#include "core/exec/PythonLocator.h"
#include "core/timemachine/Bootstrap.h"
#include "core/workspace/DatabaseState.h"
#include "core/workspace/ProjectLoader.h"

#include <QDialog>

#include <atomic>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace retort::app {

class PythonEditor;
class SchemaChangeView;

// Revision > Bootstrap History…: the guided flow of core Bootstrap for a database built with
// create_all() and a history without its initial revision. Page one says what was found and asks
// for the message, the revision id and (PostgreSQL) where the scratch database may go; "Prepare"
// computes the proposal on a worker (scratch databases and a copy of the history: nothing of the
// project or the database is touched) with the step in progress shown and Cancel stopping it.
// Page two shows every step before it runs: the initial revision's file and what it creates, the
// edit of the first revision's down_revision (applied only when its box is ticked), the
// verification against the models, and the stamp (the proposed target, another revision, or
// none). "Apply" writes, relinks and stamps on a worker; the dialog accepts with outcome().
class BootstrapDialog : public QDialog
{
    Q_OBJECT
public:
    BootstrapDialog(SnapshotPtr snapshot, InterpreterChoice python, ConnectionTarget target, QWidget* parent = nullptr);
    ~BootstrapDialog() override;

    [[nodiscard]] const std::optional<BootstrapOutcome>& outcome() const { return m_outcome; }
    [[nodiscard]] const std::optional<BootstrapProposal>& proposal() const { return m_proposal; }
    [[nodiscard]] bool isWorking() const;

    [[nodiscard]] QLabel* summaryLabel() const { return m_summary; }
    [[nodiscard]] QLineEdit* messageEdit() const { return m_message; }
    [[nodiscard]] QLineEdit* revisionIdEdit() const { return m_revisionId; }
    [[nodiscard]] QCheckBox* serverScratchBox() const { return m_serverScratch; }
    [[nodiscard]] QPushButton* prepareButton() const { return m_prepare; }
    [[nodiscard]] QLabel* progressLabel() const { return m_progressText; }
    [[nodiscard]] PythonEditor* fileView() const { return m_file; }
    [[nodiscard]] SchemaChangeView* changeView() const { return m_changes; }
    [[nodiscard]] QCheckBox* relinkBox() const { return m_relink; }
    [[nodiscard]] QLabel* verifyLabel() const { return m_verify; }
    [[nodiscard]] QComboBox* stampCombo() const { return m_stamp; }
    [[nodiscard]] QLabel* stampLabel() const { return m_stampReason; }
    [[nodiscard]] QPushButton* applyButton() const { return m_apply; }
    [[nodiscard]] QPushButton* backButton() const { return m_back; }
    [[nodiscard]] QLabel* problemLabel() const { return m_problem; }

public Q_SLOTS:
    // Cancel: stops the computation (the bridge and the scratch database go away).
    void reject() override;

Q_SIGNALS:
    void proposalShown();
    void failed(const retort::Error& error);

private:
    [[nodiscard]] ScratchRequest scratchRequest() const; // where the scratch databases go
    void prepare();
    void apply();
    void onPrepared(const Result<BootstrapProposal>& proposal);
    void onApplied(const Result<BootstrapOutcome>& outcome);
    void showProposal(const BootstrapProposal& p);
    void updateApply();
    void setWorking(const QString& what);
    void showProblem(const Error& error);

    SnapshotPtr m_snapshot;
    InterpreterChoice m_python;
    ConnectionTarget m_target;
    BootstrapSituation m_situation;
    std::optional<BootstrapProposal> m_proposal;
    std::optional<BootstrapOutcome> m_outcome;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_working = false;

    QStackedWidget* m_pages = nullptr;
    QLabel* m_summary = nullptr;
    QLineEdit* m_message = nullptr;
    QLineEdit* m_revisionId = nullptr;
    QCheckBox* m_serverScratch = nullptr;
    QLabel* m_scratchNote = nullptr;
    QPushButton* m_prepare = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressText = nullptr;
    QLabel* m_fileLabel = nullptr;
    PythonEditor* m_file = nullptr;
    SchemaChangeView* m_changes = nullptr;
    QCheckBox* m_relink = nullptr;
    QLabel* m_relinkDiff = nullptr;
    QLabel* m_verify = nullptr;
    QComboBox* m_stamp = nullptr;
    QLabel* m_stampReason = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_back = nullptr;
    QLabel* m_problem = nullptr;
};

} // namespace retort::app
