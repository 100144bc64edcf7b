#pragma once

#include "app/schema/TimeMachineController.h"

#include <QDialog>

class QDialogButtonBox;
class QRadioButton;

namespace retort::app {

// Asked before the schema history is computed: what Retort creates (a temporary SQLite file, a
// throwaway local PostgreSQL cluster, or a database on the connected server), that it runs the
// project's own Alembic there and drops it afterwards, and that the user's database is not
// touched. For PostgreSQL the user picks where; the server is never preselected (creating a
// database there needs an explicit choice) and is not offered for a production connection.
class ScratchConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ScratchConfirmDialog(const ScratchConfirmation& confirmation, QWidget* parent = nullptr);

    [[nodiscard]] ScratchKind choice() const;

private:
    void updateButtons();

    QRadioButton* m_cluster = nullptr;
    QRadioButton* m_server = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    Dialect m_dialect = Dialect::SQLite;
};

} // namespace retort::app
