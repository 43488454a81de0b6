// SPDX-License-Identifier: GPL-3.0-or-later
// Reading sinks (SDK 1.1): every reading reaches every sink once, on its instance's thread; a
// slow sink drops its oldest readings (counted in its status) without costing the others; a
// bridge's readings of other nodes keep their node and source, local ones get this node's.
#include "config/config.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/sinkdispatcher.h"

#include <smollama/plugincontext.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMutex>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Smollama;

namespace {

QString fixtureDir(const QString &name)
{
    return QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/") + name;
}

struct SinkLine
{
    QString thread;
    QJsonObject reading;
};

QList<SinkLine> sinkLines(const QString &path)
{
    QList<SinkLine> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return out;
    }
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const int tab = line.indexOf('\t');
        if (tab < 0) {
            continue;
        }
        out.append({QString::fromUtf8(line.left(tab)),
                    QJsonDocument::fromJson(line.mid(tab + 1)).object()});
    }
    return out;
}

// What reached the bus, in the publishing thread.
class BusLog : public QObject
{
public:
    explicit BusLog(ReadingBus *bus)
    {
        connect(
            bus, &ReadingBus::readingPublished, this,
            [this](const Reading &r) {
                QMutexLocker locker(&mutex);
                readings.append(r);
            },
            Qt::DirectConnection);
    }
    QList<Reading> snapshot()
    {
        QMutexLocker locker(&mutex);
        return readings;
    }
    QMutex mutex;
    QList<Reading> readings;
};

} // namespace

class tst_Sinks : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<PluginManager> m_plugins;
    std::unique_ptr<ReadingBus> m_bus;
    std::unique_ptr<SinkDispatcher> m_sinks;

    QString out(const QString &name) const { return m_tmp.filePath(name + QStringLiteral(".out")); }

    void start(const QByteArray &custom, const QByteArray &extra = QByteArray())
    {
        const Config config = Config::fromYaml(extra + "plugins:\n  custom:\n" + custom,
                                               m_tmp.filePath(QStringLiteral("config.yaml")));
        QVERIFY2(!config.hasErrors(), qPrintable(config.diagnostics().value(0).toString()));
        m_plugins = std::make_unique<PluginManager>();
        m_plugins->setBuiltinPluginDir(m_tmp.filePath(QStringLiteral("none")));
        m_plugins->setExtraPluginPaths({fixtureDir(QStringLiteral("sink")),
                                        fixtureDir(QStringLiteral("bridge")),
                                        fixtureDir(QStringLiteral("good"))});
        m_plugins->setConfig(config);
        PluginManager::HostServices host;
        host.nodeName = QStringLiteral("pi-test");
        m_plugins->setHostServices(host);
        m_bus = std::make_unique<ReadingBus>();
        m_bus->setNodeName(QStringLiteral("pi-test"));
        connect(m_plugins.get(), &PluginManager::readingPublished, m_bus.get(),
                &ReadingBus::publish, Qt::DirectConnection);
        m_sinks = std::make_unique<SinkDispatcher>(m_plugins.get(), m_bus.get());
        m_plugins->prepare();
        m_plugins->initializePlugins();
        m_sinks->start();
    }

    QJsonObject statusOf(const QString &instance) const
    {
        for (const PluginStatus &s : m_plugins->statuses()) {
            if (s.instance == instance) {
                return s.toJson();
            }
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void cleanup()
    {
        if (m_sinks) {
            m_sinks->stop();
        }
        if (m_plugins) {
            m_plugins->shutdownPlugins();
        }
        m_sinks.reset();
        m_plugins.reset();
        m_bus.reset();
        const QStringList outs = QDir(m_tmp.path()).entryList({QStringLiteral("*.out")});
        for (const QString &f : outs) {
            QFile::remove(m_tmp.filePath(f));
        }
    }

    void sinkQueueComesFromTheSchema()
    {
        const Config plain = Config::fromYaml("plugins:\n  custom:\n    - {name: a, module: x}\n",
                                              m_tmp.filePath(QStringLiteral("c.yaml")));
        QCOMPARE(plain.instances().value(0).sinkQueue, 10000);
        const Config set = Config::fromYaml("plugins:\n  builtin:\n    mqtt: {sink_queue: 250}\n",
                                            m_tmp.filePath("c.yaml"));
        QVERIFY(!set.hasErrors());
        QCOMPARE(set.instances().value(0).sinkQueue, 250);
        const Config zero =
            Config::fromYaml("plugins:\n  custom:\n    - {name: a, module: x, sink_queue: 0}\n",
                             m_tmp.filePath("c.yaml"));
        QVERIFY(zero.hasErrors());
        QVERIFY2(zero.diagnostics().value(0).toString().contains(QLatin1String("sink_queue")),
                 qPrintable(zero.diagnostics().value(0).toString()));
    }

    void everyReadingOnceOnTheSinksThreadInOrder()
    {
        start("    - {name: fast, module: fixture_sink, config: {out_file: '" +
              out(QStringLiteral("fast")).toUtf8() + "'}}\n");
        QCOMPARE(m_plugins->instance(QStringLiteral("fast"))->state(), PluginState::Loaded);
        QCOMPARE(m_sinks->sinks(), QStringList{QStringLiteral("fast")});
        for (int i = 0; i < 500; ++i) {
            m_bus->publish(Reading(QStringLiteral("system:n"), i));
        }
        QTRY_COMPARE(sinkLines(out(QStringLiteral("fast"))).size(), 500);
        const QList<SinkLine> lines = sinkLines(out(QStringLiteral("fast")));
        for (int i = 0; i < lines.size(); ++i) {
            QCOMPARE(lines.at(i).thread, QStringLiteral("smollama:fast"));
            QCOMPARE(lines.at(i).reading.value(QLatin1String("value")).toInt(), i);
            QCOMPARE(lines.at(i).reading.value(QLatin1String("node")).toString(),
                     QStringLiteral("pi-test"));
            QCOMPARE(lines.at(i).reading.value(QLatin1String("source")).toString(),
                     QStringLiteral("system:n"));
        }
        const QJsonObject sink =
            statusOf(QStringLiteral("fast")).value(QLatin1String("sink")).toObject();
        QCOMPARE(sink.value(QLatin1String("queue")).toInt(), 10000);
        QCOMPARE(sink.value(QLatin1String("delivered")).toInt(), 500);
        QCOMPARE(sink.value(QLatin1String("dropped")).toInt(), 0);
    }

    void slowSinkDropsItsOldestAndCostsNoOneElse()
    {
        start("    - {name: fast, module: fixture_sink, config: {out_file: '" +
              out(QStringLiteral("fast")).toUtf8() +
              "'}}\n"
              "    - {name: slow, module: fixture_sink, sink_queue: 50, config: {out_file: '" +
              out(QStringLiteral("slow")).toUtf8() + "', write_delay_ms: 300}}\n");
        const int n = 5000;
        for (int i = 0; i < n; ++i) {
            m_bus->publish(Reading(QStringLiteral("system:n"), i));
        }
        // The fast sink gets every reading while the slow one is still in its first writes.
        QTRY_COMPARE(sinkLines(out(QStringLiteral("fast"))).size(), n);
        PluginInstance *slow = m_plugins->instance(QStringLiteral("slow"));
        QCOMPARE(slow->status().sinkQueue, 50);
        QTRY_COMPARE(slow->status().sinkDelivered + slow->status().sinkDropped, qint64(n));
        const qint64 dropped = slow->status().sinkDropped;
        QVERIFY2(dropped > 0, "a sink that writes 50 readings in 300 ms cannot keep up");
        const QJsonObject sink =
            statusOf(QStringLiteral("slow")).value(QLatin1String("sink")).toObject();
        QCOMPARE(sink.value(QLatin1String("queue")).toInt(), 50);
        QCOMPARE(qint64(sink.value(QLatin1String("dropped")).toDouble()), dropped);
        QCOMPARE(qint64(sink.value(QLatin1String("delivered")).toDouble()), n - dropped);
        // The oldest went: the slow sink's last reading is the last one published.
        QTRY_COMPARE(qint64(sinkLines(out(QStringLiteral("slow"))).size()), n - dropped);
        const QList<SinkLine> slowLines = sinkLines(out(QStringLiteral("slow")));
        QCOMPARE(slowLines.last().reading.value(QLatin1String("value")).toInt(), n - 1);
        QCOMPARE(statusOf(QStringLiteral("fast"))
                     .value(QLatin1String("sink"))
                     .toObject()
                     .value(QLatin1String("dropped"))
                     .toInt(),
                 0);
        // The status survives the JSON round trip the CLI makes.
        const PluginStatus back = PluginStatus::fromJson(statusOf(QStringLiteral("slow")));
        QCOMPARE(back.sinkDropped, dropped);
        QCOMPARE(back.sinkQueue, 50);
    }

    void throwingSinkLosesOnlyItsBatch()
    {
        start("    - {name: bad, module: fixture_sink, config: {throw_in_write: true}}\n"
              "    - {name: fast, module: fixture_sink, config: {out_file: '" +
              out(QStringLiteral("fast")).toUtf8() + "'}}\n");
        for (int i = 0; i < 100; ++i) {
            m_bus->publish(Reading(QStringLiteral("system:n"), i));
        }
        QTRY_COMPARE(sinkLines(out(QStringLiteral("fast"))).size(), 100);
        QTRY_COMPARE(m_plugins->instance(QStringLiteral("bad"))->status().sinkDelivered,
                     qint64(100));
        QCOMPARE(m_plugins->instance(QStringLiteral("bad"))->state(), PluginState::Loaded);
    }

    // A third-party sink runs in a plugin host (isolation: auto): a segfault in write() ends
    // only that host, which is started again; the other sink and the bus never notice.
    void crashingSinkEndsOnlyItsHost()
    {
        start("    - {name: crashy, module: fixture_sink, config: {crash_at_write: 2, out_file: '" +
              out(QStringLiteral("crashy")).toUtf8() +
              "'}}\n"
              "    - {name: fast, module: fixture_sink, config: {out_file: '" +
              out(QStringLiteral("fast")).toUtf8() + "'}}\n");
        PluginInstance *crashy = m_plugins->instance(QStringLiteral("crashy"));
        QVERIFY(crashy->hosted());
        QCOMPARE(statusOf(QStringLiteral("crashy")).value(QLatin1String("isolation")).toString(),
                 QStringLiteral("process"));
        m_bus->publish(Reading(QStringLiteral("system:n"), 0));
        QTRY_COMPARE(sinkLines(out(QStringLiteral("crashy"))).size(), 1);
        // Its host's thread is named as the instance's thread in smollama's process.
        QCOMPARE(sinkLines(out(QStringLiteral("crashy"))).first().thread,
                 QStringLiteral("smollama:crashy"));
        m_bus->publish(Reading(QStringLiteral("system:n"), 1)); // its 2nd write() crashes
        QTRY_COMPARE_WITH_TIMEOUT(crashy->state(), PluginState::Restarting, 5000);
        QVERIFY2(crashy->reason().contains(QStringLiteral("crashed (SIGSEGV) during write()")),
                 qPrintable(crashy->reason()));
        QTRY_COMPARE_WITH_TIMEOUT(crashy->state(), PluginState::Loaded, 10000);
        m_bus->publish(Reading(QStringLiteral("system:n"), 2)); // the new host's 1st write()
        QTRY_COMPARE(sinkLines(out(QStringLiteral("crashy"))).size(), 2);
        QTRY_COMPARE(sinkLines(out(QStringLiteral("fast"))).size(), 3);
        QCOMPARE(m_plugins->instance(QStringLiteral("fast"))->state(), PluginState::Loaded);
    }

    void bridgedReadingsKeepTheirNodeAndSource()
    {
        start("    - {name: fleet, module: fixture_bridge, config: {interval_ms: 20, nodes: ["
              "{name: greenhouse, version: '1.4.0', readings: {'bme280:temperature': 24.5}},"
              "{name: garage, version: '1.3.2', readings: {'bme280:temperature': 12.0}}]}}\n"
              "    - {name: local, module: fixture_good, config: {publish_on_setup: true}}\n"
              "    - {name: fast, module: fixture_sink, config: {out_file: '" +
              out(QStringLiteral("fast")).toUtf8() + "'}}\n");
        QCOMPARE(m_plugins->instance(QStringLiteral("fleet"))->state(), PluginState::Loaded);
        BusLog log(m_bus.get());
        // A local reading published by a plugin after start gets the instance prefix and this
        // node's name.
        m_plugins->instance(QStringLiteral("local"))
            ->context()
            ->publish(Reading(QStringLiteral("pushed"), 2));
        QTRY_VERIFY(sinkLines(out(QStringLiteral("fast"))).size() >= 6);
        const QList<Reading> seen = log.snapshot();
        QSet<QString> nodes;
        for (const Reading &r : seen) {
            nodes.insert(r.node());
            if (r.node() == QLatin1String("pi-test")) {
                QCOMPARE(r.source(), QStringLiteral("local:pushed"));
            } else {
                QCOMPARE(r.source(), QStringLiteral("bme280:temperature"));
                QCOMPARE(r.value().toDouble(),
                         r.node() == QLatin1String("greenhouse") ? 24.5 : 12.0);
            }
        }
        QVERIFY(nodes.contains(QStringLiteral("greenhouse")));
        QVERIFY(nodes.contains(QStringLiteral("garage")));
        QVERIFY(nodes.contains(QStringLiteral("pi-test")));
        // The sink gets the remote readings too, with their node.
        QSet<QString> sinkNodes;
        for (const SinkLine &l : sinkLines(out(QStringLiteral("fast")))) {
            sinkNodes.insert(l.reading.value(QLatin1String("node")).toString());
        }
        QVERIFY(sinkNodes.contains(QStringLiteral("greenhouse")));
        QVERIFY(sinkNodes.contains(QStringLiteral("pi-test")));
    }

    void copiesOfRemoteReadingsAreTakenOnce()
    {
        start("    - {name: one, module: fixture_bridge, config: {interval_ms: 60000}}\n"
              "    - {name: two, module: fixture_bridge, config: {interval_ms: 60000}}\n");
        BusLog log(m_bus.get());
        const QDateTime taken = QDateTime::currentDateTimeUtc();
        Reading r(QStringLiteral("bme280:temperature"), 21.0, QStringLiteral("°C"), taken);
        r.setNode(QStringLiteral("shed"));
        PluginContext *one = m_plugins->instance(QStringLiteral("one"))->context();
        PluginContext *two = m_plugins->instance(QStringLiteral("two"))->context();
        one->publish(r); // taken in
        one->publish(r); // a QoS 1 redelivery
        two->publish(r); // the same reading through a second broker
        Reading later = r;
        later.setTimestamp(taken.addSecs(1));
        later.setValue(22.0);
        two->publish(later);
        Reading other = r;
        other.setNode(QStringLiteral("barn")); // same source and time, another node
        one->publish(other);
        const QList<Reading> seen = log.snapshot();
        QCOMPARE(seen.size(), 3);
        QCOMPARE(seen.at(0).value().toDouble(), 21.0);
        QCOMPARE(seen.at(1).value().toDouble(), 22.0);
        QCOMPARE(seen.at(2).node(), QStringLiteral("barn"));
        // Local readings are never taken for copies.
        PluginContext *local = one;
        Reading mine(QStringLiteral("x"), 1, QString(), taken);
        local->publish(mine);
        local->publish(mine);
        QCOMPARE(log.snapshot().size(), 5);
    }

    void stoppedSinkGetsNothingMore()
    {
        start("    - {name: fast, module: fixture_sink, config: {out_file: '" +
              out(QStringLiteral("fast")).toUtf8() + "'}}\n");
        m_bus->publish(Reading(QStringLiteral("system:n"), 1));
        QTRY_COMPARE(sinkLines(out(QStringLiteral("fast"))).size(), 1);
        m_plugins->shutdownPlugins();
        QVERIFY(m_sinks->sinks().isEmpty());
        m_bus->publish(Reading(QStringLiteral("system:n"), 2));
        QCoreApplication::processEvents();
        QCOMPARE(sinkLines(out(QStringLiteral("fast"))).size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_Sinks)
#include "tst_sinks.moc"
