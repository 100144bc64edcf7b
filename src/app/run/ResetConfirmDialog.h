#pragma once

#include "core/workspace/RunPlanner.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QPushButton;

namespace retort::app {

// Confirms a reset: downgrade to base (every step listed), then upgrade to heads. Everything the
// migrations created goes, with its rows, so the database is named; on a host that is not this
// machine the host name has to be typed before Reset is enabled.
class ResetConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    ResetConfirmDialog(const RunRequest& downgrade, const RunRequest& upgrade, QWidget* parent = nullptr);

    [[nodiscard]] bool needsTypedHost() const { return m_typed != nullptr; }
    [[nodiscard]] QLineEdit* typedHostEdit() const { return m_typed; }
    [[nodiscard]] QPushButton* resetButton() const;

    // What must be typed: the host, for a database that is not on this machine ("" = nothing).
    static QString hostToType(const RunRequest& request);

private:
    QLineEdit* m_typed = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace retort::app
