#include "app/connection/ConnectionKindStyle.h"

#include <QCoreApplication>

namespace retort::app::ConnectionKindStyle {

QString text(ConnectionKind kind)
{
    switch (kind) {
    case ConnectionKind::Development: return QCoreApplication::translate("ConnectionKindStyle", "development");
    case ConnectionKind::Staging: return QCoreApplication::translate("ConnectionKindStyle", "staging");
    case ConnectionKind::Production: return QCoreApplication::translate("ConnectionKindStyle", "production");
    }
    return {};
}

QColor color(ConnectionKind kind)
{
    switch (kind) {
    case ConnectionKind::Development: return QColor(0x26, 0xa2, 0x69);
    case ConnectionKind::Staging: return QColor(0xe5, 0xa5, 0x0a);
    case ConnectionKind::Production: return QColor(0xc0, 0x1c, 0x28);
    }
    return {};
}

QColor textColor(ConnectionKind kind)
{
    return kind == ConnectionKind::Staging ? QColor(0x2b, 0x20, 0x00) : QColor(Qt::white);
}

} // namespace retort::app::ConnectionKindStyle
