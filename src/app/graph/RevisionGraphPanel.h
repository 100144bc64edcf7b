#pragma once

#include "core/graph/Planner.h"

#include <QTimer>
#include <QTreeView>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;

namespace retort::app {

class GraphDelegate;
class RevisionFilterModel;
class RevisionGraphModel;

// The revision graph view: QTreeView (uniform rows, lanes painted by GraphDelegate) over
// RevisionGraphModel through RevisionFilterModel, plus the search box.
//
// Search: text that Alembic would accept as a target (a partial id, "+2", "label@head", "heads",
// ...) highlights exactly the revisions `upgrade TARGET` (or, when that is not an upgrade,
// `downgrade TARGET`) would run from the database's current heads, and keeps every row visible
// so the path reads in context. Any other text filters the rows by id prefix, message or label.
class RevisionGraphPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RevisionGraphPanel(RevisionGraphModel* model, QWidget* parent = nullptr);

    [[nodiscard]] QTreeView* view() const { return m_view; }
    [[nodiscard]] QLineEdit* searchField() const { return m_search; }
    [[nodiscard]] RevisionFilterModel* filterModel() const { return m_filter; }
    [[nodiscard]] GraphDelegate* delegate() const { return m_delegate; }
    [[nodiscard]] RevisionGraphModel* model() const { return m_model; }

    // Graph index of the selected revision (-1 when none).
    [[nodiscard]] int selectedRevision() const;
    void selectRevision(int revision);
    // The plan behind the current highlight, if the search text is a target identifier.
    [[nodiscard]] const std::optional<Plan>& searchPlan() const { return m_searchPlan; }
    // Applies the search text now (the field applies it after a short pause while typing).
    void applySearch();
    void focusSearch();
    // Column widths for the current model (graph column fits the lanes).
    void fitColumns();

Q_SIGNALS:
    void selectedRevisionChanged(int revision);
    void revisionActivated(int revision);
    void contextMenuRequested(const QPoint& globalPos, int revision);
    void searchPlanChanged();

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updatePalette();
    void announceSelection();

    RevisionGraphModel* m_model = nullptr;
    RevisionFilterModel* m_filter = nullptr;
    GraphDelegate* m_delegate = nullptr;
    QTreeView* m_view = nullptr;
    QLineEdit* m_search = nullptr;
    QLabel* m_searchInfo = nullptr;
    QTimer m_searchTimer;
    std::optional<Plan> m_searchPlan;
    int m_announced = -1; // the revision selectedRevisionChanged last announced
    int m_keptSelection = -1; // the revision selected before a search filtered it out
    bool m_applyingSearch = false;
};

} // namespace retort::app
