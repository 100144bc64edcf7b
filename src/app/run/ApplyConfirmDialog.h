#pragma once

#include "core/graph/Planner.h"
#include "core/workspace/RunPlanner.h"

#include <QDialog>

class QCheckBox;
class QPushButton;
class QDialogButtonBox;
class QLabel;
class QListView;
class QStringListModel;

namespace retort::app {

// Lists the exact steps of a run. A downgrade, a stamp, and anything against a non-local host
// also need an explicit tick that names the host (or the SQLite file) before Run is enabled.
class ApplyConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ApplyConfirmDialog(const RunRequest& request, QWidget* parent = nullptr);

    [[nodiscard]] bool needsExplicitConfirmation() const { return m_confirm != nullptr; }
    [[nodiscard]] QStringList stepTexts() const;
    [[nodiscard]] QCheckBox* confirmationCheckBox() const { return m_confirm; }
    [[nodiscard]] QPushButton* runButton() const;

    static bool needsExplicitConfirmation(const RunRequest& request);
    static QString stepText(const PlanStep& step);

private:
    QCheckBox* m_confirm = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QStringListModel* m_steps = nullptr;
};

} // namespace retort::app
