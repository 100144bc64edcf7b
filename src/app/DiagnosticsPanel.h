#pragma once

#include <QWidget>

class QLabel;
class QTreeView;

namespace retort::app {

class DiagnosticsModel;

// The Diagnostics pane: project, graph and database problems and doctor findings in a table.
// Activating a row that names a revision selects it in the graph.
class DiagnosticsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DiagnosticsPanel(DiagnosticsModel* model, QWidget* parent = nullptr);

    [[nodiscard]] QTreeView* view() const { return m_view; }

Q_SIGNALS:
    void revisionActivated(const QString& revisionId);
    void fileActivated(const QString& path, int line);

private:
    DiagnosticsModel* m_model = nullptr;
    QTreeView* m_view = nullptr;
    QLabel* m_empty = nullptr;
};

} // namespace retort::app
