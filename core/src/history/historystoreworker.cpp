// SPDX-License-Identifier: GPL-3.0-or-later
// The store's worker, on the store's thread: opening and checking the file, loading, reading,
// and how failures are reported (writes, moves and retention: historystorewrites.cpp).
#include "history/historylog.h"
#include "history/historystore.h"
#include "history/historystore_p.h"
#include "history/readinghistory.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMutexLocker>
#include <QStringList>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace Smollama {

namespace {

std::atomic<int> s_connectionCounter{0};

} // namespace

namespace Internal {

HistoryStoreWorker::HistoryStoreWorker(HistoryStore *store, HistoryStoreState *state,
                                       const HistoryStore::Options &options, const QString &path)
    : m_store(store)
    , m_state(state)
    , m_options(options)
    , m_path(path)
    , m_connectionName(QStringLiteral("smollama-history-%1").arg(++s_connectionCounter))
{
}

HistoryStoreWorker::~HistoryStoreWorker()
{
    closeDatabase();
}

bool HistoryStoreWorker::exec(const QString &sql, const QString &during, QSqlQuery *query)
{
    QSqlQuery local(m_db);
    QSqlQuery &q = query ? *query : local;
    if (!q.exec(sql)) {
        return fail(q.lastError(), during);
    }
    return true;
}

bool HistoryStoreWorker::fail(const QSqlError &error, const QString &during)
{
    const QString code = error.nativeErrorCode();
    QString detail = error.databaseText();
    if (detail.isEmpty()) {
        detail = error.text();
    }
    const QString lower = detail.toLower();
    // SQLite result codes: 5 BUSY, 6 LOCKED, 11 CORRUPT, 26 NOTADB.
    Problem problem = Problem::Other;
    if (code == QLatin1String("5") || code == QLatin1String("6") ||
        lower.contains(QLatin1String("locked")) || lower.contains(QLatin1String("busy"))) {
        problem = Problem::Locked;
    } else if (code == QLatin1String("11") || code == QLatin1String("26") ||
               lower.contains(QLatin1String("malformed")) ||
               lower.contains(QLatin1String("not a database")) ||
               lower.contains(QLatin1String("corrupt"))) {
        problem = Problem::Damaged;
    }
    return fail(problem, detail, during);
}

bool HistoryStoreWorker::fail(Problem problem, const QString &detail, const QString &during)
{
    if (m_failed) {
        return false;
    }
    m_failed = true;
    const QString keepRunning =
        HistoryStore::tr("smollama keeps running without persistence (the history of this run "
                         "is kept in memory only).");
    QString message;
    switch (problem) {
    case Problem::Damaged:
        message = HistoryStore::tr("The readings history database %1 is damaged or not a SQLite "
                                   "database (%2, while %3). Move it away to start a new history "
                                   "(mv %1 %1.broken) and restart smollama; %4")
                      .arg(m_path, detail, during, keepRunning);
        break;
    case Problem::Locked:
        message = HistoryStore::tr("The readings history database %1 is locked by another program "
                                   "(%2, while %3). Close that program (sqlite3, a backup tool, a "
                                   "second smollama) and restart smollama, or move the file away "
                                   "to start a new history; %4")
                      .arg(m_path, detail, during, keepRunning);
        break;
    case Problem::Newer:
        message = HistoryStore::tr("The readings history database %1 was written by a newer "
                                   "smollama (%2). Update smollama, or move the file away to "
                                   "start a new history; %3")
                      .arg(m_path, detail, keepRunning);
        break;
    case Problem::Other:
        message = HistoryStore::tr("The readings history database %1 cannot be used (%2, while "
                                   "%3). Check the path and its permissions (history.database), "
                                   "or move the file away to start a new history; %4")
                      .arg(m_path, detail, during, keepRunning);
        break;
    }
    {
        QMutexLocker locker(&m_state->mutex);
        m_state->errorString = message;
        m_state->accepting = false;
        m_state->worker = nullptr;
        m_state->pending.clear();
    }
    m_state->available.store(false);
    qCWarning(lcHistoryStore).noquote() << message;
    if (m_flushTimer) {
        m_flushTimer->stop();
    }
    if (m_retentionTimer) {
        m_retentionTimer->stop();
    }
    if (m_opened) {
        // Emitted in the store's thread; dropped if the store is gone by then.
        HistoryStore *store = m_store;
        QMetaObject::invokeMethod(
            store, [store, message]() { Q_EMIT store->errorOccurred(message); },
            Qt::QueuedConnection);
    }
    return false;
}

void HistoryStoreWorker::closeDatabase()
{
    m_insertSample.reset();
    m_trimSamples.reset();
    m_sourceIds.clear();
    if (m_db.isValid()) {
        m_db.close();
    }
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool HistoryStoreWorker::open()
{
    const bool ok = openDatabase();
    if (!ok) {
        closeDatabase();
    }
    return ok;
}

bool HistoryStoreWorker::openDatabase()
{
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        return fail(Problem::Other,
                    HistoryStore::tr("cannot create the folder %1").arg(info.absolutePath()),
                    HistoryStore::tr("creating its folder"));
    }
    if (info.isDir()) {
        return fail(Problem::Other, HistoryStore::tr("it is a folder"),
                    HistoryStore::tr("opening it"));
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_db.isValid()) {
        return fail(Problem::Other,
                    HistoryStore::tr("Qt's SQLite driver QSQLITE is missing; install "
                                     "libqt6sql6-sqlite"),
                    HistoryStore::tr("loading the database driver"));
    }
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_options.busyTimeoutMs));
    if (!m_db.open()) {
        return fail(m_db.lastError(), HistoryStore::tr("opening it"));
    }

    // WAL: readers (loadInto, sqlite3 by hand) never block the writer, and a commit is one
    // append instead of a journal dance: kind to SD cards. NORMAL is safe with WAL; a power cut
    // may lose the last second of history, never the file.
    QSqlQuery mode(m_db);
    if (!exec(QStringLiteral("PRAGMA journal_mode = WAL"),
              HistoryStore::tr("switching it to WAL mode"), &mode)) {
        return false;
    }
    if (mode.next() &&
        mode.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        qCWarning(lcHistoryStore,
                  "%s: WAL journal mode is not available on this file system (got \"%s\"); "
                  "the history is still written, more slowly.",
                  qUtf8Printable(m_path), qUtf8Printable(mode.value(0).toString()));
    }
    mode.finish();
    if (!exec(QStringLiteral("PRAGMA synchronous = NORMAL"),
              HistoryStore::tr("setting synchronous mode"))) {
        return false;
    }
    // 256 KiB of page cache instead of SQLite's 2 MiB: a second's write changes a few pages at
    // the end of recent, and a minute's move one to a few pages per source, more than 2 MiB
    // hold with a fleet (1,000 sources: about 13 MiB), which the kernel's cache keeps anyway.
    // bench_fleet: 0.9 MiB less RSS than with 1 MiB, the same CPU.
    if (!exec(QStringLiteral("PRAGMA cache_size = -256"),
              HistoryStore::tr("setting its cache size"))) {
        return false;
    }

    QSqlQuery check(m_db);
    if (!exec(QStringLiteral("PRAGMA quick_check"),
              HistoryStore::tr("checking it (PRAGMA quick_check)"), &check)) {
        return false;
    }
    // "ok", or one row per problem found; the first few are enough to tell what happened.
    QStringList problems;
    while (check.next() && problems.size() < 3) {
        problems.append(check.value(0).toString().simplified());
    }
    check.finish();
    if (problems != QStringList{QStringLiteral("ok")}) {
        QString verdict = problems.join(QLatin1String("; "));
        if (verdict.size() > 160) {
            verdict = verdict.left(160) + QStringLiteral("...");
        }
        return fail(Problem::Damaged, HistoryStore::tr("quick_check says: %1").arg(verdict),
                    HistoryStore::tr("checking it (PRAGMA quick_check)"));
    }

    QSqlQuery version(m_db);
    if (!exec(QStringLiteral("PRAGMA user_version"), HistoryStore::tr("reading its version"),
              &version)) {
        return false;
    }
    const int schema = version.next() ? version.value(0).toInt() : 0;
    version.finish();
    if (schema > HistoryStore::SchemaVersion) {
        return fail(Problem::Newer,
                    HistoryStore::tr("schema version %1, this smollama knows up to %2")
                        .arg(schema)
                        .arg(HistoryStore::SchemaVersion),
                    HistoryStore::tr("reading its version"));
    }

    // BEGIN IMMEDIATE takes the write lock now: a database someone else holds locked is
    // reported at open, not at the first flush.
    const QString creating = HistoryStore::tr("creating its tables");
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), HistoryStore::tr("locking it for writing"))) {
        return false;
    }
    if (!createSchema(schema) ||
        !exec(QStringLiteral("PRAGMA user_version = %1").arg(HistoryStore::SchemaVersion),
              creating) ||
        !exec(QStringLiteral("COMMIT"), creating)) {
        return false;
    }

    m_insertSample.emplace(m_db);
    if (!m_insertSample->prepare(
            QStringLiteral("INSERT INTO recent (source_id, ts, value) VALUES (?, ?, ?)"))) {
        return fail(m_insertSample->lastError(), HistoryStore::tr("preparing writes"));
    }

    // What a run that ended without close() left in recent moves with the first retention
    // pass, right after open.
    QSqlQuery left(m_db);
    if (!exec(QStringLiteral("SELECT count(*), min(ts) FROM recent"),
              HistoryStore::tr("looking for samples the last run left in recent"), &left)) {
        return false;
    }
    if (left.next() && left.value(0).toLongLong() > 0) {
        m_recentRows = left.value(0).toLongLong();
        m_recentFromMs = left.value(1).toLongLong();
    }
    left.finish();
    m_sinceMove.start();

    // Expired samples of the sources being moved go with each move (moveRecent()),
    // oldest first and a bounded number per source, so a move never waits long for them.
    m_trimSamples.emplace(m_db);
    if (!m_trimSamples->prepare(QStringLiteral(
            "DELETE FROM samples WHERE source_id = ? AND ts IN (SELECT ts FROM samples WHERE "
            "source_id = ? AND ts < ? ORDER BY ts LIMIT ?)"))) {
        return fail(m_trimSamples->lastError(), HistoryStore::tr("preparing writes"));
    }

    m_flushTimer = new QTimer(this);
    m_flushTimer->setInterval(std::max(1, m_options.flushIntervalMs));
    connect(m_flushTimer, &QTimer::timeout, this, [this]() { writePending(); });
    m_flushTimer->start();
    // The full pass catches the sources that are no longer written (their samples do not
    // grow, so they only wait for it): every hundredth of the retention, which the file then
    // exceeds by at most that much, between a second and retentionIntervalMs (an hour).
    qint64 fullPassMs = std::max<qint64>(1000, m_options.retentionIntervalMs);
    if (m_options.retentionDays > 0) {
        const qint64 retentionMs = qint64(std::llround(m_options.retentionDays * double(DayMs)));
        fullPassMs = std::clamp<qint64>(retentionMs / 100, 1000, fullPassMs);
    }
    m_retentionTimer = new QTimer(this);
    m_retentionTimer->setInterval(std::chrono::milliseconds(fullPassMs));
    connect(m_retentionTimer, &QTimer::timeout, this, [this]() { applyRetention(); });
    m_retentionTimer->start();

    m_opened = true;
    {
        QMutexLocker locker(&m_state->mutex);
        m_state->accepting = true;
        m_state->worker = this;
    }
    m_state->available.store(true);
    qCDebug(lcHistoryStore, "Opened the readings history %s", qUtf8Printable(m_path));

    // Retention at open runs right after; a loadInto() queued meanwhile sees its result.
    QMetaObject::invokeMethod(
        this, [this]() { applyRetention(); }, Qt::QueuedConnection);
    return true;
}

std::optional<qint64> HistoryStoreWorker::sourceId(const QString &node, const QString &name,
                                                   bool add)
{
    const QString key = node.isEmpty() ? name : node + QChar(0x1f) + name;
    const auto it = m_sourceIds.constFind(key);
    if (it != m_sourceIds.constEnd()) {
        return *it;
    }
    // A null QString binds as NULL; this node's sources have the empty text.
    const QString nodeText = node.isEmpty() ? QStringLiteral("") : node;
    if (add) {
        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral("INSERT OR IGNORE INTO sources (node, name) VALUES (?, ?)"));
        insert.addBindValue(nodeText);
        insert.addBindValue(name);
        if (!insert.exec()) {
            fail(insert.lastError(), HistoryStore::tr("adding a source"));
            return std::nullopt;
        }
    }
    QSqlQuery select(m_db);
    select.prepare(QStringLiteral("SELECT id FROM sources WHERE node = ? AND name = ?"));
    select.addBindValue(nodeText);
    select.addBindValue(name);
    if (!select.exec() || (!select.next() && add)) {
        fail(select.lastError(), HistoryStore::tr("looking up a source"));
        return std::nullopt;
    }
    if (!select.isValid()) {
        return std::nullopt; // not stored
    }
    const qint64 id = select.value(0).toLongLong();
    m_sourceIds.insert(key, id);
    return id;
}

qint64 HistoryStoreWorker::loadInto(ReadingHistory &history, qint64 sinceMs)
{
    const qint64 loaded = loadRows(history, sinceMs);
    if (m_failed) {
        closeDatabase();
    }
    return loaded;
}

qint64 HistoryStoreWorker::loadRows(ReadingHistory &history, qint64 sinceMs)
{
    if (!(writePendingRows() && moveRecent()) && (m_failed || !m_db.isOpen())) {
        return -1;
    }
    const QString loading = HistoryStore::tr("loading the history");
    QSqlQuery sources(m_db);
    sources.setForwardOnly(true);
    if (!exec(QStringLiteral("SELECT id, node, name FROM sources ORDER BY node, name"), loading,
              &sources)) {
        return -1;
    }
    struct Source
    {
        qint64 id;
        QString node;
        QString name;
    };
    QVector<Source> list;
    while (sources.next()) {
        list.append({sources.value(0).toLongLong(), sources.value(1).toString(),
                     sources.value(2).toString()});
    }
    sources.finish();

    qint64 loaded = 0;
    QSqlQuery samples(m_db);
    samples.setForwardOnly(true);
    samples.prepare(QStringLiteral(
        "SELECT ts, value FROM samples WHERE source_id = ? AND ts >= ? ORDER BY ts"));
    for (const Source &source : std::as_const(list)) {
        samples.bindValue(0, source.id);
        samples.bindValue(1, sinceMs);
        if (!samples.exec()) {
            fail(samples.lastError(), loading);
            return -1;
        }
        while (samples.next()) {
            history.addPoint(source.node, source.name, samples.value(0).toLongLong(),
                             samples.value(1).toDouble());
            if ((++loaded & 0xfff) == 0 && m_state->cancel.load()) {
                return loaded;
            }
        }
        if (samples.lastError().isValid()) {
            fail(samples.lastError(), loading);
            return -1;
        }
        samples.finish();
    }
    return loaded;
}

bool HistoryStoreWorker::readSamples(const QString &node, const QString &source, qint64 fromMs,
                                     qint64 toMs, const std::function<void(qint64, double)> &sample)
{
    if (m_failed || !m_db.isOpen()) {
        return false;
    }
    const QString reading = HistoryStore::tr("reading the history of %1").arg(source);
    const auto failed = [&](const QSqlQuery &query) {
        fail(query.lastError(), reading);
        closeDatabase();
        return false;
    };
    // Only looks the source up: a query never adds one.
    const std::optional<qint64> sourceId = this->sourceId(node, source, false);
    if (!sourceId) {
        if (m_failed) {
            closeDatabase();
            return false;
        }
        return true; // never stored
    }
    // The samples of the last minute are in recent (no index there: it is read only when the
    // window reaches that far, and holds a minute). Of two samples at one millisecond the one
    // written later counts, as when recent moves into samples.
    QString sql = QStringLiteral("SELECT ts, value, 0 AS n FROM samples WHERE source_id = :id "
                                 "AND ts >= :from AND ts <= :to");
    if (toMs >= m_recentFromMs) {
        sql = QStringLiteral("SELECT ts, value FROM (%1 UNION ALL SELECT ts, value, rowid AS n "
                             "FROM recent WHERE source_id = :id AND ts >= :from AND ts <= :to) "
                             "ORDER BY ts, n")
                  .arg(sql);
    } else {
        sql += QStringLiteral(" ORDER BY ts");
    }
    QSqlQuery samples(m_db);
    samples.setForwardOnly(true);
    samples.prepare(sql);
    samples.bindValue(QStringLiteral(":id"), *sourceId);
    samples.bindValue(QStringLiteral(":from"), fromMs);
    samples.bindValue(QStringLiteral(":to"), toMs);
    if (!samples.exec()) {
        return failed(samples);
    }
    std::optional<std::pair<qint64, double>> held; // passed on once the next time differs
    while (samples.next()) {
        const qint64 ts = samples.value(0).toLongLong();
        if (held && held->first != ts) {
            sample(held->first, held->second);
        }
        held = std::pair{ts, samples.value(1).toDouble()};
    }
    if (samples.lastError().isValid()) {
        return failed(samples);
    }
    if (held) {
        sample(held->first, held->second);
    }
    return true;
}

void HistoryStoreWorker::shutdown(QThread *target)
{
    delete m_flushTimer;
    m_flushTimer = nullptr;
    delete m_retentionTimer;
    m_retentionTimer = nullptr;
    if (writePendingRows()) {
        moveRecent();
    }
    closeDatabase();
    moveToThread(target);
}

} // namespace Internal

} // namespace Smollama
