// SPDX-License-Identifier: GPL-3.0-or-later
// The builtin mqtt plugin as the host sees it: the built libsmollama_mqtt.so loaded with
// QPluginLoader, set up with a recording context, against a real Mosquitto started here
// (mosquittobroker.h). Other clients are Mosquitto's own mosquitto_pub/mosquitto_sub and a
// Python reader with the Python smollama's parsing rules, so both sides of every format are
// checked by software this project did not write.
#include "homeassistant.h"
#include "mosquittobroker.h"
#include "mqttformat.h"

#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>
#include <smollama/readingsink.h>
#include <smollama/testing.h>
#include <smollama/version.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QPluginLoader>
#include <QProcess>
#include <QTest>
#include <QTimeZone>

#include <memory>

using Smollama::Reading;
using namespace MqttTest;
namespace Format = Smollama::Internal::MqttFormat;
namespace HA = Smollama::Internal::HomeAssistant;

namespace {

class TestContext : public Smollama::PluginContext
{
public:
    TestContext(const QString &instance, const QString &node, const QJsonObject &config)
        : m_instance(instance)
        , m_node(node)
        , m_config(config)
    {
    }

    QString instanceName() const override { return m_instance; }
    Smollama::PluginMetadata metadata() const override { return {}; }
    QJsonObject config() const override { return m_config; }
    QString nodeName() const override { return m_node; }
    void publish(const Reading &reading) override { published.append(reading); }
    void setDegraded(const QString &reason) override
    {
        degraded = reason;
        reasons.append(reason);
    }
    // list_sources answers with `sources` when set; else the host has no tools.
    void callTool(const QString &name, const QJsonObject &arguments, QObject *receiver,
                  std::function<void(const Smollama::ToolResult &)> done) override
    {
        toolCalls.append(name);
        if (name == QLatin1String("echo")) {
            done(Smollama::ToolResult::ok(arguments));
            return;
        }
        if (name == QLatin1String("fail")) {
            done(Smollama::ToolResult::error(QStringLiteral("the sensor did not answer")));
            return;
        }
        if (name == QLatin1String("list_sources") && !sources.isEmpty()) {
            QJsonArray rows;
            for (const QString &s : std::as_const(sources)) {
                rows.append(QJsonObject{{QStringLiteral("source"), s}});
            }
            done(Smollama::ToolResult::ok(rows));
            return;
        }
        Smollama::PluginContext::callTool(name, arguments, receiver, done);
    }
    // The agent: answers "Q?" with "A: Q?" after the test says so (answerNow()).
    void ask(const QString &question, QObject *receiver,
             std::function<void(const QString &, const QString &)> done) override
    {
        Q_UNUSED(receiver)
        questions.append(question);
        pendingAnswer = [done, question] { done(QStringLiteral("A: ") + question, QString()); };
    }
    void answerNow()
    {
        auto answer = std::move(pendingAnswer);
        pendingAnswer = nullptr;
        if (answer) {
            answer();
        }
    }
    void updateNode(const QString &name, const QJsonObject &facts) override
    {
        QJsonObject &known = nodes[name];
        for (auto it = facts.begin(); it != facts.end(); ++it) {
            known.insert(it.key(), it.value());
        }
    }

    QList<Reading> from(const QString &node) const
    {
        QList<Reading> out;
        for (const Reading &r : published) {
            if (r.node() == node) {
                out.append(r);
            }
        }
        return out;
    }

    QString m_instance;
    QString m_node;
    QJsonObject m_config;
    QList<Reading> published;
    QString degraded;
    QStringList reasons;
    QHash<QString, QJsonObject> nodes;
    QStringList sources;
    QStringList questions;
    QStringList toolCalls;
    std::function<void()> pendingAnswer;
};

// One plugin instance: the library's factory, the instance object, its context.
struct Instance
{
    std::unique_ptr<QObject> object;
    std::unique_ptr<TestContext> context;
    Smollama::Plugin *plugin = nullptr;
    Smollama::ReadingSink *sink = nullptr;
    bool setUp = false;

    ~Instance()
    {
        if (setUp) {
            plugin->teardown();
        }
    }
    QJsonObject stats() const
    {
        QJsonObject out;
        QMetaObject::invokeMethod(object.get(), "statistics", Q_RETURN_ARG(QJsonObject, out));
        return out;
    }
    bool connected() const { return stats().value(QLatin1String("connected")).toBool(); }
};

QJsonObject baseConfig(int port)
{
    return {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
            {QStringLiteral("port"), port},
            {QStringLiteral("keepalive_s"), 5},
            {QStringLiteral("reconnect_max_s"), 2},
            {QStringLiteral("snapshot_interval_s"), 0}};
}

Reading local(const QString &source, const QVariant &value, const QString &unit,
              qint64 msOffset = 0)
{
    Reading r(source, value, unit, QDateTime::currentDateTimeUtc().addMSecs(msOffset - 10000));
    return r;
}

QString readAll(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

// One MQTT 5 request with mosquitto_rr: the response as mosquitto_rr's JSON (topic, payload,
// properties), or empty when none came within \a waitS.
QJsonObject request(int port, const QString &topic, const QByteArray &payload,
                    const QString &responseTopic, const QByteArray &correlation, int waitS = 10)
{
    QProcess p;
    QStringList args{QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("-p"), QString::number(port),
                     QStringLiteral("-t"), topic,
                     QStringLiteral("-e"), responseTopic,
                     QStringLiteral("-q"), QStringLiteral("1"),
                     QStringLiteral("-W"), QString::number(waitS),
                     QStringLiteral("-F"), QStringLiteral("%j"),
                     QStringLiteral("-m"), QString::fromUtf8(payload)};
    if (!correlation.isEmpty()) {
        args << QStringLiteral("-D") << QStringLiteral("publish")
             << QStringLiteral("correlation-data") << QString::fromUtf8(correlation);
    }
    p.start(findTool(QStringLiteral("mosquitto_rr")), args);
    // The plugin answers on this thread: keep its events running while waiting.
    QElapsedTimer timer;
    timer.start();
    while (p.state() != QProcess::NotRunning && timer.elapsed() < (waitS + 5) * 1000) {
        QTest::qWait(10);
    }
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished(2000);
        return {};
    }
    const QList<QByteArray> lines = p.readAllStandardOutput().split('\n');
    return QJsonDocument::fromJson(lines.value(0)).object();
}

QJsonObject payloadOf(const QJsonObject &message)
{
    return QJsonDocument::fromJson(message.value(QLatin1String("payload")).toString().toUtf8())
        .object();
}

int countIn(const QString &text, const QString &what)
{
    return text.count(what);
}

} // namespace

class tst_Mqtt : public QObject
{
    Q_OBJECT

private:
    QPluginLoader m_loader{
        QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR "/libsmollama_mqtt.so")};
    // Its manifest: setup() gets the config as the host hands it (validated, with defaults).
    Smollama::Testing::PluginLibrary m_library{m_loader.fileName()};

    std::unique_ptr<Instance> create(const QString &instance, const QString &node,
                                     const QJsonObject &written, bool expectOk = true)
    {
        QString invalid;
        const QJsonObject config = m_library.config(written, &invalid);
        if (!invalid.isEmpty()) {
            qWarning() << "config:" << invalid;
            return nullptr;
        }
        auto *factory = qobject_cast<Smollama::PluginFactory *>(m_loader.instance());
        if (!factory) {
            qWarning() << m_loader.errorString();
            return nullptr;
        }
        auto inst = std::make_unique<Instance>();
        inst->object.reset(factory->create());
        inst->plugin = qobject_cast<Smollama::Plugin *>(inst->object.get());
        inst->sink = qobject_cast<Smollama::ReadingSink *>(inst->object.get());
        inst->context = std::make_unique<TestContext>(instance, node, config);
        const Smollama::Result result = inst->plugin->setup(config, inst->context.get());
        inst->setUp = result.isOk();
        if (result.isOk() != expectOk) {
            qWarning() << "setup:" << result.message();
            return nullptr;
        }
        if (!result.isOk()) {
            inst->context->degraded = result.message();
        }
        return inst;
    }

    // The broker has taken \a count subscriptions to \a filter (a subscriber is ready before
    // we publish).
    static bool waitForSubscribed(const Broker &broker, const QString &filter, int count = 1)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 10000) {
            if (countIn(broker.log(), QLatin1Char('\t') + filter + QStringLiteral(" (QoS")) >=
                count) {
                return true;
            }
            QTest::qWait(20);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (findTool(QStringLiteral("mosquitto")).isEmpty() ||
            findTool(QStringLiteral("mosquitto_sub")).isEmpty()) {
            if (qEnvironmentVariable("CI") == QLatin1String("true")) {
                QFAIL("mosquitto and mosquitto-clients are needed: run scripts/install-deps.sh");
            }
            QSKIP("mosquitto is not installed (scripts/install-deps.sh)");
        }
        QVERIFY2(m_loader.load(), qPrintable(m_loader.errorString()));
    }

    // --- formats on their own --------------------------------------------------------

    void topicLevelsAreSafe()
    {
        QCOMPARE(Format::topicLevel(QStringLiteral("a/b+c#d")), QStringLiteral("a_b_c_d"));
        QCOMPARE(Format::topicLevel(QString()), QStringLiteral("_"));
        QCOMPARE(Format::stateTopic(QStringLiteral("smollama"), QStringLiteral("green/house"),
                                    QStringLiteral("gpio:pump#1/x")),
                 QStringLiteral("smollama/green_house/state/gpio/pump_1_x"));
        QVERIFY(Format::topicMatches(QStringLiteral("zigbee2mqtt/+"),
                                     QStringLiteral("zigbee2mqtt/kitchen")));
        QVERIFY(!Format::topicMatches(QStringLiteral("zigbee2mqtt/+"),
                                      QStringLiteral("zigbee2mqtt/kitchen/set")));
        QVERIFY(Format::topicMatches(QStringLiteral("a/#"), QStringLiteral("a")));
        QVERIFY(Format::topicMatches(QStringLiteral("a/#"), QStringLiteral("a/b/c")));
    }

    void timesAndPaths()
    {
        const QDateTime t = Format::parseTime(QStringLiteral("2026-12-05T08:10:00.123456+01:00"));
        QCOMPARE(t, QDateTime(QDate(2026, 12, 5), QTime(7, 10, 0, 123), QTimeZone::utc()));
        QCOMPARE(Format::parseTime(QStringLiteral("2026-12-05T07:10:00Z")),
                 QDateTime(QDate(2026, 12, 5), QTime(7, 10), QTimeZone::utc()));
        QVERIFY(!Format::parseTime(QStringLiteral("yesterday")).isValid());
        const QJsonValue root =
            QJsonDocument::fromJson(R"({"a": {"b": [1, {"c": 21.5}]}, "state": "ON"})").object();
        QJsonValue v;
        QVERIFY(Format::jsonPath(root, QStringLiteral("$.a.b[1].c"), &v));
        QCOMPARE(v.toDouble(), 21.5);
        QVERIFY(Format::jsonPath(root, QStringLiteral("state"), &v));
        QCOMPARE(Format::readingValue(v), QVariant(true));
        QVERIFY(!Format::jsonPath(root, QStringLiteral("a.x"), &v));
        QCOMPARE(Format::renderSource(QStringLiteral("zigbee_{2}_temp"),
                                      QStringLiteral("zigbee2mqtt/Living Room")),
                 QStringLiteral("zigbee_living_room_temp"));
    }

    // --- Home Assistant discovery, field by field ------------------------------------------

    void homeAssistantPayloads()
    {
        const HA::Device device{QStringLiteral("homeassistant"), QStringLiteral("smollama"),
                                QStringLiteral("greenhouse"), QStringLiteral("1.2.3"),
                                QStringLiteral("http://greenhouse.local:8080")};
        const QString topic =
            HA::configTopic(device, QStringLiteral("sensor"), QStringLiteral("bme:temperature"));
        QCOMPARE(topic,
                 QStringLiteral("homeassistant/sensor/smollama_greenhouse/bme_temperature/config"));
        const QJsonObject c = QJsonDocument::fromJson(HA::config(device, QStringLiteral("sensor"),
                                                                 QStringLiteral("bme:temperature"),
                                                                 QString(), QStringLiteral("°C")))
                                  .object();
        QCOMPARE(c.value(QLatin1String("name")).toString(), QStringLiteral("Temperature"));
        QCOMPARE(c.value(QLatin1String("unique_id")).toString(),
                 QStringLiteral("smollama_greenhouse_bme_temperature"));
        QCOMPARE(c.value(QLatin1String("state_topic")).toString(),
                 QStringLiteral("smollama/greenhouse/state/bme/temperature"));
        QCOMPARE(c.value(QLatin1String("value_template")).toString(),
                 QStringLiteral("{{ value_json.value }}"));
        QCOMPARE(c.value(QLatin1String("unit_of_measurement")).toString(), QStringLiteral("°C"));
        QCOMPARE(c.value(QLatin1String("device_class")).toString(), QStringLiteral("temperature"));
        QCOMPARE(c.value(QLatin1String("state_class")).toString(), QStringLiteral("measurement"));
        const QJsonObject availability =
            c.value(QLatin1String("availability")).toArray().first().toObject();
        QCOMPARE(availability.value(QLatin1String("topic")).toString(),
                 QStringLiteral("smollama/greenhouse/status"));
        QCOMPARE(availability.value(QLatin1String("value_template")).toString(),
                 QStringLiteral("{{ value_json.state }}"));
        const QJsonObject dev = c.value(QLatin1String("device")).toObject();
        QCOMPARE(dev.value(QLatin1String("identifiers")).toArray(),
                 QJsonArray{QStringLiteral("smollama_greenhouse")});
        QCOMPARE(dev.value(QLatin1String("name")).toString(), QStringLiteral("greenhouse"));
        QCOMPARE(dev.value(QLatin1String("manufacturer")).toString(), QStringLiteral("smollama"));
        QCOMPARE(dev.value(QLatin1String("sw_version")).toString(), QStringLiteral("1.2.3"));
        QCOMPARE(dev.value(QLatin1String("configuration_url")).toString(),
                 QStringLiteral("http://greenhouse.local:8080"));

        // Energy counts up; on/off is a binary_sensor without unit or state_class.
        QCOMPARE(HA::stateClass(QStringLiteral("kWh")), QStringLiteral("total_increasing"));
        QCOMPARE(HA::deviceClass(QStringLiteral("kWh"), QString()), QStringLiteral("energy"));
        QCOMPARE(HA::deviceClass(QStringLiteral("%"), QStringLiteral("bme:humidity")),
                 QStringLiteral("humidity"));
        QCOMPARE(HA::deviceClass(QStringLiteral("%"), QStringLiteral("system:cpu_usage")),
                 QString());
        for (const auto &[unit, cls] :
             {std::pair{"hPa", "pressure"}, {"W", "power"}, {"V", "voltage"}, {"A", "current"}}) {
            QCOMPARE(HA::deviceClass(QLatin1String(unit), QString()), QLatin1String(cls));
        }
        QCOMPARE(HA::component(QVariant(true)), QStringLiteral("binary_sensor"));
        QCOMPARE(HA::component(QVariant(QStringLiteral("text"))), QString());
        const QJsonObject b =
            QJsonDocument::fromJson(HA::config(device, QStringLiteral("binary_sensor"),
                                               QStringLiteral("gpio:door"), QStringLiteral("Door"),
                                               QString()))
                .object();
        QCOMPARE(b.value(QLatin1String("name")).toString(), QStringLiteral("Door"));
        QCOMPARE(b.value(QLatin1String("value_template")).toString(),
                 QStringLiteral("{{ 'ON' if value_json.value else 'OFF' }}"));
        QVERIFY(!b.contains(QLatin1String("state_class")));
        QVERIFY(!b.contains(QLatin1String("unit_of_measurement")));
    }

    // --- against the broker --------------------------------------------------------------

    void pythonSnapshotIsIngested()
    {
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        auto master =
            create(QStringLiteral("mqtt"), QStringLiteral("master"), baseConfig(broker.port()));
        QVERIFY(master);
        QTRY_VERIFY_WITH_TIMEOUT(master->connected(), 10000);
        QTRY_VERIFY(master->context->degraded.isEmpty());
        QVERIFY(waitForSubscribed(broker, QStringLiteral("smollama/+/readings")));

        // Exactly what the Python smollama's edge publishes.
        const QByteArray snapshot =
            R"({"node": "pi-garage", "timestamp": 1764918000.5, "readings": [)"
            R"({"source": "gpio:motion_sensor", "value": true, "unit": null,)"
            R"( "ts": "2025-12-05T07:00:00.250000+00:00"},)"
            R"({"source": "system:cpu_temp", "value": 48.2, "unit": "°C",)"
            R"( "ts": "2025-12-05T08:00:00+01:00"}]})";
        QVERIFY(publish(broker.port(), QStringLiteral("smollama/pi-garage/readings"), snapshot));
        QTRY_COMPARE(master->context->from(QStringLiteral("pi-garage")).size(), 2);
        const QList<Reading> got = master->context->from(QStringLiteral("pi-garage"));
        QCOMPARE(got.at(0).source(), QStringLiteral("gpio:motion_sensor"));
        QCOMPARE(got.at(0).value(), QVariant(true));
        QCOMPARE(got.at(0).unit(), QString());
        QCOMPARE(got.at(0).timestamp(),
                 QDateTime(QDate(2025, 12, 5), QTime(7, 0, 0, 250), QTimeZone::utc()));
        QCOMPARE(got.at(1).source(), QStringLiteral("system:cpu_temp"));
        QCOMPARE(got.at(1).value().toDouble(), 48.2);
        QCOMPARE(got.at(1).unit(), QStringLiteral("°C"));
        QCOMPARE(got.at(1).timestamp(),
                 QDateTime(QDate(2025, 12, 5), QTime(7, 0), QTimeZone::utc()));
        QCOMPARE(master->context->nodes.value(QStringLiteral("pi-garage"))
                     .value(QLatin1String("online")),
                 QJsonValue(true));

        // The same snapshot again (QoS 1 duplicate, a repeated snapshot): nothing new.
        QVERIFY(publish(broker.port(), QStringLiteral("smollama/pi-garage/readings"), snapshot));
        QTRY_COMPARE(master->stats()
                         .value(QLatin1String("ingest"))
                         .toObject()
                         .value(QLatin1String("duplicates"))
                         .toInt(),
                     2);
        QCOMPARE(master->context->from(QStringLiteral("pi-garage")).size(), 2);

        // Malformed payloads: counted, logged once per topic, never a crash.
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("malformed message on "
                                                               "smollama/pi-bad/readings")));
        for (int i = 0; i < 3; ++i) {
            QVERIFY(
                publish(broker.port(), QStringLiteral("smollama/pi-bad/readings"), "{not json"));
        }
        QTRY_COMPARE(master->stats()
                         .value(QLatin1String("ingest"))
                         .toObject()
                         .value(QLatin1String("malformed"))
                         .toInt(),
                     3);
    }

    void ourSnapshotReadsInPython()
    {
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        Subscriber sub;
        QVERIFY(sub.start(broker.port(), {QStringLiteral("smollama/+/readings")}));
        QVERIFY(waitForSubscribed(broker, QStringLiteral("smollama/+/readings")));
        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("snapshot_interval_s"), 0.2);
        auto edge = create(QStringLiteral("mqtt"), QStringLiteral("greenhouse"), config);
        QVERIFY(edge);
        QTRY_VERIFY_WITH_TIMEOUT(edge->connected(), 10000);
        edge->sink->write(
            {local(QStringLiteral("bme:temperature"), 21.5, QStringLiteral("°C")),
             local(QStringLiteral("gpio:door"), false, QString()),
             local(QStringLiteral("system:hostname"), QStringLiteral("gh"), QString()),
             Reading::error(QStringLiteral("bme:pressure"), QStringLiteral("no answer"))});
        QTRY_VERIFY_WITH_TIMEOUT(
            !sub.linesFor(QStringLiteral("smollama/greenhouse/readings")).isEmpty(), 10000);
        const QString line = QStringLiteral("smollama/greenhouse/readings ") +
                             sub.linesFor(QStringLiteral("smollama/greenhouse/readings")).first();

        QProcess python;
        python.start(QStringLiteral("python3"), {QStringLiteral(SMOLLAMA_MQTT_PYTHON_READER)});
        QVERIFY(python.waitForStarted(5000));
        python.write(line.toUtf8() + '\n');
        python.closeWriteChannel();
        QVERIFY(python.waitForFinished(20000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        QHash<QString, QJsonObject> bySource;
        for (const QByteArray &l : python.readAllStandardOutput().split('\n')) {
            if (!l.isEmpty()) {
                const QJsonObject o = QJsonDocument::fromJson(l).object();
                bySource.insert(o.value(QLatin1String("source")).toString(), o);
            }
        }
        // The error reading is left out: the Python format has no quality.
        QCOMPARE(bySource.size(), 3);
        const QJsonObject t = bySource.value(QStringLiteral("bme:temperature"));
        QCOMPARE(t.value(QLatin1String("node")).toString(), QStringLiteral("greenhouse"));
        QCOMPARE(t.value(QLatin1String("value")).toDouble(), 21.5);
        QCOMPARE(t.value(QLatin1String("unit")).toString(), QStringLiteral("°C"));
        QCOMPARE(bySource.value(QStringLiteral("gpio:door")).value(QLatin1String("value")),
                 QJsonValue(false));
        QVERIFY(bySource.value(QStringLiteral("gpio:door")).value(QLatin1String("unit")).isNull());
        QCOMPARE(bySource.value(QStringLiteral("system:hostname")).value(QLatin1String("value")),
                 QJsonValue(QStringLiteral("gh")));
    }

    void stateStatusAndWill()
    {
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("api_url"), QStringLiteral("http://gh.local:8080"));
        auto edge = create(QStringLiteral("mqtt"), QStringLiteral("gh/1+#"), config);
        QVERIFY(edge);
        QTRY_VERIFY_WITH_TIMEOUT(edge->connected(), 10000);
        edge->sink->write({local(QStringLiteral("bme:temperature"), 21.5, QStringLiteral("°C"))});
        // A reading of another node is not sent back.
        Reading foreign = local(QStringLiteral("system:cpu_temp"), 50.0, QStringLiteral("°C"));
        foreign.setNode(QStringLiteral("garage"));
        edge->sink->write({foreign});
        QTRY_COMPARE(edge->stats().value(QLatin1String("delivered")).toInt(), 2); // status, state

        // Retained: a subscriber that comes later gets state and status. The node's name
        // with / + # is one safe level.
        Subscriber sub;
        QVERIFY(sub.start(broker.port(), {QStringLiteral("smollama/#")}));
        QTRY_COMPARE(sub.linesFor(QStringLiteral("smollama/gh_1__/state/bme/temperature")).size(),
                     1);
        const QJsonObject state =
            QJsonDocument::fromJson(
                sub.linesFor(QStringLiteral("smollama/gh_1__/state/bme/temperature"))
                    .first()
                    .toUtf8())
                .object();
        QCOMPARE(state.value(QLatin1String("value")).toDouble(), 21.5);
        QCOMPARE(state.value(QLatin1String("unit")).toString(), QStringLiteral("°C"));
        QCOMPARE(state.value(QLatin1String("quality")).toString(), QStringLiteral("ok"));
        QCOMPARE(state.value(QLatin1String("source")).toString(),
                 QStringLiteral("bme:temperature"));
        QVERIFY(Format::parseTime(state.value(QLatin1String("timestamp")).toString()).isValid());
        QTRY_COMPARE(sub.linesFor(QStringLiteral("smollama/gh_1__/status")).size(), 1);
        const QJsonObject status =
            QJsonDocument::fromJson(
                sub.linesFor(QStringLiteral("smollama/gh_1__/status")).first().toUtf8())
                .object();
        QCOMPARE(status.value(QLatin1String("state")).toString(), QStringLiteral("online"));
        QCOMPARE(status.value(QLatin1String("version")).toString(),
                 QStringLiteral(SMOLLAMA_VERSION_STRING));
        QCOMPARE(status.value(QLatin1String("url")).toString(),
                 QStringLiteral("http://gh.local:8080"));
        QVERIFY(sub.linesFor(QStringLiteral("smollama/gh_1__/state/system/cpu_temp")).isEmpty());

        // A clean stop says offline (retained).
        edge.reset();
        QTRY_COMPARE(sub.linesFor(QStringLiteral("smollama/gh_1__/status")).size(), 2);
        QVERIFY(sub.linesFor(QStringLiteral("smollama/gh_1__/status"))
                    .last()
                    .contains(QLatin1String("\"state\":\"offline\"")));
    }

    void willMarksANodeOfflineOnTheMaster()
    {
        // The edge is a mosquitto_sub with our will, killed with SIGKILL: the broker sends the
        // will after keepalive x 1.5 and the master learns the node is offline.
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        auto master =
            create(QStringLiteral("mqtt"), QStringLiteral("master"), baseConfig(broker.port()));
        QVERIFY(master);
        QTRY_VERIFY_WITH_TIMEOUT(master->connected(), 10000);
        QVERIFY(publish(
            broker.port(), QStringLiteral("smollama/edge/status"),
            Format::status(true, QStringLiteral("edge"), QStringLiteral("9.9"), QString()), true));
        QTRY_COMPARE(
            master->context->nodes.value(QStringLiteral("edge")).value(QLatin1String("online")),
            QJsonValue(true));
        QCOMPARE(master->context->nodes.value(QStringLiteral("edge"))
                     .value(QLatin1String("version"))
                     .toString(),
                 QStringLiteral("9.9"));
        QProcess edge;
        edge.start(findTool(QStringLiteral("mosquitto_sub")),
                   {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                    QString::number(broker.port()), QStringLiteral("-t"), QStringLiteral("x"),
                    QStringLiteral("-k"), QStringLiteral("5"), QStringLiteral("--will-topic"),
                    QStringLiteral("smollama/edge/status"), QStringLiteral("--will-payload"),
                    QString::fromUtf8(Format::status(false, QStringLiteral("edge"),
                                                     QStringLiteral("9.9"), QString())),
                    QStringLiteral("--will-retain"), QStringLiteral("--will-qos"),
                    QStringLiteral("1")});
        QVERIFY(edge.waitForStarted(5000));
        QVERIFY(waitForSubscribed(broker, QStringLiteral("x")));
        QElapsedTimer timer;
        timer.start();
        edge.kill(); // SIGKILL: no DISCONNECT
        edge.waitForFinished(5000);
        // The socket closes with the process, so the broker sends the will at once; keepalive
        // x 1.5 (7.5 s) is the bound when the machine vanishes without closing it.
        QTRY_COMPARE_WITH_TIMEOUT(
            master->context->nodes.value(QStringLiteral("edge")).value(QLatin1String("online")),
            QJsonValue(false), 7500);
        qInfo("offline on the master %lld ms after SIGKILL",
              static_cast<long long>(timer.elapsed()));
    }

    void brokerDownAtStartAndBufferedReadingsArrive()
    {
        Broker broker;
        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("offline_buffer"), 5);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot reach")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("offline buffer")));
        auto edge = create(QStringLiteral("mqtt"), QStringLiteral("edge"), config);
        QVERIFY(edge); // the node runs on
        QTRY_VERIFY(
            edge->context->degraded.contains(QStringLiteral("127.0.0.1:%1").arg(broker.port())));
        QVERIFY2(edge->context->degraded.contains(QLatin1String("cannot reach")),
                 qPrintable(edge->context->degraded));

        // Eight readings while away, room for five: the three oldest go, counted.
        for (int i = 0; i < 8; ++i) {
            edge->sink->write({local(QStringLiteral("t:v"), i, QString(), i)});
        }
        QCOMPARE(edge->stats().value(QLatin1String("dropped")).toInt(), 3);
        QCOMPARE(edge->stats().value(QLatin1String("buffered")).toInt(), 5);

        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        Subscriber sub;
        QVERIFY(sub.start(broker.port(), {QStringLiteral("smollama/edge/state/#")}));
        QVERIFY(waitForSubscribed(broker, QStringLiteral("smollama/edge/state/#")));
        QTRY_VERIFY_WITH_TIMEOUT(edge->connected(), 15000);
        QTRY_VERIFY(edge->context->degraded.isEmpty());
        QTRY_COMPARE(edge->stats().value(QLatin1String("published")).toInt(), 5);
        QCOMPARE(edge->stats().value(QLatin1String("buffered")).toInt(), 0);
        // The subscriber may have come before or after the buffer left (then it gets the
        // retained newest, else every message in order): the newest comes last either way.
        QTRY_VERIFY(!sub.linesFor(QStringLiteral("smollama/edge/state/t/v")).isEmpty() &&
                    sub.linesFor(QStringLiteral("smollama/edge/state/t/v"))
                        .last()
                        .contains(QLatin1String("\"value\":7")));
    }

    void brokerRestartAtQos1LosesNothing()
    {
        Broker broker;
        broker.setPersistence(true); // the master's session survives the restart
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        auto master =
            create(QStringLiteral("mqtt"), QStringLiteral("master"), baseConfig(broker.port()));
        auto edge =
            create(QStringLiteral("mqtt"), QStringLiteral("edge"), baseConfig(broker.port()));
        QVERIFY(master && edge);
        QTRY_VERIFY_WITH_TIMEOUT(master->connected() && edge->connected(), 10000);
        QVERIFY(waitForSubscribed(broker, QStringLiteral("smollama/+/state/#"), 2));

        const int total = 300;
        int published = 0;
        auto writeSome = [&](int n) {
            for (int i = 0; i < n && published < total; ++i, ++published) {
                edge->sink->write({local(QStringLiteral("t:v%1").arg(published % 10), published,
                                         QString(), published)});
            }
        };
        writeSome(100);
        QTRY_VERIFY(master->context->from(QStringLiteral("edge")).size() >= 50);
        broker.stop();
        QTRY_VERIFY(!edge->connected() && !master->connected());
        writeSome(100); // while the broker is down
        QVERIFY2(broker.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(master->connected() && edge->connected(), 15000);
        writeSome(100);
        QTRY_COMPARE_WITH_TIMEOUT(master->context->from(QStringLiteral("edge")).size(), total,
                                  20000);
        QSet<int> values;
        for (const Reading &r : master->context->from(QStringLiteral("edge"))) {
            values.insert(r.value().toInt());
        }
        QCOMPARE(values.size(), total);
        qInfo("published %d, received %lld (unique %lld), duplicates ignored %d", total,
              static_cast<long long>(master->context->from(QStringLiteral("edge")).size()),
              static_cast<long long>(values.size()),
              master->stats()
                  .value(QLatin1String("ingest"))
                  .toObject()
                  .value(QLatin1String("duplicates"))
                  .toInt());
    }

    void passwordFileAndAcl()
    {
        Broker broker;
        const QString passwords = broker.path(QStringLiteral("passwd"));
        QProcess tool;
        tool.start(findTool(QStringLiteral("mosquitto_passwd")),
                   {QStringLiteral("-b"), QStringLiteral("-c"), passwords,
                    QStringLiteral("greenhouse"), QStringLiteral("s3cret!")});
        QVERIFY(tool.waitForFinished(10000) && tool.exitCode() == 0);
        QFile acl(broker.path(QStringLiteral("acl")));
        QVERIFY(acl.open(QIODevice::WriteOnly));
        acl.write("user greenhouse\ntopic readwrite smollama/greenhouse/#\n"
                  "topic read smollama/+/status\n");
        acl.close();
        broker.setExtra(QStringLiteral("allow_anonymous false\npassword_file %1\nacl_file %2\n")
                            .arg(passwords, acl.fileName()));
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));

        QFile secret(broker.path(QStringLiteral("password")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("s3cret!\n");
        secret.close();
        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("username"), QStringLiteral("greenhouse"));
        config.insert(QStringLiteral("password_file"), secret.fileName());
        auto edge = create(QStringLiteral("mqtt"), QStringLiteral("greenhouse"), config);
        QVERIFY(edge);
        QTRY_VERIFY_WITH_TIMEOUT(edge->connected(), 10000);
        edge->sink->write({local(QStringLiteral("bme:temperature"), 20.0, QStringLiteral("°C"))});
        QTRY_COMPARE(edge->stats().value(QLatin1String("delivered")).toInt(), 2); // status, state
        QVERIFY(broker.log().contains(QLatin1String("smollama/greenhouse/state/bme/temperature")));
        // The password is in no status text.
        for (const QString &reason : std::as_const(edge->context->reasons)) {
            QVERIFY(!reason.contains(QLatin1String("s3cret")));
        }

        // A wrong password: a reason naming the broker and the cause, and no retry storm.
        QFile wrong(broker.path(QStringLiteral("wrong")));
        QVERIFY(wrong.open(QIODevice::WriteOnly));
        wrong.write("nope\n");
        wrong.close();
        config.insert(QStringLiteral("password_file"), wrong.fileName());
        config.insert(QStringLiteral("reconnect_max_s"), 30);
        config.insert(QStringLiteral("client_id"), QStringLiteral("intruder"));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refused")));
        auto bad = create(QStringLiteral("mqtt2"), QStringLiteral("greenhouse"), config);
        QVERIFY(bad);
        QTRY_VERIFY_WITH_TIMEOUT(bad->context->degraded.contains(QLatin1String("refused")), 10000);
        const QString reason = bad->context->degraded;
        QVERIFY2(reason.contains(QStringLiteral("127.0.0.1:%1").arg(broker.port())),
                 qPrintable(reason));
        QVERIFY2(reason.contains(QLatin1String("not authori")) ||
                     reason.contains(QLatin1String("password")),
                 qPrintable(reason));
        QVERIFY(!reason.contains(QLatin1String("nope")));
        // reconnect_max_s 30: within the next 3 s there is no second attempt.
        QTest::qWait(3000);
        QVERIFY2(countIn(broker.log(), QStringLiteral("disconnected, not authorised")) == 1,
                 qPrintable(broker.log()));
    }

    void tlsWithOpensslCertificates()
    {
        const QString openssl = findTool(QStringLiteral("openssl"));
        QVERIFY2(!openssl.isEmpty(), "openssl is needed");
        Broker broker;
        auto run = [&](const QStringList &args) {
            QProcess p;
            p.setWorkingDirectory(broker.dir());
            p.start(openssl, args);
            return p.waitForFinished(30000) && p.exitCode() == 0;
        };
        // A CA, and a server certificate for 127.0.0.1 signed by it; a second, unrelated CA.
        QVERIFY(run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                     QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                     QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=test-ca"),
                     QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                     QStringLiteral("ca.crt")}));
        QVERIFY(
            run({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                 QStringLiteral("-nodes"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                 QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"),
                 QStringLiteral("server.csr")}));
        QFile ext(broker.path(QStringLiteral("ext.cnf")));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=IP:127.0.0.1\n");
        ext.close();
        QVERIFY(run({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                     QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.crt"),
                     QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                     QStringLiteral("-CAcreateserial"), QStringLiteral("-days"),
                     QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("ext.cnf"),
                     QStringLiteral("-out"), QStringLiteral("server.crt")}));
        QVERIFY(run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                     QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                     QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=other-ca"),
                     QStringLiteral("-keyout"), QStringLiteral("other.key"), QStringLiteral("-out"),
                     QStringLiteral("other.crt")}));
        broker.setExtra(QStringLiteral("cafile %1\ncertfile %2\nkeyfile %3\n")
                            .arg(broker.path(QStringLiteral("ca.crt")),
                                 broker.path(QStringLiteral("server.crt")),
                                 broker.path(QStringLiteral("server.key"))));
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));

        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("ca_file"), broker.path(QStringLiteral("ca.crt")));
        auto edge = create(QStringLiteral("mqtt"), QStringLiteral("secure"), config);
        QVERIFY(edge);
        QTRY_VERIFY_WITH_TIMEOUT(edge->connected(), 10000);
        edge->sink->write({local(QStringLiteral("bme:temperature"), 20.0, QStringLiteral("°C"))});
        QTRY_COMPARE(edge->stats().value(QLatin1String("delivered")).toInt(), 2); // status, state

        // A CA that did not sign the broker's certificate: a reason that says TLS.
        config.insert(QStringLiteral("ca_file"), broker.path(QStringLiteral("other.crt")));
        config.insert(QStringLiteral("client_id"), QStringLiteral("untrusting"));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(".")));
        auto bad = create(QStringLiteral("mqtt2"), QStringLiteral("secure"), config);
        QVERIFY(bad);
        QTRY_VERIFY_WITH_TIMEOUT(bad->context->degraded.contains(QLatin1String("TLS")), 10000);
        QVERIFY2(bad->context->degraded.contains(QStringLiteral("127.0.0.1:%1").arg(broker.port())),
                 qPrintable(bad->context->degraded));
        QVERIFY(!bad->connected());
    }

    void foreignTopicSubscription()
    {
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("receive"), false);
        config.insert(
            QStringLiteral("subscriptions"),
            QJsonArray{QJsonObject{{QStringLiteral("topic"), QStringLiteral("zigbee2mqtt/+")},
                                   {QStringLiteral("value"), QStringLiteral("temperature")},
                                   {QStringLiteral("unit"), QStringLiteral("°C")},
                                   {QStringLiteral("source"), QStringLiteral("zigbee_{2}")}},
                       QJsonObject{{QStringLiteral("topic"), QStringLiteral("stat/+/POWER")},
                                   {QStringLiteral("source"), QStringLiteral("{2}_power")}}});
        auto node = create(QStringLiteral("mqtt"), QStringLiteral("house"), config);
        QVERIFY(node);
        QTRY_VERIFY_WITH_TIMEOUT(node->connected(), 10000);
        QVERIFY(waitForSubscribed(broker, QStringLiteral("stat/+/POWER")));
        QVERIFY(publish(broker.port(), QStringLiteral("zigbee2mqtt/Kitchen Sensor"),
                        R"({"temperature": 19.5, "humidity": 40, "linkquality": 80})"));
        QVERIFY(publish(broker.port(), QStringLiteral("stat/tasmota_plug/POWER"), "ON"));
        QTRY_COMPARE(node->context->published.size(), 2);
        QCOMPARE(node->context->published.at(0).source(), QStringLiteral("zigbee_kitchen_sensor"));
        QCOMPARE(node->context->published.at(0).value().toDouble(), 19.5);
        QCOMPARE(node->context->published.at(0).unit(), QStringLiteral("°C"));
        QVERIFY(node->context->published.at(0).node().isEmpty()); // this node's
        QCOMPARE(node->context->published.at(1).source(), QStringLiteral("tasmota_plug_power"));
        QCOMPARE(node->context->published.at(1).value(), QVariant(true));
    }

    void mqtt5EdgeToMaster()
    {
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("protocol"), QStringLiteral("5"));
        auto master = create(QStringLiteral("mqtt"), QStringLiteral("master"), config);
        auto edge = create(QStringLiteral("mqtt"), QStringLiteral("edge"), config);
        QVERIFY(master && edge);
        QTRY_VERIFY_WITH_TIMEOUT(master->connected() && edge->connected(), 10000);
        QVERIFY(waitForSubscribed(broker, QStringLiteral("smollama/+/state/#"), 2));
        QVERIFY(broker.log().contains(QLatin1String("(p5, ")));
        edge->sink->write({local(QStringLiteral("bme:temperature"), 22.25, QStringLiteral("°C"))});
        QTRY_COMPARE(master->context->from(QStringLiteral("edge")).size(), 1);
        QCOMPARE(master->context->from(QStringLiteral("edge")).first().value().toDouble(), 22.25);
    }

    void questionTriggerAnswers()
    {
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        Subscriber sub;
        QVERIFY(sub.start(broker.port(), {QStringLiteral("smollama/+/answer")}));
        QVERIFY(waitForSubscribed(broker, QStringLiteral("smollama/+/answer")));
        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("answer_questions"), true);
        auto node = create(QStringLiteral("mqtt"), QStringLiteral("garage"), config);
        QVERIFY(node);
        QTRY_VERIFY_WITH_TIMEOUT(node->connected(), 10000);
        QVERIFY(waitForSubscribed(broker, QStringLiteral("smollama/garage/ask")));
        QVERIFY(publish(broker.port(), QStringLiteral("smollama/garage/ask"), "Is the door open?"));
        QTRY_COMPARE(node->context->questions, QStringList{QStringLiteral("Is the door open?")});
        // A second question while the first is with the agent: "busy", not queued.
        QVERIFY(publish(broker.port(), QStringLiteral("smollama/broadcast"),
                        R"({"question": "How warm is it?"})"));
        QTRY_COMPARE(sub.linesFor(QStringLiteral("smollama/garage/answer")).size(), 1);
        QVERIFY(sub.linesFor(QStringLiteral("smollama/garage/answer"))
                    .first()
                    .contains(QLatin1String("busy")));
        node->context->answerNow();
        QTRY_COMPARE(sub.linesFor(QStringLiteral("smollama/garage/answer")).size(), 2);
        const QJsonObject answer =
            QJsonDocument::fromJson(
                sub.linesFor(QStringLiteral("smollama/garage/answer")).last().toUtf8())
                .object();
        QCOMPARE(answer.value(QLatin1String("question")).toString(),
                 QStringLiteral("Is the door open?"));
        QCOMPARE(answer.value(QLatin1String("answer")).toString(),
                 QStringLiteral("A: Is the door open?"));
        QCOMPARE(answer.value(QLatin1String("node")).toString(), QStringLiteral("garage"));
        QCOMPARE(node->context->questions.size(), 1);
    }

    void toolCallsOverMqtt5()
    {
        if (findTool(QStringLiteral("mosquitto_rr")).isEmpty()) {
            QFAIL("mosquitto_rr (mosquitto-clients) is needed: run scripts/install-deps.sh");
        }
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("protocol"), QStringLiteral("5"));
        config.insert(QStringLiteral("commands"),
                      QJsonObject{{QStringLiteral("enabled"), true},
                                  {QStringLiteral("allow"),
                                   QJsonArray{QStringLiteral("echo"), QStringLiteral("fail"),
                                              QStringLiteral("ghost")}}});
        // MQTT 5 keeps no persistent session here: said, not hidden.
        QTest::ignoreMessage(
            QtInfoMsg, QRegularExpression(
                           QStringLiteral("persistent_session: with protocol 5 the broker ends")));
        auto node = create(QStringLiteral("mqtt"), QStringLiteral("garage"), config);
        QVERIFY(node);
        QTRY_VERIFY_WITH_TIMEOUT(node->connected(), 10000);
        QVERIFY(waitForSubscribed(broker, QStringLiteral("smollama/garage/tool/+/call")));
        const int port = broker.port();

        // An allowed tool: called with the payload as arguments, the result on the response
        // topic with the request's correlation data.
        QJsonObject reply = request(port, QStringLiteral("smollama/garage/tool/echo/call"),
                                    R"({"name": "pump", "state": "on"})",
                                    QStringLiteral("client/7/reply"), "req-42");
        QCOMPARE(reply.value(QLatin1String("topic")).toString(), QStringLiteral("client/7/reply"));
        QCOMPARE(reply.value(QLatin1String("properties"))
                     .toObject()
                     .value(QLatin1String("correlation-data"))
                     .toString(),
                 QStringLiteral("req-42"));
        QJsonObject answer = payloadOf(reply);
        QCOMPARE(answer.value(QLatin1String("ok")), QJsonValue(true));
        QCOMPARE(answer.value(QLatin1String("tool")).toString(), QStringLiteral("echo"));
        QCOMPARE(answer.value(QLatin1String("node")).toString(), QStringLiteral("garage"));
        QCOMPARE(answer.value(QLatin1String("result")).toObject(),
                 (QJsonObject{{QStringLiteral("name"), QStringLiteral("pump")},
                              {QStringLiteral("state"), QStringLiteral("on")}}));

        // An empty payload: no arguments.
        answer = payloadOf(request(port, QStringLiteral("smollama/garage/tool/echo/call"), "",
                                   QStringLiteral("client/7/reply"), "e"));
        QCOMPARE(answer.value(QLatin1String("result")).toObject(), QJsonObject());

        // A tool that fails: its error, as the agent would see it.
        answer = payloadOf(request(port, QStringLiteral("smollama/garage/tool/fail/call"), "{}",
                                   QStringLiteral("client/7/reply"), "f"));
        QCOMPARE(answer.value(QLatin1String("ok")), QJsonValue(false));
        QCOMPARE(answer.value(QLatin1String("error")).toString(),
                 QStringLiteral("the sensor did not answer"));

        // Allowed but unknown to the node: the host's error.
        answer = payloadOf(request(port, QStringLiteral("smollama/garage/tool/ghost/call"), "{}",
                                   QStringLiteral("client/7/reply"), "g"));
        QCOMPARE(answer.value(QLatin1String("ok")), QJsonValue(false));
        QVERIFY(answer.value(QLatin1String("error")).toString().contains(QLatin1String("ghost")));

        // Not on the allow-list: refused without calling it.
        const int callsBefore = node->context->toolCalls.size();
        answer = payloadOf(request(port, QStringLiteral("smollama/garage/tool/gpio_write/call"),
                                   R"({"name": "pump", "state": "on"})",
                                   QStringLiteral("client/7/reply"), "w"));
        QCOMPARE(answer.value(QLatin1String("ok")), QJsonValue(false));
        QVERIFY2(answer.value(QLatin1String("error"))
                     .toString()
                     .contains(QLatin1String("commands.allow")),
                 qPrintable(answer.value(QLatin1String("error")).toString()));

        // Arguments that are no JSON object: a clear error, nothing called.
        answer = payloadOf(request(port, QStringLiteral("smollama/garage/tool/echo/call"), "[1, 2",
                                   QStringLiteral("client/7/reply"), "b"));
        QCOMPARE(answer.value(QLatin1String("ok")), QJsonValue(false));
        QVERIFY(answer.value(QLatin1String("error")).toString().contains(QLatin1String("JSON")));
        QCOMPARE(node->context->toolCalls.size(), callsBefore);

        // No response topic (an MQTT 3.1.1 client): not called, logged once, counted.
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("without a response topic")));
        QVERIFY(publish(port, QStringLiteral("smollama/garage/tool/echo/call"), "{}", false,
                        {QStringLiteral("-V"), QStringLiteral("mqttv311")}));
        QVERIFY(publish(port, QStringLiteral("smollama/garage/tool/echo/call"), "{}", false,
                        {QStringLiteral("-V"), QStringLiteral("mqttv311")}));
        QTRY_COMPARE(node->stats()
                         .value(QLatin1String("commands"))
                         .toObject()
                         .value(QLatin1String("refused"))
                         .toInt(),
                     2);
        QCOMPARE(node->context->toolCalls.size(), callsBefore);
        QVERIFY(node->connected());
    }

    void toolCallsNeedMqtt5()
    {
        // Commands on, but the instance speaks MQTT 3.1.1: the broker drops the request's
        // properties on the way to it, so it cannot answer; it says so and calls nothing.
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("commands"),
                      QJsonObject{{QStringLiteral("enabled"), true},
                                  {QStringLiteral("allow"), QJsonArray{QStringLiteral("echo")}}});
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("protocol is 3.1.1.*protocol: \"5\"")));
        auto node = create(QStringLiteral("mqtt"), QStringLiteral("garage"), config);
        QVERIFY(node);
        QTRY_VERIFY_WITH_TIMEOUT(node->connected(), 10000);
        QVERIFY(waitForSubscribed(broker, QStringLiteral("smollama/garage/tool/+/call")));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("without a response topic")));
        const QJsonObject reply =
            request(broker.port(), QStringLiteral("smollama/garage/tool/echo/call"), "{}",
                    QStringLiteral("client/reply"), "c", 2);
        QVERIFY(reply.isEmpty());
        QTRY_COMPARE(node->stats()
                         .value(QLatin1String("commands"))
                         .toObject()
                         .value(QLatin1String("refused"))
                         .toInt(),
                     1);
        QVERIFY(node->context->toolCalls.isEmpty());
    }

    void retainedCommandIsNotReplayed()
    {
        // A command left retained at the broker would be carried out again on every connect:
        // it is ignored, said once and counted.
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        QVERIFY(publish(broker.port(), QStringLiteral("smollama/garage/tool/echo/call"), "{}", true,
                        {QStringLiteral("-V"), QStringLiteral("5"), QStringLiteral("-D"),
                         QStringLiteral("publish"), QStringLiteral("response-topic"),
                         QStringLiteral("client/reply")}));
        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("protocol"), QStringLiteral("5"));
        config.insert(QStringLiteral("persistent_session"), false);
        config.insert(QStringLiteral("commands"),
                      QJsonObject{{QStringLiteral("enabled"), true},
                                  {QStringLiteral("allow"), QJsonArray{QStringLiteral("echo")}}});
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("retained command on "
                                                               "smollama/garage/tool/echo/call")));
        auto node = create(QStringLiteral("mqtt"), QStringLiteral("garage"), config);
        QVERIFY(node);
        QTRY_COMPARE_WITH_TIMEOUT(node->stats()
                                      .value(QLatin1String("commands"))
                                      .toObject()
                                      .value(QLatin1String("refused"))
                                      .toInt(),
                                  1, 10000);
        QVERIFY(node->context->toolCalls.isEmpty());
    }

    void commandsAreOffByDefault()
    {
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("protocol"), QStringLiteral("5"));
        auto node = create(QStringLiteral("mqtt"), QStringLiteral("garage"), config);
        QVERIFY(node);
        QTRY_VERIFY_WITH_TIMEOUT(node->connected(), 10000);
        QVERIFY(waitForSubscribed(broker, QStringLiteral("smollama/+/state/#")));
        QVERIFY(!broker.log().contains(QLatin1String("tool/+/call")));
        const QJsonObject reply =
            request(broker.port(), QStringLiteral("smollama/garage/tool/echo/call"), "{}",
                    QStringLiteral("client/reply"), "c", 2);
        QVERIFY(reply.isEmpty());
        QVERIFY(node->context->toolCalls.isEmpty());
    }

    void homeAssistantDiscoveryAtTheBroker()
    {
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        Subscriber sub;
        QVERIFY(sub.start(broker.port(), {QStringLiteral("ha/#")}));
        QVERIFY(waitForSubscribed(broker, QStringLiteral("ha/#")));
        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("snapshot_interval_s"), 0.3);
        config.insert(QStringLiteral("homeassistant"),
                      QJsonObject{{QStringLiteral("enabled"), true},
                                  {QStringLiteral("prefix"), QStringLiteral("ha")}});
        const QString temperature =
            QStringLiteral("ha/sensor/smollama_greenhouse/bme_temperature/config");
        const QString door =
            QStringLiteral("ha/binary_sensor/smollama_greenhouse/gpio_door/config");
        {
            auto edge = create(QStringLiteral("mqtt"), QStringLiteral("greenhouse"), config);
            QVERIFY(edge);
            QTRY_VERIFY_WITH_TIMEOUT(edge->connected(), 10000);
            edge->sink->write(
                {local(QStringLiteral("bme:temperature"), 21.5, QStringLiteral("°C")),
                 local(QStringLiteral("gpio:door"), true, QString()),
                 local(QStringLiteral("system:hostname"), QStringLiteral("gh"), QString())});
            QTRY_COMPARE(sub.linesFor(temperature).size(), 1);
            QTRY_COMPARE(sub.linesFor(door).size(), 1);
            const QJsonObject c =
                QJsonDocument::fromJson(sub.linesFor(temperature).first().toUtf8()).object();
            QCOMPARE(c.value(QLatin1String("device_class")).toString(),
                     QStringLiteral("temperature"));
            QCOMPARE(c.value(QLatin1String("state_topic")).toString(),
                     QStringLiteral("smollama/greenhouse/state/bme/temperature"));
            // Text is no entity.
            QVERIFY(!sub.lines().join(QLatin1Char('\n')).contains(QLatin1String("hostname")));

            // Home Assistant restarts: the configs are sent again.
            QVERIFY(publish(broker.port(), QStringLiteral("ha/status"), "online"));
            QTRY_COMPARE(sub.linesFor(temperature).size(), 2);
        }
        // The next start: the door's instance is gone from the node (list_sources), so its
        // retained entity is removed with an empty retained config; the temperature stays.
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("removed the Home")));
        auto edge = create(QStringLiteral("mqtt"), QStringLiteral("greenhouse"), config);
        QVERIFY(edge);
        edge->context->sources = {QStringLiteral("bme:temperature")};
        QTRY_VERIFY_WITH_TIMEOUT(edge->connected(), 10000);
        edge->sink->write({local(QStringLiteral("bme:temperature"), 21.6, QStringLiteral("°C"))});
        QTRY_VERIFY_WITH_TIMEOUT(
            !sub.linesFor(door).isEmpty() && sub.linesFor(door).last().isEmpty(), 10000);
        QTest::qWait(1000); // three more sweeps
        QVERIFY(!sub.linesFor(temperature).last().isEmpty());
        Subscriber late;
        QVERIFY(late.start(broker.port(), {QStringLiteral("ha/#")}));
        QTRY_VERIFY(!late.linesFor(temperature).isEmpty());
        QVERIFY(late.linesFor(door).isEmpty()); // no longer retained
    }

    void floodIsBounded()
    {
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        QJsonObject config = baseConfig(broker.port());
        config.insert(QStringLiteral("inbound_queue"), 100);
        config.insert(QStringLiteral("max_ingest_per_s"), 50);
        auto master = create(QStringLiteral("mqtt"), QStringLiteral("master"), config);
        QVERIFY(master);
        QTRY_VERIFY_WITH_TIMEOUT(master->connected(), 10000);
        QVERIFY(waitForSubscribed(broker, QStringLiteral("smollama/+/state/#")));
        // 5,000 state messages in one go (mosquitto_pub -l: one message per line).
        QByteArray lines;
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < 5000; ++i) {
            Reading r(QStringLiteral("t:v"), i, QString(), t0.addMSecs(i));
            lines += Format::state(r) + '\n';
        }
        QProcess pub;
        pub.start(findTool(QStringLiteral("mosquitto_pub")),
                  {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                   QString::number(broker.port()), QStringLiteral("-t"),
                   QStringLiteral("smollama/flood/state/t/v"), QStringLiteral("-l")});
        QVERIFY(pub.waitForStarted(5000));
        pub.write(lines);
        pub.closeWriteChannel();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("dropped")));
        QVERIFY(pub.waitForFinished(20000));
        QTRY_VERIFY_WITH_TIMEOUT(master->stats()
                                         .value(QLatin1String("ingest"))
                                         .toObject()
                                         .value(QLatin1String("dropped"))
                                         .toInt() > 0,
                                 20000);
        const QJsonObject ingest = master->stats().value(QLatin1String("ingest")).toObject();
        QVERIFY(ingest.value(QLatin1String("queued")).toInt() <= 100);
        // Never more readings than messages kept: the dropped ones are gone for good.
        QVERIFY(master->context->published.size() <=
                ingest.value(QLatin1String("received")).toInt() -
                    ingest.value(QLatin1String("dropped")).toInt());
        qInfo("flood: %s", QJsonDocument(ingest).toJson(QJsonDocument::Compact).constData());
    }
};

QTEST_GUILESS_MAIN(tst_Mqtt)
#include "tst_mqtt.moc"
