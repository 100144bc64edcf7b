#include "app/revision/SchemaChangeView.h"

#include "app/graph/GraphPalette.h"
#include "core/exec/SchemaChangeReport.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace retort::app {

SchemaChangeView::SchemaChangeView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("changeSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("changeTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setColumnCount(1);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_tree, 1);
    m_blindSpots = new QLabel(this);
    m_blindSpots->setObjectName(QStringLiteral("blindSpots"));
    m_blindSpots->setWordWrap(true);
    m_blindSpots->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_blindSpots->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_blindSpots);
}

void SchemaChangeView::showReview(const QString& summary, const AutogenerateReview& review)
{
    m_summary->setText(summary);
    m_tree->clear();
    const bool dark = GraphPalette::isDark(palette());
    const QColor added = dark ? QColor(0x7f, 0xd0, 0x9a) : QColor(0x1b, 0x7a, 0x3e);
    const QColor removed = dark ? QColor(0xf0, 0x8a, 0x80) : QColor(0xb0, 0x2a, 0x1e);
    const QColor changed = dark ? QColor(0xe8, 0xc0, 0x70) : QColor(0x9a, 0x5b, 0x00);
    const QVector<TableChanges> tables = SchemaChangeReport::group(review.allChanges());
    for (const TableChanges& table : tables) {
        auto* top = new QTreeWidgetItem(m_tree, {SchemaChangeReport::heading(table)});
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        for (const QString& line : table.lines) {
            auto* item = new QTreeWidgetItem(top, {line});
            if (line.startsWith(QLatin1Char('+')))
                item->setForeground(0, added);
            else if (line.startsWith(QLatin1Char('-')))
                item->setForeground(0, removed);
            else if (line.startsWith(QLatin1Char('~')))
                item->setForeground(0, changed);
        }
    }
    m_tree->expandAll();
    m_tree->setVisible(!tables.isEmpty());
    const QStringList spots = SchemaChangeReport::blindSpots(review);
    QString text = tr("Not compared by Alembic's autogenerate (check these yourself):");
    for (const QString& spot : spots)
        text += QStringLiteral("\n• ") + spot;
    m_blindSpots->setText(text);
}

void SchemaChangeView::setBlindSpotsShown(bool shown)
{
    m_blindSpots->setVisible(shown);
}

void SchemaChangeView::clear()
{
    m_summary->clear();
    m_tree->clear();
    m_blindSpots->clear();
}

QString SchemaChangeView::summary() const
{
    return m_summary->text();
}

QString SchemaChangeView::treeText() const
{
    QString text;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* top = m_tree->topLevelItem(i);
        text += top->text(0) + QLatin1Char('\n');
        for (int c = 0; c < top->childCount(); ++c)
            text += QStringLiteral("  ") + top->child(c)->text(0) + QLatin1Char('\n');
    }
    return text;
}

QString SchemaChangeView::blindSpotsText() const
{
    return m_blindSpots->text();
}

} // namespace retort::app
