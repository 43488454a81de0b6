// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/config.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Smollama;

namespace {

// Counts readings per source, in the publishing thread.
class Recorder : public QObject
{
public:
    explicit Recorder(ReadingBus *bus)
    {
        connect(
            bus, &ReadingBus::readingPublished, this,
            [this](const Reading &r) {
                QMutexLocker locker(&m_mutex);
                m_all.append(r);
            },
            Qt::DirectConnection);
    }
    QList<Reading> of(const QString &source) const
    {
        QMutexLocker locker(&m_mutex);
        QList<Reading> out;
        for (const Reading &r : m_all) {
            if (r.source() == source) {
                out.append(r);
            }
        }
        return out;
    }
    int count(const QString &source) const { return int(of(source).size()); }

private:
    mutable QMutex m_mutex;
    QList<Reading> m_all;
};

} // namespace

class tst_ReadingManager : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_log;
    std::unique_ptr<PluginManager> m_plugins;
    std::unique_ptr<ReadingBus> m_bus;
    std::unique_ptr<ReadingManager> m_readings;

    // The instances in smollama's process: what the reading manager does with reads that hang
    // or throw there (in a plugin host: tst_pluginhost).
    void startWith(QByteArray customInstances, bool periodic = true)
    {
        customInstances.replace("module: fixture_good",
                                "module: fixture_good, isolation: inprocess");
        const Config config = Config::fromYaml("plugins:\n  custom:\n" + customInstances,
                                               m_tmp.filePath(QStringLiteral("config.yaml")));
        QVERIFY2(!config.hasErrors(), qPrintable(config.diagnostics().value(0).toString()));
        m_plugins = std::make_unique<PluginManager>();
        m_plugins->setBuiltinPluginDir(m_tmp.filePath(QStringLiteral("none")));
        m_plugins->setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")});
        m_plugins->setConfig(config);
        m_bus = std::make_unique<ReadingBus>();
        m_readings = std::make_unique<ReadingManager>(m_plugins.get(), m_bus.get());
        m_plugins->prepare();
        m_plugins->initializePlugins();
        m_readings->start(periodic);
    }

    QStringList logLines(const QString &event) const
    {
        QFile file(m_log);
        QStringList out;
        if (file.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : file.readAll().split('\n')) {
                if (line.startsWith(event.toUtf8() + ' ')) {
                    out.append(QString::fromUtf8(line));
                }
            }
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_log = m_tmp.filePath(QStringLiteral("lifecycle.log"));
        qputenv("SMOLLAMA_FIXTURE_LOG", m_log.toLocal8Bit());
    }

    void cleanup()
    {
        if (m_readings) {
            m_readings->stop();
        }
        if (m_plugins) {
            m_plugins->shutdownPlugins();
        }
        m_readings.reset();
        m_plugins.reset();
        m_bus.reset();
        QFile::remove(m_log);
    }

    void setupReadTeardownRunOnTheInstanceThread()
    {
        startWith("    - {name: probe, module: fixture_good, config: {interval_s: 0.05}}\n");
        QTRY_VERIFY(logLines(QStringLiteral("read")).size() >= 2);
        m_readings->stop();
        m_plugins->shutdownPlugins();
        const QString mainThread =
            QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()));
        const auto threadOf = [](const QString &line) {
            return line.section(QLatin1Char(' '), 2, 2);
        };
        const QStringList setups = logLines(QStringLiteral("setup"));
        const QStringList reads = logLines(QStringLiteral("read"));
        const QStringList teardowns = logLines(QStringLiteral("teardown"));
        QCOMPARE(setups.size(), 1);
        QCOMPARE(teardowns.size(), 1);
        const QString worker = threadOf(setups.first());
        QVERIFY(worker != mainThread);
        for (const QString &read : reads) {
            QCOMPARE(threadOf(read), worker);
        }
        QCOMPARE(threadOf(teardowns.first()), worker);
    }

    void readingsArePublishedWithQualifiedSources()
    {
        startWith(
            "    - {name: probe, module: fixture_good, config: {value: 21.5, sources: [a, b]}}\n");
        Recorder recorder(m_bus.get());
        QTRY_COMPARE(m_readings->latest().size(), 2);
        const Reading a = m_readings->latest(QStringLiteral("probe:a"));
        QCOMPARE(a.value().toDouble(), 21.5);
        QCOMPARE(a.unit(), QStringLiteral("°C"));
        QCOMPARE(a.quality(), Reading::Quality::Ok);
        QVERIFY(qAbs(a.timestamp().msecsTo(QDateTime::currentDateTimeUtc())) < 60000);
        QCOMPARE(a.timestamp().timeSpec(), Qt::UTC);
        const QList<SourceDescription> sources = m_readings->sources();
        QCOMPARE(sources.size(), 2);
        QCOMPARE(sources.first().source, QStringLiteral("probe:a"));
        QCOMPARE(sources.first().instance, QStringLiteral("probe"));
    }

    void overrunningReadYieldsTimeoutErrorAndDegraded()
    {
        // The first read hangs 1.5 s against a 0.2 s timeout; later reads are quick.
        startWith(
            "    - {name: slow, module: fixture_good, config: {hang_ms: 1500, hang_once: true, "
            "read_timeout_s: 0.2, interval_s: 0.1}}\n"
            "    - {name: quick, module: fixture_good, config: {interval_s: 0.1}}\n");
        Recorder recorder(m_bus.get());
        QSignalSpy status(m_plugins.get(), &PluginManager::statusChanged);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.count(QStringLiteral("slow:value")), 1, 3000);
        const Reading timedOut = recorder.of(QStringLiteral("slow:value")).first();
        QCOMPARE(timedOut.quality(), Reading::Quality::Error);
        QCOMPARE(timedOut.message(), QStringLiteral("timed out after 0.2 s"));
        QVERIFY(!timedOut.value().isValid());
        QCOMPARE(m_plugins->instance(QStringLiteral("slow"))->state(), PluginState::Degraded);
        QCOMPARE(m_plugins->instance(QStringLiteral("slow"))->reason(),
                 QStringLiteral("read() timed out after 0.2 s"));
        // The other instance keeps its cadence while this one hangs.
        QTRY_VERIFY(recorder.count(QStringLiteral("quick:value")) >= 5);
        QVERIFY(recorder.count(QStringLiteral("slow:value")) == 1); // still hung: no pile-up
        // When the read returns, its value arrives and the instance recovers by itself.
        QTRY_VERIFY_WITH_TIMEOUT(recorder.count(QStringLiteral("slow:value")) >= 2, 5000);
        QCOMPARE(recorder.of(QStringLiteral("slow:value")).at(1).quality(), Reading::Quality::Ok);
        QTRY_COMPARE(m_plugins->instance(QStringLiteral("slow"))->state(), PluginState::Loaded);
        QVERIFY(status.size() >= 2);
        // Reads did not queue up behind the hung one: they went on one at a time.
        QVERIFY(logLines(QStringLiteral("read")).size() < 40);
    }

    void aReadThatNeverReturnsMarksTheInstanceStuck()
    {
        // 0.2 s timeout: degraded at 0.2 s, stuck at 1 s; the read returns at 2.5 s.
        startWith("    - {name: hung, module: fixture_good, config: {hang_ms: 2500, hang_once: "
                  "true, read_timeout_s: 0.2, interval_s: 0.1}}\n");
        QTRY_COMPARE_WITH_TIMEOUT(m_plugins->instance(QStringLiteral("hung"))->state(),
                                  PluginState::Stuck, 3000);
        QVERIFY2(m_plugins->instance(QStringLiteral("hung"))
                     ->reason()
                     .contains(QLatin1String("read() has not returned for 1 s")),
                 qPrintable(m_plugins->instance(QStringLiteral("hung"))->reason()));
        QCOMPARE(PluginStatus::stateName(PluginState::Stuck), QStringLiteral("stuck"));
        QTRY_COMPARE_WITH_TIMEOUT(m_plugins->instance(QStringLiteral("hung"))->state(),
                                  PluginState::Loaded, 5000);
    }

    void throwingReadYieldsErrorReadings()
    {
        startWith("    - {name: broken, module: fixture_good, config: {throw_in_read: true, "
                  "sources: [x, y]}}\n");
        Recorder recorder(m_bus.get());
        QTRY_COMPARE(recorder.count(QStringLiteral("broken:y")), 1);
        const Reading r = recorder.of(QStringLiteral("broken:x")).value(0);
        QCOMPARE(r.quality(), Reading::Quality::Error);
        QCOMPARE(r.message(), QStringLiteral("read() threw an exception: i2c bus error"));
        QCOMPARE(r.unit(), QStringLiteral("°C"));
        QTRY_COMPARE(m_plugins->instance(QStringLiteral("broken"))->state(), PluginState::Degraded);
    }

    void oldReadingsAreReportedStale()
    {
        startWith("    - {name: probe, module: fixture_good, config: {interval_s: 0.05}}\n");
        QTRY_COMPARE(m_readings->latest(QStringLiteral("probe:value")).quality(),
                     Reading::Quality::Ok);
        m_readings->stop(); // the sensor goes quiet
        QTRY_COMPARE_WITH_TIMEOUT(m_readings->latest(QStringLiteral("probe:value")).quality(),
                                  Reading::Quality::Stale, 3000);
        const Reading stale = m_readings->latest(QStringLiteral("probe:value"));
        QVERIFY2(stale.message().contains(QLatin1String("expected every 0.05 s")),
                 qPrintable(stale.message()));
        QCOMPARE(stale.value().toDouble(), 42.0); // the last value is kept, only marked
    }

    void aFloodDoesNotStarveOthers()
    {
        startWith("    - {name: flooder, module: fixture_good, config: {flood: 20000, interval_s: "
                  "0.01}}\n"
                  "    - {name: steady, module: fixture_good, config: {interval_s: 0.05}}\n");
        // A subscriber on the main thread, as the dashboard is: everything arrives queued.
        std::atomic<int> flood{0};
        int steady = 0;
        QObject receiver;
        connect(m_bus.get(), &ReadingBus::readingPublished, &receiver, [&](const Reading &r) {
            if (r.source() == QLatin1String("steady:value")) {
                ++steady;
            } else if (r.source() == QLatin1String("flooder:flood")) {
                ++flood;
            }
        });
        QElapsedTimer elapsed;
        elapsed.start();
        QTRY_VERIFY_WITH_TIMEOUT(steady >= 10, 10000);
        // The first read's 20,000 are cut to the burst of readings.max_readings_per_s (200),
        // then 200 a second pass; delivered queued, so they may still be on their way.
        QTRY_VERIFY_WITH_TIMEOUT(flood >= 200, 10000);
        const qint64 bound = 200 + 200 * (elapsed.elapsed() + 1000) / 1000;
        QVERIFY2(flood <= bound,
                 qPrintable(QStringLiteral("%1 (at most %2)").arg(flood).arg(bound)));
    }

    void singleReadModeReportsEachInstanceOnce()
    {
        startWith("    - {name: one, module: fixture_good}\n"
                  "    - {name: two, module: fixture_good, config: {throw_in_read: true}}\n",
                  false);
        QSignalSpy done(m_readings.get(), &ReadingManager::readCompleted);
        QTRY_COMPARE(m_readings->pendingFirstReads(), 0);
        QCOMPARE(m_readings->latest().size(), 2);
        QTest::qWait(200);
        QCOMPARE(logLines(QStringLiteral("read")).size(), 2); // no periodic polling
    }
};

QTEST_GUILESS_MAIN(tst_ReadingManager)
#include "tst_readingmanager.moc"
