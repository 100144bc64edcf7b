#pragma once

#include "core/common/Problem.h"

#include <QAbstractTableModel>
#include <QVector>

namespace retort::app {

// One line of the Diagnostics dock: a Problem and where it came from (each source is replaced
// as a whole when it is read again).
struct Diagnostic
{
    enum class Source { Project, Graph, Database, Doctor, Run, DatabaseDoctor, Drift };

    Problem problem;
    Source source = Source::Project;
};

// The diagnostics as a flat table. Each source is replaced as a whole (a reload replaces the
// project and graph problems, a database refresh the database ones).
class DiagnosticsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Column { Severity, Message, Location, Revision, Count };
    enum Role { SeverityRole = Qt::UserRole + 1, SourceRole, RevisionRole, PathRole, LineRole, HintRole, CodeRole, FixCommandRole };

    explicit DiagnosticsModel(QObject* parent = nullptr);

    void setDiagnostics(Diagnostic::Source source, const Problems& problems);
    void clearAll();
    [[nodiscard]] const Diagnostic& at(int row) const { return m_rows.at(row); }
    [[nodiscard]] int count(Severity severity) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void countsChanged(int errors, int warnings);

private:
    QVector<Diagnostic> m_rows; // sorted: errors first, then by source
};

} // namespace retort::app
