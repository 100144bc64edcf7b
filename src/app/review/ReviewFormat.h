#pragma once

// How the window words and colours what the safety review found (core/lint LintReport): one place
// for the confirmation before a run, the Review dock and the SQL preview's annotations, so they
// say the same thing the same way.

#include "core/lint/LintReport.h"

#include <QColor>
#include <QString>

class QPalette;

namespace retort::app::ReviewFormat {

// Red, amber, blue; lighter on a dark palette.
[[nodiscard]] QColor severityColor(Severity severity, bool dark);
[[nodiscard]] QColor severityColor(Severity severity, const QPalette& palette);
// "Error", "Warning", "Info".
[[nodiscard]] QString severityText(Severity severity);
// "2 errors, 1 warning, no info" (plain) and the same with each count in its colour (rich text).
[[nodiscard]] QString summary(const lint::LintReport& report);
[[nodiscard]] QString summaryHtml(const lint::LintReport& report, const QPalette& palette);
// What the statement does to its table: "ACCESS EXCLUSIVE on orders, rewrites it" ("" when none).
[[nodiscard]] QString effect(const lint::Finding& finding);
// "ACCESS EXCLUSIVE, rewrites" for a table column ("" when no lock).
[[nodiscard]] QString lockColumn(const lint::Finding& finding);
// One line for an annotation: "Warning · create-index-not-concurrently · SHARE on orders, reads every row · ~80 rows".
[[nodiscard]] QString oneLine(const lint::Finding& finding);
// Rich text with everything: severity, rule, table, lock, weight, message, statement, fix.
[[nodiscard]] QString details(const lint::Finding& finding, const QPalette& palette);
// A session holding or waiting for a lock on a table the plan touches.
[[nodiscard]] QString session(const lint::BlockingSession& session);
// Data a step destroys: "DROP COLUMN orders.note: 1.2 k rows".
[[nodiscard]] QString dataLoss(const lint::DataLoss& loss);
// Blocking sessions and data loss as rich text ("" when there are neither).
[[nodiscard]] QString extrasHtml(const lint::LintReport& report, const QPalette& palette);

} // namespace retort::app::ReviewFormat
