// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historystore.h"
#include "history/readinghistory.h"
#include "util/statepaths.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using Smollama::HistoryPoint;
using Smollama::HistoryStore;
using Smollama::HistorySummary;
using Smollama::Reading;
using Smollama::ReadingHistory;
using Smollama::StatePaths;

namespace {

constexpr qint64 Hour = 60 * 60 * 1000;
constexpr qint64 Day = 24 * Hour;

// A second connection to the database, as another program (sqlite3, a backup) would have.
class Connection
{
public:
    explicit Connection(const QString &path)
        : m_name(QStringLiteral("test-%1").arg(++s_count))
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        m_db.open();
    }
    ~Connection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }

    bool exec(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        return true;
    }
    QVariant value(const QString &sql, int column = 0)
    {
        QSqlQuery q(m_db);
        return q.exec(sql) && q.next() ? q.value(column) : QVariant();
    }

private:
    static inline int s_count = 0;
    QString m_name;
    QSqlDatabase m_db;
};

qint64 rowCount(const QString &path, const QString &table = QStringLiteral("samples"))
{
    Connection c(path);
    return c.value(QStringLiteral("SELECT count(*) FROM %1").arg(table)).toLongLong();
}

Reading readingAt(const QString &source, qint64 ms, const QVariant &value)
{
    return Reading(source, value, QString(), QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

QByteArray randomBytes(int size)
{
    QRandomGenerator random(1234);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes) {
        c = char(random.bounded(256));
    }
    return bytes;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_HistoryStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QTemporaryDir m_dir;
    int m_fileCount = 0;

    QString newPath()
    {
        return m_dir.filePath(QStringLiteral("db%1/readings.db").arg(++m_fileCount));
    }

    // Flushes only when a test asks; waits at most 200 ms for locks.
    HistoryStore::Options options(const QString &path)
    {
        HistoryStore::Options o;
        o.databasePath = path;
        o.flushIntervalMs = 60 * 60 * 1000;
        o.flushThreshold = 1000000;
        o.busyTimeoutMs = 200;
        return o;
    }

    // Expects the one warning a store unable to use \a path logs, and no second one.
    static void expectOneWarningAbout(const QString &path)
    {
        const QRegularExpression pattern(QRegularExpression::escape(path));
        QTest::ignoreMessage(QtWarningMsg, pattern);
        QTest::failOnWarning(pattern);
    }

    static void verifyUnusable(HistoryStore &store, const QString &path, const QString &why)
    {
        QVERIFY(!store.isAvailable());
        const QString error = store.errorString();
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(why, Qt::CaseInsensitive), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("move the file away"), Qt::CaseInsensitive) ||
                     error.contains(QLatin1String("move it away"), Qt::CaseInsensitive),
                 qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("keeps running without persistence")),
                 qPrintable(error));
        // Persistence is off, cheaply: nothing is queued, nothing is written or loaded.
        store.enqueue(readingAt(QStringLiteral("a:x"), QDateTime::currentMSecsSinceEpoch(), 1.0));
        QCOMPARE(store.pendingCount(), 0);
        QVERIFY(!store.flush(1000));
        ReadingHistory history;
        QCOMPARE(store.loadInto(history, 0), qint64(-1));
    }

private Q_SLOTS:
    void initTestCase();
    void defaultDatabaseIsInHome();
    void optionsFromConfig_data();
    void optionsFromConfig();
    void persistsAcrossRestart();
    void usesWalAndVersionedSchema();
    void retentionAtOpen_data();
    void retentionAtOpen();
    void retentionOnEachWrite_data();
    void retentionOnEachWrite();
    void retentionFullPassTakesQuietSources();
    void automaticFlush_data();
    void automaticFlush();
    void recentMovesIntoSamples();
    void shutdownWritesPending_data();
    void shutdownWritesPending();
    void enqueueFromThreads();
    void corruptDatabase_data();
    void corruptDatabase();
    void lockedAtOpen();
    void lockedWhileRunning();
    void newerSchema();
    void persistenceOff();
};

void tst_HistoryStore::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(m_dir.isValid());
    // Never the real ~/.smollama, even when run outside ctest.
    qputenv("HOME", QFile::encodeName(m_home.path()));
}

void tst_HistoryStore::defaultDatabaseIsInHome()
{
    const QString expected = QDir(m_home.path()).filePath(QStringLiteral(".smollama/readings.db"));
    QCOMPARE(StatePaths::historyDatabase(), expected);

    HistoryStore store;
    QVERIFY2(store.open(), qPrintable(store.errorString()));
    QVERIFY(store.isAvailable());
    QCOMPARE(store.databasePath(), expected);
    QVERIFY(QFile::exists(expected));
    QVERIFY(store.errorString().isEmpty());
}

void tst_HistoryStore::optionsFromConfig_data()
{
    QTest::addColumn<QJsonObject>("section");
    QTest::addColumn<QString>("database");
    QTest::addColumn<double>("retentionDays");
    QTest::addColumn<bool>("persist");

    QTest::newRow("defaults") << QJsonObject() << QString() << 7.0 << true;
    QTest::newRow("all keys") << QJsonObject{{QStringLiteral("database"), QStringLiteral("~/h.db")},
                                             {QStringLiteral("retention_days"), 2.5},
                                             {QStringLiteral("persist"), false}}
                              << QStringLiteral("~/h.db") << 2.5 << false;
}

void tst_HistoryStore::optionsFromConfig()
{
    QFETCH(QJsonObject, section);
    QFETCH(QString, database);
    QFETCH(double, retentionDays);
    QFETCH(bool, persist);

    const HistoryStore::Options o = HistoryStore::Options::fromConfig(section);
    QCOMPARE(o.databasePath, database);
    QCOMPARE(o.retentionDays, retentionDays);
    QCOMPARE(o.persist, persist);
}

void tst_HistoryStore::persistsAcrossRestart()
{
    const QString path = newPath();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QStringList sources = {QStringLiteral("system:cpu_temp"), QStringLiteral("gpio:door")};
    ReadingHistory before;
    {
        HistoryStore store;
        QVERIFY2(store.open(options(path)), qPrintable(store.errorString()));
        // Three hours at 1 s: the reloaded history has buckets and a raw hour again.
        for (int i = 0; i < 3 * 3600; ++i) {
            const qint64 t = now - 3 * Hour + i * 1000;
            for (const QString &source : sources) {
                const Reading r = source.startsWith(QLatin1String("gpio"))
                                      ? readingAt(source, t, (i / 90) % 2 == 0)
                                      : readingAt(source, t, 40.0 + (i % 600) / 10.0);
                before.add(r);
                store.enqueue(r);
            }
        }
        store.enqueue(readingAt(QStringLiteral("system:hostname"), now, QStringLiteral("pi")));
        QVERIFY(store.flush());
        QCOMPARE(store.pendingCount(), 0);
        store.close();
        QVERIFY(!store.isAvailable());
    }
    QCOMPARE(rowCount(path), qint64(2 * 3 * 3600));

    HistoryStore store;
    QVERIFY2(store.open(options(path)), qPrintable(store.errorString()));
    ReadingHistory after;
    QCOMPARE(store.loadInto(after, now - Day), qint64(2 * 3 * 3600));
    QCOMPARE(after.sources(), before.sources());
    for (const QString &source : sources) {
        for (qint64 from : {now - 3 * Hour, now - 2 * Hour, now - Hour / 2}) {
            const HistorySummary a = before.summary(source, from, now);
            const HistorySummary b = after.summary(source, from, now);
            QCOMPARE(b.count, a.count);
            QCOMPARE(b.min, a.min);
            QCOMPARE(b.max, a.max);
            QCOMPARE(b.avg, a.avg);
            QCOMPARE(b.last, a.last);
            QCOMPARE(b.firstMs, a.firstMs);
            QCOMPARE(b.lastMs, a.lastMs);
        }
        const QVector<HistoryPoint> a = before.points(source, now - Day, now, 120);
        const QVector<HistoryPoint> b = after.points(source, now - Day, now, 120);
        QCOMPARE(b.size(), a.size());
        for (int i = 0; i < a.size(); ++i) {
            QCOMPARE(b.at(i).timestampMs, a.at(i).timestampMs);
            QCOMPARE(b.at(i).max, a.at(i).max);
        }
    }
    // sinceMs limits what is loaded.
    ReadingHistory lastHour;
    QCOMPARE(store.loadInto(lastHour, now - Hour), qint64(2 * 3600));
}

void tst_HistoryStore::usesWalAndVersionedSchema()
{
    const QString path = newPath();
    HistoryStore store;
    QVERIFY2(store.open(options(path)), qPrintable(store.errorString()));
    store.enqueue(readingAt(QStringLiteral("a:x"), QDateTime::currentMSecsSinceEpoch(), 1.5));
    QVERIFY(store.flush());

    QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
    Connection other(path);
    QCOMPARE(other.value(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(other.value(QStringLiteral("PRAGMA user_version")).toInt(),
             HistoryStore::SchemaVersion);
    QCOMPARE(other.value(QStringLiteral("SELECT name FROM sources")).toString(),
             QStringLiteral("a:x"));
    QCOMPARE(other.value(QStringLiteral("SELECT value FROM samples")).toDouble(), 1.5);
    // Queries by source and time use the (source_id, ts) key, not a scan.
    const QString plan = other
                             .value(QStringLiteral("EXPLAIN QUERY PLAN SELECT ts, value FROM "
                                                   "samples WHERE source_id = 1 AND ts >= 0"),
                                    3)
                             .toString();
    QVERIFY2(plan.startsWith(QLatin1String("SEARCH")) && plan.contains(QLatin1String("ts>")),
             qPrintable(plan));
}

void tst_HistoryStore::retentionAtOpen_data()
{
    QTest::addColumn<double>("retentionDays");
    QTest::addColumn<qint64>("deleted");

    // Rows are 8 days, 3 days and 1 hour old.
    QTest::newRow("7 days") << 7.0 << qint64(1);
    QTest::newRow("1 day") << 1.0 << qint64(2);
    QTest::newRow("half a day") << 0.5 << qint64(2);
    QTest::newRow("0 keeps everything") << 0.0 << qint64(0);
}

void tst_HistoryStore::retentionAtOpen()
{
    QFETCH(double, retentionDays);
    QFETCH(qint64, deleted);

    const QString path = newPath();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    HistoryStore::Options o = options(path);
    {
        // Written while everything was kept; then the retention becomes shorter.
        HistoryStore::Options keep = o;
        keep.retentionDays = 0;
        HistoryStore store;
        QVERIFY(store.open(keep));
        for (qint64 age : {8 * Day, 3 * Day, Hour}) {
            store.enqueue(readingAt(QStringLiteral("a:x"), now - age, double(age)));
        }
        QVERIFY(store.flush());
    }
    QCOMPARE(rowCount(path), qint64(3));

    o.retentionDays = retentionDays;
    HistoryStore store;
    QSignalSpy retention(&store, &HistoryStore::retentionApplied);
    QVERIFY(store.open(o));
    QTRY_COMPARE(retention.count(), 1);
    QCOMPARE(retention.at(0).at(0).toLongLong(), deleted);
    ReadingHistory history;
    QCOMPARE(store.loadInto(history, 0), 3 - deleted);
    QCOMPARE(rowCount(path), 3 - deleted);
}

void tst_HistoryStore::retentionOnEachWrite_data()
{
    QTest::addColumn<double>("retentionDays");
    QTest::addColumn<qint64>("later");

    // The smallest retention the schema allows above 0 (a fraction of a day) and the default.
    QTest::newRow("a minute") << 1.0 / (24 * 60) << qint64(61 * 1000);
    QTest::newRow("7 days") << 7.0 << 7 * Day + 1000;
}

void tst_HistoryStore::retentionOnEachWrite()
{
    QFETCH(double, retentionDays);
    QFETCH(qint64, later);

    const QString path = newPath();
    const qint64 start = QDateTime::currentMSecsSinceEpoch();
    auto clock = std::make_shared<std::atomic<qint64>>(start);
    HistoryStore::Options o = options(path);
    o.retentionDays = retentionDays;
    o.clock = [clock] { return clock->load(); };
    HistoryStore store;
    QSignalSpy retention(&store, &HistoryStore::retentionApplied);
    QVERIFY(store.open(o));
    QTRY_COMPARE(retention.count(), 1); // at open
    store.enqueue(readingAt(QStringLiteral("a:x"), start, 1.0));
    store.enqueue(readingAt(QStringLiteral("a:x"), start + 1000, 2.0));
    store.enqueue(readingAt(QStringLiteral("b:y"), start + 1000, 3.0));
    QVERIFY(store.flush());
    QCOMPARE(rowCount(path), qint64(3));

    // Time passes beyond the retention for the first sample of a:x only: the next write of
    // a:x takes it (with 7 days, the full pass comes only after an hour).
    clock->store(start + later);
    store.enqueue(readingAt(QStringLiteral("a:x"), start + later, 4.0));
    QVERIFY(store.flush());
    Connection c(path);
    QCOMPARE(c.value(QStringLiteral("SELECT group_concat(value) FROM (SELECT value FROM samples "
                                    "JOIN sources ON sources.id = samples.source_id WHERE "
                                    "sources.name = 'a:x' ORDER BY ts)"))
                 .toString(),
             QStringLiteral("2.0,4.0"));
    QCOMPARE(rowCount(path), qint64(3)); // b:y is not expired
}

void tst_HistoryStore::retentionFullPassTakesQuietSources()
{
    const QString path = newPath();
    const qint64 start = QDateTime::currentMSecsSinceEpoch();
    auto clock = std::make_shared<std::atomic<qint64>>(start);
    HistoryStore::Options o = options(path);
    o.retentionDays = 1;
    o.retentionIntervalMs = 1000; // the shortest full-pass interval; an hour by default
    o.clock = [clock] { return clock->load(); };
    HistoryStore store;
    QSignalSpy retention(&store, &HistoryStore::retentionApplied);
    QVERIFY(store.open(o));
    QTRY_COMPARE(retention.count(), 1); // at open
    store.enqueue(readingAt(QStringLiteral("a:x"), start, 1.0));
    store.enqueue(readingAt(QStringLiteral("b:y"), start + Day / 2, 2.0));
    QVERIFY(store.flush());
    QCOMPARE(rowCount(path), qint64(2));
    clock->store(start + Day + 1000); // nothing is written any more
    QTRY_VERIFY_WITH_TIMEOUT(retention.count() >= 2, 5000);
    QCOMPARE(retention.at(1).at(0).toLongLong(), qint64(1));
    QCOMPARE(rowCount(path), qint64(1));
}

void tst_HistoryStore::automaticFlush_data()
{
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<int>("threshold");
    QTest::addColumn<int>("rows");

    QTest::newRow("every interval") << 50 << 1000 << 3;
    QTest::newRow("buffer full") << 60 * 60 * 1000 << 10 << 10;
}

void tst_HistoryStore::automaticFlush()
{
    QFETCH(int, intervalMs);
    QFETCH(int, threshold);
    QFETCH(int, rows);

    const QString path = newPath();
    HistoryStore::Options o = options(path);
    o.flushIntervalMs = intervalMs;
    o.flushThreshold = threshold;
    HistoryStore store;
    QSignalSpy flushed(&store, &HistoryStore::flushed);
    QVERIFY(store.open(o));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < rows; ++i) {
        store.enqueue(readingAt(QStringLiteral("a:x"), now + i, double(i)));
    }
    QTRY_COMPARE(flushed.count(), 1);
    QCOMPARE(flushed.at(0).at(0).toInt(), rows);
    QCOMPARE(store.pendingCount(), 0);
    // In recent until the minute is over.
    QCOMPARE(rowCount(path, QStringLiteral("recent")), qint64(rows));
    QCOMPARE(rowCount(path), qint64(0));
}

void tst_HistoryStore::recentMovesIntoSamples()
{
    const QString path = newPath();
    HistoryStore::Options o = options(path);
    o.flushIntervalMs = 20;
    o.moveIntervalMs = 60 * 60 * 1000;
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 10 * 1000;
    const int sources = 1000;
    const auto source = [](int i) { return QStringLiteral("fleet:s%1").arg(i); };
    QVector<std::pair<qint64, double>> read;
    const auto readSource = [&](HistoryStore &store, int i) {
        read.clear();
        return store.readSamples(QString(), source(i), t0 - Hour, t0 + Hour,
                                 [&](qint64 ts, double v) {
                                     read.append({ts, v});
                                 });
    };
    {
        HistoryStore store;
        QSignalSpy flushed(&store, &HistoryStore::flushed);
        QVERIFY2(store.open(o), qPrintable(store.errorString()));
        for (int i = 0; i < sources; ++i) {
            store.enqueue(readingAt(source(i), t0, double(i)));
        }
        QTRY_COMPARE(flushed.count(), 1);
        // A second of a thousand sources appends to the end of recent: a few pages, where a
        // table clustered by source writes one page per source.
        Connection other(path);
        QVERIFY(other.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        QCOMPARE(QFileInfo(path + QStringLiteral("-wal")).size(), qint64(0));
        for (int i = 0; i < sources; ++i) {
            store.enqueue(readingAt(source(i), t0 + 1000, double(i) + 0.5));
        }
        QTRY_COMPARE(flushed.count(), 2);
        const qint64 pages = QFileInfo(path + QStringLiteral("-wal")).size() / (4096 + 24);
        qInfo("a second of %d sources wrote %lld pages", sources, pages);
        QVERIFY2(pages > 0 && pages < 40, qPrintable(QString::number(pages)));
        QCOMPARE(rowCount(path, QStringLiteral("recent")), qint64(2 * sources));
        QCOMPARE(rowCount(path), qint64(0));

        // Queries see recent; of two samples at one millisecond the later one counts.
        store.enqueue(readingAt(source(7), t0 + 1000, 99.0));
        QTRY_COMPARE(flushed.count(), 3);
        QVERIFY(readSource(store, 7));
        QCOMPARE(read, (QVector<std::pair<qint64, double>>{{t0, 7.0}, {t0 + 1000, 99.0}}));

        // flush() moves them, in key order, the later sample kept; queries are unchanged.
        QVERIFY(store.flush());
        QCOMPARE(rowCount(path, QStringLiteral("recent")), qint64(0));
        QCOMPARE(rowCount(path), qint64(2 * sources));
        QCOMPARE(other
                     .value(QStringLiteral("SELECT value FROM samples JOIN sources ON "
                                           "sources.id = source_id WHERE name = 'fleet:s7' "
                                           "AND ts = %1")
                                .arg(t0 + 1000))
                     .toDouble(),
                 99.0);
        QVERIFY(readSource(store, 7));
        QCOMPARE(read, (QVector<std::pair<qint64, double>>{{t0, 7.0}, {t0 + 1000, 99.0}}));
        QVERIFY(readSource(store, 999));
        QCOMPARE(read, (QVector<std::pair<qint64, double>>{{t0, 999.0}, {t0 + 1000, 999.5}}));
    }

    // Rows a run left in recent (it ended without close(): a power cut) are moved at the next
    // open and loaded.
    {
        Connection other(path);
        QVERIFY(other.exec(QStringLiteral("INSERT INTO recent (source_id, ts, value) SELECT id, "
                                          "%1, 1.25 FROM sources WHERE name = 'fleet:s3'")
                               .arg(t0 + 2000)));
    }
    {
        HistoryStore store;
        QSignalSpy retention(&store, &HistoryStore::retentionApplied);
        QVERIFY2(store.open(o), qPrintable(store.errorString()));
        QVERIFY(readSource(store, 3));
        QCOMPARE(read.size(), 3);
        QTRY_COMPARE(retention.count(), 1);
        QCOMPARE(rowCount(path, QStringLiteral("recent")), qint64(0));
        QCOMPARE(rowCount(path), qint64(2 * sources + 1));
    }

    // On its own once the interval is over.
    o.moveIntervalMs = 100;
    HistoryStore store;
    QSignalSpy flushed(&store, &HistoryStore::flushed);
    QVERIFY2(store.open(o), qPrintable(store.errorString()));
    store.enqueue(readingAt(source(0), t0 + 3000, 5.0));
    QTRY_COMPARE(flushed.count(), 1);
    QTRY_COMPARE(rowCount(path), qint64(2 * sources + 2));
    QCOMPARE(rowCount(path, QStringLiteral("recent")), qint64(0));
    ReadingHistory history;
    QCOMPARE(store.loadInto(history, t0 - Hour), qint64(2 * sources + 2));
}

void tst_HistoryStore::shutdownWritesPending_data()
{
    QTest::addColumn<bool>("viaDestructor");
    QTest::newRow("close()") << false;
    QTest::newRow("destructor") << true;
}

void tst_HistoryStore::shutdownWritesPending()
{
    QFETCH(bool, viaDestructor);

    const QString path = newPath();
    auto store = std::make_unique<HistoryStore>();
    QVERIFY(store->open(options(path)));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 25; ++i) {
        store->enqueue(readingAt(QStringLiteral("a:x"), now + i, double(i)));
    }
    QCOMPARE(store->pendingCount(), 25);
    if (viaDestructor) {
        store.reset();
    } else {
        store->close();
        store->close(); // twice is fine
    }
    QCOMPARE(rowCount(path), qint64(25));
}

void tst_HistoryStore::enqueueFromThreads()
{
    const QString path = newPath();
    HistoryStore::Options o = options(path);
    o.flushThreshold = 500; // flushes happen while the threads still write
    HistoryStore store;
    QVERIFY(store.open(o));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&store, t, now]() {
            const QString source = QStringLiteral("thread%1:x").arg(t);
            for (int i = 0; i < 2500; ++i) {
                store.enqueue(readingAt(source, now + i, double(i)));
                store.enqueue(readingAt(source, now + i, QStringLiteral("not a number")));
            }
        });
    }
    for (std::thread &t : threads) {
        t.join();
    }
    QVERIFY(store.flush());
    QCOMPARE(rowCount(path), qint64(4 * 2500));
}

void tst_HistoryStore::corruptDatabase_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("random bytes") << QStringLiteral("random");
    QTest::newRow("text file") << QStringLiteral("text");
    QTest::newRow("damaged pages") << QStringLiteral("pages");
}

void tst_HistoryStore::corruptDatabase()
{
    QFETCH(QString, kind);

    const QString path = newPath();
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    if (kind == QLatin1String("pages")) {
        // A real history, then 16 KiB of garbage over its pages after the first two.
        {
            HistoryStore store;
            QVERIFY(store.open(options(path)));
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            for (int i = 0; i < 20000; ++i) {
                store.enqueue(readingAt(QStringLiteral("s%1:x").arg(i % 10), now + i, i * 0.5));
            }
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.size() > 64 * 1024);
        QVERIFY(file.seek(8192));
        file.write(randomBytes(16 * 1024));
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kind == QLatin1String("random")
                       ? randomBytes(64 * 1024)
                       : QByteArray("no database here\n").repeated(500));
    }
    const QByteArray bytes = readFile(path);

    expectOneWarningAbout(path);
    HistoryStore store;
    QSignalSpy errors(&store, &HistoryStore::errorOccurred);
    QVERIFY(!store.open(options(path)));
    verifyUnusable(store, path, QStringLiteral("damaged"));
    QCOMPARE(errors.count(), 0); // open() reports through its result
    // The user's file is left as it was, to be moved away or rescued.
    QCOMPARE(readFile(path), bytes);
}

void tst_HistoryStore::lockedAtOpen()
{
    const QString path = newPath();
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    {
        Connection other(path);
        QVERIFY(other.exec(QStringLiteral("CREATE TABLE t (x)")));
        QVERIFY(other.exec(QStringLiteral("BEGIN EXCLUSIVE")));
        QVERIFY(other.exec(QStringLiteral("INSERT INTO t VALUES (1)")));

        expectOneWarningAbout(path);
        HistoryStore store;
        QVERIFY(!store.open(options(path)));
        verifyUnusable(store, path, QStringLiteral("locked"));
        QVERIFY(other.exec(QStringLiteral("ROLLBACK")));
    }
    // Once the other program is gone, a restart of the store works.
    HistoryStore store;
    QVERIFY2(store.open(options(path)), qPrintable(store.errorString()));
}

void tst_HistoryStore::lockedWhileRunning()
{
    const QString path = newPath();
    HistoryStore store;
    QSignalSpy errors(&store, &HistoryStore::errorOccurred);
    QVERIFY(store.open(options(path)));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    Connection other(path);
    QVERIFY(other.exec(QStringLiteral("BEGIN EXCLUSIVE")));
    expectOneWarningAbout(path);
    store.enqueue(readingAt(QStringLiteral("a:x"), now, 1.0));
    QVERIFY(!store.flush());
    QTRY_COMPARE(errors.count(), 1);
    QCOMPARE(errors.at(0).at(0).toString(), store.errorString());
    verifyUnusable(store, path, QStringLiteral("locked"));
    QVERIFY(other.exec(QStringLiteral("ROLLBACK")));
    store.close();
}

void tst_HistoryStore::newerSchema()
{
    const QString path = newPath();
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    {
        Connection other(path);
        QVERIFY(other.exec(QStringLiteral("PRAGMA user_version = 99")));
    }
    expectOneWarningAbout(path);
    HistoryStore store;
    QVERIFY(!store.open(options(path)));
    QVERIFY2(store.errorString().contains(QLatin1String("newer smollama")),
             qPrintable(store.errorString()));
    verifyUnusable(store, path, QStringLiteral("schema version 99"));
}

void tst_HistoryStore::persistenceOff()
{
    const QString path = newPath();
    HistoryStore::Options o = options(path);
    o.persist = false;
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    HistoryStore store;
    QVERIFY(!store.open(o));
    QVERIFY(!store.isAvailable());
    QVERIFY(store.errorString().contains(QLatin1String("memory only")));
    store.enqueue(readingAt(QStringLiteral("a:x"), 0, 1.0));
    QCOMPARE(store.pendingCount(), 0);
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(tst_HistoryStore)
#include "tst_historystore.moc"
