#pragma once

#include <QModelIndex>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace retort::app {

class DiagnosticsModel;

// The Diagnostics pane: project, graph and database problems and doctor findings in a table.
// Activating a row that names a revision selects it in the graph; one that names a file opens it.
// Below the table, "Fix" runs the safe, mechanical fix of the selected finding through the window's
// own flows (which ask for confirmation) and "Open File" opens the finding's file.
class DiagnosticsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DiagnosticsPanel(DiagnosticsModel* model, QWidget* parent = nullptr);

    [[nodiscard]] QTreeView* view() const { return m_view; }
    [[nodiscard]] QPushButton* fixButton() const { return m_fix; }
    [[nodiscard]] QPushButton* openButton() const { return m_open; }

    // The fix the window offers for a finding: Upgrade for db-behind, Stamp for
    // db-unversioned-tables with a suggested revision, StampPurge (replace the version table's
    // rows) for db-unknown-revision with a candidate, MergeHeads for graph-multiple-heads,
    // None otherwise.
    enum class Fix { None, UpgradeToHeads, Stamp, StampPurge, MergeHeads, AutogenerateRevision };
    [[nodiscard]] static Fix fixFor(const QModelIndex& index);
    // The revision a Stamp/StampPurge fix records ("" for other fixes).
    [[nodiscard]] static QString stampTarget(const QModelIndex& index);

Q_SIGNALS:
    void revisionActivated(const QString& revisionId);
    void fileActivated(const QString& path, int line);
    void upgradeToHeadsRequested();
    void stampRequested(const QString& revisionId, bool purge);
    void mergeHeadsRequested();
    void autogenerateRevisionRequested(); // models-drift: New Revision with autogenerate

private:
    DiagnosticsModel* m_model = nullptr;
    QTreeView* m_view = nullptr;
    QLabel* m_empty = nullptr;
    QPushButton* m_fix = nullptr;
    QPushButton* m_open = nullptr;

    [[nodiscard]] QModelIndex currentRow() const;
    void updateButtons();
    void applyFix();
};

} // namespace retort::app
