// SPDX-License-Identifier: GPL-3.0-or-later
// Two `smollama --headless` nodes through a real Mosquitto: an edge with the system plugin and
// a master, each with the mqtt plugin. What the master shows comes only through the broker:
// its HTTP API is checked as a client would (/api/nodes, /api/readings?node=), and an edge that
// stops answering, then a kill -9 of it, must turn it offline on the master (the broker's last
// will) within keepalive x 1.5 (plus Mosquitto's keep-alive check period).
#include "mosquittobroker.h"

#include <smollama/version.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>

#include <signal.h>

using namespace MqttTest;

namespace {

constexpr int s_keepaliveS = 5;
// What the master's mqtt instance logs when the edge's status changes.
const QString s_online = QStringLiteral("smollama.mqtt.ingest: Node edge is online");
const QString s_offline = QStringLiteral("smollama.mqtt.ingest: Node edge is offline");

// One smollama --headless with its own HOME (state folder) and config.
class Node
{
public:
    Node(const QString &name, const QString &yaml)
        : m_name(name)
    {
        QFile config(m_home.filePath(QStringLiteral("config.yaml")));
        config.open(QIODevice::WriteOnly);
        config.write(yaml.toUtf8());
    }
    ~Node() { stop(); }

    bool start()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("SMOLLAMA_HTTP_PORT"), QStringLiteral("0"));
        env.remove(QStringLiteral("SMOLLAMA_STATE_DIR"));
        env.remove(QStringLiteral("STATE_DIRECTORY"));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardOutputFile(m_home.filePath(QStringLiteral("log.txt")));
        m_process.start(QStringLiteral(SMOLLAMA_APP),
                        {QStringLiteral("--headless"), QStringLiteral("-c"),
                         m_home.filePath(QStringLiteral("config.yaml"))});
        return m_process.waitForStarted(10000);
    }

    // The API's port from the state folder's http.json, once it listens.
    int port()
    {
        QFile f(m_home.filePath(QStringLiteral(".smollama/http.json")));
        if (!f.open(QIODevice::ReadOnly)) {
            return 0;
        }
        return QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("port")).toInt();
    }

    void signal(int sig) { ::kill(pid_t(m_process.processId()), sig); }
    void kill()
    {
        m_process.kill(); // SIGKILL
        m_process.waitForFinished(5000);
    }
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10000)) {
                kill();
            }
        }
    }
    QString log() const
    {
        QFile f(m_home.filePath(QStringLiteral("log.txt")));
        f.open(QIODevice::ReadOnly);
        return QString::fromUtf8(f.readAll());
    }

private:
    QString m_name;
    QTemporaryDir m_home;
    QProcess m_process;
};

QString mqttSection(int brokerPort, const QString &extra = QString())
{
    return QStringLiteral("    mqtt:\n      enabled: true\n      config:\n"
                          "        host: 127.0.0.1\n        port: %1\n"
                          "        keepalive_s: %2\n        reconnect_max_s: 2\n%3")
        .arg(brokerPort)
        .arg(s_keepaliveS)
        .arg(extra);
}

} // namespace

class tst_MqttFleet : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;

    QJsonDocument get(int port, const QString &path)
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
        std::unique_ptr<QNetworkReply> reply(m_network.get(request));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        if (!done.wait(10000)) {
            return {};
        }
        return QJsonDocument::fromJson(reply->readAll());
    }

    // The value of \a source in the node's /api/readings.
    QJsonValue valueOf(int port, const QString &source)
    {
        for (const QJsonValue &v : get(port, QStringLiteral("/api/readings")).array()) {
            if (v.toObject().value(QLatin1String("source")).toString() == source) {
                return v.toObject().value(QLatin1String("value"));
            }
        }
        return {};
    }

    // The master's readings of node \a node.
    QJsonArray readingsOf(int port, const QString &node)
    {
        QJsonArray out;
        const QJsonArray all = get(port, QStringLiteral("/api/readings")).array();
        for (const QJsonValue &v : all) {
            if (v.toObject().value(QLatin1String("node")).toString() == node) {
                out.append(v);
            }
        }
        return out;
    }

    // The element of the master's /api/nodes named \a name; empty when missing.
    QJsonObject node(int port, const QString &name)
    {
        for (const QJsonValue &v : get(port, QStringLiteral("/api/nodes")).array()) {
            if (v.toObject().value(QLatin1String("name")).toString() == name) {
                return v.toObject();
            }
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (findTool(QStringLiteral("mosquitto")).isEmpty()) {
            if (qEnvironmentVariable("CI") == QLatin1String("true")) {
                QFAIL("mosquitto is needed: run scripts/install-deps.sh");
            }
            QSKIP("mosquitto is not installed (scripts/install-deps.sh)");
        }
    }

    void edgeReadingsReachTheMasterAndKillMeansOffline()
    {
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        Node master(QStringLiteral("master"),
                    QStringLiteral("node: {name: master}\nplugins:\n  builtin:\n") +
                        mqttSection(broker.port()));
        Node edge(
            QStringLiteral("edge"),
            QStringLiteral("node: {name: edge}\nplugins:\n  builtin:\n"
                           "    system: {enabled: true, config: {interval_s: 1}}\n") +
                mqttSection(broker.port(), QStringLiteral("        snapshot_interval_s: 1\n")));
        QVERIFY(master.start());
        QVERIFY(edge.start());
        QTRY_VERIFY_WITH_TIMEOUT(master.port() > 0 && edge.port() > 0, 20000);
        const int port = master.port();

        // The edge's system readings show on the master with node "edge" and the source as
        // the edge names it.
        // (The system plugin publishes its sources as each is ready: wait for more than one.)
        QSet<QString> sources;
        const auto edgeSources = [&] {
            sources.clear();
            for (const QJsonValue &v : readingsOf(port, QStringLiteral("edge"))) {
                sources.insert(v.toObject().value(QLatin1String("source")).toString());
            }
            return sources.contains(QStringLiteral("system:mem_percent")) ||
                   sources.contains(QStringLiteral("system:uptime"));
        };
        QTRY_VERIFY2_WITH_TIMEOUT(
            edgeSources(), qPrintable(QStringList(sources.values()).join(QLatin1Char(' '))), 20000);
        // ?node= gives the edge's readings only.
        const QJsonArray filtered = get(port, QStringLiteral("/api/readings?node=edge")).array();
        QVERIFY(!filtered.isEmpty());
        for (const QJsonValue &v : filtered) {
            QCOMPARE(v.toObject().value(QLatin1String("node")).toString(), QStringLiteral("edge"));
        }
        // /api/nodes: the edge, online, with the version its status message announced.
        QTRY_VERIFY_WITH_TIMEOUT(
            node(port, QStringLiteral("edge")).value(QLatin1String("sources")).toInt() > 0, 10000);
        const QJsonObject edgeNode = node(port, QStringLiteral("edge"));
        QCOMPARE(edgeNode.value(QLatin1String("online")), QJsonValue(true));
        QCOMPARE(edgeNode.value(QLatin1String("version")).toString(),
                 QStringLiteral(SMOLLAMA_VERSION_STRING));
        QVERIFY(!edgeNode.value(QLatin1String("last_seen")).toString().isEmpty());
        QVERIFY(!node(port, QStringLiteral("master")).isEmpty());

        // The master's own readings are its own: nothing of the master is named "edge".
        const QJsonArray edgeOnEdge = get(edge.port(), QStringLiteral("/api/readings")).array();
        for (const QJsonValue &v : edgeOnEdge) {
            QCOMPARE(v.toObject().value(QLatin1String("node")).toString(), QStringLiteral("edge"));
        }

        // A node that vanishes without closing its socket (power cut, cable): SIGSTOP keeps the
        // socket open and stops the pings; the broker sends the will after keepalive x 1.5.
        QVERIFY(master.log().contains(s_online));
        QElapsedTimer timer;
        timer.start();
        edge.signal(SIGSTOP);
        // Mosquitto 2.0 checks keep-alives only every 5 s (src/keepalive.c): the will can come
        // up to 6 s after keepalive x 1.5 has passed.
        QTRY_VERIFY_WITH_TIMEOUT(master.log().contains(s_offline), s_keepaliveS * 1500 + 6000);
        qInfo("edge offline on the master %lld ms after it stopped (keepalive %d s)",
              static_cast<long long>(timer.elapsed()), s_keepaliveS);
        QTRY_COMPARE(node(port, QStringLiteral("edge")).value(QLatin1String("online")),
                     QJsonValue(false));
        // Its readings are stale now, never live values (an error reading stays one).
        const QJsonArray stale = get(port, QStringLiteral("/api/readings?node=edge")).array();
        QVERIFY(!stale.isEmpty());
        int staleCount = 0;
        for (const QJsonValue &v : stale) {
            const QString quality = v.toObject().value(QLatin1String("quality")).toString();
            QVERIFY2(quality != QLatin1String("ok"),
                     QJsonDocument(v.toObject()).toJson().constData());
            staleCount += quality == QLatin1String("stale") ? 1 : 0;
        }
        QVERIFY(staleCount > 0);
        edge.signal(SIGCONT);
        // It comes back (reconnects, says online), then kill -9: offline again at once, as
        // the socket closes with the process.
        QTRY_VERIFY_WITH_TIMEOUT(master.log().count(s_online) == 2, 20000);
        edge.kill();
        QTRY_VERIFY2_WITH_TIMEOUT(master.log().count(s_offline) == 2,
                                  qPrintable(master.log().right(3000) + edge.log().right(2000)),
                                  s_keepaliveS * 1500);
    }

    void toolCallThroughARealNode()
    {
        // MQTT 5 request/response against a real node: its tool registry checks the arguments
        // and runs the tool, as for the agent.
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        Node shed(QStringLiteral("shed"),
                  QStringLiteral("node: {name: shed}\nplugins:\n  builtin:\n"
                                 "    gpio:\n      enabled: true\n      config:\n"
                                 "        backend: sim\n        pins:\n"
                                 "          - {name: led, pin: 27, mode: output}\n") +
                      mqttSection(broker.port(),
                                  QStringLiteral("        protocol: \"5\"\n"
                                                 "        commands: {enabled: true, allow: "
                                                 "[gpio_write]}\n")));
        QVERIFY(shed.start());
        QTRY_VERIFY_WITH_TIMEOUT(shed.port() > 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(broker.log().contains(QLatin1String("smollama/shed/tool/+/call")),
                                 20000);
        const auto call = [&](const QString &tool, const QByteArray &arguments) {
            QProcess rr;
            rr.start(findTool(QStringLiteral("mosquitto_rr")),
                     {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                      QString::number(broker.port()), QStringLiteral("-t"),
                      QStringLiteral("smollama/shed/tool/%1/call").arg(tool), QStringLiteral("-e"),
                      QStringLiteral("test/replies"), QStringLiteral("-W"), QStringLiteral("10"),
                      QStringLiteral("-m"), QString::fromUtf8(arguments), QStringLiteral("-D"),
                      QStringLiteral("publish"), QStringLiteral("correlation-data"),
                      QStringLiteral("7")});
            rr.waitForFinished(15000);
            return QJsonDocument::fromJson(rr.readAllStandardOutput()).object();
        };
        QJsonObject answer =
            call(QStringLiteral("gpio_write"), R"({"name": "led", "state": "on"})");
        QCOMPARE(answer.value(QLatin1String("ok")), QJsonValue(true));
        QCOMPARE(answer.value(QLatin1String("result")).toObject().value(QLatin1String("state")),
                 QJsonValue(QStringLiteral("on")));
        QTRY_COMPARE(valueOf(shed.port(), QStringLiteral("gpio:led")), QJsonValue(true));

        answer = call(QStringLiteral("gpio_write"), R"({"name": "led", "state": "sideways"})");
        QCOMPARE(answer.value(QLatin1String("ok")), QJsonValue(false));
        QVERIFY2(answer.value(QLatin1String("error"))
                     .toString()
                     .contains(QLatin1String("the tool was not called")),
                 qPrintable(answer.value(QLatin1String("error")).toString()));
        QCOMPARE(valueOf(shed.port(), QStringLiteral("gpio:led")), QJsonValue(true));

        answer = call(QStringLiteral("gpio_read"), R"({"name": "led"})");
        QCOMPARE(answer.value(QLatin1String("ok")), QJsonValue(false));
        QVERIFY(answer.value(QLatin1String("error"))
                    .toString()
                    .contains(QLatin1String("commands.allow")));
    }

    void gpioOutputIsAHomeAssistantSwitch()
    {
        // A node with the simulated GPIO chip (an input and an output) and Home Assistant
        // discovery with commands, gpio_write allowed: the output is announced as a switch,
        // the input stays a binary sensor, and ON/OFF on the switch's command topic switches
        // the output through the node's tool, its new state back on the state topic.
        Broker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        Subscriber sub;
        QVERIFY(sub.start(broker.port(), {QStringLiteral("homeassistant/#"),
                                          QStringLiteral("smollama/shed/state/gpio/#")}));
        Node shed(QStringLiteral("shed"),
                  QStringLiteral("node: {name: shed}\nplugins:\n  builtin:\n"
                                 "    gpio:\n      enabled: true\n      config:\n"
                                 "        backend: sim\n        pins:\n"
                                 "          - {name: button, pin: 17, mode: input, edge: both}\n"
                                 "          - {name: led, pin: 27, mode: output}\n") +
                      mqttSection(broker.port(),
                                  QStringLiteral("        homeassistant: {enabled: true}\n"
                                                 "        commands: {enabled: true, allow: "
                                                 "[gpio_write]}\n")));
        QVERIFY(shed.start());
        QTRY_VERIFY_WITH_TIMEOUT(shed.port() > 0, 20000);

        const QString switchConfig =
            QStringLiteral("homeassistant/switch/smollama_shed/gpio_led/config");
        const QString ledSensor =
            QStringLiteral("homeassistant/binary_sensor/smollama_shed/gpio_led/config");
        const QString buttonSensor =
            QStringLiteral("homeassistant/binary_sensor/smollama_shed/gpio_button/config");
        QTRY_VERIFY2_WITH_TIMEOUT(!sub.linesFor(switchConfig).isEmpty(),
                                  qPrintable(shed.log().right(3000)), 20000);
        const QJsonObject c =
            QJsonDocument::fromJson(sub.linesFor(switchConfig).last().toUtf8()).object();
        QCOMPARE(c.value(QLatin1String("name")).toString(), QStringLiteral("Led"));
        QCOMPARE(c.value(QLatin1String("unique_id")).toString(),
                 QStringLiteral("smollama_shed_gpio_led"));
        QCOMPARE(c.value(QLatin1String("state_topic")).toString(),
                 QStringLiteral("smollama/shed/state/gpio/led"));
        QCOMPARE(c.value(QLatin1String("command_topic")).toString(),
                 QStringLiteral("smollama/shed/switch/gpio/led/set"));
        QCOMPARE(c.value(QLatin1String("value_template")).toString(),
                 QStringLiteral("{{ 'ON' if value_json.value else 'OFF' }}"));
        QCOMPARE(c.value(QLatin1String("payload_on")).toString(), QStringLiteral("ON"));
        QCOMPARE(c.value(QLatin1String("payload_off")).toString(), QStringLiteral("OFF"));
        QCOMPARE(c.value(QLatin1String("state_on")).toString(), QStringLiteral("ON"));
        QCOMPARE(c.value(QLatin1String("state_off")).toString(), QStringLiteral("OFF"));
        QCOMPARE(c.value(QLatin1String("optimistic")), QJsonValue(false));
        const QJsonObject availability =
            c.value(QLatin1String("availability")).toArray().first().toObject();
        QCOMPARE(availability.value(QLatin1String("topic")).toString(),
                 QStringLiteral("smollama/shed/status"));
        QCOMPARE(availability.value(QLatin1String("value_template")).toString(),
                 QStringLiteral("{{ value_json.state }}"));
        const QJsonObject device = c.value(QLatin1String("device")).toObject();
        QCOMPARE(device.value(QLatin1String("identifiers")).toArray(),
                 QJsonArray{QStringLiteral("smollama_shed")});
        QCOMPARE(device.value(QLatin1String("name")).toString(), QStringLiteral("shed"));
        QCOMPARE(device.value(QLatin1String("sw_version")).toString(),
                 QStringLiteral(SMOLLAMA_VERSION_STRING));
        QVERIFY(!c.contains(QLatin1String("unit_of_measurement")));
        QVERIFY(!c.contains(QLatin1String("device_class")));

        // The input stays a binary sensor and is no switch; the output is no binary sensor
        // (announced before it was known as an output, it is removed again).
        QTRY_VERIFY_WITH_TIMEOUT(!sub.linesFor(buttonSensor).isEmpty(), 10000);
        QVERIFY(!sub.linesFor(buttonSensor).last().isEmpty());
        QVERIFY(
            sub.linesFor(QStringLiteral("homeassistant/switch/smollama_shed/gpio_button/config"))
                .isEmpty());
        QTRY_VERIFY(sub.linesFor(ledSensor).isEmpty() || sub.linesFor(ledSensor).last().isEmpty());

        // Home Assistant switches it on, then off: the output follows, its state comes back.
        const QString stateTopic = QStringLiteral("smollama/shed/state/gpio/led");
        const auto ledState = [&] {
            const QStringList lines = sub.linesFor(stateTopic);
            return lines.isEmpty() ? QJsonValue()
                                   : QJsonDocument::fromJson(lines.last().toUtf8())
                                         .object()
                                         .value(QLatin1String("value"));
        };
        QTRY_COMPARE_WITH_TIMEOUT(ledState(), QJsonValue(false), 10000);
        QVERIFY(publish(broker.port(), QStringLiteral("smollama/shed/switch/gpio/led/set"), "ON"));
        QTRY_COMPARE_WITH_TIMEOUT(ledState(), QJsonValue(true), 10000);
        QCOMPARE(valueOf(shed.port(), QStringLiteral("gpio:led")), QJsonValue(true));
        QVERIFY(publish(broker.port(), QStringLiteral("smollama/shed/switch/gpio/led/set"), "OFF"));
        QTRY_COMPARE_WITH_TIMEOUT(ledState(), QJsonValue(false), 10000);
        // The button cannot be switched: it has no command topic.
        QVERIFY(
            publish(broker.port(), QStringLiteral("smollama/shed/switch/gpio/button/set"), "ON"));
        QTest::qWait(500);
        QCOMPARE(valueOf(shed.port(), QStringLiteral("gpio:button")), QJsonValue(false));
    }
};

QTEST_GUILESS_MAIN(tst_MqttFleet)
#include "tst_mqttfleet.moc"
