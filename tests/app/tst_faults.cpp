// SPDX-License-Identifier: GPL-3.0-or-later
// The real `smollama --headless` with plugins that crash, hang or leak (fixture_faulty), as a
// hostile plugin author would write them: the crash note blames a crash at any point of a
// plugin's run, the CLI leaves the note alone and honours it, and a clean stop is no crash.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

class tst_Faults : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;

    QString path(const QString &name) const { return m_tmp->filePath(name); }
    QString statePath(const QString &file) const
    {
        return path(QStringLiteral(".smollama/state/") + file);
    }

    QByteArray fixtureLog() const
    {
        QFile f(path(QStringLiteral("lifecycle.log")));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QByteArray readFile(const QString &file) const
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // probe (a good sensor) and a_faulty with \a faultyConfig.
    void writeConfig(const QByteArray &faultyConfig, const QByteArray &extra = QByteArray())
    {
        QFile f(path(QStringLiteral("config.yaml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("node: {name: faultnode}\n"
                "history:\n"
                "  database: " +
                path(QStringLiteral("readings.db")).toUtf8() +
                "\n"
                "plugins:\n"
                "  custom:\n"
                "    - {name: probe, module: fixture_good, config: {interval_s: 0.1, value: 7}}\n"
                "    - {name: a_faulty, module: fixture_faulty, config: " +
                faultyConfig + "}\n" + extra);
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_tmp->path());
        env.insert(QStringLiteral("SMOLLAMA_FIXTURE_LOG"), path(QStringLiteral("lifecycle.log")));
        env.insert(QStringLiteral("SMOLLAMA_BUILTIN_PLUGIN_DIR"),
                   path(QStringLiteral("no-builtins")));
        env.insert(QStringLiteral("SMOLLAMA_HTTP_PORT"), QStringLiteral("0"));
        env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
        env.remove(QStringLiteral("JOURNAL_STREAM"));
        return env;
    }

    QStringList pluginPaths() const
    {
        return {
            QStringLiteral("--plugin-path"), QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good"),
            QStringLiteral("--plugin-path"), QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/faulty")};
    }

    std::unique_ptr<QProcess> startApp(const QStringList &extraArgs = {})
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(environment());
        p->start(QStringLiteral(SMOLLAMA_APP),
                 QStringList{QStringLiteral("--headless"), QStringLiteral("-c"),
                             path(QStringLiteral("config.yaml"))} +
                     pluginPaths() + extraArgs);
        return p;
    }

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Run cli(const QStringList &arguments)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(QStringLiteral(SMOLLAMA_CLI),
                QStringList{QStringLiteral("-c"), path(QStringLiteral("config.yaml"))} +
                    pluginPaths() + arguments);
        Run run;
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished();
        }
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        run.out = p.readAllStandardOutput();
        run.err = p.readAllStandardError();
        return run;
    }

    // Waits until \a app has died by itself; true when it was a crash.
    static bool crashed(QProcess *app)
    {
        if (!app->waitForFinished(30000)) {
            return false;
        }
        // Under AddressSanitizer the process reports the fault and exits non-zero.
        return app->exitStatus() == QProcess::CrashExit || app->exitCode() != 0;
    }

    // Starts, lets probe read, stops with SIGTERM; returns stderr.
    QByteArray runCleanly(const QStringList &extraArgs = {})
    {
        const qsizetype before = fixtureLog().count("read probe");
        auto app = startApp(extraArgs);
        [&] {
            QVERIFY(app->waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(fixtureLog().count("read probe") >= before + 2, 20000);
        }();
        ::kill(pid_t(app->processId()), SIGTERM);
        app->waitForFinished(20000);
        const QByteArray err = app->readAllStandardError();
        [&] {
            QCOMPARE(app->exitStatus(), QProcess::NormalExit);
            QVERIFY2(app->exitCode() == 0, err.constData());
        }();
        return err;
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
    }

    // Issue 16: a crash in any call of a plugin, not only in setup() and the first read, is
    // blamed on it; the next start skips it with the crash count and the phase.
    void crashAnywhereIsBlamed_data()
    {
        QTest::addColumn<QByteArray>("faulty");
        QTest::addColumn<bool>("stopToCrash");
        QTest::addColumn<QString>("phase");
        QTest::newRow("segfault in the 3rd read")
            << QByteArray("{crash_at_read: 3, interval_s: 0.1}") << false << "read #3";
        QTest::newRow("segfault in the 40th read")
            << QByteArray("{crash_at_read: 40, interval_s: 0.05}") << false << "read #40";
        QTest::newRow("segfault in setup") << QByteArray("{crash_in: setup}") << false << "setup";
        QTest::newRow("segfault in teardown")
            << QByteArray("{crash_in: teardown}") << true << "teardown";
    }

    void crashAnywhereIsBlamed()
    {
        QFETCH(QByteArray, faulty);
        QFETCH(bool, stopToCrash);
        QFETCH(QString, phase);
        writeConfig(faulty);

        for (int crash = 1; crash <= 2; ++crash) {
            // The plugin takes the whole process down.
            auto app = startApp();
            QVERIFY(app->waitForStarted());
            if (stopToCrash) {
                QTRY_VERIFY_WITH_TIMEOUT(fixtureLog().count("read a_faulty") >= crash, 20000);
                ::kill(pid_t(app->processId()), SIGTERM);
            }
            QVERIFY2(crashed(app.get()), app->readAllStandardError().constData());
            const QJsonObject note =
                QJsonDocument::fromJson(readFile(statePath(QStringLiteral("sentinel.json"))))
                    .object();
            QVERIFY2(note.contains(QLatin1String("a_faulty")),
                     readFile(statePath(QStringLiteral("sentinel.json"))).constData());
            QVERIFY2(!note.contains(QLatin1String("probe")), "only the culprit is blamed");
            QCOMPARE(note.value(QLatin1String("@crash"))
                         .toObject()
                         .value(QLatin1String("signal"))
                         .toInt(),
                     int(SIGSEGV));

            // The next start skips it, says why and how often, and runs the rest.
            const QByteArray err = runCleanly();
            const QByteArray expected =
                "Plugin a_faulty: failed: crashed during " + phase.toUtf8() + " on ";
            QVERIFY2(err.contains(expected), err.constData());
            QVERIFY2(
                err.contains(QStringLiteral("(SIGSEGV, %1 crash(es) so far)").arg(crash).toUtf8()),
                err.constData());
            QVERIFY2(err.contains("smollama-cli plugin enable a_faulty"), err.constData());
            // Still skipped at the start after: no crash loop.
            const qsizetype setups = fixtureLog().count("setup a_faulty");
            QVERIFY2(runCleanly().contains(expected), "still skipped");
            QCOMPARE(fixtureLog().count("setup a_faulty"), setups);

            // Brought back, it crashes again, and the count says so.
            const Run enable = cli(
                {QStringLiteral("plugin"), QStringLiteral("enable"), QStringLiteral("a_faulty")});
            QCOMPARE(enable.exitCode, 0);
            QVERIFY(enable.out.contains("a_faulty is no longer skipped"));
        }
    }

    // A signal another process sends lands on any thread: it blames no plugin, but runs that
    // crash soon after their start count towards safe mode like starts that never finished.
    void crashesSoonAfterStartTurnOnSafeMode()
    {
        writeConfig("{}");
        for (int run = 0; run < 3; ++run) {
            const qsizetype before = fixtureLog().count("read probe");
            auto app = startApp();
            QVERIFY(app->waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(fixtureLog().count("read probe") >= before + 3, 20000);
            ::kill(pid_t(app->processId()), SIGSEGV);
            QVERIFY(crashed(app.get()));
            const QJsonObject note =
                QJsonDocument::fromJson(readFile(statePath(QStringLiteral("sentinel.json"))))
                    .object();
            QVERIFY(note.contains(QLatin1String("@crash")));
            QCOMPARE(note.size(), 1); // nobody blamed
        }
        auto safe = startApp();
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += safe->readAllStandardError()).contains("Running headless"),
                                 20000);
        ::kill(pid_t(safe->processId()), SIGTERM);
        QVERIFY(safe->waitForFinished(20000));
        QCOMPARE(safe->exitCode(), 0);
        QVERIFY2(err.contains("Safe mode: only builtin plugins are loaded (the last 3 starts did "
                              "not finish)"),
                 err.constData());
        // The clean stop ended the count: the start after is normal.
        err = runCleanly();
        QVERIFY2(!err.contains("Safe mode"), err.constData());
        QVERIFY2(err.contains("Plugin a_faulty: loaded"), err.constData());
    }

    // Issue 16: the CLI's dry run never erases or overwrites the note of a crashed node, and
    // `readings` does not load the plugin the note blames.
    void cliKeepsAndHonoursTheNote()
    {
        writeConfig("{crash_at_read: 3, interval_s: 0.1}");
        auto app = startApp();
        QVERIFY(app->waitForStarted());
        QVERIFY(crashed(app.get()));
        const QByteArray note = readFile(statePath(QStringLiteral("sentinel.json")));
        QVERIFY(note.contains("a_faulty"));

        const QList<QStringList> commands{
            {QStringLiteral("plugin"), QStringLiteral("list")},
            {QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("--json")},
            {QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("--dry-run")},
            {QStringLiteral("status")},
            {QStringLiteral("status"), QStringLiteral("--json")},
            {QStringLiteral("plugin"), QStringLiteral("info"), QStringLiteral("a_faulty")},
            {QStringLiteral("readings"), QStringLiteral("--json")},
        };
        for (const QStringList &command : commands) {
            const Run run = cli(command);
            QVERIFY2(run.exitCode >= 0, qPrintable(command.join(QLatin1Char(' '))));
            QCOMPARE(readFile(statePath(QStringLiteral("sentinel.json"))), note);
            QVERIFY2(!QFile::exists(statePath(QStringLiteral("blocked.json"))),
                     "the CLI does not recover the note either");
        }
        const Run list = cli({QStringLiteral("plugin"), QStringLiteral("list")});
        QVERIFY2(list.out.contains("crashed during read #3"), list.out.constData());

        // readings: the culprit is not loaded (the CLI survives), the others are read.
        const qsizetype setups = fixtureLog().count("setup a_faulty");
        const Run readings = cli({QStringLiteral("readings"), QStringLiteral("--json")});
        QCOMPARE(readings.exitCode, 0);
        QCOMPARE(fixtureLog().count("setup a_faulty"), setups);
        QVERIFY2(readings.out.contains("probe:value"), readings.out.constData());
        QVERIFY2(readings.err.contains("crashed during read #3"), readings.err.constData());

        // The node's next start still finds the note.
        const QByteArray err = runCleanly();
        QVERIFY2(err.contains("Plugin a_faulty: failed: crashed during read #3"), err.constData());
    }

    // A running node keeps its note in memory: the CLI's dry run beside it writes none.
    void cliBesideARunningNodeWritesNoNote()
    {
        writeConfig("{}");
        auto app = startApp();
        QVERIFY(app->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(fixtureLog().count("read a_faulty") >= 2, 20000);
        for (const QStringList &command :
             {QStringList{QStringLiteral("plugin"), QStringLiteral("list"),
                          QStringLiteral("--dry-run")},
              QStringList{QStringLiteral("readings"), QStringLiteral("--dry-run")}}) {
            QVERIFY(cli(command).exitCode >= 0);
            QVERIFY2(!QFile::exists(statePath(QStringLiteral("sentinel.json"))),
                     qPrintable(command.join(QLatin1Char(' '))));
        }
        // A crash now is still noted by the node.
        ::kill(pid_t(app->processId()), SIGABRT);
        QVERIFY(crashed(app.get()));
        QVERIFY(QFile::exists(statePath(QStringLiteral("sentinel.json"))));
    }

    // Issue 16: a clean stop is never recorded as a crash, whatever the plugin was doing.
    void cleanStopIsNoCrash_data()
    {
        QTest::addColumn<QByteArray>("faulty");
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QByteArray>("waitFor");
        QTest::newRow("setup() given up")
            << QByteArray("{setup_hang_ms: 60000}") << QByteArray("  setup_timeout_s: 0.5\n")
            << QByteArray("did not finish within 0.5 s");
        QTest::newRow("first read blocked") << QByteArray("{first_read_hang_ms: 60000}")
                                            << QByteArray() << QByteArray("read a_faulty");
    }

    void cleanStopIsNoCrash()
    {
        QFETCH(QByteArray, faulty);
        QFETCH(QByteArray, extra);
        QFETCH(QByteArray, waitFor);
        writeConfig(faulty, extra);
        auto app = startApp();
        QVERIFY(app->waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += app->readAllStandardError()).contains(waitFor) ||
                                     fixtureLog().contains(waitFor),
                                 20000);
        ::kill(pid_t(app->processId()), SIGTERM);
        QVERIFY(app->waitForFinished(30000));
        QCOMPARE(app->exitStatus(), QProcess::NormalExit);
        QVERIFY(!QFile::exists(statePath(QStringLiteral("sentinel.json"))));

        // The next start sets it up again.
        const qsizetype setups = fixtureLog().count("setup a_faulty");
        writeConfig("{}", extra);
        err = runCleanly();
        QVERIFY2(!err.contains("crashed"), err.constData());
        QVERIFY2(err.contains("Plugin a_faulty: loaded"), err.constData());
        QCOMPARE(fixtureLog().count("setup a_faulty"), setups + 1);
    }
};

QTEST_GUILESS_MAIN(tst_Faults)
#include "tst_faults.moc"
