// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 16: an instance with `isolation: process` runs in a smollama-plugin-host process of its
// own. Its readings and tools work as in-process ones; a crash, a hang or a leak ends only its
// host, which is restarted with a growing delay and given up after 3 crashes in 5 minutes; the
// node (this test process) and its other instances go on.
#include "config/config.h"
#include "pluginhost/hostedinstance.h"
#include "plugins/plugininstance.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "tools/toolregistry.h"
#include "util/i18n.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <memory>
#include <optional>
#include <unistd.h>

using namespace Smollama;

class tst_PluginHost : public QObject
{
    Q_OBJECT

    std::unique_ptr<PluginManager> m_plugins;
    std::unique_ptr<ReadingBus> m_bus;
    std::unique_ptr<ReadingManager> m_readings;
    QList<Reading> m_seen;

    void start(const QByteArray &instances)
    {
        const Config config =
            Config::fromYaml("plugins:\n  custom:\n" + instances, QStringLiteral("config.yaml"));
        QVERIFY(!config.hasErrors());
        m_plugins = std::make_unique<PluginManager>();
        m_plugins->setBuiltinPluginDir(QStringLiteral("/nonexistent"));
        m_plugins->setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/faulty"),
                                        QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")});
        m_plugins->setConfig(config);
        m_bus = std::make_unique<ReadingBus>();
        // Readings are published on the instances' and the hosts' threads: they reach m_seen
        // on this one (the QTRY loops deliver them), never while a check reads or clears it.
        connect(
            m_bus.get(), &ReadingBus::readingPublished, this,
            [this](const Reading &r) { m_seen.append(r); }, Qt::QueuedConnection);
        m_readings = std::make_unique<ReadingManager>(m_plugins.get(), m_bus.get());
        m_readings->applyConfig(config.section(QStringLiteral("readings")));
        m_plugins->prepare();
        m_plugins->initializePlugins();
        m_readings->start();
    }

    // Calls \a tool through a registry of the instances' tools and waits for its answer.
    ToolResult callTool(const QString &tool, const QJsonObject &arguments = QJsonObject())
    {
        ToolRegistry registry;
        if (!registry.registerPluginTools(m_plugins.get()).isEmpty()) {
            return ToolResult::error(QStringLiteral("the tools did not register"));
        }
        // Shared with the answer, which may come after a timeout.
        auto answer = std::make_shared<std::optional<ToolResult>>();
        registry.callAsync(tool, arguments, this, [answer](const ToolResult &r) { *answer = r; });
        if (!QTest::qWaitFor([&] { return answer->has_value(); }, 10000)) {
            return ToolResult::error(QStringLiteral("no answer within 10 s"));
        }
        return **answer;
    }

    PluginInstance *inst(const char *name) const
    {
        return m_plugins->instance(QString::fromLatin1(name));
    }

    int okReadingsOf(const QString &source) const
    {
        return int(std::count_if(m_seen.cbegin(), m_seen.cend(), [&](const Reading &r) {
            return r.source() == source && r.quality() == Reading::Quality::Ok;
        }));
    }

    QString lastErrorOf(const QString &source) const
    {
        for (auto it = m_seen.crbegin(); it != m_seen.crend(); ++it) {
            if (it->source() == source && it->quality() == Reading::Quality::Error) {
                return it->message();
            }
        }
        return QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        installTranslations(QStringLiteral("en")); // as the programs do: "1 crash so far"
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
        m_seen.clear();
    }

    void readsAndToolsGoThroughTheHost()
    {
        start("    - {name: f, module: fixture_faulty, isolation: process,\n"
              "       config: {tool_prefix: f, interval_s: 0.1}}\n");
        PluginInstance *f = inst("f");
        QCOMPARE(f->state(), PluginState::Loaded);
        QVERIFY(f->hosted());
        const qint64 pid = f->hosted()->hostPid();
        QVERIFY(pid > 0);
        QVERIFY(pid != qint64(::getpid()));
        QVERIFY(QFile::exists(QStringLiteral("/proc/%1").arg(pid)));
        QVERIFY(!f->sources().isEmpty());
        const QString source = QStringLiteral("f:") + f->sources().first().id;
        QTRY_VERIFY_WITH_TIMEOUT(okReadingsOf(source) >= 3, 10000);

        ToolResult result = callTool(QStringLiteral("f_echo"), QJsonObject{{"text", "hi"}});
        QVERIFY2(result.isOk(), qPrintable(result.message()));

        // A SIGTERM or SIGINT meant for the node (Ctrl+C in a terminal, a service manager or
        // `timeout` signalling the whole group) does not end the host: the node ends it.
        QVERIFY(::kill(pid_t(pid), SIGTERM) == 0);
        QVERIFY(::kill(pid_t(pid), SIGINT) == 0);
        result = callTool(QStringLiteral("f_echo"), QJsonObject{{"text", "still"}});
        QVERIFY2(result.isOk(), qPrintable(result.message()));
        QCOMPARE(f->hosted()->hostPid(), pid);
        QCOMPARE(f->state(), PluginState::Loaded);

        // A clean stop ends the host, and is no crash (the host exits once it answered).
        QTest::failOnWarning(QRegularExpression(QStringLiteral("during teardown")));
        m_readings->stop();
        m_plugins->shutdownPlugins();
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(QStringLiteral("/proc/%1").arg(pid)), 5000);
    }

    void crashInAReadRestartsTheHostThenGivesUp()
    {
        start("    - {name: f, module: fixture_faulty, isolation: process,\n"
              "       config: {crash_at_read: 3, interval_s: 0.1, setup_hang_ms: 400}}\n"
              "    - {name: g, module: fixture_good, config: {interval_s: 0.1}}\n");
        PluginInstance *f = inst("f");
        QTRY_COMPARE_WITH_TIMEOUT(f->state(), PluginState::Loaded, 5000);
        const qint64 firstPid = f->hosted()->hostPid();
        const QString source = QStringLiteral("f:") + f->sources().first().id;

        // The 3rd read crashes the host: its readings say so, the instance restarts.
        QTRY_COMPARE_WITH_TIMEOUT(f->state(), PluginState::Restarting, 10000);
        QVERIFY2(f->reason().contains(QStringLiteral("crashed (SIGSEGV) during read #3")),
                 qPrintable(f->reason()));
        QVERIFY2(f->reason().contains(QStringLiteral("1 crash so far")), qPrintable(f->reason()));
        QTRY_VERIFY_WITH_TIMEOUT(lastErrorOf(source).contains(QStringLiteral("SIGSEGV")), 5000);

        // Started again with a new process, it reads again (and crashes at its 3rd read again).
        QTRY_VERIFY_WITH_TIMEOUT(f->hosted()->hostPid() != 0 && f->hosted()->hostPid() != firstPid,
                                 10000);
        // After the third crash within 5 minutes it is failed for good.
        QTRY_COMPARE_WITH_TIMEOUT(f->state(), PluginState::Failed, 30000);
        QVERIFY2(f->reason().contains(QStringLiteral("3 crashes within 5 minutes")),
                 qPrintable(f->reason()));
        // Each host crashed at its own 3rd read: the reads tried while a host was started
        // again (its setup takes 0.4 s) reached no host and are not counted.
        QVERIFY2(f->reason().contains(QStringLiteral("crashed (SIGSEGV) during read #3")),
                 qPrintable(f->reason()));
        QCOMPARE(f->hosted()->crashCount(), 3);
        QCOMPARE(f->hosted()->hostPid(), 0);
        // Its readings keep saying why; the node and its other instance never blinked.
        m_seen.clear();
        QTRY_VERIFY_WITH_TIMEOUT(!lastErrorOf(source).isEmpty(), 10000);
        QVERIFY2(lastErrorOf(source).contains(QStringLiteral("not started again")),
                 qPrintable(lastErrorOf(source)));
        QCOMPARE(inst("g")->state(), PluginState::Loaded);
        const QString good = QStringLiteral("g:") + inst("g")->sources().first().id;
        QTRY_VERIFY_WITH_TIMEOUT(okReadingsOf(good) >= 2, 5000);

        // Asked to (POST /api/plugins/f/restart, `plugin enable f`), the host that gave up is
        // started again with its crash count cleared; only such a host is.
        QString why;
        QVERIFY(!m_plugins->restartHostedInstance(QStringLiteral("g"), &why));
        QVERIFY2(why.contains(QStringLiteral("no plugin host that gave up (it is loaded)")),
                 qPrintable(why));
        QVERIFY(!m_plugins->restartHostedInstance(QStringLiteral("nope"), &why));
        QVERIFY2(m_plugins->restartHostedInstance(QStringLiteral("f"), &why), qPrintable(why));
        QVERIFY(!m_plugins->restartHostedInstance(QStringLiteral("f"), &why)); // not failed now
        QTRY_VERIFY_WITH_TIMEOUT(f->hosted()->hostPid() != 0, 10000);
        QVERIFY(f->hosted()->crashCount() <= 1);
        m_seen.clear();
        QTRY_VERIFY_WITH_TIMEOUT(okReadingsOf(source) >= 1, 10000);
    }

    // Issue 16: a segfault at any point of a hosted plugin ends only its host; the node and its
    // other instance go on.
    void aCrashAnywhereEndsOnlyTheHost_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("trigger"); // "load", "tool", "stop" or nothing
        QTest::addColumn<QString>("said");
        QTest::newRow("loading the library") << QByteArray("{}") << "load"
                                             << "crashed (SIGSEGV) while loading the library";
        QTest::newRow("a tool call") << QByteArray("{tool_prefix: f}") << "tool"
                                     << "crashed (SIGSEGV) during a call of tool f_crash";
        QTest::newRow("a thread of its own") << QByteArray("{crash_in: own_thread}") << QString()
                                             << "crashed (SIGSEGV) between calls";
        QTest::newRow("teardown") << QByteArray("{crash_in: teardown}") << "stop"
                                  << "crashed (SIGSEGV) during teardown()";
    }

    void aCrashAnywhereEndsOnlyTheHost()
    {
        QFETCH(QByteArray, config);
        QFETCH(QString, trigger);
        QFETCH(QString, said);
        if (trigger == QLatin1String("load")) {
            qputenv("SMOLLAMA_FIXTURE_CRASH_ON_LOAD", "1"); // inherited by the host only
        }
        start("    - {name: f, module: fixture_faulty, config: " + config +
              "}\n"
              "    - {name: g, module: fixture_good, config: {interval_s: 0.1}}\n");
        qunsetenv("SMOLLAMA_FIXTURE_CRASH_ON_LOAD");
        PluginInstance *f = inst("f");
        if (trigger == QLatin1String("tool")) {
            const ToolResult result = callTool(QStringLiteral("f_crash"));
            QVERIFY(!result.isOk());
            QVERIFY2(result.message().contains(said), qPrintable(result.message()));
        }
        if (trigger == QLatin1String("stop")) {
            QCOMPARE(f->state(), PluginState::Loaded);
            QTest::ignoreMessage(QtWarningMsg,
                                 QRegularExpression(QStringLiteral("Plugin instance f: .*") +
                                                    QRegularExpression::escape(said)));
            m_readings->stop();
            m_plugins->shutdownPlugins(); // the node goes on: this test is still running
            return;
        }
        QTRY_VERIFY2_WITH_TIMEOUT(f->reason().contains(said), qPrintable(f->reason()), 10000);
        QVERIFY(f->state() == PluginState::Failed || f->state() == PluginState::Restarting);
        QCOMPARE(inst("g")->state(), PluginState::Loaded);
        const QString good = QStringLiteral("g:") + inst("g")->sources().first().id;
        const int before = okReadingsOf(good);
        QTRY_VERIFY_WITH_TIMEOUT(okReadingsOf(good) >= before + 2, 5000);
    }

    void crashInSetupFailsOnlyThatInstance()
    {
        start("    - {name: f, module: fixture_faulty, isolation: process,\n"
              "       config: {crash_in: setup}}\n"
              "    - {name: g, module: fixture_good, config: {interval_s: 0.1}}\n");
        PluginInstance *f = inst("f");
        QCOMPARE(f->state(), PluginState::Failed);
        QVERIFY2(f->reason().contains(QStringLiteral("crashed (SIGSEGV) during setup()")),
                 qPrintable(f->reason()));
        QCOMPARE(inst("g")->state(), PluginState::Loaded);
    }

    void hungReadKillsAndRestartsTheHost()
    {
        start("    - {name: f, module: fixture_faulty, isolation: process,\n"
              "       config: {first_read_hang_ms: 60000, read_timeout_s: 0.2, "
              "interval_s: 0.1}}\n");
        PluginInstance *f = inst("f");
        QCOMPARE(f->state(), PluginState::Loaded);
        const qint64 firstPid = f->hosted()->hostPid();
        QTRY_COMPARE_WITH_TIMEOUT(f->state(), PluginState::Restarting, 10000);
        QVERIFY2(f->reason().contains(QStringLiteral("read #1 did not finish within 0.6 s")),
                 qPrintable(f->reason()));
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(QStringLiteral("/proc/%1").arg(firstPid)), 5000);
    }

    void hostOverItsMemoryLimitIsRestarted()
    {
        start("    - {name: f, module: fixture_faulty, isolation: process, max_rss_mb: 64,\n"
              "       config: {leak_kib_per_read: 8192, interval_s: 0.1}}\n");
        PluginInstance *f = inst("f");
        QCOMPARE(f->state(), PluginState::Loaded);
        QTRY_COMPARE_WITH_TIMEOUT(f->state(), PluginState::Restarting, 20000);
        QVERIFY2(f->reason().contains(QStringLiteral("memory limit exceeded (")),
                 qPrintable(f->reason()));
        QVERIFY2(f->reason().contains(QStringLiteral("> 64 MiB")), qPrintable(f->reason()));
    }

    void missingHostProgramIsAClearMessage()
    {
        qputenv("SMOLLAMA_PLUGIN_HOST", "/nonexistent/smollama-plugin-host");
        // The other places exist in this build, so only the variable's target is tried first;
        // starting a program that is not there must not be attempted.
        QStringList looked;
        QVERIFY(!HostProcess::program(&looked).isEmpty());
        qunsetenv("SMOLLAMA_PLUGIN_HOST");
        QCOMPARE(HostProcess::describe(11 /* killed by SIGSEGV */),
                 QStringLiteral("crashed (SIGSEGV)"));
    }
};

QTEST_GUILESS_MAIN(tst_PluginHost)
#include "tst_pluginhost.moc"
