// SPDX-License-Identifier: GPL-3.0-or-later
// Starts the real `smollama --headless` process, as systemd would.
#include "history/historystore.h"
#include "history/readinghistory.h"

#include <QDir>
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

    std::unique_ptr<QProcess> startApp(const QStringList &extraArgs = {},
                                       const QStringList &fixtureDirs = {QStringLiteral("good")},
                                       bool crashFixturesCrash = true)
    {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_tmp->path());
        env.insert(QStringLiteral("SMOLLAMA_FIXTURE_LOG"), path(QStringLiteral("lifecycle.log")));
        env.insert(QStringLiteral("SMOLLAMA_BUILTIN_PLUGIN_DIR"),
                   path(QStringLiteral("no-builtins")));
        env.remove(QStringLiteral("JOURNAL_STREAM"));
        // Tests run in parallel: the HTTP API takes a free port, never 8080.
        env.insert(QStringLiteral("SMOLLAMA_HTTP_PORT"), QStringLiteral("0"));
        if (!crashFixturesCrash) {
            env.insert(QStringLiteral("SMOLLAMA_FIXTURE_NO_CRASH"), QStringLiteral("1"));
        }
        p->setProcessEnvironment(env);
        QStringList args{QStringLiteral("--headless"), QStringLiteral("-c"),
                         path(QStringLiteral("config.yaml"))};
        for (const QString &dir : fixtureDirs) {
            args << QStringLiteral("--plugin-path")
                 << QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/") + dir;
        }
        p->start(QStringLiteral(SMOLLAMA_APP), args + extraArgs);
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
        QVERIFY2(err.contains("<6>smollama.main: Running headless with 1 plugin instance;"),
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

    void crashedInstanceIsSkippedAtTheNextStart_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("phase");
        QTest::newRow("segfault in setup") << "crash_setup"
                                           << "crashed during setup on ";
        QTest::newRow("abort in the first read") << "crash_read"
                                                 << "crashed during the first read on ";
    }

    void crashedInstanceIsSkippedAtTheNextStart()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, phase);
        // In smollama's process, where the crash guard is what protects the node (in a plugin
        // host, the default for such a plugin, only the host ends: tst_faults).
        writeConfig(
            QStringLiteral("    - {name: a_crash, module: fixture_%1, isolation: inprocess}\n")
                .arg(fixture)
                .toUtf8());
        const QStringList dirs{QStringLiteral("good"), fixture};

        // 1. The plugin takes the whole process down.
        auto first = startApp({}, dirs);
        const bool died = first->waitForFinished(20000);
        QVERIFY2(died, first->readAllStandardError().constData());
        // A crash; under AddressSanitizer the process reports the fault and exits non-zero.
        QVERIFY2(first->exitStatus() == QProcess::CrashExit || first->exitCode() != 0,
                 "the fixture did not take the process down");

        // 2. The next start blames it, skips it and runs everything else.
        auto second = startApp({}, dirs);
        QTRY_VERIFY_WITH_TIMEOUT(fixtureLog().count("read probe") >= 2, 15000);
        second->terminate();
        QVERIFY(second->waitForFinished(15000));
        QCOMPARE(second->exitCode(), 0);
        const QByteArray err = second->readAllStandardError();
        QVERIFY2(err.contains("Plugin instance a_crash crashed the last run"), err.constData());
        QVERIFY2(err.contains("Plugin a_crash: failed: " + phase.toUtf8()), err.constData());
        QVERIFY2(err.contains("smollama-cli plugin enable a_crash"), err.constData());

        // 3. Still skipped at the start after, until `plugin enable`.
        auto third = startApp({}, dirs, false);
        QTRY_VERIFY_WITH_TIMEOUT(fixtureLog().count("read probe") >= 4, 15000);
        third->terminate();
        QVERIFY(third->waitForFinished(15000));
        QVERIFY(
            third->readAllStandardError().contains("Plugin a_crash: failed: " + phase.toUtf8()));

        QProcess enable;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_tmp->path());
        enable.setProcessEnvironment(env);
        enable.start(QStringLiteral(SMOLLAMA_CLI),
                     {QStringLiteral("plugin"), QStringLiteral("enable"), QStringLiteral("a_crash"),
                      QStringLiteral("-c"), path(QStringLiteral("config.yaml"))});
        QVERIFY(enable.waitForFinished(15000));
        QCOMPARE(enable.exitCode(), 0);
        QVERIFY(enable.readAllStandardOutput().contains("a_crash is no longer skipped"));

        const qsizetype readsBefore = fixtureLog().count("read a_crash");
        auto fourth = startApp({}, dirs, false); // the bug is "fixed": it loads again
        QTRY_VERIFY_WITH_TIMEOUT(fixtureLog().count("read a_crash") > readsBefore, 15000);
        fourth->terminate();
        QVERIFY(fourth->waitForFinished(15000));
        QVERIFY(fourth->readAllStandardError().contains("Plugin a_crash: loaded"));
    }

    void safeModeAfterThreeUnfinishedStarts()
    {
        writeConfig();
        QDir().mkpath(path(QStringLiteral(".smollama/state")));
        QFile starts(path(QStringLiteral(".smollama/state/starts.json")));
        QVERIFY(starts.open(QIODevice::WriteOnly));
        starts.write("{\"unfinished\": 3}");
        starts.close();
        auto app = startApp();
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += app->readAllStandardError()).contains("Running headless"),
                                 15000);
        app->terminate();
        QVERIFY(app->waitForFinished(15000));
        QCOMPARE(app->exitCode(), 0);
        err += app->readAllStandardError();
        QVERIFY2(err.contains("Safe mode: only builtin plugins are loaded (the last 3 starts did "
                              "not finish)"),
                 err.constData());
        QVERIFY2(err.contains("Plugin probe: disabled (safe mode: only builtin plugins run"),
                 err.constData());
        QVERIFY(!fixtureLog().contains("setup probe"));
        QVERIFY(starts.open(QIODevice::ReadOnly));
        QVERIFY2(starts.readAll().contains("\"unfinished\": 0"), "a clean stop resets the count");
    }

    void loadOverrides_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("loaded");
        QTest::addColumn<QString>("message");
        QTest::newRow("--noload instance")
            << QStringList{QStringLiteral("--noload"), QStringLiteral("probe")} << false
            << "Plugin probe: disabled (not loaded: started with --noload probe)";
        QTest::newRow("--noload all")
            << QStringList{QStringLiteral("--noload"), QStringLiteral("all")} << false
            << "not loaded: started with --noload all";
        QTest::newRow("--safe-mode") << QStringList{QStringLiteral("--safe-mode")} << false
                                     << "Plugin probe: disabled (safe mode: only builtin plugins "
                                        "run (started with --safe-mode)";
        QTest::newRow("--safe-mode --load")
            << QStringList{QStringLiteral("--safe-mode"), QStringLiteral("--load"),
                           QStringLiteral("probe")}
            << true << "Safe mode: only builtin plugins are loaded (started with --safe-mode)";
    }

    void loadOverrides()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, loaded);
        QFETCH(QString, message);
        writeConfig();
        auto app = startApp(args);
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += app->readAllStandardError()).contains("Running headless"),
                                 15000);
        if (loaded) {
            QTRY_VERIFY_WITH_TIMEOUT(fixtureLog().contains("read probe"), 15000);
        }
        app->terminate();
        QVERIFY(app->waitForFinished(15000));
        err += app->readAllStandardError();
        QCOMPARE(fixtureLog().contains("setup probe"), loaded);
        QVERIFY2(err.contains(message.toUtf8()), err.constData());
    }
};

QTEST_GUILESS_MAIN(tst_Headless)
#include "tst_headless.moc"
