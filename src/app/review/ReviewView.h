#pragma once

#include "core/lint/LintReport.h"

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTreeView;

namespace retort::app {

class ReviewModel;

// The findings of a safety review, sortable (errors first by default), with the selected
// finding's message, statement and fix below them, and the sessions holding locks on the plan's
// tables and the data it destroys. Shared by the confirmation before a run and the Review dock.
class ReviewView : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewView(QWidget* parent = nullptr);

    void setReport(const lint::LintReport& report);
    void clear();

    [[nodiscard]] ReviewModel* model() const { return m_model; }
    [[nodiscard]] QSortFilterProxyModel* proxy() const { return m_proxy; }
    [[nodiscard]] QTreeView* view() const { return m_view; }
    [[nodiscard]] QString detailsText() const;
    [[nodiscard]] QString extrasText() const;
    // Shows fewer columns (the confirmation dialog: severity, step, table, lock, rule).
    void setCompact(bool compact);

Q_SIGNALS:
    // A finding was activated (double-click, Enter): its index in the report's findings.
    void findingActivated(int findingIndex);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showCurrent();
    void refreshExtras();

    ReviewModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTreeView* m_view = nullptr;
    QLabel* m_details = nullptr;
    QLabel* m_extras = nullptr;
};

} // namespace retort::app
