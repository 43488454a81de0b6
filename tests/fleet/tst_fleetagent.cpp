// SPDX-License-Identifier: GPL-3.0-or-later
// "Is the greenhouse warmer than the garage?" answered from real readings of two other nodes
// that a bridge brings: the agent's list_sources, read_source and get_reading_history reach
// them with their node. The model is the fake Ollama of tests/agent, which decides its next
// step from the tool results it is sent, as a model would.
#include "fakeollama.h"

#include "agent/agent.h"
#include "config/config.h"
#include "readings/readingmanager.h"
#include "runtime/noderuntime.h"
#include "tools/toolregistry.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Smollama;
using namespace FakeChunks;

namespace {

// The tool messages after the last assistant message: name -> parsed content (in order).
QList<QPair<QString, QJsonValue>> lastToolResults(const FakeRequest &r)
{
    const QJsonArray messages = r.body.value(QStringLiteral("messages")).toArray();
    QList<QPair<QString, QJsonValue>> out;
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        const QJsonObject m = messages.at(i).toObject();
        if (m.value(QStringLiteral("role")).toString() != QLatin1String("tool")) {
            break;
        }
        const QJsonDocument doc =
            QJsonDocument::fromJson(m.value(QStringLiteral("content")).toString().toUtf8());
        out.prepend({m.value(QStringLiteral("tool_name")).toString(),
                     doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object())});
    }
    return out;
}

} // namespace

class tst_FleetAgent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void greenhouseWarmerThanGarage()
    {
        QTemporaryDir tmp;
        FakeOllama ollama;
        QVERIFY(ollama.listen());
        const QByteArray yaml =
            "node: {name: master}\n"
            "history: {persist: false}\n"
            "http: {enabled: false}\n"
            "ollama: {url: \"" +
            ollama.url().toUtf8() +
            "\", model: fake}\n"
            "agent: {ollama_retry_attempts: 0}\n"
            "plugins:\n"
            "  custom:\n"
            "    - {name: probe, module: fixture_good, config: {value: 40, sources: [temp]}}\n"
            "    - {name: fleet, module: fixture_bridge, config: {interval_ms: 50, nodes: ["
            "{name: greenhouse, readings: {'bme280:temperature': 24.5}},"
            "{name: garage, readings: {'bme280:temperature': 12.0}}]}}\n";
        const Config config = Config::fromYaml(yaml, tmp.filePath(QStringLiteral("c.yaml")));
        QVERIFY2(!config.hasErrors(), qPrintable(config.diagnostics().value(0).toString()));
        NodeRuntime runtime(config);
        runtime.setBuiltinPluginDir(tmp.filePath(QStringLiteral("none")));
        runtime.setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good"),
                                     QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/bridge")});
        NodeRuntime::StartOptions options;
        options.crashCheck = false;
        runtime.setStartOptions(options);
        runtime.start();
        QTRY_VERIFY(runtime.readings()
                        ->latest(QStringLiteral("garage"), QStringLiteral("bme280:temperature"))
                        .isValid());

        // The "model": list the sources, read the greenhouse's temperature and summarise the
        // garage's, then compare what the tools answered.
        QStringList steps;
        ollama.setHandler([&steps](const FakeRequest &r) {
            const QList<QPair<QString, QJsonValue>> results = lastToolResults(r);
            if (results.isEmpty()) {
                steps << QStringLiteral("list");
                return FakeResponse::lines(
                    {toolCalls({call(QStringLiteral("list_sources"), {})}), done()});
            }
            if (results.first().first == QLatin1String("list_sources")) {
                steps << QStringLiteral("read");
                // Find each node's temperature source in what list_sources returned.
                QJsonArray calls;
                for (const QJsonValue &v : results.first().second.toArray()) {
                    const QJsonObject row = v.toObject();
                    const QString node = row.value(QStringLiteral("node")).toString();
                    const QString source = row.value(QStringLiteral("source")).toString();
                    if (source != QLatin1String("bme280:temperature")) {
                        continue;
                    }
                    if (node == QLatin1String("greenhouse")) {
                        calls.append(
                            call(QStringLiteral("read_source"), {{QStringLiteral("source"), source},
                                                                 {QStringLiteral("node"), node}}));
                    } else if (node == QLatin1String("garage")) {
                        calls.append(call(QStringLiteral("get_reading_history"),
                                          {{QStringLiteral("source"), source},
                                           {QStringLiteral("node"), node},
                                           {QStringLiteral("minutes"), 10}}));
                    }
                }
                if (calls.size() != 2) {
                    return FakeResponse::lines(
                        {text(QStringLiteral("I cannot find both nodes.")), done()});
                }
                return FakeResponse::lines({toolCalls(calls), done()});
            }
            steps << QStringLiteral("answer");
            double greenhouse = qQNaN();
            double garage = qQNaN();
            for (const auto &[name, value] : results) {
                const QJsonObject o = value.toObject();
                if (name == QLatin1String("read_source") &&
                    o.value(QStringLiteral("node")).toString() == QLatin1String("greenhouse")) {
                    greenhouse = o.value(QStringLiteral("value")).toDouble(qQNaN());
                } else if (name == QLatin1String("get_reading_history") &&
                           o.value(QStringLiteral("node")).toString() == QLatin1String("garage")) {
                    garage = o.value(QStringLiteral("last")).toDouble(qQNaN());
                }
            }
            if (qIsNaN(greenhouse) || qIsNaN(garage)) {
                return FakeResponse::lines(
                    {text(QStringLiteral("The tools gave no values.")), done()});
            }
            return FakeResponse::lines(
                {text(QStringLiteral("%1: the greenhouse has %2 °C, the garage %3 °C.")
                          .arg(greenhouse > garage ? QStringLiteral("Yes") : QStringLiteral("No"))
                          .arg(greenhouse)
                          .arg(garage)),
                 done()});
        });

        QSignalSpy answered(runtime.agent(), &Agent::answered);
        QSignalSpy failed(runtime.agent(), &Agent::failed);
        QVERIFY(runtime.agent()->ask(QStringLiteral("Is the greenhouse warmer than the garage?"),
                                     QStringLiteral("fleet")));
        QTRY_VERIFY_WITH_TIMEOUT(answered.count() + failed.count() > 0, 15000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(1).toString()));
        QCOMPARE(steps, (QStringList{QStringLiteral("list"), QStringLiteral("read"),
                                     QStringLiteral("answer")}));
        QCOMPARE(answered.first().at(1).toString(),
                 QStringLiteral("Yes: the greenhouse has 24.5 °C, the garage 12 °C."));

        // The tools as the model saw them: read_source names the node, and without a node a
        // remote source is refused with the nodes that have it.
        const ToolResult read = runtime.tools()->call(
            QStringLiteral("read_source"), {{QStringLiteral("source"), "bme280:temperature"}});
        QVERIFY(!read.isOk());
        QVERIFY2(read.errorMessage().contains(QLatin1String("garage")) &&
                     read.errorMessage().contains(QLatin1String("greenhouse")),
                 qPrintable(read.errorMessage()));
        const ToolResult unknown = runtime.tools()->call(
            QStringLiteral("read_source"),
            {{QStringLiteral("source"), "bme280:temperature"}, {QStringLiteral("node"), "shed"}});
        QVERIFY(!unknown.isOk());
        QVERIFY2(unknown.errorMessage().contains(QLatin1String("unknown node 'shed'")),
                 qPrintable(unknown.errorMessage()));
        const ToolResult local = runtime.tools()->call(QStringLiteral("read_source"),
                                                       {{QStringLiteral("source"), "probe:temp"}});
        QVERIFY(local.isOk());
        QCOMPARE(local.value().toObject().value(QStringLiteral("node")).toString(),
                 QStringLiteral("master"));
    }
};

QTEST_GUILESS_MAIN(tst_FleetAgent)
#include "tst_fleetagent.moc"
