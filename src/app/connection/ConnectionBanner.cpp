#include "app/connection/ConnectionBanner.h"

#include "app/connection/ConnectionKindStyle.h"
#include "app/graph/GraphPalette.h"
#include "app/widgets/ElidedLabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
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
    setCursor(Qt::PointingHandCursor);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 3, 10, 3);
    layout->setSpacing(0);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("connectionBannerLabel"));
    m_label->setTextFormat(Qt::PlainText);
    QFont bold = m_label->font();
    bold.setBold(true);
    m_label->setFont(bold);
    m_label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    layout->addWidget(m_label);
    // Where it stands: shortened at its end when the band is narrow; the name and kind never are.
    m_state = new ElidedLabel(this);
    m_state->setObjectName(QStringLiteral("connectionBannerState"));
    m_state->setElideMode(Qt::ElideRight);
    layout->addWidget(m_state, 1);
    hide();
}

void ConnectionBanner::setDatabase(const QString& database, const QString& host, ConnectionKind kind)
{
    if (database != m_database || host != m_host || kind != m_kind || m_standing == Standing::NoDatabase) {
        m_standing = Standing::Connecting;
        m_standingText.clear();
        m_detail.clear();
    }
    m_database = database;
    m_host = host;
    m_kind = kind;
    refresh();
    show();
}

void ConnectionBanner::setStanding(Standing standing, const QString& text, const QString& detail)
{
    m_standing = standing;
    m_standingText = text;
    m_detail = detail;
    refresh();
}

void ConnectionBanner::showNoDatabase()
{
    m_database.clear();
    m_host.clear();
    m_kind = ConnectionKind::Development;
    setStanding(Standing::NoDatabase);
    show();
}

void ConnectionBanner::clear()
{
    m_database.clear();
    m_host.clear();
    m_kind = ConnectionKind::Development;
    m_standing = Standing::NoDatabase;
    m_standingText.clear();
    m_detail.clear();
    refresh();
    hide();
}

QString ConnectionBanner::text() const
{
    return m_name + m_state->fullText();
}

QString ConnectionBanner::standingText() const
{
    return m_state->fullText().mid(3); // without the " · " that joins it to the name
}

void ConnectionBanner::refresh()
{
    const bool none = m_standing == Standing::NoDatabase;
    const QString where = m_host.isEmpty() ? m_database : tr("%1 on %2").arg(m_database, m_host);
    QString state;
    switch (m_standing) {
    case Standing::Connecting: state = tr("connecting…"); break;
    case Standing::Known:
    case Standing::Failed: state = m_standingText; break;
    case Standing::NoDatabase: state = tr("click here or use File ▸ Connect to Database"); break;
    }
    const QString kind = ConnectionKindStyle::text(m_kind).toUpper();
    m_name = none ? tr("No database connected") : tr("Database %1 · %2").arg(where, kind);
    m_shortName = none ? m_name : QStringLiteral("%1 · %2").arg(where, kind);
    m_state->setFullText(state.isEmpty() ? QString() : QStringLiteral(" · ") + state);
    fitName();

    const bool quiet = m_kind == ConnectionKind::Development;
    const QColor text = quiet ? palette().color(QPalette::WindowText) : ConnectionKindStyle::textColor(m_kind);
    QPalette p = m_label->palette();
    p.setColor(QPalette::WindowText, none ? palette().color(QPalette::PlaceholderText) : text);
    m_label->setPalette(p);
    // A failure reads in red on the quiet band (bold on the coloured ones, where red would vanish).
    QPalette s = m_state->palette();
    QColor stateColor = text;
    if (none)
        stateColor = palette().color(QPalette::PlaceholderText);
    else if (m_standing == Standing::Failed && quiet)
        stateColor = GraphPalette::isDark(palette()) ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
    s.setColor(QPalette::WindowText, stateColor);
    m_state->setPalette(s);
    QFont font = m_state->font();
    font.setBold(m_standing == Standing::Failed);
    m_state->setFont(font);

    QString tip = none ? tr("No database: the graph cannot show where one stands. Click to connect.")
                  : m_kind == ConnectionKind::Production
                      ? tr("A production database: every run asks for its name to be typed first.")
                      : tr("The database runs go to. Its kind is set in its connection profile (Connect to Database).");
    if (!m_detail.isEmpty())
        tip = m_detail + QLatin1Char('\n') + tip;
    if (!none)
        tip += QLatin1Char('\n') + tr("Click to change the connection.");
    setToolTip(tip);
    m_state->setToolTip(tip);
    setAccessibleName(m_name + m_state->fullText());
    update();
}

void ConnectionBanner::paintEvent(QPaintEvent* event)
{
    QWidget::paintEvent(event);
    QPainter painter(this);
    if (m_standing == Standing::NoDatabase) {
        QColor fill = palette().color(QPalette::PlaceholderText);
        fill.setAlpha(28);
        painter.fillRect(rect(), fill);
        return;
    }
    QColor fill = ConnectionKindStyle::color(m_kind);
    fill.setAlpha(bandAlpha(m_kind));
    painter.fillRect(rect(), fill);
    const QColor edge = m_standing == Standing::Failed && m_kind == ConnectionKind::Development ? QColor(0xc0, 0x1c, 0x28)
                                                                                                : ConnectionKindStyle::color(m_kind);
    painter.fillRect(QRect(0, 0, 4, height()), edge);
}

void ConnectionBanner::fitName()
{
    const QMargins margins = layout()->contentsMargins();
    const int room = width() - margins.left() - margins.right();
    const int needed = m_label->fontMetrics().horizontalAdvance(m_name) + m_state->fontMetrics().horizontalAdvance(m_state->fullText());
    m_label->setText(needed <= room ? m_name : m_shortName);
}

void ConnectionBanner::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitName();
}

void ConnectionBanner::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        Q_EMIT clicked();
    QWidget::mouseReleaseEvent(event);
}

void ConnectionBanner::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(event);
}

} // namespace retort::app
