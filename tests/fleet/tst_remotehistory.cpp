// SPDX-License-Identifier: GPL-3.0-or-later
// The history of other nodes' sources: kept apart from local sources of the same name, in
// memory and in SQLite (the node column), a database of schema version 1 migrated at open
// with its samples kept, and the short memory tiers of remote sources: bounded in values,
// with older ranges answered from SQLite exactly as a source kept in memory answers them.
#include "history/historystore.h"
#include "history/readinghistory.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Smollama;

namespace {

Reading at(const QString &node, const QString &source, qint64 ms, double value)
{
    Reading r(source, value, QStringLiteral("°C"), QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
    r.setNode(node);
    return r;
}

constexpr qint64 MinuteMs = 60 * 1000;

// The remote tiers the tests use: a minute of raw values (at most 120), five minutes in memory.
ReadingHistory::Limits shortRemoteTiers()
{
    ReadingHistory::Limits limits;
    limits.remoteRawSpanMs = MinuteMs;
    limits.remoteMaxRawPoints = 120;
    limits.remoteHorizonMs = 5 * MinuteMs;
    return limits;
}

// A local history with the same tiers as shortRemoteTiers() gives its remote sources, but a day
// of buckets: what a remote source's answers must equal once the store fills in the rest.
ReadingHistory::Limits sameTiersKeptInMemory()
{
    ReadingHistory::Limits limits;
    limits.rawSpanMs = MinuteMs;
    limits.maxRawPoints = 120;
    return limits;
}

} // namespace

class tst_RemoteHistory : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    HistoryStore::Options options(const QString &path)
    {
        HistoryStore::Options o;
        o.databasePath = path;
        o.localNode = QStringLiteral("master");
        o.retentionDays = 0;
        return o;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void sameSourceOfTwoNodesKeptApart()
    {
        ReadingHistory history;
        history.setLocalNode(QStringLiteral("master"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString temp = QStringLiteral("bme280:temperature");
        for (int i = 0; i < 10; ++i) {
            history.add(at(QStringLiteral("master"), temp, now - 10000 + i * 1000, 20 + i));
            history.add(at(QStringLiteral("greenhouse"), temp, now - 10000 + i * 1000, 30));
            history.add(at(QStringLiteral("garage"), temp, now - 10000 + i * 1000, 10));
        }
        QCOMPARE(history.sources(), QStringList{temp});
        QCOMPARE(history.sources(QStringLiteral("greenhouse")), QStringList{temp});
        QCOMPARE(history.sources(QStringLiteral("master")), QStringList{temp});
        QVERIFY(history.sources(QStringLiteral("shed")).isEmpty());
        QCOMPARE(history.summary(temp, now - 60000, now).max, 29.0);
        QCOMPARE(history.summary(QStringLiteral("greenhouse"), temp, now - 60000, now).avg, 30.0);
        QCOMPARE(history.summary(QStringLiteral("garage"), temp, now - 60000, now).count, 10);
        QCOMPARE(history.points(QStringLiteral("garage"), temp, now - 60000, now).size(), 10);
        QCOMPARE(history.unit(QStringLiteral("garage"), temp), QStringLiteral("°C"));
    }

    void remoteSourcesAreBoundedApart()
    {
        ReadingHistory::Limits limits;
        limits.maxSources = 4;
        limits.maxRemoteSources = 3;
        ReadingHistory history(limits);
        history.setLocalNode(QStringLiteral("master"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 10; ++i) {
            history.add(at(QStringLiteral("node%1").arg(i), QStringLiteral("a:x"), now, 1));
        }
        for (int i = 0; i < 4; ++i) {
            history.add(at(QStringLiteral("master"), QStringLiteral("a:x%1").arg(i), now, 1));
        }
        // A large fleet never pushes out this node's sources.
        QCOMPARE(history.sources().size(), 4);
        int remote = 0;
        for (int i = 0; i < 10; ++i) {
            remote += int(history.sources(QStringLiteral("node%1").arg(i)).size());
        }
        QCOMPARE(remote, 3);
    }

    void remoteMemoryIsBoundedPerSource_data()
    {
        QTest::addColumn<int>("periodMs");
        QTest::addColumn<int>("remoteRaw");
        QTest::addColumn<int>("remoteBuckets");
        // 1 Hz: the last 120 s raw (both ends included), minutes M-60 .. M-2 in buckets.
        QTest::newRow("1 Hz") << 1000 << 121 << 59;
        // 10 Hz: the raw tier stops at 240 values (24 s), the rest of its minutes is bucketed.
        QTest::newRow("10 Hz") << 100 << 240 << 61;
    }

    void remoteMemoryIsBoundedPerSource()
    {
        QFETCH(int, periodMs);
        QFETCH(int, remoteRaw);
        QFETCH(int, remoteBuckets);
        // The defaults of history.remote_raw_seconds (120) and remote_memory_minutes (60).
        const ReadingHistory::Limits limits = ReadingHistory::Limits::fromConfig(
            QJsonObject{{QStringLiteral("remote_raw_seconds"), 120},
                        {QStringLiteral("remote_memory_minutes"), 60}});
        QCOMPARE(limits.remoteMaxRawPoints, 240);
        ReadingHistory history(limits);
        history.setLocalNode(QStringLiteral("master"));
        const QString source = QStringLiteral("sensor:value");
        // Three hours, ending 30 s into minute M.
        const qint64 end = (QDateTime::currentMSecsSinceEpoch() / MinuteMs) * MinuteMs + 30000;
        const qint64 start = end - 3 * 60 * MinuteMs;
        for (qint64 ts = start; ts <= end; ts += periodMs) {
            history.add(at(QStringLiteral("greenhouse"), source, ts, double(ts % 1000)));
            history.add(at(QStringLiteral("master"), source, ts, double(ts % 1000)));
        }
        const ReadingHistory::Footprint remote =
            history.footprint(QStringLiteral("greenhouse"), source);
        QCOMPARE(remote.rawValues, remoteRaw);
        QCOMPARE(remote.buckets, remoteBuckets);
        // This node's source keeps its hour of raw values (at most 7200) and a day of buckets.
        const ReadingHistory::Footprint local = history.footprint(QString(), source);
        QCOMPARE(local.rawValues, std::min(7200, 3600 * 1000 / periodMs + 1));
        QVERIFY2(local.buckets >= 120, qPrintable(QString::number(local.buckets)));
        // Letting time pass moves the same bound along.
        history.prune(end + 10 * MinuteMs);
        QCOMPARE(history.footprint(QStringLiteral("greenhouse"), source).rawValues, 0);
        QVERIFY(history.footprint(QStringLiteral("greenhouse"), source).buckets <= 62);
    }

    void remoteAnswersCombineMemoryAndStore()
    {
        const QString path = m_tmp.filePath(QStringLiteral("archive.db"));
        HistoryStore store;
        QVERIFY2(store.open(options(path)), qPrintable(store.errorString()));
        ReadingHistory history(shortRemoteTiers());
        history.setLocalNode(QStringLiteral("master"));
        ReadingHistory oracle(sameTiersKeptInMemory());
        const QString node = QStringLiteral("greenhouse");
        const QString source = QStringLiteral("bme280:temperature");
        // 30 minutes at 1 Hz, ending now: a saw tooth with a spike 20 minutes ago.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 start = now - 30 * MinuteMs;
        for (qint64 ts = start; ts <= now; ts += 1000) {
            const double value = ts == start + 10 * MinuteMs ? 99.5 : double((ts / 1000) % 17);
            const Reading r = at(node, source, ts, value);
            history.add(r);
            store.enqueue(r);
            oracle.addPoint(source, ts, value);
        }
        QVERIFY(store.flush());
        QVERIFY(history.footprint(node, source).rawValues <= 120);
        QVERIFY(history.footprint(node, source).buckets <= 7);

        // Memory alone answers only its five minutes.
        const qint64 oldFrom = start;
        const qint64 oldTo = now - 15 * MinuteMs;
        QCOMPARE(history.summary(node, source, oldFrom, oldTo).count, 0);
        history.setArchive(&store);

        // Recent points are the raw values themselves.
        const QVector<HistoryPoint> recent = history.points(node, source, now - 30000, now);
        QCOMPARE(recent.size(), 31);
        QCOMPARE(recent.last().timestampMs, now);
        QCOMPARE(recent.last().value, double((now / 1000) % 17));

        // A range wholly beyond memory, one across the boundary, and the whole half hour: the
        // same answers as a history that kept everything in memory with the same tiers.
        const QList<QPair<qint64, qint64>> windows{
            {oldFrom, oldTo}, {now - 8 * MinuteMs, now - 30000}, {start, now}};
        for (const auto &[from, to] : windows) {
            const HistorySummary got = history.summary(node, source, from, to);
            const HistorySummary want = oracle.summary(source, from, to);
            QVERIFY(got.count > 0);
            QCOMPARE(got.count, want.count);
            QCOMPARE(got.min, want.min);
            QCOMPARE(got.max, want.max);
            QCOMPARE(got.avg, want.avg);
            QCOMPARE(got.last, want.last);
            QCOMPARE(got.firstMs, want.firstMs);
            QCOMPARE(got.lastMs, want.lastMs);
            for (int maxPoints : {0, 120, 7}) {
                const QVector<HistoryPoint> gotPoints =
                    history.points(node, source, from, to, maxPoints);
                const QVector<HistoryPoint> wantPoints = oracle.points(source, from, to, maxPoints);
                QCOMPARE(gotPoints.size(), wantPoints.size());
                for (qsizetype i = 0; i < gotPoints.size(); ++i) {
                    QCOMPARE(gotPoints[i].timestampMs, wantPoints[i].timestampMs);
                    QCOMPARE(gotPoints[i].value, wantPoints[i].value);
                    QCOMPARE(gotPoints[i].min, wantPoints[i].min);
                    QCOMPARE(gotPoints[i].max, wantPoints[i].max);
                }
            }
        }
        // The spike, older than memory, survives in a 24-point sparkline's max.
        double highest = 0;
        for (const HistoryPoint &p : history.points(node, source, start, now, 24)) {
            highest = std::max(highest, p.max);
        }
        QCOMPARE(highest, 99.5);

        // This node's sources never read the store: what memory dropped stays dropped.
        const QString local = QStringLiteral("system:load");
        for (qint64 ts = start; ts <= now; ts += 1000) {
            store.enqueue(at(QStringLiteral("master"), local, ts, 1));
        }
        QVERIFY(store.flush());
        QCOMPARE(history.summary(local, start, now).count, 0);

        // A source of another node that memory no longer holds at all (dropped or never
        // kept) is answered from the store alone.
        const QString shed = QStringLiteral("shed");
        for (qint64 ts = start; ts < start + MinuteMs; ts += 1000) {
            store.enqueue(at(shed, source, ts, 5));
        }
        QVERIFY(store.flush());
        QCOMPARE(history.summary(shed, source, start, now).count, 60);
        QCOMPARE(history.summary(shed, source, start, now).avg, 5.0);

        history.setArchive(nullptr);
        store.close();
        QCOMPARE(history.summary(node, source, oldFrom, oldTo).count, 0);
        QCOMPARE(history.summary(node, source, now - 30000, now).count, 31);
    }

    void storedWithTheirNodeAndLoadedBack()
    {
        const QString path = m_tmp.filePath(QStringLiteral("nodes.db"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString temp = QStringLiteral("bme280:temperature");
        {
            HistoryStore store;
            QVERIFY2(store.open(options(path)), qPrintable(store.errorString()));
            store.enqueue(at(QStringLiteral("master"), temp, now - 2000, 21));
            store.enqueue(at(QStringLiteral("greenhouse"), temp, now - 2000, 31));
            store.enqueue(at(QStringLiteral("greenhouse"), temp, now - 1000, 32));
            QVERIFY(store.flush());
            store.close();
        }
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT node, name FROM sources ORDER BY node")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QString()); // this node's: no node stored
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("greenhouse"));
            QCOMPARE(q.value(1).toString(), temp);
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        HistoryStore store;
        QVERIFY(store.open(options(path)));
        ReadingHistory history;
        history.setLocalNode(QStringLiteral("master"));
        QCOMPARE(store.loadInto(history, now - 60000), qint64(3));
        QCOMPARE(history.summary(temp, now - 60000, now).last, 21.0);
        QCOMPARE(history.summary(QStringLiteral("greenhouse"), temp, now - 60000, now).last, 32.0);
        QCOMPARE(history.summary(QStringLiteral("greenhouse"), temp, now - 60000, now).count, 2);
    }

    void versionOneDatabaseMigratedKeepingItsSamples()
    {
        const QString path = m_tmp.filePath(QStringLiteral("v1.db"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            // The tables as smollama 0.1 wrote them.
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE sources (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")));
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE samples (source_id INTEGER NOT NULL REFERENCES sources(id), ts "
                "INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (source_id, ts)) WITHOUT "
                "ROWID")));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO sources (id, name) VALUES (7, 'system:cpu_temp'), "
                               "(9, 'system:load')")));
            for (int i = 0; i < 5; ++i) {
                QVERIFY(
                    q.exec(QStringLiteral("INSERT INTO samples VALUES (7, %1, %2), (9, %1, 0.5)")
                               .arg(now - 5000 + i * 1000)
                               .arg(40 + i)));
            }
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));

        HistoryStore store;
        QVERIFY2(store.open(options(path)), qPrintable(store.errorString()));
        ReadingHistory history;
        history.setLocalNode(QStringLiteral("master"));
        QCOMPARE(store.loadInto(history, now - 60000), qint64(10));
        QCOMPARE(history.sources(),
                 (QStringList{QStringLiteral("system:cpu_temp"), QStringLiteral("system:load")}));
        QCOMPARE(history.summary(QStringLiteral("system:cpu_temp"), now - 60000, now).last, 44.0);
        // New samples of the migrated source go to the same source; other nodes' apart.
        store.enqueue(at(QStringLiteral("master"), QStringLiteral("system:cpu_temp"), now, 50));
        store.enqueue(at(QStringLiteral("shed"), QStringLiteral("system:cpu_temp"), now, 60));
        QVERIFY(store.flush());
        store.close();
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("after"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), HistoryStore::SchemaVersion);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM samples WHERE source_id = 7")) &&
                    q.next());
            QCOMPARE(q.value(0).toInt(), 6);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sources")) && q.next());
            QCOMPARE(q.value(0).toInt(), 3);
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("after"));
    }
};

QTEST_GUILESS_MAIN(tst_RemoteHistory)
#include "tst_remotehistory.moc"
