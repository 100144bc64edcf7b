#include "app/review/ReviewModel.h"

#include "app/review/ReviewFormat.h"

#include <QApplication>
#include <QIcon>
#include <QPalette>
#include <QStyle>

namespace retort::app {

ReviewModel::ReviewModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ReviewModel::setReport(const lint::LintReport& report)
{
    beginResetModel();
    m_report = report;
    m_hasReport = true;
    endResetModel();
}

void ReviewModel::clear()
{
    beginResetModel();
    m_report = lint::LintReport{};
    m_hasReport = false;
    endResetModel();
}

int ReviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_report.findings.size());
}

int ReviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant ReviewModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const lint::Finding& f = m_report.findings.at(index.row());
    const auto column = Column(index.column());
    // Plan order: step, then line; findings about the revision file (line 0) first in their step.
    const qint64 planOrder = qint64(qMax(0, f.stepIndex + 1)) * 1000000 + qMax(f.line, 0);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Column::Severity: return ReviewFormat::severityText(f.severity);
        case Column::Revision:
            return f.stepIndex >= 0 ? tr("%1. %2").arg(f.stepIndex + 1).arg(f.revision.left(12)) : f.revision.left(12);
        case Column::Rule: return f.rule;
        case Column::Table: return f.table.isEmpty() ? QString() : f.table.display();
        case Column::Lock: return ReviewFormat::lockColumn(f);
        case Column::Weight: return f.weight;
        case Column::Message: return f.message;
        case Column::Count: return {};
        }
        return {};
    case Qt::ToolTipRole:
        return ReviewFormat::details(f, QApplication::palette());
    case Qt::DecorationRole:
        if (column != Column::Severity)
            return {};
        switch (f.severity) {
        case Severity::Error: return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
        case Severity::Warning: return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        case Severity::Info: return QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
        }
        return {};
    case Qt::ForegroundRole:
        if (column == Column::Severity)
            return ReviewFormat::severityColor(f.severity, QApplication::palette());
        return {};
    case SeverityRole: return int(f.severity);
    case RevisionRole: return f.revision;
    case StepRole: return f.stepIndex;
    case LineRole: return f.line;
    case RuleRole: return f.rule;
    case FindingIndexRole: return index.row();
    case SortRole:
        switch (column) {
        case Column::Severity: return qint64(severityRank(f.severity)) * 1000000000LL + planOrder;
        case Column::Revision: return planOrder;
        case Column::Count: return {};
        default: return data(index, Qt::DisplayRole).toString().toLower();
        }
    default: return {};
    }
}

QVariant ReviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Severity: return tr("Severity");
    case Column::Revision: return tr("Step");
    case Column::Rule: return tr("Rule");
    case Column::Table: return tr("Table");
    case Column::Lock: return tr("Lock");
    case Column::Weight: return tr("Weight");
    case Column::Message: return tr("Message");
    case Column::Count: return {};
    }
    return {};
}

} // namespace retort::app
