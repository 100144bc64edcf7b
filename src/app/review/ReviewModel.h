#pragma once

#include "core/lint/LintReport.h"

#include <QAbstractTableModel>

namespace retort::app {

// The findings of one safety review (core/lint LintReport) as a flat table, in plan order. Every
// column has a SortRole (severity: errors first, then plan order) for a QSortFilterProxyModel.
class ReviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Column { Severity, Revision, Rule, Table, Lock, Weight, Message, Count };
    enum Role {
        SeverityRole = Qt::UserRole + 1, // int Severity
        RevisionRole,                    // QString full id
        StepRole,                        // int step index in the plan
        LineRole,                        // int line of the statement in the step's SQL (0: the revision file)
        RuleRole,                        // QString rule id
        FindingIndexRole,                // int index into report().findings
        SortRole,                        // the column's sort key
    };

    explicit ReviewModel(QObject* parent = nullptr);

    void setReport(const lint::LintReport& report);
    void clear();
    [[nodiscard]] const lint::LintReport& report() const { return m_report; }
    [[nodiscard]] bool hasReport() const { return m_hasReport; }
    [[nodiscard]] const lint::Finding& finding(int row) const { return m_report.findings.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    lint::LintReport m_report;
    bool m_hasReport = false;
};

} // namespace retort::app
