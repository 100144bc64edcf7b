#include "app/connection/ConnectionBanner.h"

#include "app/connection/ConnectionKindStyle.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>

namespace retort::app {

namespace {

// Development is a quiet tint; staging and production fill the band.
int bandAlpha(ConnectionKind kind)
{
    switch (kind) {
    case ConnectionKind::Development: return 36;
    case ConnectionKind::Staging: return 210;
    case ConnectionKind::Production: return 255;
    }
    return 36;
}

} // namespace

ConnectionBanner::ConnectionBanner(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("connectionBanner"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 3, 10, 3);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("connectionBannerLabel"));
    m_label->setTextFormat(Qt::PlainText);
    QFont bold = m_label->font();
    bold.setBold(true);
    m_label->setFont(bold);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_label, 1);
    hide();
}

void ConnectionBanner::setDatabase(const QString& database, const QString& host, ConnectionKind kind)
{
    m_database = database;
    m_host = host;
    m_kind = kind;
    refresh();
    show();
}

void ConnectionBanner::clear()
{
    m_database.clear();
    m_host.clear();
    m_kind = ConnectionKind::Development;
    refresh();
    hide();
}

QString ConnectionBanner::text() const
{
    return m_label->text();
}

void ConnectionBanner::refresh()
{
    const QString where = m_host.isEmpty() ? m_database : tr("%1 on %2").arg(m_database, m_host);
    m_label->setText(tr("Database %1 · %2").arg(where, ConnectionKindStyle::text(m_kind).toUpper()));
    QPalette p = m_label->palette();
    p.setColor(QPalette::WindowText, m_kind == ConnectionKind::Development ? palette().color(QPalette::WindowText)
                                                                          : ConnectionKindStyle::textColor(m_kind));
    m_label->setPalette(p);
    setToolTip(m_kind == ConnectionKind::Production
                   ? tr("A production database: every run asks for its name to be typed first.")
                   : tr("The database runs go to. Its kind is set in its connection profile (Connect to Database)."));
    update();
}

void ConnectionBanner::paintEvent(QPaintEvent* event)
{
    QWidget::paintEvent(event);
    QPainter painter(this);
    QColor fill = ConnectionKindStyle::color(m_kind);
    fill.setAlpha(bandAlpha(m_kind));
    painter.fillRect(rect(), fill);
    QColor edge = ConnectionKindStyle::color(m_kind);
    painter.fillRect(QRect(0, 0, 4, height()), edge);
}

void ConnectionBanner::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(event);
}

} // namespace retort::app
