#include "app/review/ReviewFormat.h"

#include "app/graph/GraphPalette.h"

#include <QCoreApplication>
#include <QPalette>

namespace retort::app::ReviewFormat {

namespace {

QString span(const QString& text, const QColor& color, bool bold = false)
{
    return QStringLiteral("<span style=\"color:%1;%2\">%3</span>")
        .arg(color.name(), bold ? QStringLiteral("font-weight:600;") : QString(), text.toHtmlEscaped());
}

QString errorsText(int n)
{
    return n == 0 ? QCoreApplication::translate("ReviewFormat", "no errors")
                  : QCoreApplication::translate("ReviewFormat", "%n error(s)", nullptr, n);
}

QString warningsText(int n)
{
    return n == 0 ? QCoreApplication::translate("ReviewFormat", "no warnings")
                  : QCoreApplication::translate("ReviewFormat", "%n warning(s)", nullptr, n);
}

QString infosText(int n)
{
    return n == 0 ? QCoreApplication::translate("ReviewFormat", "no info")
                  : QCoreApplication::translate("ReviewFormat", "%n info", nullptr, n);
}

} // namespace

QColor severityColor(Severity severity, bool dark)
{
    switch (severity) {
    case Severity::Error: return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
    case Severity::Warning: return dark ? QColor(0xf6, 0xc3, 0x4a) : QColor(0xa8, 0x5c, 0x00);
    case Severity::Info: return dark ? QColor(0x78, 0xae, 0xed) : QColor(0x1c, 0x63, 0xb8);
    }
    return {};
}

QColor severityColor(Severity severity, const QPalette& palette)
{
    return severityColor(severity, GraphPalette::isDark(palette));
}

QString severityText(Severity severity)
{
    switch (severity) {
    case Severity::Error: return QCoreApplication::translate("ReviewFormat", "Error");
    case Severity::Warning: return QCoreApplication::translate("ReviewFormat", "Warning");
    case Severity::Info: return QCoreApplication::translate("ReviewFormat", "Info");
    }
    return {};
}

QString summary(const lint::LintReport& report)
{
    return QCoreApplication::translate("ReviewFormat", "%1, %2, %3")
        .arg(errorsText(report.count(Severity::Error)), warningsText(report.count(Severity::Warning)),
             infosText(report.count(Severity::Info)));
}

QString summaryHtml(const lint::LintReport& report, const QPalette& palette)
{
    const QColor muted = palette.color(QPalette::PlaceholderText);
    const auto part = [&](Severity severity, const QString& text) {
        return report.count(severity) == 0 ? span(text, muted) : span(text, severityColor(severity, palette), true);
    };
    return QCoreApplication::translate("ReviewFormat", "%1, %2, %3")
        .arg(part(Severity::Error, errorsText(report.count(Severity::Error))),
             part(Severity::Warning, warningsText(report.count(Severity::Warning))),
             part(Severity::Info, infosText(report.count(Severity::Info))));
}

QString lockColumn(const lint::Finding& finding)
{
    if (finding.lock == lint::LockMode::None)
        return {};
    const QString lock = lint::lockModeName(finding.lock);
    if (finding.rewrites)
        return QCoreApplication::translate("ReviewFormat", "%1, rewrites").arg(lock);
    if (finding.scans)
        return QCoreApplication::translate("ReviewFormat", "%1, reads every row").arg(lock);
    return lock;
}

QString effect(const lint::Finding& finding)
{
    if (finding.lock == lint::LockMode::None)
        return {};
    const QString lock = lint::lockModeName(finding.lock);
    if (finding.table.isEmpty())
        return lock;
    const QString table = finding.table.display();
    if (finding.rewrites)
        return QCoreApplication::translate("ReviewFormat", "%1 on %2, rewrites it").arg(lock, table);
    if (finding.scans)
        return QCoreApplication::translate("ReviewFormat", "%1 on %2, reads every row").arg(lock, table);
    return QCoreApplication::translate("ReviewFormat", "%1 on %2").arg(lock, table);
}

QString oneLine(const lint::Finding& finding)
{
    QStringList parts{severityText(finding.severity), finding.rule};
    const QString what = effect(finding);
    if (!what.isEmpty())
        parts << what;
    else if (!finding.table.isEmpty())
        parts << finding.table.display();
    if (!finding.weight.isEmpty())
        parts << finding.weight;
    return parts.join(QStringLiteral(" · "));
}

QString details(const lint::Finding& finding, const QPalette& palette)
{
    QString html = span(severityText(finding.severity), severityColor(finding.severity, palette), true)
                   + QStringLiteral(" <tt>%1</tt>").arg(finding.rule.toHtmlEscaped());
    const QString what = effect(finding);
    if (!what.isEmpty())
        html += QStringLiteral(" · ") + what.toHtmlEscaped();
    else if (!finding.table.isEmpty())
        html += QStringLiteral(" · ") + finding.table.display().toHtmlEscaped();
    if (!finding.weight.isEmpty())
        html += QStringLiteral(" · ") + finding.weight.toHtmlEscaped();
    html += QStringLiteral("<br/>") + finding.message.toHtmlEscaped();
    if (!finding.statement.isEmpty())
        html += QStringLiteral("<br/><tt>%1</tt>").arg(finding.statement.simplified().left(300).toHtmlEscaped());
    if (!finding.fix.isEmpty())
        html += QStringLiteral("<br/><b>%1</b> %2")
                    .arg(QCoreApplication::translate("ReviewFormat", "Fix:").toHtmlEscaped(), finding.fix.toHtmlEscaped());
    return html;
}

QString session(const lint::BlockingSession& session)
{
    QStringList about;
    if (!session.user.isEmpty())
        about << session.user;
    if (!session.application.isEmpty())
        about << QStringLiteral("\"%1\"").arg(session.application);
    if (!session.clientAddress.isEmpty())
        about << session.clientAddress;
    if (!session.state.isEmpty())
        about << session.state;
    if (session.transactionSeconds >= 0)
        about << QCoreApplication::translate("ReviewFormat", "transaction open for %1 s").arg(session.transactionSeconds);
    QString who = session.pid > 0 ? QCoreApplication::translate("ReviewFormat", "pid %1").arg(session.pid)
                                  : QCoreApplication::translate("ReviewFormat", "a prepared transaction");
    if (!about.isEmpty())
        who += QStringLiteral(" (%1)").arg(about.join(QStringLiteral(", ")));
    const QString mode = lint::lockModeName(session.mode);
    QString text = session.granted
                       ? QCoreApplication::translate("ReviewFormat", "%1 holds %2 on %3").arg(who, mode, session.table.display())
                       : QCoreApplication::translate("ReviewFormat", "%1 waits for %2 on %3").arg(who, mode, session.table.display());
    if (session.conflicts) {
        const QString planLock = lint::lockModeName(session.planLock);
        text += QStringLiteral(": ") + QCoreApplication::translate("ReviewFormat", "the run's %1 would wait behind it").arg(planLock);
    }
    return text;
}

QString dataLoss(const lint::DataLoss& loss)
{
    const QString what = loss.column.isEmpty() ? loss.table.display() : loss.table.display() + QLatin1Char('.') + loss.column;
    const QString rows = loss.rows < 0 ? QCoreApplication::translate("ReviewFormat", "rows unknown")
                                       : QCoreApplication::translate("ReviewFormat", "%1 rows").arg(lint::formatRows(loss.rows));
    return QCoreApplication::translate("ReviewFormat", "%1 %2 (revision %3): %4").arg(loss.what, what, loss.revision, rows);
}

QString extrasHtml(const lint::LintReport& report, const QPalette& palette)
{
    QString html;
    if (!report.blockingSessions.isEmpty()) {
        html += QStringLiteral("<b>%1</b><ul style=\"margin-top:0; margin-bottom:0\">")
                    .arg(QCoreApplication::translate("ReviewFormat", "Sessions holding or waiting for locks on these tables:")
                             .toHtmlEscaped());
        for (const lint::BlockingSession& s : report.blockingSessions) {
            const QString text = session(s);
            html += QStringLiteral("<li>%1</li>")
                        .arg(s.conflicts ? span(text, severityColor(Severity::Warning, palette), true) : text.toHtmlEscaped());
        }
        html += QStringLiteral("</ul>");
    }
    if (!report.dataLoss.isEmpty()) {
        html += QStringLiteral("<b>%1</b><ul style=\"margin-top:0; margin-bottom:0\">")
                    .arg(QCoreApplication::translate("ReviewFormat", "Data this plan destroys:").toHtmlEscaped());
        for (const lint::DataLoss& loss : report.dataLoss)
            html += QStringLiteral("<li>%1</li>").arg(dataLoss(loss).toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    return html;
}

} // namespace retort::app::ReviewFormat
