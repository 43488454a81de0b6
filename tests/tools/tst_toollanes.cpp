// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 16: a plugin's tool call that hangs occupies only that plugin's lane. Other plugins'
// tools and the core tools answer meanwhile, the plugin's status says a call hangs, and its
// other calls are refused at once instead of queuing behind it.
#include "config/config.h"
#include "plugins/plugininstance.h"
#include "plugins/pluginmanager.h"
#include "tools/toolregistry.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Smollama;

class tst_ToolLanes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hungCallBlocksOnlyItsOwnLane()
    {
        const Config config = Config::fromYaml(
            "plugins:\n"
            "  custom:\n"
            "    - {name: f, module: fixture_faulty, config: {tool_prefix: f, interval_s: 60}}\n"
            "    - {name: g, module: fixture_faulty, config: {tool_prefix: g, interval_s: 60}}\n",
            QStringLiteral("config.yaml"));
        PluginManager manager;
        manager.setConfig(config);
        manager.setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/faulty")});
        manager.prepare();
        manager.initializePlugins();
        QCOMPARE(manager.instance(QStringLiteral("f"))->state(), PluginState::Loaded);
        QCOMPARE(manager.instance(QStringLiteral("g"))->state(), PluginState::Loaded);

        ToolRegistry registry;
        registry.setTimeout(1000);
        ToolRegistry::ToolSpec core;
        core.name = QStringLiteral("core_echo");
        core.description = QStringLiteral("A core tool.");
        core.handler = [](const QJsonObject &) { return ToolResult::ok(QStringLiteral("core")); };
        QCOMPARE(registry.registerTool(core), QString());
        QCOMPARE(registry.registerPluginTools(&manager), QStringList());

        // Who answered, in order, and what.
        QStringList order;
        QHash<QString, ToolResult> results;
        const auto call = [&](const QString &tool, const QString &tag, int ms = 0) {
            QJsonObject args;
            if (ms) {
                args.insert(QStringLiteral("ms"), ms);
            }
            registry.callAsync(tool, args, this, [&order, &results, tag](const ToolResult &r) {
                order.append(tag);
                results.insert(tag, r);
            });
        };
        // More hung calls than the old shared pool had threads.
        for (int i = 0; i < 5; ++i) {
            call(QStringLiteral("f_hang"), QStringLiteral("hang%1").arg(i), 4000);
        }
        call(QStringLiteral("core_echo"), QStringLiteral("core"));
        call(QStringLiteral("g_echo"), QStringLiteral("g"));
        QTRY_VERIFY_WITH_TIMEOUT(
            order.contains(QStringLiteral("core")) && order.contains(QStringLiteral("g")), 10000);
        // Both answered while the first hung call was still waiting for its timeout.
        QVERIFY2(!order.contains(QStringLiteral("hang0")), qPrintable(order.join(u',')));
        QVERIFY2(results.value(QStringLiteral("core"), ToolResult::error({})).isOk(),
                 "the core lane is free");
        QVERIFY2(results.value(QStringLiteral("g"), ToolResult::error({})).isOk(),
                 "another plugin's lane is free");

        // The hung call times out; the instance says so; its calls behind it are refused.
        QTRY_VERIFY_WITH_TIMEOUT(order.contains(QStringLiteral("hang0")), 10000);
        QVERIFY(results.value(QStringLiteral("hang0"), ToolResult::error({}))
                    .errorMessage()
                    .contains(QStringLiteral("did not answer within 1 s")));
        PluginInstance *f = manager.instance(QStringLiteral("f"));
        QTRY_COMPARE_WITH_TIMEOUT(f->state(), PluginState::Stuck, 5000);
        QVERIFY2(f->reason().contains(QStringLiteral("a call of tool f_hang has not returned")),
                 qPrintable(f->reason()));
        QCOMPARE(manager.instance(QStringLiteral("g"))->state(), PluginState::Loaded);
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 7, 10000);
        for (int i = 1; i < 5; ++i) {
            const QString message =
                results.value(QStringLiteral("hang%1").arg(i), ToolResult::error({}))
                    .errorMessage();
            QVERIFY2(message.contains(QStringLiteral("is still busy with a call of tool f_hang")),
                     qPrintable(message));
        }
        call(QStringLiteral("f_echo"), QStringLiteral("f_echo_refused"));
        QTRY_VERIFY_WITH_TIMEOUT(order.contains(QStringLiteral("f_echo_refused")), 5000);
        QVERIFY(results.value(QStringLiteral("f_echo_refused"), ToolResult::error({}))
                    .errorMessage()
                    .contains(QStringLiteral("was not called")));

        // When the call comes back, the instance works again by itself.
        QTRY_COMPARE_WITH_TIMEOUT(f->state(), PluginState::Loaded, 15000);
        call(QStringLiteral("f_echo"), QStringLiteral("f_echo"));
        QTRY_VERIFY_WITH_TIMEOUT(order.contains(QStringLiteral("f_echo")), 5000);
        QVERIFY(results.value(QStringLiteral("f_echo"), ToolResult::error({})).isOk());
        registry.unregisterOwner(QStringLiteral("f"));
        registry.unregisterOwner(QStringLiteral("g"));
    }
};

QTEST_GUILESS_MAIN(tst_ToolLanes)
#include "tst_toollanes.moc"
