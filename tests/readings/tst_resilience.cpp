// SPDX-License-Identifier: GPL-3.0-or-later
// Setup retries, slowed-down polling of failing sensors, and the leak and flood fixtures: the
// node runs on, the other sources keep their cadence and their history.
#include "config/config.h"
#include "history/readinghistory.h"
#include "plugins/pluginmanager.h"
#include "readings/publishlimiter.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "runtime/noderuntime.h"
#include "tools/toolregistry.h"
#include "util/i18n.h"

#include <QDateTime>
#include <QFile>
#include <QMutex>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Smollama;

namespace {

QString fixtureDir(const QString &name)
{
    return QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/") + name;
}

// Every state an instance went through, in order, with its reason.
class StateLog : public QObject
{
public:
    StateLog(PluginManager *manager, const QString &instance)
    {
        connect(manager, &PluginManager::statusChanged, this,
                [this, instance](const PluginStatus &s) {
                    if (s.instance == instance) {
                        states.append(s.state);
                        reasons.append(s.reason);
                    }
                });
    }
    int count(PluginState state) const { return int(states.count(state)); }
    QList<PluginState> states;
    QStringList reasons;
};

// Counts the readings per source in the publishing thread.
class Counter : public QObject
{
public:
    explicit Counter(ReadingBus *bus)
    {
        connect(
            bus, &ReadingBus::readingPublished, this,
            [this](const Reading &r) {
                QMutexLocker locker(&m_mutex);
                ++m_counts[r.source()];
            },
            Qt::DirectConnection);
    }
    int count(const QString &source) const
    {
        QMutexLocker locker(&m_mutex);
        return m_counts.value(source);
    }

private:
    mutable QMutex m_mutex;
    QHash<QString, int> m_counts;
};

} // namespace

class tst_Resilience : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_log;
    std::unique_ptr<PluginManager> m_plugins;
    std::unique_ptr<ReadingBus> m_bus;
    std::unique_ptr<ReadingManager> m_readings;
    std::unique_ptr<ReadingHistory> m_history;

    Config config(const QByteArray &customInstances, const QByteArray &extra = QByteArray())
    {
        const Config c = Config::fromYaml(extra + "plugins:\n  custom:\n" + customInstances,
                                          m_tmp.filePath(QStringLiteral("config.yaml")));
        [&] { QVERIFY2(!c.hasErrors(), qPrintable(c.diagnostics().value(0).toString())); }();
        return c;
    }

    // A manager and a reading manager; retries after 20 ms, 40 ms, ... up to 80 ms.
    void prepare(const QByteArray &customInstances, const QByteArray &extra = QByteArray())
    {
        m_plugins = std::make_unique<PluginManager>();
        m_plugins->setBuiltinPluginDir(m_tmp.filePath(QStringLiteral("none")));
        m_plugins->setExtraPluginPaths(
            {fixtureDir(QStringLiteral("good")), fixtureDir(QStringLiteral("flaky")),
             fixtureDir(QStringLiteral("leak")), fixtureDir(QStringLiteral("flood"))});
        m_plugins->setConfig(config(customInstances, extra));
        m_plugins->setRetryDelays(20, 80);
        m_bus = std::make_unique<ReadingBus>();
        m_history = std::make_unique<ReadingHistory>();
        connect(
            m_bus.get(), &ReadingBus::readingPublished, this,
            [history = m_history.get()](const Reading &r) { history->add(r); },
            Qt::DirectConnection);
        m_readings = std::make_unique<ReadingManager>(m_plugins.get(), m_bus.get());
        m_readings->applyConfig(m_plugins->config().section(QStringLiteral("readings")));
        m_plugins->prepare();
    }

    void start()
    {
        m_plugins->initializePlugins();
        m_readings->start();
    }

    int setupCalls(const QString &instance) const
    {
        QFile file(m_log);
        int n = 0;
        if (file.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : file.readAll().split('\n')) {
                if (line.startsWith("setup " + instance.toUtf8() + ' ')) {
                    ++n;
                }
            }
        }
        return n;
    }

    int lifecycleLines(const QByteArray &prefix) const
    {
        QFile file(m_log);
        int n = 0;
        if (file.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : file.readAll().split('\n')) {
                if (line.startsWith(prefix)) {
                    ++n;
                }
            }
        }
        return n;
    }

    PluginState stateOf(const QString &instance) const
    {
        return m_plugins->instance(instance)->state();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_log = m_tmp.filePath(QStringLiteral("lifecycle.log"));
        qputenv("SMOLLAMA_FIXTURE_LOG", m_log.toLocal8Bit());
        // As the executables do: English texts with their plural forms ("1 failed attempt").
        Smollama::installTranslations(QStringLiteral("en"));
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
        m_history.reset();
        QFile::remove(m_log);
    }

    void retryingIsAStatus()
    {
        QCOMPARE(PluginStatus::stateName(PluginState::Retrying), QStringLiteral("retrying"));
        QVERIFY(PluginStatus::isProblem(PluginState::Retrying));
    }

    void notReadySetupIsRetriedUntilItWorks()
    {
        prepare("    - {name: warm, module: fixture_flaky, config: {setup_failures: 3, "
                "interval_s: 0.05}}\n");
        StateLog states(m_plugins.get(), QStringLiteral("warm"));
        QSignalSpy ready(m_plugins.get(), &PluginManager::instanceReady);
        Counter counter(m_bus.get());
        start();
        QCOMPARE(stateOf(QStringLiteral("warm")), PluginState::Retrying);
        const QString reason = m_plugins->instance(QStringLiteral("warm"))->reason();
        QVERIFY2(reason.startsWith(QLatin1String("not ready: the sensor is still warming up; 1 "
                                                 "failed attempt, next attempt at ")),
                 qPrintable(reason));
        QVERIFY2(reason.endsWith(QLatin1String("(in 0.02 s)")), qPrintable(reason));

        QTRY_COMPARE(ready.count(), 1);
        QCOMPARE(ready.at(0).at(0).toString(), QStringLiteral("warm"));
        QCOMPARE(stateOf(QStringLiteral("warm")), PluginState::Loaded);
        QCOMPARE(setupCalls(QStringLiteral("warm")), 4);
        QCOMPARE(states.count(PluginState::Retrying), 3);
        QVERIFY(
            m_plugins->runningInstances().contains(m_plugins->instance(QStringLiteral("warm"))));
        // Polled from then on, though it was not running when the reading manager started.
        QTRY_VERIFY(counter.count(QStringLiteral("warm:value")) >= 3);
    }

    void retryDelaysDoubleUpToTheCap()
    {
        prepare("    - {name: late, module: fixture_flaky, config: {setup_failures: 6}}\n");
        StateLog states(m_plugins.get(), QStringLiteral("late"));
        start();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(QStringLiteral("late")), PluginState::Loaded, 5000);
        QStringList delays;
        static const QRegularExpression in(QStringLiteral("\\(in ([0-9.]+) s\\)$"));
        for (const QString &r : std::as_const(states.reasons)) {
            const QRegularExpressionMatch m = in.match(r);
            if (m.hasMatch()) {
                delays.append(m.captured(1));
            }
        }
        QCOMPARE(delays, QStringList({QStringLiteral("0.02"), QStringLiteral("0.04"),
                                      QStringLiteral("0.08"), QStringLiteral("0.08"),
                                      QStringLiteral("0.08"), QStringLiteral("0.08")}));
        QVERIFY2(
            states.reasons.at(5).contains(QLatin1String("; 6 failed attempts, next attempt at ")),
            qPrintable(states.reasons.at(5)));
    }

    void instanceMaxDelayOverridesTheDefault()
    {
        prepare("    - {name: capped, module: fixture_flaky, retry_max_delay_s: 0.03, "
                "config: {setup_failures: 4}}\n");
        StateLog states(m_plugins.get(), QStringLiteral("capped"));
        start();
        QTRY_COMPARE(stateOf(QStringLiteral("capped")), PluginState::Loaded);
        QVERIFY2(states.reasons.at(3).endsWith(QLatin1String("(in 0.03 s)")),
                 qPrintable(states.reasons.at(3)));
    }

    void errorsAreRetriedOnlyWhenConfigured_data()
    {
        QTest::addColumn<QByteArray>("failure");
        QTest::addColumn<bool>("retry");
        QTest::addColumn<QString>("reason");
        QTest::newRow("error") << QByteArray("error") << false
                               << QStringLiteral("device 0x76 did not answer");
        QTest::newRow("error, retry")
            << QByteArray("error") << true << QStringLiteral("device 0x76 did not answer");
        QTest::newRow("throw") << QByteArray("throw") << false
                               << QStringLiteral("setup() threw an exception: the sensor's bus is "
                                                 "not up yet");
        QTest::newRow("throw, retry") << QByteArray("throw") << true
                                      << QStringLiteral("setup() threw an exception: the "
                                                        "sensor's bus is not up yet");
    }

    void errorsAreRetriedOnlyWhenConfigured()
    {
        QFETCH(QByteArray, failure);
        QFETCH(bool, retry);
        QFETCH(QString, reason);
        prepare("    - {name: dev, module: fixture_flaky" +
                QByteArray(retry ? ", on_setup_error: retry" : "") +
                ", config: {setup_failures: 2, setup_failure: " + failure + "}}\n");
        StateLog states(m_plugins.get(), QStringLiteral("dev"));
        start();
        if (!retry) {
            QCOMPARE(stateOf(QStringLiteral("dev")), PluginState::Failed);
            QCOMPARE(m_plugins->instance(QStringLiteral("dev"))->reason(), reason);
            QTest::qWait(150);
            QCOMPARE(setupCalls(QStringLiteral("dev")), 1);
            QCOMPARE(states.count(PluginState::Retrying), 0);
            return;
        }
        QCOMPARE(stateOf(QStringLiteral("dev")), PluginState::Retrying);
        QVERIFY2(m_plugins->instance(QStringLiteral("dev"))->reason().startsWith(reason + "; "),
                 qPrintable(m_plugins->instance(QStringLiteral("dev"))->reason()));
        QTRY_COMPARE(stateOf(QStringLiteral("dev")), PluginState::Loaded);
        QCOMPARE(setupCalls(QStringLiteral("dev")), 3);
    }

    void retriesStopAtShutdown()
    {
        prepare("    - {name: never, module: fixture_flaky, config: {setup_failures: 100000}}\n");
        start();
        QTRY_VERIFY(setupCalls(QStringLiteral("never")) >= 3);
        m_plugins->shutdownPlugins();
        const int calls = setupCalls(QStringLiteral("never"));
        QTest::qWait(300);
        QCOMPARE(setupCalls(QStringLiteral("never")), calls);
    }

    void aSlowRetryDoesNotBlockTheEventLoop()
    {
        // The retry's setup() takes 1.5 s; a 50 ms timer on this thread (the window's, the
        // API's) keeps firing meanwhile.
        prepare("    - {name: slow, module: fixture_flaky, config: {setup_failures: 1, "
                "retry_setup_delay_ms: 1500}}\n");
        QSignalSpy ready(m_plugins.get(), &PluginManager::instanceReady);
        start();
        QCOMPARE(stateOf(QStringLiteral("slow")), PluginState::Retrying);
        int ticksDuringRetry = 0;
        QTimer ticker;
        ticker.setInterval(50);
        connect(&ticker, &QTimer::timeout, this, [&] {
            if (setupCalls(QStringLiteral("slow")) == 2 &&
                stateOf(QStringLiteral("slow")) == PluginState::Retrying) {
                ++ticksDuringRetry;
            }
        });
        ticker.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
        QCOMPARE(stateOf(QStringLiteral("slow")), PluginState::Loaded);
        QVERIFY2(ticksDuringRetry >= 5, qPrintable(QString::number(ticksDuringRetry)));
        QVERIFY(
            m_plugins->runningInstances().contains(m_plugins->instance(QStringLiteral("slow"))));
        QCOMPARE(m_plugins->instance(QStringLiteral("slow"))->sources().size(), 1);
        QVERIFY(!m_plugins->hasAbandonedInstances());
    }

    void aHungRetryIsGivenUpAndItsLateAnswerIgnored()
    {
        prepare("    - {name: hung, module: fixture_flaky, config: {setup_failures: 1, "
                "retry_setup_delay_ms: 1500}}\n");
        m_plugins->setTimeouts(300, 5000);
        QSignalSpy ready(m_plugins.get(), &PluginManager::instanceReady);
        StateLog states(m_plugins.get(), QStringLiteral("hung"));
        start();
        QTRY_COMPARE(stateOf(QStringLiteral("hung")), PluginState::Failed);
        QCOMPARE(m_plugins->instance(QStringLiteral("hung"))->reason(),
                 QStringLiteral("setup() did not finish within 0.3 s; the instance was given up"));
        QVERIFY(m_plugins->hasAbandonedInstances());
        QVERIFY(m_plugins->instance(QStringLiteral("hung"))->isAbandoned());
        QCOMPARE(setupCalls(QStringLiteral("hung")), 2);
        // The setup() that works after all undoes itself; the host does not take it back.
        QTRY_VERIFY_WITH_TIMEOUT(lifecycleLines("teardown hung ") == 1, 10000);
        QTest::qWait(100);
        QCOMPARE(stateOf(QStringLiteral("hung")), PluginState::Failed);
        QCOMPARE(states.states.last(), PluginState::Failed);
        QCOMPARE(ready.count(), 0);
        QVERIFY(m_plugins->runningInstances().isEmpty());
    }

    void shutdownWaitsForARetryInFlight()
    {
        prepare("    - {name: busy, module: fixture_flaky, config: {setup_failures: 1, "
                "retry_setup_delay_ms: 700}}\n");
        QSignalSpy ready(m_plugins.get(), &PluginManager::instanceReady);
        start();
        QTRY_COMPARE(setupCalls(QStringLiteral("busy")), 2);
        QCOMPARE(stateOf(QStringLiteral("busy")), PluginState::Retrying);
        // Its setup() returns within the teardown share: it works, and is torn down.
        m_plugins->shutdownPlugins();
        QCOMPARE(lifecycleLines("teardown busy "), 1);
        QVERIFY(!m_plugins->hasAbandonedInstances());
        QVERIFY(m_plugins->runningInstances().isEmpty());
        QTest::qWait(100);
        QCOMPARE(ready.count(), 0);
        QCOMPARE(setupCalls(QStringLiteral("busy")), 2);
    }

    void shutdownLeavesAHungRetryBehind()
    {
        prepare("    - {name: stuck, module: fixture_flaky, config: {setup_failures: 1, "
                "retry_setup_delay_ms: 1500}}\n");
        m_plugins->setTimeouts(30000, 500);
        start();
        QTRY_COMPARE(setupCalls(QStringLiteral("stuck")), 2);
        m_plugins->shutdownPlugins();
        QVERIFY(m_plugins->hasAbandonedInstances());
        QVERIFY(m_plugins->instance(QStringLiteral("stuck"))->isAbandoned());
        // When its setup() does return, it undoes itself, exactly once.
        QTRY_VERIFY_WITH_TIMEOUT(lifecycleLines("teardown stuck ") == 1, 10000);
        QTest::qWait(100);
        QCOMPARE(lifecycleLines("teardown stuck "), 1);
        m_plugins->shutdownPlugins(); // again: nothing left to do
    }

    void failingReadsSlowPollingDownAndRecover()
    {
        // 20 ms interval; reads 1-12 fail: 2x after 5 failures, 4x after 10, then back.
        prepare("    - {name: shaky, module: fixture_flaky, config: {read_failures: 12, "
                "interval_s: 0.02}}\n");
        StateLog states(m_plugins.get(), QStringLiteral("shaky"));
        start();
        QTRY_VERIFY(states.states.contains(PluginState::Degraded));
        const int first = int(states.states.indexOf(PluginState::Degraded));
        QCOMPARE(states.reasons.at(first),
                 QStringLiteral("read() threw an exception: i2c bus error"));
        QTRY_VERIFY(states.reasons.contains(
            QStringLiteral("5 reads failed in a row: read() threw an exception: i2c bus error; "
                           "polling every 0.04 s (normally 0.02 s) until a read succeeds")));
        QTRY_VERIFY(states.reasons.contains(
            QStringLiteral("10 reads failed in a row: read() threw an exception: i2c bus error; "
                           "polling every 0.08 s (normally 0.02 s) until a read succeeds")));
        QTRY_COMPARE(stateOf(QStringLiteral("shaky")), PluginState::Loaded);
        QCOMPARE(m_readings->currentInterval(QStringLiteral("shaky")), 20);
        QCOMPARE(m_plugins->instance(QStringLiteral("shaky"))->reason(), QString());
    }

    void slowDownIsCapped()
    {
        prepare("    - {name: dead, module: fixture_flaky, config: {read_failures: 1000000, "
                "interval_s: 0.005}}\n");
        start();
        // 8 x 5 ms after 15 failures; it never goes slower.
        QTRY_COMPARE_WITH_TIMEOUT(m_readings->currentInterval(QStringLiteral("dead")), 40, 5000);
        QTest::qWait(700);
        QCOMPARE(m_readings->currentInterval(QStringLiteral("dead")), 40);
        QCOMPARE(stateOf(QStringLiteral("dead")), PluginState::Degraded);
    }

    void aLeakingPluginDoesNotStopTheOthers()
    {
        prepare("    - {name: leaky, module: fixture_leak, config: {interval_s: 0.01, "
                "leak_kib: 256}}\n"
                "    - {name: steady, module: fixture_good, config: {interval_s: 0.05}}\n");
        ReadingHistory &history = *m_history;
        const qint64 from = QDateTime::currentMSecsSinceEpoch();
        start();
        QTRY_VERIFY_WITH_TIMEOUT(
            history.summary(QStringLiteral("steady:value"), from, from + 3600000).count >= 10,
            10000);
        QTRY_VERIFY(history.summary(QStringLiteral("leaky:value"), from, from + 3600000).count >=
                    10);
        QCOMPARE(stateOf(QStringLiteral("leaky")), PluginState::Loaded);
        QCOMPARE(stateOf(QStringLiteral("steady")), PluginState::Loaded);
    }

    void aFloodIsLimitedAndTheOthersKeepTheirCadence()
    {
        // 10,000 readings/s pushed from the plugin's own thread; 100 may go through a second.
        prepare("    - {name: flood, module: fixture_flood, config: {interval_s: 1}}\n"
                "    - {name: steady, module: fixture_good, config: {interval_s: 0.05}}\n",
                "readings: {max_readings_per_s: 100}\n");
        ReadingHistory &history = *m_history;
        Counter counter(m_bus.get());
        // A subscriber on this thread, as the dashboard: everything that passes arrives queued.
        int delivered = 0;
        QObject receiver;
        m_bus->subscribe(&receiver, [&delivered](const QList<Reading> &batch) {
            delivered += int(batch.size());
        });
        const qint64 from = QDateTime::currentMSecsSinceEpoch();
        start();
        QTRY_VERIFY_WITH_TIMEOUT(counter.count(QStringLiteral("steady:value")) >= 20, 10000);
        const double seconds = (QDateTime::currentMSecsSinceEpoch() - from) / 1000.0;
        const int flood = counter.count(QStringLiteral("flood:flood"));
        // The burst (100) plus 100 a second; without the limit it would be ~10,000 a second.
        QVERIFY2(flood <= 100 + int(100 * (seconds + 0.5)),
                 qPrintable(QStringLiteral("%1 in %2 s").arg(flood).arg(seconds)));
        QVERIFY2(flood >= 100, qPrintable(QString::number(flood)));
        QTRY_VERIFY(delivered > 0);
        QVERIFY(history.summary(QStringLiteral("steady:value"), from, from + 3600000).count >= 20);
        QVERIFY(m_plugins->instance(QStringLiteral("flood"))->limiter()->droppedTotal() > 1000);
        QCOMPARE(stateOf(QStringLiteral("steady")), PluginState::Loaded);
    }

    void theNodeRegistersToolsOfALateInstance()
    {
        // The whole node: a tool plugin that is not ready twice gets its tools once it is.
        QFile::remove(m_tmp.filePath(QStringLiteral("readings.db")));
        const Config c = config("    - {name: helper, module: fixture_tools, "
                                "retry_max_delay_s: 0.2, config: {setup_failures: 1}}\n"
                                "    - {name: steady, module: fixture_good, config: "
                                "{interval_s: 0.05}}\n",
                                "ollama: {url: 'http://127.0.0.1:9'}\n"
                                "history: {persist: false}\n"
                                "http: {enabled: false}\n");
        NodeRuntime node(c);
        node.setBuiltinPluginDir(m_tmp.filePath(QStringLiteral("none")));
        node.setExtraPluginPaths(
            {fixtureDir(QStringLiteral("tools")), fixtureDir(QStringLiteral("good"))});
        node.start();
        QVERIFY(node.tools());
        // The start does not wait for setup(): its answer comes in a moment.
        QTRY_COMPARE_WITH_TIMEOUT(node.plugins()->instance(QStringLiteral("helper"))->state(),
                                  PluginState::Retrying, 5000);
        QVERIFY(!node.tools()->contains(QStringLiteral("fixture_echo")));
        // The first retry comes after 1 s (the default first delay).
        QTRY_COMPARE_WITH_TIMEOUT(node.plugins()->instance(QStringLiteral("helper"))->state(),
                                  PluginState::Loaded, 5000);
        QVERIFY2(node.tools()->contains(QStringLiteral("fixture_echo")),
                 qPrintable(node.tools()->names().join(QLatin1String(", "))));
        node.stop();
    }
};

QTEST_GUILESS_MAIN(tst_Resilience)
#include "tst_resilience.moc"
