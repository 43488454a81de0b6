// SPDX-License-Identifier: GPL-3.0-or-later
// Each reading once: for every builtin plugin (system, gpio with the simulated chip, modbus
// with a simulated device, mqtt with a real Mosquitto: topics of other devices and the
// snapshots of another node, sent twice) and a fixture that pushes readings from its own thread, a
// whole NodeRuntime runs for a while and every (source, timestamp) must have reached the bus once
// and the history once. A plugin that publishes a reading when it is made and hands it out
// again when it is collected (the Modbus plugin did) shows every value twice: in the history,
// its averages and counts, the event stream and anything exported.
#include "config/config.h"
#include "history/readinghistory.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "runtime/noderuntime.h"
#include "tools/toolregistry.h"

#include "mosquittobroker.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Smollama;
using namespace MqttTest;

class tst_ExactlyOnce : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    // A reading published twice has the same source, time and value. The value tells apart
    // two readings of one source within the same millisecond (a pushing plugin whose thread
    // was held up publishes the bursts it missed at once).
    static QString key(const Reading &r)
    {
        return r.node() + QLatin1Char('/') + r.source() + QLatin1Char('@') +
               QString::number(r.timestamp().toMSecsSinceEpoch()) + QLatin1Char('=') +
               r.value().toString();
    }

    // What the mqtt row sends: 6 messages of a Zigbee2MQTT-like device, one at a time, then a
    // snapshot of the Python smollama's node pi-garage twice (a repeated snapshot, a QoS 1
    // duplicate) and a newer one: 6 + 2 + 2 readings.
    static void feedMqtt(int port, const QList<Reading> &seen)
    {
        const QString device = QStringLiteral("zigbee2mqtt/porch");
        const auto temperature = [](double value) {
            return QJsonDocument(QJsonObject{{QStringLiteral("temperature"), value}})
                .toJson(QJsonDocument::Compact);
        };
        // Until the instance has subscribed, the first message may go nowhere: send it again.
        for (int i = 0; i < 50 && seen.isEmpty(); ++i) {
            QVERIFY(publish(port, device, temperature(20.5)));
            QTest::qWait(100);
        }
        QVERIFY2(!seen.isEmpty(), "the mqtt instance took no message");
        for (int i = 1; i < 6; ++i) {
            const qsizetype before = seen.size();
            QVERIFY(publish(port, device, temperature(20.5 + i)));
            QTRY_VERIFY_WITH_TIMEOUT(seen.size() > before, 5000);
        }
        // The Python smollama's snapshot format (tst_mqtt checks it in detail).
        const auto snapshot = [](const QString &ts) {
            const QJsonArray readings{
                QJsonObject{{QStringLiteral("source"), QStringLiteral("gpio:door")},
                            {QStringLiteral("value"), true},
                            {QStringLiteral("unit"), QJsonValue::Null},
                            {QStringLiteral("ts"), ts}},
                QJsonObject{{QStringLiteral("source"), QStringLiteral("system:cpu_temp")},
                            {QStringLiteral("value"), 48.2},
                            {QStringLiteral("unit"), QStringLiteral("C")},
                            {QStringLiteral("ts"), ts}}};
            return QJsonDocument(QJsonObject{{QStringLiteral("node"), QStringLiteral("pi-garage")},
                                             {QStringLiteral("timestamp"), 1764918000.5},
                                             {QStringLiteral("readings"), readings}})
                .toJson(QJsonDocument::Compact);
        };
        const QString topic = QStringLiteral("smollama/pi-garage/readings");
        const QDateTime earlier = QDateTime::currentDateTimeUtc().addSecs(-60);
        const QString first = earlier.toString(Qt::ISODateWithMs);
        QVERIFY(publish(port, topic, snapshot(first)));
        QVERIFY(publish(port, topic, snapshot(first)));
        QVERIFY(publish(port, topic, snapshot(earlier.addSecs(30).toString(Qt::ISODateWithMs))));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void eachReadingOnce_data()
    {
        QTest::addColumn<QByteArray>("plugins");
        QTest::addColumn<QString>("instance");
        // Readings of the instance to wait for before looking.
        QTest::addColumn<int>("enough");

        QTest::newRow("system") << QByteArray("  builtin:\n"
                                              "    system: {enabled: true, config: {interval_s: "
                                              "0.2}}\n")
                                << QStringLiteral("system") << 30;
        QTest::newRow("mqtt (Mosquitto)")
            << QByteArray("  builtin:\n"
                          "    mqtt:\n"
                          "      enabled: true\n"
                          "      config:\n"
                          "        host: 127.0.0.1\n"
                          "        port: @PORT@\n"
                          "        snapshot_interval_s: 0\n"
                          "        subscriptions:\n"
                          "          - {topic: \"zigbee2mqtt/+\", value: temperature, unit: "
                          "\"°C\", source: \"{2}_temperature\"}\n")
            << QStringLiteral("mqtt") << 10;
        // Polled at start only (a long interval): the values after that are edges of the
        // inputs and switched outputs, published the moment they happen.
        QTest::newRow("gpio (sim)")
            << QByteArray("  builtin:\n"
                          "    gpio:\n"
                          "      enabled: true\n"
                          "      config:\n"
                          "        backend: sim\n"
                          "        interval_s: 3600\n"
                          "        pins:\n"
                          "          - {pin: 17, name: button, edge: both}\n"
                          "          - {pin: 27, name: relay, mode: output}\n")
            << QStringLiteral("gpio") << 2 + 6 + 4;
        QTest::newRow("modbus (sim device)")
            << QByteArray("  builtin:\n"
                          "    modbus:\n"
                          "      enabled: true\n"
                          "      config:\n"
                          "        interval_s: 0.2\n"
                          "        devices:\n"
                          "          - name: demo\n"
                          "            sim: true\n"
                          "            registers:\n"
                          "              - {name: voltage, table: input, address: 0, type: "
                          "float32, sim_value: 230.1}\n"
                          "              - {name: relay, table: coil, address: 0, sim_value: "
                          "true}\n")
            << QStringLiteral("modbus") << 20;
        // Bursts of 5 readings every 50 ms: readings of one source within one millisecond,
        // each of which must reach the bus and the history once.
        QTest::newRow("pushing fixture")
            << QByteArray("  custom:\n"
                          "    - {name: pusher, module: fixture_flood, config: {interval_s: 0.2, "
                          "flood_per_s: 100, flood_burst_ms: 50, sources: [polled]}}\n")
            << QStringLiteral("pusher") << 60;
    }

    void eachReadingOnce()
    {
        QFETCH(QByteArray, plugins);
        QFETCH(QString, instance);
        QFETCH(int, enough);

        Broker broker;
        if (instance == QLatin1String("mqtt")) {
            QString error;
            QVERIFY2(broker.start(&error), qPrintable(error));
            plugins.replace("@PORT@", QByteArray::number(broker.port()));
        }
        const QByteArray yaml = "node: {name: once}\n"
                                "history: {persist: false}\n"
                                "http: {enabled: false}\n"
                                "agent: {ollama_retry_attempts: 0}\n"
                                "ollama: {url: \"http://127.0.0.1:9\"}\n"
                                "plugins:\n" +
                                plugins;
        const Config config = Config::fromYaml(yaml, m_tmp.filePath(QStringLiteral("config.yaml")));
        QVERIFY2(!config.hasErrors(), qPrintable(config.diagnostics().value(0).toString()));
        NodeRuntime runtime(config);
        runtime.setBuiltinPluginDir(QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR));
        runtime.setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/flood")});
        NodeRuntime::StartOptions options;
        options.crashCheck = false;
        runtime.setStartOptions(options);

        // What reached the bus, as a subscriber sees it (the history is another one): the
        // instance's readings and those of other nodes.
        const QString prefix = instance + QLatin1Char(':');
        QList<Reading> seen;
        QObject subscriber;
        runtime.bus()->subscribe(&subscriber, [&](const QList<Reading> &batch) {
            for (const Reading &r : batch) {
                const bool remote = !r.node().isEmpty() && r.node() != QLatin1String("once");
                if (r.source().startsWith(prefix) || remote) {
                    seen.append(r);
                }
            }
        });
        runtime.start();
        if (instance == QLatin1String("mqtt")) {
            feedMqtt(broker.port(), seen);
            if (QTest::currentTestFailed()) {
                return;
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(!seen.isEmpty(), 10000);

        if (instance == QLatin1String("gpio")) {
            // Edges of the input and switches of the output, each published once at once. One
            // at a time, each in a millisecond of its own: two switches within the same
            // millisecond are two readings with one timestamp, which this test would not tell
            // apart from one reading published twice.
            const auto act = [&](const QString &tool, const QJsonObject &arguments) {
                const qsizetype before = seen.size();
                const qint64 last = seen.last().timestamp().toMSecsSinceEpoch();
                QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > last);
                const ToolResult r = runtime.tools()->call(tool, arguments);
                QVERIFY2(r.isOk(), qPrintable(r.errorMessage()));
                QTRY_VERIFY_WITH_TIMEOUT(seen.size() > before, 5000);
            };
            for (int i = 0; i < 6; ++i) {
                act(QStringLiteral("gpio_simulate"),
                    {{QStringLiteral("name"), QStringLiteral("button")},
                     {QStringLiteral("state"),
                      i % 2 ? QStringLiteral("off") : QStringLiteral("on")}});
            }
            for (int i = 0; i < 4; ++i) {
                act(QStringLiteral("gpio_write"),
                    {{QStringLiteral("name"), QStringLiteral("relay")},
                     {QStringLiteral("state"), QStringLiteral("toggle")}});
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(seen.size() >= enough, 20000);
        runtime.readings()->stop(); // no more polls; pushed readings may still come

        // The bus: each (source, timestamp) once.
        QHash<QString, int> onBus;
        QStringList twice;
        for (const Reading &r : std::as_const(seen)) {
            if (++onBus[key(r)] == 2) {
                twice.append(key(r));
            }
        }
        QVERIFY2(twice.isEmpty(),
                 qPrintable(QStringLiteral("%1 of %2 readings reached the bus twice or more: %3")
                                .arg(twice.size())
                                .arg(seen.size())
                                .arg(twice.mid(0, 5).join(QLatin1String(", ")))));

        // The history: each numeric reading of the bus is one point, at its time (readings of
        // other nodes under their node).
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const auto historyKey = [](const Reading &r) {
            return r.node() + QLatin1Char('/') + r.source();
        };
        QHash<QString, int> expected; // node/source -> points
        for (const Reading &r : std::as_const(seen)) {
            if (ReadingHistory::numericValue(r)) {
                expected[historyKey(r)] += 1;
            }
        }
        QVERIFY2(!expected.isEmpty(), "no numeric reading to look for in the history");
        const auto pointsIn = [&](const QString &nodeSource) {
            const qsizetype slash = nodeSource.indexOf(QLatin1Char('/'));
            return runtime.history()->points(nodeSource.left(slash), nodeSource.mid(slash + 1),
                                             now - 365LL * 24 * 3600 * 1000, now + 60 * 1000, 0);
        };
        for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
            // The history is a subscriber of its own: wait until it has what this one saw.
            QTRY_VERIFY2_WITH_TIMEOUT(pointsIn(it.key()).size() >= it.value(),
                                      qPrintable(QStringLiteral("%1: %2 points, %3 readings")
                                                     .arg(it.key())
                                                     .arg(pointsIn(it.key()).size())
                                                     .arg(it.value())),
                                      5000);
            QHash<qint64, int> atTime;
            for (const HistoryPoint &p : pointsIn(it.key())) {
                atTime[p.timestampMs] += 1;
            }
            QHash<qint64, int> readingsAt; // the bus had each once: as many points as readings
            for (const Reading &r : std::as_const(seen)) {
                if (historyKey(r) == it.key() && ReadingHistory::numericValue(r)) {
                    readingsAt[r.timestamp().toMSecsSinceEpoch()] += 1;
                }
            }
            for (auto at = readingsAt.constBegin(); at != readingsAt.constEnd(); ++at) {
                QVERIFY2(atTime.value(at.key()) == at.value(),
                         qPrintable(QStringLiteral("%1 at %2 is %3 point(s) in the history, %4 "
                                                   "reading(s) on the bus")
                                        .arg(it.key())
                                        .arg(at.key())
                                        .arg(atTime.value(at.key()))
                                        .arg(at.value())));
            }
        }
        runtime.stop();
    }
};

QTEST_GUILESS_MAIN(tst_ExactlyOnce)
#include "tst_exactlyonce.moc"
