#pragma once

#include "core/workspace/RunPlanner.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QPushButton;

namespace retort::app {

// Confirms a reset: downgrade to base (every step listed), then upgrade to heads. Everything the
// migrations created goes, with its rows, so the database is named; on a host that is not this
// machine the host name, on a production-kind connection the database name, has to be typed
// before Reset is enabled.
class ResetConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    ResetConfirmDialog(const RunRequest& downgrade, const RunRequest& upgrade, QWidget* parent = nullptr);

    [[nodiscard]] bool needsTypedText() const { return m_typed != nullptr; }
    [[nodiscard]] QLineEdit* typedEdit() const { return m_typed; }
    [[nodiscard]] QPushButton* resetButton() const;

    // What must be typed: the host of a database that is not on this machine, else the database
    // name on a production-kind connection ("" = nothing).
    static QString textToType(const RunRequest& request);

private:
    QLineEdit* m_typed = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace retort::app
