#include "app/window/Theme.h"

#include <QApplication>
#include <QPalette>
#include <QPointer>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace retort::app::Theme {

namespace {

struct State
{
    QString systemStyle;
    QPalette systemPalette;
    bool captured = false;
    Choice current = Choice::System;
};

State& state()
{
    static State s;
    return s;
}

QString settingsKey()
{
    return QStringLiteral("View/theme");
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf4, 0xf5, 0xf7));
    p.setColor(QPalette::WindowText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::Base, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::AlternateBase, QColor(0xf0, 0xf2, 0xf5));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf0));
    p.setColor(QPalette::ToolTipText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::PlaceholderText, QColor(0x6a, 0x73, 0x7d));
    p.setColor(QPalette::Text, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::Button, QColor(0xea, 0xec, 0xef));
    p.setColor(QPalette::ButtonText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x6f, 0xeb));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x09, 0x69, 0xda));
    p.setColor(QPalette::Mid, QColor(0xc6, 0xcb, 0xd1));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x8c, 0x95, 0x9f));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x22, 0x25, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::Base, QColor(0x18, 0x1a, 0x1f));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x29, 0x30));
    p.setColor(QPalette::ToolTipBase, QColor(0x2d, 0x31, 0x39));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x94, 0x9e));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::Button, QColor(0x2d, 0x31, 0x39));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::BrightText, QColor(0xff, 0x7b, 0x72));
    p.setColor(QPalette::Highlight, QColor(0x38, 0x8b, 0xfd));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x58, 0xa6, 0xff));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3f, 0x48));
    p.setColor(QPalette::Midlight, QColor(0x32, 0x36, 0x3e));
    p.setColor(QPalette::Mid, QColor(0x45, 0x4b, 0x55));
    p.setColor(QPalette::Dark, QColor(0x14, 0x16, 0x1a));
    p.setColor(QPalette::Shadow, Qt::black);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x6e, 0x76, 0x81));
    p.setColor(QPalette::Disabled, QPalette::Base, QColor(0x1e, 0x21, 0x26));
    return p;
}

} // namespace

void captureSystemDefaults()
{
    State& s = state();
    if (s.captured)
        return;
    s.systemStyle = QApplication::style() ? QApplication::style()->name() : QString();
    s.systemPalette = QApplication::palette();
    s.captured = true;
}

void apply(Choice choice)
{
    captureSystemDefaults();
    State& s = state();
    if (choice == Choice::System) {
        if (!s.systemStyle.isEmpty())
            QApplication::setStyle(QStyleFactory::create(s.systemStyle));
        QApplication::setPalette(s.systemPalette);
    } else {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(choice == Choice::Dark ? darkPalette() : lightPalette());
    }
    s.current = choice;
}

Choice current()
{
    return state().current;
}

QString settingsValue(Choice choice)
{
    switch (choice) {
    case Choice::System: return QStringLiteral("system");
    case Choice::Light: return QStringLiteral("light");
    case Choice::Dark: return QStringLiteral("dark");
    }
    return QStringLiteral("system");
}

Choice saved()
{
    const QString value = QSettings().value(settingsKey()).toString();
    if (value == QLatin1String("light"))
        return Choice::Light;
    if (value == QLatin1String("dark"))
        return Choice::Dark;
    return Choice::System;
}

void save(Choice choice)
{
    QSettings().setValue(settingsKey(), settingsValue(choice));
}

} // namespace retort::app::Theme
