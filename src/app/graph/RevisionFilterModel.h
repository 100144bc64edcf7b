#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace retort::app {

// Filters the revision graph rows by search text: every whitespace-separated word must be a
// prefix of the revision id, or appear in its message or branch labels (case-insensitive).
// Keeps the source order (history order); never sorts.
class RevisionFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RevisionFilterModel(QObject* parent = nullptr);

    void setSearchText(const QString& text);
    [[nodiscard]] QString searchText() const { return m_text; }
    [[nodiscard]] bool isFiltering() const { return !m_words.isEmpty(); }

    // The match rule on the model's SearchTextRole value ("id\nmessage", lower-case) and
    // BranchLabelsRole (every label reaching the revision; compared case-insensitively).
    static bool matches(const QString& searchText, const QStringList& labels, const QStringList& lowerWords);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    QStringList m_words;
};

} // namespace retort::app
