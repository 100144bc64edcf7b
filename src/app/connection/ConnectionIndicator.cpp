#include "app/connection/ConnectionIndicator.h"

#include "app/connection/ConnectionKindStyle.h"
#include "app/connection/DatabaseStateText.h"
#include "core/common/Redact.h"
#include "core/db/DatabaseUrl.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>

namespace retort::app {

namespace {
constexpr int kDot = 10;
constexpr int kDotMargin = 6;
constexpr int kMaximumTextWidth = 420;

QColor dotColor(ConnectionIndicator::State state, bool local)
{
    switch (state) {
    case ConnectionIndicator::State::Disconnected:
        return QColor(0x9a, 0x99, 0x96);
    case ConnectionIndicator::State::Connecting:
        return QColor(0x35, 0x84, 0xe4);
    case ConnectionIndicator::State::Failed:
        return QColor(0xc0, 0x1c, 0x28);
    case ConnectionIndicator::State::Connected:
        return local ? QColor(0x2e, 0xc2, 0x7e) : QColor(0xe5, 0xa5, 0x0a);
    }
    return {};
}
} // namespace

ConnectionIndicator::ConnectionIndicator(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("connectionIndicator"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(kDot + 2 * kDotMargin, 0, 4, 0);
    m_label = new QLabel(this);
    m_label->setTextFormat(Qt::PlainText);
    layout->addWidget(m_label);
    setCursor(Qt::PointingHandCursor);
    refresh();
}

void ConnectionIndicator::setConnection(const DatabaseUrl& url)
{
    m_target = url.redacted();
    m_local = url.isLocal();
    m_state = State::Connected;
    m_detail.clear();
    refresh();
}

void ConnectionIndicator::setState(State state, const QString& detail, const QString& errorCode)
{
    m_state = state;
    m_detail = redactUrl(detail);
    m_errorCode = errorCode;
    refresh();
}

void ConnectionIndicator::setKind(ConnectionKind kind)
{
    m_kind = kind;
    refresh();
}

void ConnectionIndicator::clear()
{
    m_kind = ConnectionKind::Development;
    m_target.clear();
    m_local = false;
    m_state = State::Disconnected;
    m_detail.clear();
    m_errorCode.clear();
    refresh();
}

QString ConnectionIndicator::text() const
{
    return m_fullText;
}

void ConnectionIndicator::refresh()
{
    QString text;
    QString tip;
    if (m_target.isEmpty() || m_state == State::Disconnected) {
        text = tr("Not connected");
        tip = tr("No database: click to connect");
    } else {
        const QString where = m_local ? tr("local") : tr("remote");
        switch (m_state) {
        case State::Connecting:
            text = tr("Connecting · %1").arg(m_target);
            break;
        case State::Failed:
            text = DatabaseStateText::failure(m_errorCode) + QStringLiteral(" · ") + m_target;
            break;
        default:
            text = where + QStringLiteral(" · ") + m_target;
            break;
        }
        tip = m_local ? tr("Local database %1").arg(m_target)
                      : tr("Remote database %1: changes to it ask for confirmation").arg(m_target);
        if (!m_detail.isEmpty())
            tip += QLatin1Char('\n') + m_detail;
        tip += QLatin1Char('\n') + tr("Click to change the connection");
    }
    if (m_kind != ConnectionKind::Development && !m_target.isEmpty() && m_state != State::Disconnected) {
        text = ConnectionKindStyle::text(m_kind).toUpper() + QStringLiteral(" · ") + text;
        tip = tr("A %1 database: runs on it ask for more confirmation").arg(ConnectionKindStyle::text(m_kind)) + QLatin1Char('\n') + tip;
    }
    // Long URLs shrink in the middle (scheme and database stay readable); the tooltip has it all.
    m_label->setText(m_label->fontMetrics().elidedText(text, Qt::ElideMiddle, kMaximumTextWidth));
    m_fullText = text;
    setToolTip(tip);
    update();
}

QSize ConnectionIndicator::sizeHint() const
{
    const QSize label = m_label->sizeHint();
    return { label.width() + kDot + 2 * kDotMargin + 4, qMax(label.height(), kDot + 4) };
}

void ConnectionIndicator::paintEvent(QPaintEvent* event)
{
    QWidget::paintEvent(event);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_kind != ConnectionKind::Development && !m_target.isEmpty() && m_state != State::Disconnected) {
        QColor band = ConnectionKindStyle::color(m_kind);
        painter.setPen(QPen(band, 1.2));
        band.setAlpha(46);
        painter.setBrush(band);
        painter.drawRoundedRect(QRectF(rect()).adjusted(1.5, 1.5, -1.5, -1.5), 4, 4);
    }
    const QColor color = dotColor(m_state, m_local);
    painter.setPen(QPen(color.darker(130), 1));
    painter.setBrush(color);
    const QRectF dot(kDotMargin, (height() - kDot) / 2.0, kDot, kDot);
    painter.drawEllipse(dot);
}

void ConnectionIndicator::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        Q_EMIT clicked();
    QWidget::mouseReleaseEvent(event);
}

void ConnectionIndicator::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(event);
}

} // namespace retort::app
