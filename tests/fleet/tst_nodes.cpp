// SPDX-License-Identifier: GPL-3.0-or-later
// Nodes of a fleet: a bridge's readings of other nodes are kept per node (no collision with
// local sources of the same name), GET /api/nodes lists them, GET /api/readings?node= filters,
// and the readings of a node that went offline are stale, never live values.
#include "../http/httptestclient.h"

#include "config/config.h"
#include "fleet/nodedirectory.h"
#include "http/httpapi.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "runtime/noderuntime.h"

#include <smollama/version.h>

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Smollama;

namespace {

QJsonObject find(const QJsonArray &array, const QString &key, const QString &value,
                 const QString &key2 = QString(), const QString &value2 = QString())
{
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        if (o.value(key).toString() == value &&
            (key2.isEmpty() || o.value(key2).toString() == value2)) {
            return o;
        }
    }
    return {};
}

} // namespace

class tst_Nodes : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<NodeRuntime> m_runtime;

    QJsonDocument get(const QByteArray &path, int expectStatus = 200)
    {
        HttpTestClient client(m_runtime->http()->serverPort());
        const HttpTestResponse r = client.request("GET", path);
        if (r.status != expectStatus) {
            qWarning("%s: %s", path.constData(), r.describe().constData());
            return {};
        }
        return r.json();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        // The master node: a local probe (probe:temp), and a bridge bringing the greenhouse
        // (whose probe:temp has the same name as the local one) and the garage, which goes
        // offline after 5 rounds.
        const QByteArray yaml =
            "node: {name: master}\n"
            "history: {persist: false}\n"
            "ollama: {url: \"http://127.0.0.1:9\"}\n"
            "http: {port: 0}\n"
            "plugins:\n"
            "  custom:\n"
            "    - {name: probe, module: fixture_good, config: {value: 12.5, sources: [temp]}}\n"
            "    - {name: fleet, module: fixture_bridge, config: {interval_ms: 50, nodes: ["
            "{name: greenhouse, version: '1.4.0', readings: {'bme280:temperature': 24.5, "
            "'probe:temp': 30.0}},"
            "{name: garage, version: '1.3.2', offline_after: 5, readings: "
            "{'bme280:temperature': 12.0}}]}}\n";
        const Config config = Config::fromYaml(yaml, m_tmp.filePath(QStringLiteral("c.yaml")));
        QVERIFY2(!config.hasErrors(), qPrintable(config.diagnostics().value(0).toString()));
        m_runtime = std::make_unique<NodeRuntime>(config);
        m_runtime->setBuiltinPluginDir(m_tmp.filePath(QStringLiteral("none")));
        m_runtime->setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good"),
                                        QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/bridge")});
        NodeRuntime::StartOptions options;
        options.crashCheck = false;
        m_runtime->setStartOptions(options);
        m_runtime->start();
        QVERIFY(m_runtime->http() && m_runtime->http()->isListening());
        QTRY_VERIFY(m_runtime->readings()->latest(QStringLiteral("probe:temp")).isValid());
        QTRY_VERIFY(m_runtime->readings()
                        ->latest(QStringLiteral("greenhouse"), QStringLiteral("probe:temp"))
                        .isValid());
    }

    void cleanupTestCase() { m_runtime.reset(); }

    void sameSourceOnTwoNodesDoesNotCollide()
    {
        ReadingManager *readings = m_runtime->readings();
        QCOMPARE(readings->localNode(), QStringLiteral("master"));
        const Reading local = readings->latest(QStringLiteral("probe:temp"));
        QCOMPARE(local.node(), QStringLiteral("master"));
        QCOMPARE(local.value().toDouble() >= 12.5, true);
        const Reading remote =
            readings->latest(QStringLiteral("greenhouse"), QStringLiteral("probe:temp"));
        QCOMPARE(remote.node(), QStringLiteral("greenhouse"));
        QCOMPARE(remote.value().toDouble(), 30.0);
        // Every reading of every node, this node's first.
        const QList<Reading> all = readings->latest();
        QVERIFY(all.size() >= 4);
        QCOMPARE(all.first().node(), QStringLiteral("master"));
        QCOMPARE(readings->latestOf(QStringLiteral("master")).size(), 1);
        QCOMPARE(readings->latestOf(QStringLiteral("greenhouse")).size(), 2);
    }

    void apiNodesListsTheFleet()
    {
        // The garage goes offline after its fifth round (250 ms).
        QTRY_VERIFY(!m_runtime->nodes()->isOnline(QStringLiteral("garage")));
        const QJsonArray nodes = get("/api/nodes").array();
        QCOMPARE(nodes.size(), 3);
        const QJsonObject master = nodes.at(0).toObject();
        QCOMPARE(master.value(QLatin1String("name")).toString(), QStringLiteral("master"));
        QCOMPARE(master.value(QLatin1String("local")).toBool(), true);
        QCOMPARE(master.value(QLatin1String("online")).toBool(), true);
        QCOMPARE(master.value(QLatin1String("version")).toString(),
                 QStringLiteral(SMOLLAMA_VERSION_STRING));
        QCOMPARE(master.value(QLatin1String("sources")).toInt(), 1);
        QVERIFY(!master.value(QLatin1String("last_seen")).toString().isEmpty());
        // Where this node's API listens (loopback here: http.host's default).
        QCOMPARE(master.value(QLatin1String("url")).toString(),
                 QStringLiteral("http://127.0.0.1:%1").arg(m_runtime->http()->serverPort()));

        const QJsonObject greenhouse =
            find(nodes, QStringLiteral("name"), QStringLiteral("greenhouse"));
        QCOMPARE(greenhouse.value(QLatin1String("online")).toBool(), true);
        QCOMPARE(greenhouse.value(QLatin1String("local")).toBool(), false);
        QCOMPARE(greenhouse.value(QLatin1String("version")).toString(), QStringLiteral("1.4.0"));
        QCOMPARE(greenhouse.value(QLatin1String("sources")).toInt(), 2);
        QCOMPARE(greenhouse.value(QLatin1String("errors")).toInt(), 0);
        QCOMPARE(greenhouse.value(QLatin1String("via")).toString(), QStringLiteral("fleet"));
        const QDateTime seen = QDateTime::fromString(
            greenhouse.value(QLatin1String("last_seen")).toString(), Qt::ISODateWithMs);
        QVERIFY(seen.isValid());
        QVERIFY(qAbs(seen.msecsTo(QDateTime::currentDateTimeUtc())) < 60000);

        const QJsonObject garage = find(nodes, QStringLiteral("name"), QStringLiteral("garage"));
        QCOMPARE(garage.value(QLatin1String("online")).toBool(), false);
        QCOMPARE(garage.value(QLatin1String("version")).toString(), QStringLiteral("1.3.2"));
        QVERIFY2(garage.value(QLatin1String("offline_reason"))
                     .toString()
                     .contains(QLatin1String("fleet said it went offline")),
                 qPrintable(garage.value(QLatin1String("offline_reason")).toString()));
    }

    void readingsFilteredByNode()
    {
        const QJsonArray greenhouse = get("/api/readings?node=greenhouse").array();
        QCOMPARE(greenhouse.size(), 2);
        for (const QJsonValue &v : greenhouse) {
            QCOMPARE(v.toObject().value(QLatin1String("node")).toString(),
                     QStringLiteral("greenhouse"));
        }
        QCOMPARE(find(greenhouse, QStringLiteral("source"), QStringLiteral("probe:temp"))
                     .value(QLatin1String("value"))
                     .toDouble(),
                 30.0);
        const QJsonArray master = get("/api/readings?node=master").array();
        QCOMPARE(master.size(), 1);
        QCOMPARE(master.at(0).toObject().value(QLatin1String("source")).toString(),
                 QStringLiteral("probe:temp"));
        QCOMPARE(master.at(0).toObject().value(QLatin1String("node")).toString(),
                 QStringLiteral("master"));
        // Without a filter: every node's, each reading naming its node.
        const QJsonArray all = get("/api/readings").array();
        QVERIFY(!find(all, QStringLiteral("node"), QStringLiteral("garage")).isEmpty());
        QCOMPARE(find(all, QStringLiteral("node"), QStringLiteral("master"),
                      QStringLiteral("source"), QStringLiteral("probe:temp"))
                     .isEmpty(),
                 false);
        const QJsonObject unknown = get("/api/readings?node=greenhous", 404).object();
        QCOMPARE(unknown.value(QLatin1String("code")).toString(), QStringLiteral("unknown_node"));
        QVERIFY2(unknown.value(QLatin1String("error"))
                     .toString()
                     .contains(QLatin1String("did you mean 'greenhouse'")),
                 qPrintable(unknown.value(QLatin1String("error")).toString()));
    }

    void historyOfARemoteSource()
    {
        const QJsonObject h =
            get("/api/readings/probe:temp/history?node=greenhouse&minutes=5").object();
        QCOMPARE(h.value(QLatin1String("node")).toString(), QStringLiteral("greenhouse"));
        QCOMPARE(h.value(QLatin1String("source")).toString(), QStringLiteral("probe:temp"));
        QVERIFY(h.value(QLatin1String("count")).toInt() >= 1);
        // The greenhouse's probe:temp is 30, the local one 12.5 and up: never mixed.
        QCOMPARE(h.value(QLatin1String("min")).toDouble(), 30.0);
        QCOMPARE(h.value(QLatin1String("max")).toDouble(), 30.0);
        const QJsonObject local = get("/api/readings/probe:temp/history?minutes=5").object();
        QCOMPARE(local.value(QLatin1String("node")).toString(), QStringLiteral("master"));
        QVERIFY(local.value(QLatin1String("max")).toDouble() < 30.0);
        const QJsonObject none =
            get("/api/readings/bme280:humidity/history?node=greenhouse", 404).object();
        QCOMPARE(none.value(QLatin1String("code")).toString(), QStringLiteral("unknown_source"));
        get("/api/readings/probe:temp/history?node=shed", 404);
    }

    void offlineNodesReadingsAreStale()
    {
        QTRY_VERIFY(!m_runtime->nodes()->isOnline(QStringLiteral("garage")));
        const QJsonArray garage = get("/api/readings?node=garage").array();
        QCOMPARE(garage.size(), 1);
        const QJsonObject r = garage.at(0).toObject();
        QCOMPARE(r.value(QLatin1String("quality")).toString(), QStringLiteral("stale"));
        QCOMPARE(r.value(QLatin1String("value")).toDouble(), 12.0);
        QVERIFY2(r.value(QLatin1String("message"))
                     .toString()
                     .contains(QLatin1String("node garage is offline")),
                 qPrintable(r.value(QLatin1String("message")).toString()));
        // The greenhouse is still live.
        for (const QJsonValue &v : get("/api/readings?node=greenhouse").array()) {
            QCOMPARE(v.toObject().value(QLatin1String("quality")).toString(), QStringLiteral("ok"));
        }
    }

    void silentNodeGoesOfflineAndComesBack()
    {
        NodeDirectory nodes(QStringLiteral("here"));
        ReadingBus bus;
        bus.setNodeName(QStringLiteral("here"));
        nodes.setOfflineAfter(100);
        QSignalSpy changed(&nodes, &NodeDirectory::nodeChanged);
        Reading r(QStringLiteral("system:cpu_temp"), 40.0, QStringLiteral("°C"));
        r.setNode(QStringLiteral("shed"));
        nodes.noteReading(r);
        QCOMPARE(changed.count(), 1);
        QVERIFY(nodes.isOnline(QStringLiteral("shed")));
        QVERIFY(nodes.isOnline(QStringLiteral("here")));
        QVERIFY(!nodes.isOnline(QStringLiteral("nowhere")));
        QTRY_VERIFY(!nodes.isOnline(QStringLiteral("shed")));
        QVERIFY(nodes.offlineReason(QStringLiteral("shed"))
                    .contains(QLatin1String("node_offline_after_s: 0.1")));
        nodes.noteReading(r);
        QVERIFY(nodes.isOnline(QStringLiteral("shed")));

        // Said offline (a last will): a late copy of an older reading does not bring it back, a
        // newer one does.
        nodes.setOfflineAfter(60000);
        QTest::qWait(5);
        nodes.update(QStringLiteral("mqtt"), QStringLiteral("shed"),
                     {{QStringLiteral("online"), false}});
        QVERIFY(!nodes.isOnline(QStringLiteral("shed")));
        nodes.noteReading(r); // taken before it went offline
        QVERIFY(!nodes.isOnline(QStringLiteral("shed")));
        Reading newer = r;
        newer.setTimestamp(QDateTime::currentDateTimeUtc().addSecs(1));
        nodes.noteReading(newer);
        QVERIFY(nodes.isOnline(QStringLiteral("shed")));
        // A bridge never speaks for this node.
        nodes.update(QStringLiteral("mqtt"), QStringLiteral("here"),
                     {{QStringLiteral("online"), false}});
        QVERIFY(nodes.isOnline(QStringLiteral("here")));
        QCOMPARE(nodes.nodes().first().name, QStringLiteral("here"));
    }

    void errorsCounted()
    {
        NodeDirectory nodes(QStringLiteral("here"));
        Reading bad = Reading::error(QStringLiteral("bme280:temperature"), QStringLiteral("i2c"));
        bad.setNode(QStringLiteral("shed"));
        nodes.noteReading(bad);
        Reading good(QStringLiteral("bme280:humidity"), 50.0, QStringLiteral("%"));
        good.setNode(QStringLiteral("shed"));
        nodes.noteReading(good);
        const auto shed = nodes.node(QStringLiteral("shed"));
        QVERIFY(shed);
        QCOMPARE(shed->sources, 2);
        QCOMPARE(shed->errors, 1);
        Reading fixed(QStringLiteral("bme280:temperature"), 20.0, QStringLiteral("°C"));
        fixed.setNode(QStringLiteral("shed"));
        nodes.noteReading(fixed);
        QCOMPARE(nodes.node(QStringLiteral("shed"))->errors, 0);
    }
};

QTEST_GUILESS_MAIN(tst_Nodes)
#include "tst_nodes.moc"
