#include "app/doctor/DiagnosticsModel.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QStyle>

#include <algorithm>

namespace retort::app {

DiagnosticsModel::DiagnosticsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void DiagnosticsModel::setDiagnostics(Diagnostic::Source source, const Problems& problems)
{
    beginResetModel();
    m_rows.erase(std::remove_if(m_rows.begin(), m_rows.end(), [source](const Diagnostic& d) { return d.source == source; }),
                 m_rows.end());
    for (const Problem& p : problems)
        m_rows.append(Diagnostic{p, source});
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.problem.severity != b.problem.severity)
            return severityRank(a.problem.severity) < severityRank(b.problem.severity);
        return int(a.source) < int(b.source);
    });
    endResetModel();
    Q_EMIT countsChanged(count(Severity::Error), count(Severity::Warning));
}

void DiagnosticsModel::clearAll()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    Q_EMIT countsChanged(0, 0);
}

int DiagnosticsModel::count(Severity severity) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [severity](const Diagnostic& d) { return d.problem.severity == severity; }));
}

int DiagnosticsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DiagnosticsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant DiagnosticsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Diagnostic& row = m_rows.at(index.row());
    const Problem& d = row.problem;
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Column::Severity:
            switch (d.severity) {
            case Severity::Error: return tr("Error");
            case Severity::Warning: return tr("Warning");
            case Severity::Info: return tr("Info");
            }
            return {};
        case Column::Message: return d.message;
        case Column::Location:
            if (d.path.isEmpty())
                return QString();
            return d.line > 0 ? QStringLiteral("%1:%2").arg(QFileInfo(d.path).fileName()).arg(d.line)
                              : QFileInfo(d.path).fileName();
        case Column::Revision: return d.revision;
        case Column::Count: return {};
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = d.message.toHtmlEscaped();
        if (!d.hint.isEmpty())
            tip += QStringLiteral("<br/><i>") + d.hint.toHtmlEscaped() + QStringLiteral("</i>");
        if (!d.fix.isEmpty())
            tip += QStringLiteral("<br/><tt>") + d.fix.toHtmlEscaped() + QStringLiteral("</tt>");
        if (!d.path.isEmpty())
            tip += QStringLiteral("<br/><tt>") + QDir::toNativeSeparators(d.path).toHtmlEscaped()
                   + (d.line > 0 ? QStringLiteral(":%1").arg(d.line) : QString()) + QStringLiteral("</tt>");
        return tip;
    }
    case Qt::DecorationRole:
        if (column != Column::Severity)
            return {};
        switch (d.severity) {
        case Severity::Error: return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
        case Severity::Warning: return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        case Severity::Info: return QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
        }
        return {};
    case SeverityRole: return int(d.severity);
    case SourceRole: return int(row.source);
    case RevisionRole: return d.revision;
    case PathRole: return d.path;
    case LineRole: return d.line;
    case HintRole: return d.hint;
    case CodeRole: return d.code;
    case FixCommandRole: return d.fix;
    default: return {};
    }
}

QVariant DiagnosticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Severity: return tr("Severity");
    case Column::Message: return tr("Message");
    case Column::Location: return tr("Location");
    case Column::Revision: return tr("Revision");
    case Column::Count: return {};
    }
    return {};
}

} // namespace retort::app
