// SPDX-License-Identifier: GPL-3.0-or-later
// Starts the real `smollama --headless` process, as systemd would.
#include "history/historystore.h"
#include "history/readinghistory.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

class tst_Headless : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;

    QString path(const QString &name) const { return m_tmp->filePath(name); }

    QByteArray fixtureLog() const
    {
        QFile f(path(QStringLiteral("lifecycle.log")));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    void writeConfig(const QByteArray &extra = QByteArray())
    {
        QFile f(path(QStringLiteral("config.yaml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "node: {name: testnode}\n"
            "history:\n"
            "  database: " +
            path(QStringLiteral("readings.db")).toUtf8() +
            "\n"
            "plugins:\n"
            "  custom:\n"
            "    - {name: probe, module: fixture_good, config: {interval_s: 0.1, value: 12.5}}\n" +
            extra);
    }

    std::unique_ptr<QProcess> startApp(const QStringList &extraArgs = {})
    {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_tmp->path());
        env.insert(QStringLiteral("SMOLLAMA_FIXTURE_LOG"), path(QStringLiteral("lifecycle.log")));
        env.insert(QStringLiteral("SMOLLAMA_BUILTIN_PLUGIN_DIR"),
                   path(QStringLiteral("no-builtins")));
        env.remove(QStringLiteral("JOURNAL_STREAM"));
        p->setProcessEnvironment(env);
        p->start(QStringLiteral(SMOLLAMA_APP),
                 QStringList{QStringLiteral("--headless"), QStringLiteral("-c"),
                             path(QStringLiteral("config.yaml")), QStringLiteral("--plugin-path"),
                             QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")} +
                     extraArgs);
        return p;
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
    }

    void stopSignalTearsDownAndFlushes_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void stopSignalTearsDownAndFlushes()
    {
        QFETCH(int, signalNumber);
        writeConfig();
        auto app = startApp();
        QVERIFY(app->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(fixtureLog().count("read probe") >= 3, 15000);
        QVERIFY(!fixtureLog().contains("teardown"));
        ::kill(pid_t(app->processId()), signalNumber);
        QVERIFY(app->waitForFinished(15000));
        const QByteArray err = app->readAllStandardError();
        QCOMPARE(app->exitStatus(), QProcess::NormalExit);
        QVERIFY2(app->exitCode() == 0, err.constData());
        QVERIFY2(fixtureLog().contains("teardown probe"), fixtureLog().constData());
        // Logs for journald: a syslog priority, the category, the message.
        QVERIFY2(err.contains("<6>smollama.main: Running headless with 1 plugin instance(s)"),
                 err.constData());
        QVERIFY2(err.contains(signalNumber == SIGTERM ? "Received SIGTERM" : "Received SIGINT"),
                 err.constData());

        // The history was flushed to disk on the way out.
        Smollama::HistoryStore store;
        Smollama::HistoryStore::Options options;
        options.databasePath = path(QStringLiteral("readings.db"));
        QVERIFY2(store.open(options), qPrintable(store.errorString()));
        Smollama::ReadingHistory history;
        QVERIFY(store.loadInto(history, 0) >= 3);
        QCOMPARE(
            history.summary(QStringLiteral("probe:value"), 0, std::numeric_limits<qint64>::max())
                .last,
            12.5);
    }

    void secondInstanceIsRefused()
    {
        writeConfig();
        auto first = startApp();
        QVERIFY(first->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(fixtureLog().contains("read probe"), 15000);

        auto second = startApp();
        QVERIFY(second->waitForFinished(15000));
        QVERIFY(second->exitCode() != 0);
        const QByteArray err = second->readAllStandardError();
        QVERIFY2(err.contains(QByteArray("another smollama is already running (PID ") +
                              QByteArray::number(first->processId())),
                 err.constData());
        QCOMPARE(fixtureLog().count("setup probe"), 1); // the second never touched a plugin

        first->terminate();
        QVERIFY(first->waitForFinished(15000));
        QCOMPARE(first->exitCode(), 0);
    }

    void brokenConfigExitsWithTheLine()
    {
        QFile f(path(QStringLiteral("config.yaml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("plugins:\n  custom: [\n");
        f.close();
        auto app = startApp();
        QVERIFY(app->waitForFinished(15000));
        QCOMPARE(app->exitCode(), 2);
        const QByteArray err = app->readAllStandardError();
        QVERIFY2(err.contains(path(QStringLiteral("config.yaml")).toUtf8() + ':'), err.constData());
        QVERIFY(fixtureLog().isEmpty());
    }

    void corruptHistoryDatabaseDoesNotStopTheNode()
    {
        writeConfig();
        QFile db(path(QStringLiteral("readings.db")));
        QVERIFY(db.open(QIODevice::WriteOnly));
        db.write(QByteArray(8192, '\x5a'));
        db.close();
        auto app = startApp();
        QTRY_VERIFY_WITH_TIMEOUT(fixtureLog().count("read probe") >= 2, 15000);
        app->terminate();
        QVERIFY(app->waitForFinished(15000));
        QCOMPARE(app->exitCode(), 0);
        const QByteArray err = app->readAllStandardError();
        QVERIFY2(err.contains(path(QStringLiteral("readings.db")).toUtf8()), err.constData());
    }
};

QTEST_GUILESS_MAIN(tst_Headless)
#include "tst_headless.moc"
