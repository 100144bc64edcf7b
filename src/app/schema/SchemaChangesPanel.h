#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace retort {
class RevisionGraph;
}

namespace retort::app {

class SchemaChangesModel;
class TimeMachineController;

// "Schema Changes": what the selected revision changed in the schema, against its parent (a merge:
// against the parent chosen in the list, each named), as the project's Alembic built it on a
// scratch database - tables, columns, keys, indexes, constraints and enum types added (green, +),
// removed (red, −) or changed (amber, ~). Until the schemas are computed it says so and offers to
// compute them (TimeMachineController: confirmation, then a worker with progress and Cancel).
// Keyboard: the tree takes the focus (arrows expand and walk it), the parent list and the buttons
// are in the tab order.
class SchemaChangesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SchemaChangesPanel(TimeMachineController* controller, QWidget* parent = nullptr);

    // Shows what revision `index` of the controller's graph changed (-1 clears).
    void showRevision(int index);

    [[nodiscard]] SchemaChangesModel* model() const { return m_model; }
    [[nodiscard]] QTreeView* view() const { return m_view; }
    [[nodiscard]] QComboBox* parentChooser() const { return m_parents; }
    [[nodiscard]] QPushButton* computeButton() const { return m_compute; }
    [[nodiscard]] QString headline() const; // the line above the tree (tests)
    [[nodiscard]] QString message() const;  // the placeholder's text when no changes are shown
    [[nodiscard]] bool isShowingChanges() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    void showMessage(const QString& text, bool offerCompute);
    void onProgress(int done, int total, const QString& revision, const QString& activity);
    void onComputingChanged(bool computing);

    TimeMachineController* m_controller = nullptr;
    int m_revision = -1;
    QString m_revisionId;
    QLabel* m_headline = nullptr;
    QComboBox* m_parents = nullptr;
    QWidget* m_parentRow = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTreeView* m_view = nullptr;
    SchemaChangesModel* m_model = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_compute = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
    QLabel* m_progressLabel = nullptr;
    QWidget* m_progressRow = nullptr;
};

} // namespace retort::app
