#pragma once

#include "core/exec/AlembicBridge.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace retort::app {

// What autogenerate's comparison found, readably: a summary sentence, one branch per table
// (new, dropped, changed) with a line per column, index and constraint ("+", "-", "~" first, as
// SchemaChangeReport writes them), and what autogenerate does not compare with the project's
// settings. Used by the New Revision review and the drift report.
class SchemaChangeView : public QWidget
{
    Q_OBJECT
public:
    explicit SchemaChangeView(QWidget* parent = nullptr);

    // `summary` opens the view; the tree lists review.allChanges(); the blind spots close it.
    void showReview(const QString& summary, const AutogenerateReview& review);
    void clear();
    // The blind-spot note under the tree (on by default; off where it does not apply).
    void setBlindSpotsShown(bool shown);

    [[nodiscard]] QString summary() const;
    [[nodiscard]] QTreeWidget* tree() const { return m_tree; }
    // The tree as text (headings, then their lines indented), for tests and Copy.
    [[nodiscard]] QString treeText() const;
    [[nodiscard]] QString blindSpotsText() const;

private:
    QLabel* m_summary = nullptr;
    QTreeWidget* m_tree = nullptr;
    QLabel* m_blindSpots = nullptr;
};

} // namespace retort::app
