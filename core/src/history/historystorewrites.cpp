// SPDX-License-Identifier: GPL-3.0-or-later
// The store's writes, on the store's thread: the buffer goes to `recent` every second (a few
// pages at the end of one table, however many sources there are), and `recent` moves into
// `samples` once a minute, source by source, with the expired samples of those sources.
#include "history/historylog.h"
#include "history/historystore.h"
#include "history/historystore_p.h"

#include <QDateTime>
#include <QMutexLocker>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Smollama {

namespace {

} // namespace

namespace Internal {

bool HistoryStoreWorker::writePending()
{
    bool ok = writePendingRows();
    if (ok && (m_recentRows >= m_options.moveThreshold ||
               m_sinceMove.hasExpired(std::max(0, m_options.moveIntervalMs)))) {
        ok = moveRecent();
    }
    if (m_failed) {
        closeDatabase();
    }
    return ok;
}

bool HistoryStoreWorker::writeAll()
{
    const bool ok = writePendingRows() && moveRecent();
    if (m_failed) {
        closeDatabase();
    }
    return ok;
}

bool HistoryStoreWorker::writePendingRows()
{
    QVector<PendingSample> batch;
    {
        QMutexLocker locker(&m_state->mutex);
        batch.swap(m_state->pending);
        m_state->flushPosted = false;
    }
    if (m_failed || !m_db.isOpen()) {
        return false;
    }
    if (batch.isEmpty()) {
        return true;
    }
    const QString writing = HistoryStore::tr("writing samples");
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), writing)) {
        return false;
    }
    // Appended to recent: one sample after another at the end of one table, so a second of
    // 1,000 sources' samples is a few pages, not one page per source.
    qint64 fromMs = m_recentFromMs;
    for (const PendingSample &sample : std::as_const(batch)) {
        const std::optional<qint64> id = sourceId(sample.node, sample.source);
        if (!id) {
            break;
        }
        m_insertSample->bindValue(0, *id);
        m_insertSample->bindValue(1, sample.timestampMs);
        m_insertSample->bindValue(2, sample.value);
        if (!m_insertSample->exec()) {
            fail(m_insertSample->lastError(), writing);
            break;
        }
        fromMs = std::min(fromMs, sample.timestampMs);
    }
    if (m_failed || !exec(QStringLiteral("COMMIT"), writing)) {
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        m_sourceIds.clear(); // ids inserted in the rolled-back transaction are gone
        return false;
    }
    m_recentRows += batch.size();
    m_recentFromMs = fromMs;
    const int rows = int(batch.size());
    HistoryStore *store = m_store;
    QMetaObject::invokeMethod(
        store, [store, rows]() { Q_EMIT store->flushed(rows); }, Qt::QueuedConnection);
    return true;
}

bool HistoryStoreWorker::moveRecent()
{
    if (m_failed || !m_db.isOpen()) {
        return false;
    }
    m_sinceMove.start();
    if (m_recentRows == 0) {
        return true;
    }
    const QString moving = HistoryStore::tr("moving the last minute's samples into place");
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), moving)) {
        return false;
    }
    // Samples moved per source: each source loses at most twice as many expired samples (and
    // a few more), so a backlog (a shorter retention since the last start) drains over a few
    // moves while the samples expiring meanwhile, as many as came a retention ago, are taken
    // as they come.
    QVector<std::pair<qint64, int>> moved;
    if (retentionCutoff() > 0) {
        QSqlQuery counts(m_db);
        counts.setForwardOnly(true);
        if (exec(QStringLiteral("SELECT source_id, count(*) FROM recent GROUP BY source_id"),
                 moving, &counts)) {
            while (counts.next()) {
                moved.append({counts.value(0).toLongLong(), counts.value(1).toInt()});
            }
        }
    }
    // In key order, so each source's pages are written once; of two samples of one source at
    // the same millisecond the one written later stays (INSERT OR REPLACE in rowid order).
    if (!m_failed) {
        exec(QStringLiteral("INSERT OR REPLACE INTO samples (source_id, ts, value) "
                            "SELECT source_id, ts, value FROM recent ORDER BY source_id, ts, "
                            "rowid"),
             moving);
    }
    for (const auto &[sourceId, count] : std::as_const(moved)) {
        if (m_failed || !trimExpired(sourceId, 2 * count + 100, moving)) {
            break;
        }
    }
    if (!m_failed) {
        exec(QStringLiteral("DELETE FROM recent"), moving);
    }
    if (m_failed || !exec(QStringLiteral("COMMIT"), moving)) {
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    m_recentRows = 0;
    m_recentFromMs = std::numeric_limits<qint64>::max();
    return true;
}

qint64 HistoryStoreWorker::now() const
{
    return m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
}

qint64 HistoryStoreWorker::retentionCutoff() const
{
    if (m_options.retentionDays <= 0) {
        return 0;
    }
    return now() - qint64(std::llround(m_options.retentionDays * double(DayMs)));
}

bool HistoryStoreWorker::trimExpired(qint64 sourceId, int limit, const QString &during)
{
    m_trimSamples->bindValue(0, sourceId);
    m_trimSamples->bindValue(1, sourceId);
    m_trimSamples->bindValue(2, retentionCutoff());
    m_trimSamples->bindValue(3, limit);
    if (!m_trimSamples->exec()) {
        return fail(m_trimSamples->lastError(), during);
    }
    m_trimSamples->finish();
    return true;
}

qint64 HistoryStoreWorker::applyRetention()
{
    const qint64 removed = deleteOldSamples();
    if (m_failed) {
        closeDatabase();
    }
    return removed;
}

qint64 HistoryStoreWorker::deleteOldSamples()
{
    if (m_failed || !m_db.isOpen()) {
        return -1;
    }
    // Into samples first: a source whose samples are all in recent is not one without samples.
    if (!moveRecent()) {
        return -1;
    }
    qint64 removed = 0;
    if (m_options.retentionDays > 0) {
        const qint64 cutoff = retentionCutoff();
        const QString deleting =
            HistoryStore::tr("deleting samples older than %1 days").arg(m_options.retentionDays);
        QSqlQuery ids(m_db);
        ids.setForwardOnly(true);
        if (!exec(QStringLiteral("SELECT id FROM sources"), deleting, &ids)) {
            return -1;
        }
        QVector<qint64> sourceIds;
        while (ids.next()) {
            sourceIds.append(ids.value(0).toLongLong());
        }
        ids.finish();
        if (!exec(QStringLiteral("BEGIN IMMEDIATE"), deleting)) {
            return -1;
        }
        // Per source, so each delete is a range of the (source_id, ts) key, not a table scan.
        QSqlQuery del(m_db);
        del.prepare(QStringLiteral("DELETE FROM samples WHERE source_id = ? AND ts < ?"));
        for (qint64 id : std::as_const(sourceIds)) {
            del.bindValue(0, id);
            del.bindValue(1, cutoff);
            if (!del.exec()) {
                fail(del.lastError(), deleting);
                break;
            }
            removed += std::max(0, del.numRowsAffected());
        }
        del.finish();
        if (m_failed ||
            !exec(QStringLiteral("DELETE FROM sources WHERE NOT EXISTS (SELECT 1 FROM samples "
                                 "WHERE samples.source_id = sources.id)"),
                  deleting) ||
            !exec(QStringLiteral("COMMIT"), deleting)) {
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
            m_sourceIds.clear();
            return -1;
        }
        m_sourceIds.clear(); // sources without samples were deleted; their ids may be reused
        if (removed > 0) {
            qCDebug(lcHistoryStore, "Deleted %lld samples older than %g days", removed,
                    m_options.retentionDays);
        }
    }
    HistoryStore *store = m_store;
    QMetaObject::invokeMethod(
        store, [store, removed]() { Q_EMIT store->retentionApplied(removed); },
        Qt::QueuedConnection);
    return removed;
}

} // namespace Internal

} // namespace Smollama
