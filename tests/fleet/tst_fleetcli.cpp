// SPDX-License-Identifier: GPL-3.0-or-later
// smollama-cli with a running node that receives readings of other nodes: readings --node,
// the node of every reading in --json, and a sink's counters in plugin list and plugin info.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

class tst_FleetCli : public QObject
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
    std::unique_ptr<QProcess> m_app;

    QString config() const { return m_home.filePath(QStringLiteral("config.yaml")); }
    QStringList pluginPaths() const
    {
        return {
            QStringLiteral("--plugin-path"), QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good"),
            QStringLiteral("--plugin-path"), QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/bridge")};
    }

    QProcessEnvironment environment(bool dryRun = false) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("SMOLLAMA_BUILTIN_PLUGIN_DIR"),
                   m_home.filePath(QStringLiteral("no-builtins")));
        env.insert(QStringLiteral("SMOLLAMA_HTTP_PORT"), QStringLiteral("0"));
        env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
        env.remove(QStringLiteral("JOURNAL_STREAM"));
        if (!dryRun) {
            env.remove(QStringLiteral("SMOLLAMA_DRY_RUN"));
        } else {
            // The CLI sets plugins up only while it holds the instance lock, never beside the
            // running node: the dry run works in a state folder of its own, as on another
            // machine with the same configuration.
            env.insert(QStringLiteral("SMOLLAMA_STATE_DIR"),
                       m_home.filePath(QStringLiteral("dry-run-state")));
        }
        return env;
    }

    Run cli(const QStringList &arguments, bool dryRun = false)
    {
        QProcess p;
        p.setProcessEnvironment(environment(dryRun));
        p.start(QStringLiteral(SMOLLAMA_CLI),
                QStringList{QStringLiteral("-c"), config()} + pluginPaths() + arguments);
        Run run;
        if (!p.waitForStarted(5000) || !p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished();
            return run;
        }
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        run.out = p.readAllStandardOutput();
        run.err = p.readAllStandardError();
        return run;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QFile f(config());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("node: {name: master}\n"
                "history: {persist: false}\n"
                "ollama: {url: \"http://127.0.0.1:9\"}\n"
                "plugins:\n"
                "  custom:\n"
                "    - {name: probe, module: fixture_good, config: {value: 12.5, sources: "
                "[temp]}}\n"
                "    - {name: fleet, module: fixture_bridge, sink_queue: 500, config: {nodes: ["
                "{name: greenhouse, readings: {'bme280:temperature': 24.5}},"
                "{name: garage, readings: {'bme280:temperature': 12.0}}]}}\n");
        f.close();
        m_app = std::make_unique<QProcess>();
        m_app->setProcessEnvironment(environment());
        m_app->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_app->start(QStringLiteral(SMOLLAMA_APP),
                     QStringList{QStringLiteral("--headless"), QStringLiteral("-c"), config()} +
                         pluginPaths());
        QVERIFY(m_app->waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(
            QFile::exists(m_home.filePath(QStringLiteral(".smollama/http.json"))), 10000);
    }

    void cleanupTestCase()
    {
        if (m_app && m_app->state() != QProcess::NotRunning) {
            m_app->terminate();
            if (!m_app->waitForFinished(10000)) {
                m_app->kill();
                m_app->waitForFinished();
            }
        }
    }

    void readingsOfOneNode()
    {
        QJsonArray array;
        QTRY_VERIFY_WITH_TIMEOUT(
            (array = QJsonDocument::fromJson(
                         cli({QStringLiteral("readings"), QStringLiteral("--node"),
                              QStringLiteral("greenhouse"), QStringLiteral("--json")})
                             .out)
                         .array(),
             array.size() == 1),
            10000);
        const QJsonObject r = array.at(0).toObject();
        QCOMPARE(r.value(QLatin1String("node")).toString(), QStringLiteral("greenhouse"));
        QCOMPARE(r.value(QLatin1String("source")).toString(), QStringLiteral("bme280:temperature"));
        QCOMPARE(r.value(QLatin1String("value")).toDouble(), 24.5);

        // Every node's, each naming its node; this node's keep their source ids.
        Run run = cli({QStringLiteral("readings"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        QSet<QString> nodes;
        for (const QJsonValue &v : QJsonDocument::fromJson(run.out).array()) {
            const QJsonObject o = v.toObject();
            nodes.insert(o.value(QLatin1String("node")).toString());
            if (o.value(QLatin1String("node")).toString() == QLatin1String("master")) {
                QCOMPARE(o.value(QLatin1String("source")).toString(), QStringLiteral("probe:temp"));
            }
        }
        QCOMPARE(nodes, (QSet<QString>{QStringLiteral("master"), QStringLiteral("greenhouse"),
                                       QStringLiteral("garage")}));

        // The table names the node when several are shown.
        run = cli({QStringLiteral("readings")});
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        QVERIFY2(run.out.contains("NODE") && run.out.contains("garage"),
                 run.describe().constData());

        run = cli({QStringLiteral("readings"), QStringLiteral("--node"), QStringLiteral("gardge")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("no node 'gardge'") && run.err.contains("garage"),
                 run.describe().constData());
    }

    void sinkCountersShown()
    {
        Run run = cli({QStringLiteral("plugin"), QStringLiteral("list")});
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        QVERIFY2(run.out.contains("sink: queue 500,"), run.describe().constData());
        run = cli(
            {QStringLiteral("plugin"), QStringLiteral("info"), QStringLiteral("fixture_bridge")});
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        QVERIFY2(run.out.contains("fleet: loaded") && run.out.contains("sink: queue 500,"),
                 run.describe().constData());
        run = cli({QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("--json")});
        bool found = false;
        for (const QJsonValue &v : QJsonDocument::fromJson(run.out).array()) {
            const QJsonObject sink = v.toObject().value(QLatin1String("sink")).toObject();
            if (v.toObject().value(QLatin1String("instance")).toString() ==
                QLatin1String("fleet")) {
                found = true;
                QCOMPARE(sink.value(QLatin1String("queue")).toInt(), 500);
                QCOMPARE(sink.value(QLatin1String("dropped")).toInt(), 0);
            }
        }
        QVERIFY2(found, run.describe().constData());
    }

    void dryRunReadingsNameThisNode()
    {
        Run run =
            cli({QStringLiteral("readings"), QStringLiteral("--json"), QStringLiteral("--dry-run")},
                true);
        QVERIFY2(run.exitCode == 0, run.describe().constData());
        const QJsonArray array = QJsonDocument::fromJson(run.out).array();
        QVERIFY(!array.isEmpty());
        QCOMPARE(array.at(0).toObject().value(QLatin1String("node")).toString(),
                 QStringLiteral("master"));
        run = cli({QStringLiteral("readings"), QStringLiteral("--node"),
                   QStringLiteral("greenhouse"), QStringLiteral("--dry-run")},
                  true);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("none answers"), run.describe().constData());
    }
};

QTEST_GUILESS_MAIN(tst_FleetCli)
#include "tst_fleetcli.moc"
