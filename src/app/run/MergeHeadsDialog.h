#pragma once

#include <QDialog>
#include <QString>
#include <QStringList>
#include <QVector>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace retort::app {

// What `alembic merge` is asked to do: join `revisions` (full ids, two or more) into a new
// revision with `message`.
struct MergeHeadsRequest
{
    QStringList revisions;
    QString message;

    // The command a user would type for the same merge: alembic merge -m "message" a b
    [[nodiscard]] QString commandLine() const;
};

// A head the dialog offers.
struct MergeCandidate
{
    QString id;
    QString message;
    QStringList branchLabels; // declared on its branch (shown so separately labelled branches stand out)
};

// Asks before Retort has the project's Alembic write a merge revision: which heads to join
// (all ticked to begin with; at least two), the message, where the file goes and the equivalent
// command. Nothing touches the database; the dialog says so.
class MergeHeadsDialog : public QDialog
{
    Q_OBJECT
public:
    MergeHeadsDialog(const QVector<MergeCandidate>& heads, const QString& versionsDir, QWidget* parent = nullptr);

    [[nodiscard]] MergeHeadsRequest request() const;
    [[nodiscard]] QListWidget* headList() const { return m_heads; }
    [[nodiscard]] QLineEdit* messageEdit() const { return m_message; }
    [[nodiscard]] QPushButton* createButton() const { return m_create; }
    [[nodiscard]] QLabel* commandLabel() const { return m_command; }

private:
    void update();

    QVector<MergeCandidate> m_candidates;
    QListWidget* m_heads = nullptr;
    QLineEdit* m_message = nullptr;
    QLabel* m_command = nullptr;
    QLabel* m_labelWarning = nullptr;
    QPushButton* m_create = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace retort::app
