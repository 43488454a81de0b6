// SPDX-License-Identifier: GPL-3.0-or-later
// smollama-cli with a running smollama: status, plugin list, readings and ask go through the
// instance's HTTP API (live statuses), and fall back to the dry run when it is gone.
#include "fakeollama.h"
#include "util/instancelock.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

class tst_CliInstance : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QByteArray describe() const
        {
            return "exit " + QByteArray::number(exitCode) + "\nstdout:\n" + out + "\nstderr:\n" +
                   err;
        }
    };

    QTemporaryDir m_home;
    FakeOllama m_ollama;
    std::unique_ptr<QProcess> m_app;

    QString config() const { return m_home.filePath(QStringLiteral("config.yaml")); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("SMOLLAMA_BUILTIN_PLUGIN_DIR"),
                   m_home.filePath(QStringLiteral("no-builtins")));
        env.insert(QStringLiteral("SMOLLAMA_HTTP_PORT"), QStringLiteral("0"));
        env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
        env.remove(QStringLiteral("JOURNAL_STREAM"));
        // The suite keeps the CLI in its dry run (tests/CMakeLists.txt); this test is about the
        // instance.
        env.remove(QStringLiteral("SMOLLAMA_DRY_RUN"));
        return env;
    }

    // Runs the CLI without blocking this thread: the fake Ollama answers from here.
    Run cli(const QStringList &arguments) { return cli(arguments, environment()); }

    Run cli(const QStringList &arguments, const QProcessEnvironment &env)
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SMOLLAMA_CLI),
                QStringList{QStringLiteral("-c"), config(), QStringLiteral("--plugin-path"),
                            QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")} +
                    arguments);
        Run run;
        if (!p.waitForStarted(5000)) {
            return run;
        }
        QDeadlineTimer deadline(30000);
        while (p.state() != QProcess::NotRunning && !deadline.hasExpired()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            p.waitForFinished(10);
        }
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished();
        }
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        run.out = p.readAllStandardOutput();
        run.err = p.readAllStandardError();
        return run;
    }

    QJsonDocument json(const Run &run) { return QJsonDocument::fromJson(run.out); }

    void startApp()
    {
        m_app = std::make_unique<QProcess>();
        m_app->setProcessEnvironment(environment());
        m_app->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_app->start(QStringLiteral(SMOLLAMA_APP),
                     {QStringLiteral("--headless"), QStringLiteral("-c"), config(),
                      QStringLiteral("--plugin-path"),
                      QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")});
        QVERIFY(m_app->waitForStarted(5000));
        // The instance says where it listens once it does.
        QTRY_VERIFY_WITH_TIMEOUT(
            QFile::exists(m_home.filePath(QStringLiteral(".smollama/http.json"))), 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(m_ollama.listen());
        QFile f(config());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("node: {name: clinode}\n"
                "history: {persist: false}\n"
                "ollama: {url: \"" +
                m_ollama.url().toUtf8() +
                "\"}\n"
                "agent: {ollama_retry_attempts: 0}\n"
                "plugins:\n"
                "  custom:\n"
                "    - {name: probe, module: fixture_good, config: {value: 12.5, sources: "
                "[temp]}}\n");
        f.close();

        startApp();
    }

    void cleanupTestCase()
    {
        if (m_app && m_app->state() != QProcess::NotRunning) {
            m_app->kill();
            m_app->waitForFinished();
        }
    }

    void statusJson()
    {
        const Run run = cli({QStringLiteral("status"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        const QJsonObject o = json(run).object();
        QCOMPARE(o.value(QLatin1String("running")), QJsonValue(true));
        QCOMPARE(o.value(QLatin1String("node")).toString(), QStringLiteral("clinode"));
        QCOMPARE(o.value(QLatin1String("pid")).toInteger(), m_app->processId());
        QCOMPARE(
            o.value(QLatin1String("plugins")).toObject().value(QLatin1String("loaded")).toInt(), 1);
        QCOMPARE(o.value(QLatin1String("safe_mode")).toObject().value(QLatin1String("on")),
                 QJsonValue(false));
    }

    void statusText()
    {
        const Run run = cli({QStringLiteral("status")});
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        QVERIFY2(run.out.contains("is running at http://127.0.0.1:"), run.describe().constData());
        QVERIFY2(run.out.contains("1 loaded"), run.describe().constData());
    }

    void pluginListLive()
    {
        Run run = cli({QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        QJsonArray array = json(run).array();
        QCOMPARE(array.size(), 1);
        // The instance's live status, not the dry run's "enabled".
        QCOMPARE(array.at(0).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("loaded"));

        run = cli({QStringLiteral("plugin"), QStringLiteral("list")});
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        QVERIFY2(run.out.contains("From the running smollama at http://127.0.0.1:"),
                 run.describe().constData());
        QVERIFY2(run.out.contains("loaded"), run.describe().constData());

        // --dry-run does not ask the instance.
        run = cli({QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("--json"),
                   QStringLiteral("--dry-run")});
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        array = json(run).array();
        QCOMPARE(array.size(), 1);
        QCOMPARE(array.at(0).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("enabled"));
    }

    void readingsLive()
    {
        Run run = cli({QStringLiteral("readings"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        const QJsonArray array = json(run).array();
        QCOMPARE(array.size(), 1);
        QCOMPARE(array.at(0).toObject().value(QLatin1String("source")).toString(),
                 QStringLiteral("probe:temp"));
        QCOMPARE(array.at(0).toObject().value(QLatin1String("value")).toDouble(), 12.5);
        run = cli({QStringLiteral("readings")});
        QVERIFY2(run.out.contains("probe:temp") && run.out.contains("From the running smollama"),
                 run.describe().constData());
    }

    void readingsWatchLive()
    {
        // readings --watch follows the instance's event stream until it is stopped.
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(QStringLiteral(SMOLLAMA_CLI),
                {QStringLiteral("-c"), config(), QStringLiteral("readings"),
                 QStringLiteral("--watch"), QStringLiteral("--json")});
        QVERIFY(p.waitForStarted(5000));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("probe:temp"), 10000);
        const QByteArray line = out.left(out.indexOf('\n'));
        QCOMPARE(QJsonDocument::fromJson(line).object().value(QLatin1String("value")).toDouble(),
                 12.5);
        p.terminate();
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
    }

    void readingsWatchResumesAfterARestart()
    {
        // The instance restarts (on another port: http.port 0) while --watch follows it: the
        // CLI says so, finds it again, is told the readings of the gap are lost, and goes on.
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(QStringLiteral(SMOLLAMA_CLI),
                {QStringLiteral("-c"), config(), QStringLiteral("readings"),
                 QStringLiteral("--watch"), QStringLiteral("--json")});
        QVERIFY(p.waitForStarted(5000));
        QByteArray out;
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("probe:temp"), 10000);

        m_app->terminate();
        QVERIFY(m_app->waitForFinished(20000));
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("ended"), 10000);
        out += p.readAllStandardOutput();
        const qsizetype before = out.count("probe:temp");
        startApp();
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("restarted"), 20000);
        QVERIFY2(err.contains("Connected again"), err.constData());
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).count("probe:temp") > before,
                                 10000);
        QCOMPARE(p.state(), QProcess::Running);
        p.terminate();
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        // Every line on stdout is a reading (the notes go to stderr).
        for (const QByteArray &line : out.trimmed().split('\n')) {
            QVERIFY2(QJsonDocument::fromJson(line).isObject(), line.constData());
        }
    }

    void askLive()
    {
        m_ollama.enqueue(FakeResponse::lines(
            {FakeChunks::text(QStringLiteral("Hello from the instance.")), FakeChunks::done()}));
        const Run run = cli({QStringLiteral("ask"), QStringLiteral("Who are you?")});
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        QVERIFY2(run.out.contains("Hello from the instance."), run.describe().constData());
        // The instance's agent asked the model (the CLI never talked to Ollama itself).
        QCOMPARE(m_ollama.chatRequests().size(), 1);
    }

    // The CLI sets plugins up only while it holds the instance lock: beside a running node it
    // asks the node or says why not, and never claims the node's hardware itself.
    void noLocalPluginsBesideARunningNode_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("hint");
        QTest::newRow("readings --dry-run")
            << QStringList{QStringLiteral("readings"), QStringLiteral("--json"),
                           QStringLiteral("--dry-run")}
            << QByteArray("Without --dry-run");
        QTest::newRow("SMOLLAMA_DRY_RUN readings")
            << QStringList{QStringLiteral("SMOLLAMA_DRY_RUN=1"), QStringLiteral("readings")}
            << QByteArray("Without --dry-run");
        QTest::newRow("ask --model")
            << QStringList{QStringLiteral("ask"), QStringLiteral("Who are you?"),
                           QStringLiteral("--model"), QStringLiteral("other")}
            << QByteArray("without --model and --ollama");
    }

    void noLocalPluginsBesideARunningNode()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, hint);
        QVERIFY(m_app && m_app->state() == QProcess::Running);
        const qsizetype chats = m_ollama.chatRequests().size();
        QProcessEnvironment env = environment();
        if (arguments.first().contains(QLatin1Char('='))) {
            const QString assignment = arguments.takeFirst();
            env.insert(assignment.section(QLatin1Char('='), 0, 0),
                       assignment.section(QLatin1Char('='), 1));
        }
        const Run run = cli(arguments, env);
        QCOMPARE(run.exitCode, 1);
        const QByteArray expected = "smollama-cli: smollama is running (PID " +
                                    QByteArray::number(m_app->processId()) +
                                    ") and owns the hardware; smollama-cli sets plugins up only "
                                    "when no node runs.";
        QVERIFY2(run.err.contains(expected), run.describe().constData());
        QVERIFY2(run.err.contains(hint), run.describe().constData());
        // Nothing was read or asked here: no readings, no question to the model.
        QVERIFY2(run.out.isEmpty(), run.describe().constData());
        QCOMPARE(m_ollama.chatRequests().size(), chats);
        // The node still runs and still serves its readings.
        const Run live = cli({QStringLiteral("readings")});
        QVERIFY2(live.exitCode == 0, live.describe().constData());
        QVERIFY2(live.out.contains("From the running smollama"), live.describe().constData());
    }

    void fallbackWhenStopped()
    {
        m_app->terminate();
        QVERIFY(m_app->waitForFinished(20000));
        QVERIFY(!QFile::exists(m_home.filePath(QStringLiteral(".smollama/http.json"))));

        Run run = cli({QStringLiteral("status")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("smollama is not running"), run.describe().constData());
        run = cli({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(json(run).object().value(QLatin1String("running")), QJsonValue(false));

        run = cli({QStringLiteral("plugin"), QStringLiteral("list")});
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        QVERIFY2(run.out.contains("Dry run"), run.describe().constData());
        run = cli({QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(json(run).array().at(0).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("enabled"));
        run = cli({QStringLiteral("readings"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        QCOMPARE(json(run).array().at(0).toObject().value(QLatin1String("value")).toDouble(), 12.5);
    }

    // A process holds the instance lock but no node answers over HTTP (http.enabled off, or a
    // node still starting): the CLI says so instead of setting the plugins up beside it.
    void noLocalPluginsWhileTheLockIsHeld()
    {
        QVERIFY(!m_app || m_app->state() == QProcess::NotRunning);
        Smollama::InstanceLock held(m_home.filePath(QStringLiteral(".smollama/smollama.lock")));
        QVERIFY2(held.tryLock(), qPrintable(held.errorString()));
        Run run = cli({QStringLiteral("readings"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("smollama is running (PID " +
                                  QByteArray::number(QCoreApplication::applicationPid()) +
                                  ") and owns the hardware, but it did not answer over its HTTP "
                                  "API"),
                 run.describe().constData());
        QVERIFY2(run.out.isEmpty(), run.describe().constData());
    }
};

QTEST_GUILESS_MAIN(tst_CliInstance)
#include "tst_cliinstance.moc"
