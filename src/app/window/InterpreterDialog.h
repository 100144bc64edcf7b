#pragma once

#include "core/exec/PythonLocator.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace retort::app {

// "Python Interpreter": which Python runs the project's Alembic - found automatically (the
// project's .venv/venv, uv, poetry, also above alembic.ini up to the repository's root, else a
// system python3 with Alembic), a python the user picks, or a compose service (`docker compose
// exec`, or `docker-compose`). What automatic detection finds is shown, with how it chose.
class InterpreterDialog : public QDialog
{
    Q_OBJECT
public:
    InterpreterDialog(const QString& projectDir, const InterpreterChoice& current, QWidget* parent = nullptr);

    [[nodiscard]] InterpreterChoice choice() const;
    // The status line (what was detected, or why the choice cannot be used).
    [[nodiscard]] QString detectedText() const;
    [[nodiscard]] QString problemText() const;

    void accept() override;

private:
    void detect();
    void updateEnabled();

    QString m_projectDir;
    QRadioButton* m_auto = nullptr;
    QRadioButton* m_path = nullptr;
    QRadioButton* m_compose = nullptr;
    QLineEdit* m_pathEdit = nullptr;
    QLineEdit* m_serviceEdit = nullptr;
    QLineEdit* m_composeFileEdit = nullptr;
    QLabel* m_detected = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace retort::app
