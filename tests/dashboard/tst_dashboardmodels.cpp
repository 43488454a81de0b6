// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard's models over the real core objects (bus, history, tools, agent).
#include "agent/agent.h"
#include "agent/ollamaclient.h"
#include "conversationmodel.h"
#include "fakeollama.h"
#include "fleet/nodedirectory.h"
#include "fleetmodel.h"
#include "history/readinghistory.h"
#include "historymodel.h"
#include "outputsmodel.h"
#include "plugins/pluginmanager.h"
#include "pluginsmodel.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "readingsmodel.h"
#include "remote/remotenode.h"
#include "tools/toolregistry.h"
#include "valueformat.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Smollama;

class tst_DashboardModels : public QObject
{
    Q_OBJECT

private:
    // The core objects a runtime would wire together, without plugins.
    struct Core
    {
        PluginManager plugins;
        ReadingBus bus;
        ReadingManager manager{&plugins, &bus};
        ReadingHistory history;
        Core()
        {
            QObject::connect(
                &bus, &ReadingBus::readingPublished, &bus,
                [this](const Reading &r) { history.add(r); }, Qt::DirectConnection);
        }
    };

    // A node "pi" that hears of other nodes (as through a bridge), with its directory.
    struct FleetCore : Core
    {
        NodeDirectory nodes{QStringLiteral("pi")};
        FleetCore()
        {
            bus.setNodeName(QStringLiteral("pi"));
            history.setLocalNode(QStringLiteral("pi"));
            manager.setNodeDirectory(&nodes);
            QObject::connect(
                &bus, &ReadingBus::readingPublished, &bus,
                [this](const Reading &r) { nodes.noteReading(r); }, Qt::DirectConnection);
        }
        void publish(const QString &node, const QString &source, double value)
        {
            Reading r(source, value, QStringLiteral("°C"));
            if (!node.isEmpty()) {
                r.setNode(node);
            }
            bus.publish(r);
        }
    };

    static QVariant role(const QAbstractItemModel &model, int row, const QByteArray &name)
    {
        return model.data(model.index(row, 0), model.roleNames().key(name));
    }

    static QJsonObject switchSchema(const QStringList &names, const QStringList &states)
    {
        return {{QStringLiteral("type"), QStringLiteral("object")},
                {QStringLiteral("properties"),
                 QJsonObject{
                     {QStringLiteral("name"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                  {QStringLiteral("enum"), QJsonArray::fromStringList(names)}}},
                     {QStringLiteral("state"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                  {QStringLiteral("enum"), QJsonArray::fromStringList(states)}}}}},
                {QStringLiteral("required"),
                 QJsonArray{QStringLiteral("name"), QStringLiteral("state")}}};
    }

private Q_SLOTS:
    void valuesAreShownInTheirBestUnit_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shownUnit");
        QTest::newRow("tens") << QVariant(21.46) << QStringLiteral("°C") << QStringLiteral("21,5")
                              << QStringLiteral("°C");
        QTest::newRow("four digits")
            << QVariant(1024.4) << QString() << QStringLiteral("1024") << QString();
        QTest::newRow("integer") << QVariant(qint64(65536)) << QString() << QStringLiteral("65.536")
                                 << QString();
        QTest::newRow("frequency") << QVariant(2096.0) << QStringLiteral("MHz")
                                   << QStringLiteral("2,10") << QStringLiteral("GHz");
        QTest::newRow("memory") << QVariant(23654.0) << QStringLiteral("MiB")
                                << QStringLiteral("23,1") << QStringLiteral("GiB");
        QTest::newRow("uptime") << QVariant(93600.0) << QStringLiteral("s")
                                << QStringLiteral("1 d 2 h") << QString();
        QTest::newRow("bool") << QVariant(true) << QString() << QStringLiteral("on") << QString();
    }

    void valuesAreShownInTheirBestUnit()
    {
        // The tiles write values through the formatter smollama-cli uses, in the locale.
        QFETCH(QVariant, value);
        QFETCH(QString, unit);
        QFETCH(QString, text);
        QFETCH(QString, shownUnit);
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        Core core;
        ReadingsModel model(&core.manager, &core.history, &core.bus);
        model.setCoalesceInterval(0);
        core.bus.publish(Reading(QStringLiteral("probe:x"), value, unit));
        QTRY_COMPARE(model.count(), 1);
        QTRY_COMPARE(role(model, 0, "valueText").toString(), text);
        QCOMPARE(role(model, 0, "valueUnit").toString(), shownUnit);
        QCOMPARE(role(model, 0, "unit").toString(), unit); // the source's own unit
        QLocale::setDefault(QLocale::c());
    }

    void historyBreaksAtGapsAndKeepsErrors()
    {
        // Readings every 10 s, then nothing for 20 minutes (the node was off), then again; an
        // error reading in between.
        Core core;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const auto at = [now](qint64 agoS) {
            return QDateTime::fromMSecsSinceEpoch(now - agoS * 1000, Qt::UTC);
        };
        for (qint64 ago = 3000; ago > 2000; ago -= 10) {
            core.history.add(
                Reading(QStringLiteral("probe:t"), 20.0, QStringLiteral("°C"), at(ago)));
        }
        for (qint64 ago = 800; ago > 0; ago -= 10) {
            core.history.add(
                Reading(QStringLiteral("probe:t"), 21.0, QStringLiteral("°C"), at(ago)));
        }
        Reading failed = Reading::error(QStringLiteral("probe:t"), QStringLiteral("no answer"));
        failed.setTimestamp(at(900));
        core.history.add(failed);

        HistoryModel model(&core.history);
        model.setSource(QStringLiteral("probe:t"));
        const QVariantList series = model.series();
        QVERIFY(series.size() > 20);
        int gaps = 0;
        for (const QVariant &p : series) {
            if (p.toMap().value(QStringLiteral("gap")).toBool()) {
                ++gaps;
                // The break is before the first point after the pause.
                QVERIFY(p.toMap().value(QStringLiteral("t")).toDouble() >=
                        double(now - 800 * 1000));
            }
        }
        QCOMPARE(gaps, 1);
        QCOMPARE(model.errors().size(), 1);
        QCOMPARE(qint64(model.errors().first().toDouble()), now - 900 * 1000);
    }

    void readingsAreGroupedBySortedSource()
    {
        Core core;
        ReadingsModel model(&core.manager, &core.history, &core.bus);
        QSignalSpy instances(&model, &ReadingsModel::instancesChanged);
        core.bus.publish(Reading(QStringLiteral("weather:temp"), 21.5, QStringLiteral("°C")));
        core.bus.publish(Reading(QStringLiteral("system:load"), 0.5));
        core.bus.publish(
            Reading::error(QStringLiteral("system:cpu_temp"), QStringLiteral("no thermal zone")));
        QTRY_COMPARE(model.count(), 3);
        QCOMPARE(role(model, 0, "source").toString(), QStringLiteral("system:cpu_temp"));
        QCOMPARE(role(model, 1, "source").toString(), QStringLiteral("system:load"));
        QCOMPARE(role(model, 2, "source").toString(), QStringLiteral("weather:temp"));
        QCOMPARE(model.instances(),
                 (QStringList{QStringLiteral("system"), QStringLiteral("weather")}));
        QVERIFY(instances.count() >= 1);

        QCOMPARE(role(model, 0, "quality").toString(), QStringLiteral("error"));
        QCOMPARE(role(model, 0, "message").toString(), QStringLiteral("no thermal zone"));
        QCOMPARE(role(model, 0, "valueText").toString(), QStringLiteral("—"));
        QCOMPARE(role(model, 2, "quality").toString(), QStringLiteral("ok"));
        QCOMPARE(role(model, 2, "valueText").toString(), QStringLiteral("21.5"));
        QCOMPARE(role(model, 2, "unit").toString(), QStringLiteral("°C"));
        QCOMPARE(role(model, 2, "label").toString(), QStringLiteral("temp"));
        QCOMPARE(model.indexOf(QStringLiteral("system:load")), 1);
        QCOMPARE(model.get(2).value(QStringLiteral("instance")).toString(),
                 QStringLiteral("weather"));
    }

    void readingsAreKeyedAndGroupedByNode()
    {
        FleetCore core;
        ReadingsModel model(&core.manager, &core.history, &core.bus);
        model.setNodeDirectory(&core.nodes);
        // The same source id on three nodes: three rows, this node's first, then by name.
        core.publish(QStringLiteral("garage"), QStringLiteral("system:load"), 3.0);
        core.publish(QString(), QStringLiteral("system:load"), 1.0);
        core.publish(QStringLiteral("attic"), QStringLiteral("system:load"), 2.0);
        core.publish(QStringLiteral("attic"), QStringLiteral("weather:temp"), 12.5);
        QTRY_COMPARE(model.count(), 4);
        QCOMPARE(model.nodes(), (QStringList{QStringLiteral("pi"), QStringLiteral("attic"),
                                             QStringLiteral("garage")}));
        QCOMPARE(role(model, 0, "node").toString(), QStringLiteral("pi"));
        QCOMPARE(role(model, 0, "value").toDouble(), 1.0);
        QCOMPARE(role(model, 1, "node").toString(), QStringLiteral("attic"));
        QCOMPARE(role(model, 1, "value").toDouble(), 2.0);
        QCOMPARE(role(model, 2, "source").toString(), QStringLiteral("weather:temp"));
        QCOMPARE(role(model, 3, "node").toString(), QStringLiteral("garage"));
        QCOMPARE(role(model, 3, "value").toDouble(), 3.0);
        // Groups: one per instance of each node.
        QCOMPARE(model.instances(),
                 (QStringList{QStringLiteral("system"), QStringLiteral("system"),
                              QStringLiteral("weather"), QStringLiteral("system")}));
        QCOMPARE(model.groupNodes(),
                 (QStringList{QStringLiteral("pi"), QStringLiteral("attic"),
                              QStringLiteral("attic"), QStringLiteral("garage")}));
        QCOMPARE(model.instanceSizes(), (QVariantList{1, 1, 1, 1}));
        QCOMPARE(model.indexOf(QStringLiteral("system:load")), 0);
        QCOMPARE(model.indexOfNode(QStringLiteral("garage"), QStringLiteral("system:load")), 3);
        QCOMPARE(model.indexOfNode(QStringLiteral("garage"), QStringLiteral("weather:temp")), -1);
        // A new value of one node's source changes that row only.
        core.publish(QStringLiteral("garage"), QStringLiteral("system:load"), 4.0);
        QTRY_COMPARE(role(model, 3, "value").toDouble(), 4.0);
        QCOMPARE(role(model, 0, "value").toDouble(), 1.0);
        QCOMPARE(role(model, 1, "value").toDouble(), 2.0);
        // Each node's sparkline is its own.
        QCOMPARE(role(model, 0, "sparkline").toList().last().toDouble(), 1.0);
        QCOMPARE(role(model, 3, "sparkline").toList().last().toDouble(), 4.0);

        // A model made later finds every node's readings.
        ReadingsModel later(&core.manager, &core.history, &core.bus);
        QCOMPARE(later.count(), 4);
        QCOMPARE(later.indexOfNode(QStringLiteral("attic"), QStringLiteral("weather:temp")), 2);
    }

    void offlineNodeIsShownStale()
    {
        FleetCore core;
        ReadingsModel model(&core.manager, &core.history, &core.bus);
        model.setNodeDirectory(&core.nodes);
        QSignalSpy online(&model, &ReadingsModel::nodesOnlineChanged);
        core.publish(QString(), QStringLiteral("system:load"), 1.0);
        core.publish(QStringLiteral("garage"), QStringLiteral("system:load"), 3.0);
        QTRY_COMPARE(model.count(), 2);
        QCOMPARE(role(model, 1, "quality").toString(), QStringLiteral("ok"));
        QCOMPARE(model.nodesOnline().value(QStringLiteral("garage")).toBool(), true);

        // Its bridge says it went away: its tile shows the last value as stale, never live.
        core.nodes.update(QStringLiteral("mqtt"), QStringLiteral("garage"),
                          {{QStringLiteral("online"), false}});
        QTRY_COMPARE(role(model, 1, "quality").toString(), QStringLiteral("stale"));
        QVERIFY(role(model, 1, "message").toString().contains(QStringLiteral("garage")));
        QCOMPARE(role(model, 1, "value").toDouble(), 3.0);
        QCOMPARE(model.nodesOnline().value(QStringLiteral("garage")).toBool(), false);
        QVERIFY(online.count() >= 1);
        QCOMPARE(role(model, 0, "quality").toString(), QStringLiteral("ok"));

        // Heard from again (a reading taken after it was said offline): live again.
        Reading back(QStringLiteral("system:load"), 6.0, QStringLiteral("°C"),
                     QDateTime::currentDateTimeUtc().addMSecs(10));
        back.setNode(QStringLiteral("garage"));
        core.bus.publish(back);
        QTRY_COMPARE(role(model, 1, "value").toDouble(), 6.0);
        QTRY_COMPARE(role(model, 1, "quality").toString(), QStringLiteral("ok"));
        QTRY_COMPARE(model.nodesOnline().value(QStringLiteral("garage")).toBool(), true);
    }

    void statedNodeStatesMarkStale()
    {
        // A node followed over its API has no directory: its /api/nodes says who is online.
        FleetCore core;
        ReadingsModel model(&core.manager, &core.history, &core.bus);
        core.publish(QStringLiteral("garage"), QStringLiteral("system:load"), 3.0);
        QTRY_COMPARE(model.count(), 1);
        QCOMPARE(role(model, 0, "quality").toString(), QStringLiteral("ok"));
        model.setNodeStates({{QStringLiteral("garage"), false}});
        QCOMPARE(role(model, 0, "quality").toString(), QStringLiteral("stale"));
        QCOMPARE(model.nodesOnline().value(QStringLiteral("garage")).toBool(), false);
        model.setNodeStates({{QStringLiteral("garage"), true}});
        QCOMPARE(role(model, 0, "quality").toString(), QStringLiteral("ok"));
    }

    void fleetListsEveryNode()
    {
        FleetCore core;
        FleetModel fleet(&core.nodes, nullptr);
        QCOMPARE(fleet.count(), 1);
        QCOMPARE(fleet.get(0).value(QStringLiteral("name")).toString(), QStringLiteral("pi"));
        QCOMPARE(fleet.get(0).value(QStringLiteral("local")).toBool(), true);
        QCOMPARE(fleet.get(0).value(QStringLiteral("online")).toBool(), true);

        core.publish(QStringLiteral("garage"), QStringLiteral("system:load"), 3.0);
        core.publish(QStringLiteral("garage"), QStringLiteral("system:temp"), 3.0);
        core.bus.publish([] {
            Reading r = Reading::error(QStringLiteral("system:fan"), QStringLiteral("no fan"));
            r.setNode(QStringLiteral("garage"));
            return r;
        }());
        core.publish(QStringLiteral("attic"), QStringLiteral("weather:temp"), 12.5);
        core.nodes.update(QStringLiteral("mqtt"), QStringLiteral("attic"),
                          {{QStringLiteral("online"), false}});
        QTRY_COMPARE(fleet.count(), 3);
        QCOMPARE(fleet.indexOf(QStringLiteral("attic")), 1);
        QCOMPARE(fleet.indexOf(QStringLiteral("garage")), 2);
        const QVariantMap garage = fleet.get(2);
        QCOMPARE(garage.value(QStringLiteral("online")).toBool(), true);
        QCOMPARE(garage.value(QStringLiteral("sources")).toInt(), 3);
        QCOMPARE(garage.value(QStringLiteral("errors")).toInt(), 1);
        QVERIFY(garage.value(QStringLiteral("lastSeen")).toLongLong() > 0);
        QVERIFY(garage.value(QStringLiteral("plugins")).toString().isEmpty());
        QTRY_COMPARE(fleet.get(1).value(QStringLiteral("online")).toBool(), false);
        QCOMPARE(fleet.get(1).value(QStringLiteral("via")).toString(), QStringLiteral("mqtt"));
        QVERIFY(!fleet.get(1).value(QStringLiteral("offlineReason")).toString().isEmpty());
        QCOMPARE(fleet.offline(), 1);
    }

    void fleetOfAFollowedNode()
    {
        // GET /api/nodes of a node followed with --connect: its order is kept, this one first.
        FleetModel fleet(nullptr, nullptr);
        QCOMPARE(fleet.count(), 0);
        const QString seen = QDateTime::currentDateTimeUtc().addSecs(-75).toString(Qt::ISODate);
        fleet.setNodes(QJsonArray{
            QJsonObject{{QStringLiteral("name"), QStringLiteral("garage")},
                        {QStringLiteral("online"), false},
                        {QStringLiteral("offline_reason"), QStringLiteral("said offline by mqtt")},
                        {QStringLiteral("last_seen"), seen},
                        {QStringLiteral("sources"), 2},
                        {QStringLiteral("errors"), 0}},
            QJsonObject{{QStringLiteral("name"), QStringLiteral("pi")},
                        {QStringLiteral("local"), true},
                        {QStringLiteral("online"), true},
                        {QStringLiteral("last_seen"), QJsonValue()},
                        {QStringLiteral("sources"), 5},
                        {QStringLiteral("errors"), 1}}});
        QCOMPARE(fleet.count(), 2);
        QCOMPARE(fleet.get(0).value(QStringLiteral("name")).toString(), QStringLiteral("pi"));
        QCOMPARE(fleet.get(0).value(QStringLiteral("sources")).toInt(), 5);
        QCOMPARE(fleet.get(0).value(QStringLiteral("lastSeenText")).toString(),
                 QStringLiteral("never"));
        QCOMPARE(fleet.get(1).value(QStringLiteral("online")).toBool(), false);
        QCOMPARE(fleet.get(1).value(QStringLiteral("offlineReason")).toString(),
                 QStringLiteral("said offline by mqtt"));
        QCOMPARE(fleet.get(1).value(QStringLiteral("lastSeenText")).toString(),
                 QStringLiteral("1 min 15 s ago"));
        QCOMPARE(fleet.offline(), 1);
    }

    void lastSeenText_data()
    {
        QTest::addColumn<qint64>("lastSeen");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<QString>("text");
        const qint64 now = 1700000000000;
        QTest::newRow("never") << qint64(0) << now << QStringLiteral("never");
        QTest::newRow("now") << now - 400 << now << QStringLiteral("just now");
        QTest::newRow("ahead") << now + 5000 << now << QStringLiteral("just now");
        QTest::newRow("seconds") << now - 42500 << now << QStringLiteral("42 s ago");
        QTest::newRow("days") << now - 93600 * 1000 << now << QStringLiteral("1 d 2 h ago");
    }

    void lastSeenText()
    {
        QFETCH(qint64, lastSeen);
        QFETCH(qint64, now);
        QFETCH(QString, text);
        QCOMPARE(FleetModel::lastSeenText(lastSeen, now), text);
    }

    void floodIsCoalesced()
    {
        Core core;
        ReadingsModel model(&core.manager, &core.history, &core.bus);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        // 2000 readings of 5 sources published in one go: the model changes once per source.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 2000; ++i) {
            core.bus.publish(Reading(QStringLiteral("flood:s%1").arg(i % 5), double(i), QString(),
                                     QDateTime::fromMSecsSinceEpoch(now - 2000 + i, Qt::UTC)));
        }
        QTRY_COMPARE(model.count(), 5);
        QTRY_COMPARE(changed.count(), 5);
        QCOMPARE(inserted.count(), 5);
        // Nothing more may come of the flood. A reading of another source published after it
        // is the marker: once its row is there, whatever the flood still caused came first.
        core.bus.publish(Reading(QStringLiteral("marker:m"), 1.0, QString(),
                                 QDateTime::fromMSecsSinceEpoch(now, Qt::UTC)));
        QTRY_COMPARE(inserted.count(), 6);
        QCOMPARE(changed.count(), 6);
        // Each row shows its newest value and the sparkline of what the history holds.
        QCOMPARE(role(model, 4, "value").toDouble(), 1999.0);
        const QVariantList spark = role(model, 4, "sparkline").toList();
        QVERIFY(!spark.isEmpty());
        QVERIFY(spark.size() <= 60);
        QCOMPARE(spark.last().toDouble() <= 1999.0, true);
    }

    void history()
    {
        ReadingHistory history;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // One value a minute for two hours: 10, 11, ..., 129.
        for (int i = 0; i < 120; ++i) {
            history.addPoint(QStringLiteral("a:t"), now - (119 - i) * 60 * 1000, 10.0 + i);
        }
        HistoryModel model(&history);
        QSignalSpy refreshed(&model, &HistoryModel::refreshed);
        model.setSource(QStringLiteral("a:t"));
        QCOMPARE(refreshed.count(), 1);
        QVERIFY2(model.count() >= 60 && model.count() <= 61,
                 qPrintable(QString::number(model.count())));
        QCOMPARE(model.maximum(), 129.0);
        QVERIFY(model.minimum() >= 68.0 && model.minimum() <= 70.0);
        QVERIFY(model.rowCount() > 0);
        QCOMPARE(model.series().size(), model.rowCount());

        model.setHours(24);
        QCOMPARE(model.count(), 120);
        QCOMPARE(model.minimum(), 10.0);
        QCOMPARE(model.maximum(), 129.0);
        QCOMPARE(model.average(), 69.5);
        QVERIFY(model.rowCount() <= 240);

        model.setSource(QStringLiteral("nothing:here"));
        QCOMPARE(model.count(), 0);
        QCOMPARE(model.rowCount(), 0);
    }

    void switchedOutputs_data()
    {
        QTest::addColumn<QJsonObject>("parameters");
        QTest::addColumn<QStringList>("outputs");
        const QStringList names{QStringLiteral("led"), QStringLiteral("fan")};
        QTest::newRow("on/off/toggle")
            << switchSchema(names,
                            {QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("toggle")})
            << names;
        QTest::newRow("no off") << switchSchema(names, {QStringLiteral("on")}) << QStringList();
        QTest::newRow("no name enum")
            << switchSchema({}, {QStringLiteral("on"), QStringLiteral("off")}) << QStringList();
        QTest::newRow("not a switch")
            << QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                           {QStringLiteral("properties"),
                            QJsonObject{
                                {QStringLiteral("source"),
                                 QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}}}
            << QStringList();
    }

    void switchedOutputs()
    {
        QFETCH(QJsonObject, parameters);
        QFETCH(QStringList, outputs);
        QCOMPARE(OutputsModel::switchedOutputs(parameters), outputs);
    }

    void outputsOfALateInstanceAppear()
    {
        // A plugin instance that comes up on a setup retry registers its tools later: its
        // outputs appear without restarting the window, and go when its tools do.
        Core core;
        ToolRegistry tools;
        OutputsModel model(&tools, &core.manager, &core.bus);
        QCOMPARE(model.count(), 0);
        QSignalSpy counted(&model, &OutputsModel::countChanged);
        ToolRegistry::ToolSpec spec;
        spec.name = QStringLiteral("relay_write");
        spec.owner = QStringLiteral("relays");
        spec.parameters =
            switchSchema({QStringLiteral("pump")}, {QStringLiteral("on"), QStringLiteral("off")});
        spec.handler = [](const QJsonObject &args) { return ToolResult::ok(args); };
        QCOMPARE(tools.registerTool(spec), QString());
        QTRY_COMPARE(model.count(), 1);
        QCOMPARE(role(model, 0, "name").toString(), QStringLiteral("pump"));
        QVERIFY(counted.count() >= 1);
        tools.unregisterOwner(QStringLiteral("relays"));
        QTRY_COMPARE(model.count(), 0);
    }

    void outputsCallTheTool()
    {
        Core core;
        ToolRegistry tools;
        auto calls = std::make_shared<QList<QJsonObject>>();
        ToolRegistry::ToolSpec spec;
        spec.name = QStringLiteral("relay_write");
        spec.owner = QStringLiteral("relays");
        spec.parameters = switchSchema({QStringLiteral("pump"), QStringLiteral("valve")},
                                       {QStringLiteral("on"), QStringLiteral("off")});
        spec.handler = [calls](const QJsonObject &args) {
            calls->append(args);
            if (args.value(QStringLiteral("name")).toString() == QLatin1String("valve")) {
                return ToolResult::error(QStringLiteral("the valve's relay board did not answer"));
            }
            return ToolResult::ok(args);
        };
        QCOMPARE(tools.registerTool(spec), QString());
        core.bus.publish(Reading(QStringLiteral("relays:pump"), false));

        OutputsModel model(&tools, &core.manager, &core.bus);
        QCOMPARE(model.count(), 2);
        QCOMPARE(role(model, 0, "name").toString(), QStringLiteral("pump"));
        QCOMPARE(role(model, 0, "source").toString(), QStringLiteral("relays:pump"));
        QTRY_VERIFY(role(model, 0, "known").toBool());
        QCOMPARE(role(model, 0, "on").toBool(), false);

        model.setOn(0, true);
        QCOMPARE(role(model, 0, "busy").toBool(), true); // returns before the tool answers
        QTRY_COMPARE(role(model, 0, "busy").toBool(), false);
        QCOMPARE(role(model, 0, "on").toBool(), true);
        QCOMPARE(calls->size(), 1);
        QCOMPARE(calls->at(0).value(QStringLiteral("state")).toString(), QStringLiteral("on"));

        model.setOn(1, true);
        QTRY_COMPARE(role(model, 1, "busy").toBool(), false);
        QCOMPARE(role(model, 1, "on").toBool(), false);
        QCOMPARE(role(model, 1, "error").toString(),
                 QStringLiteral("the valve's relay board did not answer"));

        // The reported state wins: a switch from elsewhere shows up.
        core.bus.publish(Reading(QStringLiteral("relays:pump"), false));
        QTRY_COMPARE(role(model, 0, "on").toBool(), false);
    }

    void pluginSeverity_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("severity");
        QTest::newRow("loaded") << int(PluginState::Loaded) << QStringLiteral("ok");
        QTest::newRow("degraded") << int(PluginState::Degraded) << QStringLiteral("warning");
        QTest::newRow("stuck") << int(PluginState::Stuck) << QStringLiteral("warning");
        QTest::newRow("disabled") << int(PluginState::Disabled) << QStringLiteral("off");
        QTest::newRow("failed") << int(PluginState::Failed) << QStringLiteral("error");
        QTest::newRow("missing") << int(PluginState::MissingDependencies)
                                 << QStringLiteral("error");
    }

    void pluginSeverity()
    {
        QFETCH(int, state);
        QFETCH(QString, severity);
        QCOMPARE(PluginsModel::severity(PluginState(state)), severity);
        QVERIFY(!PluginsModel::stateText(PluginState(state)).isEmpty());
    }

    void pluginStatesUseTheWordsOfTheCliAndApi()
    {
        // The page says "loaded" where `smollama-cli plugin list` and /api/plugins say
        // "loaded" (not "running"); "invalid config" reads "invalid configuration".
        for (int s = int(PluginState::Loaded); s <= int(PluginState::Conflict); ++s) {
            const QString api = PluginStatus::stateName(PluginState(s));
            const QString shown = PluginsModel::stateText(PluginState(s));
            QVERIFY2(shown.startsWith(QString(api).replace(QLatin1Char('_'), QLatin1Char(' '))),
                     qPrintable(api + QLatin1String(" shown as ") + shown));
        }
        QCOMPARE(PluginsModel::stateText(PluginState::Loaded), QStringLiteral("loaded"));
    }

    void conversationStreamsWithToolCalls()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.enqueue(FakeResponse::lines(
            {FakeChunks::toolCalls(
                 {FakeChunks::call(QStringLiteral("read_temp"), {}, QStringLiteral("call_1"), 0)}),
             FakeChunks::done()}));
        server.enqueue(FakeResponse::lines({FakeChunks::text(QStringLiteral("It is ")),
                                            FakeChunks::text(QStringLiteral("21.5 °C.")),
                                            FakeChunks::done()}));
        ToolRegistry tools;
        ToolRegistry::ToolSpec spec;
        spec.name = QStringLiteral("read_temp");
        spec.handler = [](const QJsonObject &) { return ToolResult::ok(21.5); };
        QCOMPARE(tools.registerTool(spec), QString());
        OllamaSettings settings;
        settings.baseUrl = QUrl(server.url());
        settings.model = QStringLiteral("llama3.2");
        settings.retries = 0;
        OllamaClient client(settings);
        Agent agent(&client, &tools);

        ConversationModel model(&agent, nullptr, &client);
        model.setLocalName(QStringLiteral("kitchen"));
        QCOMPARE(model.model(), QStringLiteral("llama3.2"));
        QVERIFY(!model.ask(QStringLiteral("   ")));
        QCOMPARE(model.count(), 0);
        QVERIFY(model.ask(QStringLiteral("How warm is it?")));
        QVERIFY(model.isBusy());
        // One question at a time: a second one while the answer streams is refused (the page
        // disables its buttons), so the two answers cannot mix.
        QVERIFY(!model.ask(QStringLiteral("And the humidity?")));
        QTRY_VERIFY(!model.isBusy());
        QCOMPARE(model.count(), 3);
        QCOMPARE(role(model, 0, "kind").toString(), QStringLiteral("question"));
        QCOMPARE(role(model, 1, "kind").toString(), QStringLiteral("tool"));
        QCOMPARE(role(model, 1, "tool").toString(), QStringLiteral("read_temp"));
        QCOMPARE(role(model, 1, "text").toString(), QStringLiteral("21.5"));
        QCOMPARE(role(model, 1, "pending").toBool(), false);
        QCOMPARE(role(model, 2, "kind").toString(), QStringLiteral("answer"));
        QCOMPARE(role(model, 2, "text").toString(), QStringLiteral("It is 21.5 °C."));
        QCOMPARE(role(model, 2, "pending").toBool(), false);
        // This node's own agent answered, and the page says so.
        QCOMPARE(role(model, 0, "node").toString(), QStringLiteral("kitchen"));
        QCOMPARE(role(model, 2, "node").toString(), QStringLiteral("kitchen"));

        model.clear();
        QCOMPARE(model.count(), 0);
    }

    void conversationShowsAnUnreachableOllama()
    {
        OllamaSettings settings;
        settings.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9")); // discard: nothing listens
        settings.retries = 0;
        OllamaClient client(settings);
        ToolRegistry tools;
        Agent agent(&client, &tools);
        ConversationModel model(&agent, nullptr, &client);
        QTRY_COMPARE(model.ollamaState(), QStringLiteral("unreachable"));
        QVERIFY(!model.ollamaText().isEmpty());
    }

    void conversationAsksAChosenNode()
    {
        // This node's agent, and a node followed over its API that does not answer (port 9,
        // discard): the picker lists both, and a question to the silent one ends at once in an
        // error naming it; the chat is free again.
        OllamaSettings settings;
        settings.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
        settings.retries = 0;
        OllamaClient client(settings);
        ToolRegistry tools;
        Agent agent(&client, &tools);
        RemoteNode remote(QUrl(QStringLiteral("http://127.0.0.1:9")), "0123456789abcdef");
        ConversationModel model(&agent, nullptr, &client);
        model.setLocalName(QStringLiteral("kitchen"));
        QSignalSpy nodesChanged(&model, &ConversationModel::nodesChanged);
        model.addRemote(&remote);
        QCOMPARE(nodesChanged.count(), 1);

        const QVariantList nodes = model.nodes();
        QCOMPARE(nodes.size(), 2);
        QCOMPARE(nodes.at(0).toMap().value(QStringLiteral("name")).toString(),
                 QStringLiteral("kitchen"));
        QCOMPARE(nodes.at(0).toMap().value(QStringLiteral("local")).toBool(), true);
        QCOMPARE(nodes.at(1).toMap().value(QStringLiteral("name")).toString(),
                 QStringLiteral("127.0.0.1"));
        QCOMPARE(nodes.at(1).toMap().value(QStringLiteral("url")).toString(),
                 QStringLiteral("http://127.0.0.1:9"));
        QCOMPARE(nodes.at(1).toMap().value(QStringLiteral("online")).toBool(), false);
        // This node's agent is asked unless another is chosen.
        QCOMPARE(model.target(), 0);
        QCOMPARE(model.targetName(), QStringLiteral("kitchen"));

        QSignalSpy targetChanged(&model, &ConversationModel::targetChanged);
        model.setTarget(1);
        QCOMPARE(targetChanged.count(), 1);
        QCOMPARE(model.targetName(), QStringLiteral("127.0.0.1"));
        model.setTarget(7); // no such node: nothing changes
        QCOMPARE(model.target(), 1);
        // Its status line speaks of that node now.
        QTRY_VERIFY(model.ollamaText().contains(QLatin1String("127.0.0.1")));
        QCOMPARE(model.ollamaState(), QStringLiteral("unreachable"));

        QVERIFY(model.ask(QStringLiteral("How warm is it?")));
        QVERIFY(model.isBusy());
        QVERIFY(!model.ask(QStringLiteral("And now?")));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isBusy(), 30000);
        QCOMPARE(model.count(), 2);
        QCOMPARE(role(model, 0, "kind").toString(), QStringLiteral("question"));
        QCOMPARE(role(model, 0, "node").toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(role(model, 1, "kind").toString(), QStringLiteral("error"));
        QCOMPARE(role(model, 1, "node").toString(), QStringLiteral("127.0.0.1"));
        QVERIFY2(role(model, 1, "text").toString().contains(QLatin1String("cannot be reached")),
                 qPrintable(role(model, 1, "text").toString()));
        QCOMPARE(role(model, 1, "detail").toString(), QStringLiteral("unreachable"));
    }
};

QTEST_GUILESS_MAIN(tst_DashboardModels)
#include "tst_dashboardmodels.moc"
