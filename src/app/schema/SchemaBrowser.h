#pragma once

#include "core/db/DatabaseUrl.h"
#include "core/db/SchemaInspector.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QToolButton;
class QTreeView;

namespace retort::app {

class SchemaModel;
class SchemaFilterModel;

// The schema browser: schemas → tables/views → columns, keys, indexes, with estimated row counts,
// exact counts on demand (progress, cancel), and a filter box. Inspection and counting run on
// worker threads, each opening its own connection inside the worker (SchemaInspector's
// inspectAsync / countRowsAsync); the GUI thread never touches a QSqlDatabase.
class SchemaBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit SchemaBrowser(QWidget* parent = nullptr);
    ~SchemaBrowser() override;

    [[nodiscard]] SchemaModel* model() const { return m_model; }
    [[nodiscard]] SchemaFilterModel* filterModel() const { return m_filter; }
    [[nodiscard]] QTreeView* view() const { return m_view; }

    [[nodiscard]] bool isLoading() const { return m_loading; }
    [[nodiscard]] bool isCounting() const { return m_counting; }
    [[nodiscard]] bool hasDatabase() const { return m_url.has_value(); }
    // The status line below the tree ("2 schemas, 14 tables, 1 view", an error, progress).
    [[nodiscard]] QString statusText() const;

    void setFilterText(const QString& text);
    void setConnectTimeout(int seconds) { m_connectTimeout = seconds; }

public Q_SLOTS:
    // Inspects `url` on a worker (replacing the shown snapshot when done). Also after every
    // applied run, so the tree shows what the migration did.
    void refresh(const retort::DatabaseUrl& url);
    // Inspects the last database again (nothing when there is none).
    void reload();
    // Forgets the database (disconnected): empties the tree, cancels running work.
    void clear();
    // Exact counts of the selected tables, or of every table the filter shows when none is selected.
    void countRows();
    void countRows(const QVector<retort::TableRef>& tables);
    // Stops counting (counts made so far stay) and drops a pending inspection.
    void cancel();

Q_SIGNALS:
    // A snapshot is shown (`tables` = tables and views in it).
    void loaded(int tables);
    void loadFailed(const QString& message);
    void countingStarted(int total);
    void countProgress(int done, int total);
    // counted = tables that got an exact count; failed = tables whose count failed.
    void countingFinished(bool cancelled, int counted, int failed);

private:
    void onInspected();
    void onCountReady(int index);
    void onCountFinished();
    void updateActions();
    void showContextMenu(const QPoint& position);
    void fitNameColumn();
    void setStatus(const QString& text, bool error = false);
    void applyFilter(const QString& text);
    [[nodiscard]] QStringList expandedKeys() const;
    void restoreExpanded(const QStringList& keys);
    [[nodiscard]] QString summary() const;

    SchemaModel* m_model = nullptr;
    SchemaFilterModel* m_filter = nullptr;
    QTreeView* m_view = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QToolButton* m_refreshButton = nullptr;
    QToolButton* m_countButton = nullptr;
    QToolButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;

    std::optional<DatabaseUrl> m_url;
    int m_connectTimeout = 5;

    QPointer<QFutureWatcher<Result<SchemaSnapshot>>> m_inspectWatcher;
    bool m_loading = false;
    quint64 m_inspectId = 0;
    QElapsedTimer m_inspectTimer;

    QPointer<QFutureWatcher<RowCount>> m_countWatcher;
    bool m_counting = false;
    int m_countTotal = 0;
    int m_counted = 0;
    int m_countFailed = 0;
    QString m_countError;
};

} // namespace retort::app
