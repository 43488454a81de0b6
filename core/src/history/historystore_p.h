// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "history/historystore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVector>

#include <atomic>
#include <functional>
#include <limits>
#include <optional>

QT_BEGIN_NAMESPACE
class QTimer;
QT_END_NAMESPACE

namespace Smollama {

class ReadingHistory;

namespace Internal {

constexpr qint64 DayMs = 24 * 60 * 60 * 1000;

struct PendingSample
{
    QString node; //!< empty for this node
    QString source;
    qint64 timestampMs;
    double value;
};

// What HistoryStore (any thread) and its worker (the store thread) share.
struct HistoryStoreState
{
    QMutex mutex;
    // Guarded by mutex:
    QVector<PendingSample> pending;
    bool accepting = false;      // open and writable: enqueue() appends
    bool flushPosted = false;    // a threshold flush is queued on the worker
    bool warnedDropping = false; // the "falling behind" warning was logged
    qint64 dropped = 0;
    QString errorString;
    int flushThreshold = 1000;
    int maxPendingRows = 100000;
    HistoryStoreWorker *worker = nullptr; // set while accepting

    // Lock-free fast path for enqueue() when the store is closed or failed.
    std::atomic<bool> available{false};
    // Asks a running loadInto() to stop (close() while loading).
    std::atomic<bool> cancel{false};
};

// Owns the QSqlDatabase connection; every member runs on the store thread.
class HistoryStoreWorker : public QObject
{
public:
    HistoryStoreWorker(HistoryStore *store, HistoryStoreState *state,
                       const HistoryStore::Options &options, const QString &path);
    ~HistoryStoreWorker() override;

    // Each entry point closes the database when it failed (after its queries are gone).
    bool open();
    // Writes the buffer to recent, and moves recent into samples when that is due.
    bool writePending();
    // Writes the buffer and moves recent into samples now (HistoryStore::flush()).
    bool writeAll();
    qint64 applyRetention();
    qint64 loadInto(ReadingHistory &history, qint64 sinceMs);
    bool readSamples(const QString &node, const QString &source, qint64 fromMs, qint64 toMs,
                     const std::function<void(qint64, double)> &sample);
    // Stops the timers, writes what is pending, closes the database and moves this object to
    // \a target so it can be deleted there once the thread has finished.
    void shutdown(QThread *target);

private:
    enum class Problem { Damaged, Locked, Newer, Other };

    bool openDatabase();
    bool writePendingRows();
    // Moves the samples in recent into samples, in one transaction with the expired samples
    // of the sources moved (historystorewrites.cpp). False when that failed (reported).
    bool moveRecent();
    qint64 deleteOldSamples();
    // Inside the write transaction: deletes up to \a limit expired samples of \a sourceId,
    // oldest first. False when that failed (reported).
    bool trimExpired(qint64 sourceId, int limit, const QString &during);
    // The samples older than this are expired (0: retention is off).
    qint64 retentionCutoff() const;
    qint64 now() const;
    qint64 loadRows(ReadingHistory &history, qint64 sinceMs);
    bool exec(const QString &sql, const QString &during, QSqlQuery *query = nullptr);
    bool fail(const QSqlError &error, const QString &during);
    bool fail(Problem problem, const QString &detail, const QString &during);
    /*! The id of \a name of \a node (empty: this node), added to sources when \a add and
        not stored yet. Nothing when it is not stored (\a add false) or the lookup failed
        (reported: m_failed). */
    std::optional<qint64> sourceId(const QString &node, const QString &name, bool add = true);
    /*! Creates the tables, or brings those of an older version to HistoryStore::SchemaVersion
        keeping their data (historyschema.cpp). Runs inside the open()'s transaction. */
    bool createSchema(int version);
    void closeDatabase();

    HistoryStore *m_store;
    HistoryStoreState *m_state;
    const HistoryStore::Options m_options;
    const QString m_path;
    const QString m_connectionName;
    QSqlDatabase m_db;
    std::optional<QSqlQuery> m_insertSample;
    std::optional<QSqlQuery> m_trimSamples;
    QHash<QString, qint64> m_sourceIds;
    qint64 m_recentRows = 0;                                    // in the recent table
    qint64 m_recentFromMs = std::numeric_limits<qint64>::max(); // the oldest of them
    QElapsedTimer m_sinceMove;
    QTimer *m_flushTimer = nullptr;
    QTimer *m_retentionTimer = nullptr;
    bool m_opened = false; // open() succeeded: later failures are signalled
    bool m_failed = false; // reported once; the database is closed and stays closed
};

} // namespace Internal
} // namespace Smollama
