#pragma once

#include "core/exec/AlembicBridge.h"

#include <QDialog>

class QPushButton;

namespace retort::app {

class SchemaChangeView;

// The drift check's answer (Check Models Against Database): whether env.py's models and the
// database differ, per table, and what autogenerate cannot see. With drift, "Write a Migration…"
// asks for a New Revision with autogenerate chosen.
class DriftReportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DriftReportDialog(const AutogenerateReview& review, QWidget* parent = nullptr);

    [[nodiscard]] SchemaChangeView* changeView() const { return m_changes; }
    [[nodiscard]] QPushButton* migrationButton() const { return m_migration; }

    // "The models match sqlite:///app.db." / "The models and ... differ in N changes:".
    static QString summary(const AutogenerateReview& review);

Q_SIGNALS:
    void newRevisionRequested();

private:
    SchemaChangeView* m_changes = nullptr;
    QPushButton* m_migration = nullptr;
};

} // namespace retort::app
