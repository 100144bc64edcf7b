#include "app/graph/RevisionFilterModel.h"

#include "app/graph/RevisionGraphModel.h"

namespace retort::app {

RevisionFilterModel::RevisionFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(false);
}

void RevisionFilterModel::setSearchText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
#if QT_VERSION >= QT_VERSION_CHECK(6, 9, 0)
    beginFilterChange();
#endif
    m_text = trimmed;
    m_words = trimmed.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

bool RevisionFilterModel::matches(const QString& searchText, const QStringList& labels, const QStringList& lowerWords)
{
    const qsizetype idEnd = searchText.indexOf(QLatin1Char('\n'));
    const QStringView rest = idEnd < 0 ? QStringView() : QStringView(searchText).mid(idEnd + 1);
    for (const QString& word : lowerWords) {
        if (searchText.startsWith(word) || rest.contains(word))
            continue;
        bool inLabel = false;
        for (const QString& label : labels) {
            if (label.contains(word, Qt::CaseInsensitive)) {
                inLabel = true;
                break;
            }
        }
        if (!inLabel)
            return false;
    }
    return true;
}

bool RevisionFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    return matches(idx.data(RevisionGraphModel::SearchTextRole).toString(),
                   idx.data(RevisionGraphModel::BranchLabelsRole).toStringList(), m_words);
}

} // namespace retort::app
