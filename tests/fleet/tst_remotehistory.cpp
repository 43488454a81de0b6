// SPDX-License-Identifier: GPL-3.0-or-later
// The history of other nodes' sources: kept apart from local sources of the same name, in
// memory and in SQLite (the node column), and a database of schema version 1 migrated at open
// with its samples kept.
#include "history/historystore.h"
#include "history/readinghistory.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Smollama;

namespace {

Reading at(const QString &node, const QString &source, qint64 ms, double value)
{
    Reading r(source, value, QStringLiteral("°C"), QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
    r.setNode(node);
    return r;
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
