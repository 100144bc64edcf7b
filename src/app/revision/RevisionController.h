#pragma once

#include "core/exec/AlembicBridge.h"
#include "core/exec/PythonLocator.h"
#include "core/workspace/NewRevision.h"
#include "core/workspace/ProjectLoader.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace retort::app {

// The window's `alembic revision` and drift check, on the thread pool, through
// core/workspace/NewRevision (the same requests as `retort-cli revision` / `check`):
//  - review(): autogenerate's proposed operations, nothing written;
//  - write(): the file through the project's Alembic and script.py.mako; after a review, with
//    its fingerprint (Alembic refuses when the comparison changed meanwhile);
//  - check(): the models against the database.
// One job at a time; destroying the controller (or cancel()) stops the bridge.
class RevisionController : public QObject
{
    Q_OBJECT
public:
    explicit RevisionController(QObject* parent = nullptr);
    ~RevisionController() override;

    // Each returns false (nothing started) while a job runs or for a bare versions folder.
    // `overrideUrl`: the database autogenerate and check compare with ("" = env.py's own).
    bool review(const SnapshotPtr& snapshot, const NewRevisionOptions& options, const InterpreterChoice& python,
                const QString& overrideUrl);
    bool write(const SnapshotPtr& snapshot, const NewRevisionOptions& options, const InterpreterChoice& python,
               const QString& overrideUrl, const std::optional<AutogenerateReview>& reviewed);
    bool check(const SnapshotPtr& snapshot, const InterpreterChoice& python, const QString& overrideUrl);
    void cancel();
    [[nodiscard]] bool isRunning() const;

Q_SIGNALS:
    void reviewed(const retort::AutogenerateReview& review, const retort::Error& error);
    void written(const QVector<retort::WrittenRevision>& files, const retort::Error& error);
    void checked(const retort::AutogenerateReview& review, const retort::Error& error);

private:
    bool startable(const SnapshotPtr& snapshot) const;
    std::shared_ptr<std::atomic_bool> newCancelFlag();

    QFutureWatcher<Result<AutogenerateReview>> m_reviewWatcher;
    QFutureWatcher<Result<AutogenerateReview>> m_checkWatcher;
    QFutureWatcher<Result<QVector<WrittenRevision>>> m_writeWatcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace retort::app
