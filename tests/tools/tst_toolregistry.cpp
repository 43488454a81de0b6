// SPDX-License-Identifier: GPL-3.0-or-later
// ToolRegistry: what the model sees (schemas), what it gets back (validation messages, errors,
// timeouts), name conflicts, and plugin tools running on their instance's thread.
#include "config/config.h"
#include "plugins/pluginmanager.h"
#include "tools/coretools.h"
#include "tools/toolregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <stdexcept>

using namespace Smollama;

namespace {

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// A schema with a nested object and an array, like a plugin tool might declare.
const char *s_scheduleSchema =
    "{"
    "\"type\": \"object\","
    "\"properties\": {"
    "\"pin\": {\"type\": \"string\", \"description\": \"The output's name\"},"
    "\"steps\": {\"type\": \"array\", \"items\": {\"type\": \"object\","
    "\"properties\": {\"state\": {\"type\": \"boolean\"},"
    "\"seconds\": {\"type\": \"number\", \"minimum\": 0}},"
    "\"required\": [\"state\", \"seconds\"]}},"
    "\"options\": {\"type\": \"object\", \"properties\": {\"repeat\": {\"type\": \"integer\"}}}"
    "},"
    "\"required\": [\"pin\", \"steps\"]"
    "}";

} // namespace

class tst_ToolRegistry : public QObject
{
    Q_OBJECT

private:
    ToolRegistry::ToolSpec schedule(std::atomic<int> *calls)
    {
        ToolRegistry::ToolSpec spec;
        spec.name = QStringLiteral("gpio_schedule");
        spec.description = QStringLiteral("Switches an output through steps.");
        spec.parameters = parse(s_scheduleSchema);
        spec.handler = [calls](const QJsonObject &args) {
            ++*calls;
            return ToolResult::ok(args.value(QStringLiteral("steps")).toArray().size());
        };
        return spec;
    }

private Q_SLOTS:
    void ollamaFormat()
    {
        ToolRegistry registry;
        std::atomic<int> calls{0};
        QCOMPARE(registry.registerTool(schedule(&calls)), QString());
        ToolRegistry::ToolSpec bare;
        bare.name = QStringLiteral("a_status");
        bare.description = QStringLiteral("No arguments.");
        bare.handler = [](const QJsonObject &) { return ToolResult::ok(); };
        QCOMPARE(registry.registerTool(bare), QString());

        const QJsonArray tools = registry.ollamaTools();
        QCOMPARE(tools.size(), 2);
        // Sorted by name; parameterless tools still get an object schema (Ollama needs one).
        QCOMPARE(
            tools.at(0).toObject(),
            parse(
                R"({"type":"function","function":{"name":"a_status", "description":"No arguments.", "parameters":{"type":"object","properties":{}}}})"));
        const QJsonObject function = tools.at(1)[QStringLiteral("function")].toObject();
        QCOMPARE(tools.at(1)[QStringLiteral("type")].toString(), QStringLiteral("function"));
        QCOMPARE(function.value(QStringLiteral("name")).toString(),
                 QStringLiteral("gpio_schedule"));
        QCOMPARE(function.value(QStringLiteral("parameters")).toObject(), parse(s_scheduleSchema));
    }

    void validation_data()
    {
        QTest::addColumn<QByteArray>("arguments");
        QTest::addColumn<QStringList>("problems");

        QTest::newRow("valid") << QByteArray(
                                      R"({"pin":"led","steps":[{"state":true,"seconds":1}]})")
                               << QStringList();
        QTest::newRow("missing required")
            << QByteArray(R"({"steps":[]})") << QStringList{QStringLiteral("pin")};
        QTest::newRow("wrong type")
            << QByteArray(R"({"pin":3,"steps":[]})") << QStringList{QStringLiteral("- pin:")};
        QTest::newRow("nested item")
            << QByteArray(R"({"pin":"led","steps":[{"state":true,"seconds":-1}]})")
            << QStringList{QStringLiteral("steps[0].seconds")};
        QTest::newRow("two problems")
            << QByteArray(R"({"pin":"led","steps":[{"seconds":1}],"options":{"repeat":"x"}})")
            << QStringList{QStringLiteral("steps[0]"), QStringLiteral("options.repeat")};
    }

    void validation()
    {
        QFETCH(QByteArray, arguments);
        QFETCH(QStringList, problems);
        ToolRegistry registry;
        std::atomic<int> calls{0};
        QCOMPARE(registry.registerTool(schedule(&calls)), QString());
        const ToolResult result = registry.call(QStringLiteral("gpio_schedule"),
                                                QJsonDocument::fromJson(arguments).object());
        if (problems.isEmpty()) {
            QVERIFY2(result.isOk(), qPrintable(result.errorMessage()));
            QCOMPARE(calls.load(), 1);
            return;
        }
        QVERIFY(!result.isOk());
        QCOMPARE(calls.load(), 0); // the tool is not called with bad arguments
        const QString text = result.errorMessage();
        QVERIFY2(text.startsWith(
                     QStringLiteral("invalid arguments for tool 'gpio_schedule' (the tool was "
                                    "not called):")),
                 qPrintable(text));
        for (const QString &p : problems) {
            QVERIFY2(text.contains(p), qPrintable(text));
        }
        QCOMPARE(text.count(QStringLiteral("\n- ")), problems.size());
    }

    void unknownTool()
    {
        ToolRegistry registry;
        std::atomic<int> calls{0};
        registry.registerTool(schedule(&calls));
        const ToolResult result = registry.call(QStringLiteral("gpio_shedule"), {});
        QVERIFY(!result.isOk());
        QVERIFY2(result.errorMessage().contains(QStringLiteral("did you mean 'gpio_schedule'")),
                 qPrintable(result.errorMessage()));
    }

    void nameConflicts()
    {
        ToolRegistry registry;
        std::atomic<int> calls{0};
        QCOMPARE(registry.registerTool(schedule(&calls)), QString());
        ToolRegistry::ToolSpec again = schedule(&calls);
        again.owner = QStringLiteral("relays");
        const QString error = registry.registerTool(again);
        QCOMPARE(error, QStringLiteral("tool 'gpio_schedule' of relays is not registered: the "
                                       "name is already registered by core"));
        QCOMPARE(registry.owner(QStringLiteral("gpio_schedule")), QStringLiteral("core"));
        ToolRegistry::ToolSpec bad = schedule(&calls);
        bad.name = QStringLiteral("Bad-Name");
        QVERIFY(registry.registerTool(bad).contains(QStringLiteral("invalid")));
        registry.unregisterOwner(QStringLiteral("core"));
        QVERIFY(registry.names().isEmpty());
    }

    void throwingTool()
    {
        ToolRegistry registry;
        ToolRegistry::ToolSpec spec;
        spec.name = QStringLiteral("explode");
        spec.handler = [](const QJsonObject &) -> ToolResult {
            throw std::runtime_error("sensor bus jammed");
        };
        QCOMPARE(registry.registerTool(spec), QString());
        const ToolResult result = registry.call(QStringLiteral("explode"), {});
        QVERIFY(!result.isOk());
        QCOMPARE(result.errorMessage(),
                 QStringLiteral("tool explode failed: it threw sensor bus jammed"));
    }

    void hungToolTimesOut()
    {
        // The tool runs on its own thread (as a plugin tool on its instance thread) and hangs.
        QThread thread;
        QObject worker;
        worker.moveToThread(&thread);
        thread.start();
        auto release = std::make_shared<QSemaphore>(0);

        ToolRegistry registry;
        registry.setTimeout(200);
        ToolRegistry::ToolSpec spec;
        spec.name = QStringLiteral("hang");
        spec.runner = ToolRegistry::threadRunner(&worker);
        spec.handler = [release](const QJsonObject &) {
            release->acquire();
            return ToolResult::ok();
        };
        QCOMPARE(registry.registerTool(spec), QString());
        const ToolResult result = registry.call(QStringLiteral("hang"), {});
        QVERIFY(!result.isOk());
        QCOMPARE(result.errorMessage(), QStringLiteral("tool hang did not answer within 0.2 s"));

        // The async form delivers the same error without blocking this thread.
        std::optional<QString> asyncError;
        registry.callAsync(QStringLiteral("hang"), {}, this,
                           [&](const ToolResult &r) { asyncError = r.errorMessage(); });
        QVERIFY(!asyncError.has_value());
        QTRY_VERIFY(asyncError.has_value());
        QCOMPARE(*asyncError, QStringLiteral("tool hang did not answer within 0.2 s"));

        release->release(2);
        thread.quit();
        QVERIFY(thread.wait(5000));
    }

    void asyncDeliversInContextThread()
    {
        ToolRegistry registry;
        ToolRegistry::ToolSpec spec;
        spec.name = QStringLiteral("where");
        spec.handler = [](const QJsonObject &) { return ToolResult::ok(42); };
        registry.registerTool(spec);
        QThread *deliveredIn = nullptr;
        int value = 0;
        registry.callAsync(QStringLiteral("where"), {}, this, [&](const ToolResult &r) {
            deliveredIn = QThread::currentThread();
            value = r.value().toInt();
        });
        QTRY_COMPARE(value, 42);
        QCOMPARE(deliveredIn, QThread::currentThread());
    }

    void pluginTools()
    {
        QTemporaryDir tmp;
        const Config config = Config::fromYaml("plugins:\n"
                                               "  custom:\n"
                                               "    - {name: tools_a, module: fixture_tools}\n",
                                               tmp.filePath(QStringLiteral("config.yaml")));
        QVERIFY(!config.hasErrors());
        PluginManager manager;
        manager.setBuiltinPluginDir(tmp.filePath(QStringLiteral("none")));
        manager.setConfig(config);
        manager.setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/tools")});
        manager.prepare();
        manager.initializePlugins();
        QCOMPARE(manager.runningInstances().size(), 1);

        ToolRegistry registry;
        // A core tool took one of the names first: that plugin tool is refused, named.
        ToolRegistry::ToolSpec echo;
        echo.name = QStringLiteral("fixture_echo");
        echo.handler = [](const QJsonObject &) { return ToolResult::ok(); };
        QCOMPARE(registry.registerTool(echo), QString());
        const QStringList errors = registry.registerPluginTools(&manager);
        QCOMPARE(errors, QStringList{QStringLiteral("tool 'fixture_echo' of tools_a is not "
                                                    "registered: the name is already "
                                                    "registered by core")});
        QCOMPARE(registry.owner(QStringLiteral("fixture_add")), QStringLiteral("tools_a"));
        const ToolResult sum =
            registry.call(QStringLiteral("fixture_add"), parse(R"({"a":2,"b":3.5})"));
        QVERIFY2(sum.isOk(), qPrintable(sum.errorMessage()));
        QCOMPARE(sum.value().toDouble(), 5.5);
        const ToolResult bad = registry.call(QStringLiteral("fixture_add"), parse(R"({"a":2})"));
        QVERIFY(bad.errorMessage().contains(QStringLiteral("b")));

        registry.unregisterOwner(QStringLiteral("tools_a"));
        QVERIFY(!registry.contains(QStringLiteral("fixture_add")));
        manager.shutdownPlugins();
    }

    void severalInstancesShareATool()
    {
        // gpio_write of the instances roof and garden: one tool, the instance an argument.
        ToolRegistry registry;
        QSignalSpy changed(&registry, &ToolRegistry::toolsChanged);
        auto seen = std::make_shared<QList<QJsonObject>>();
        const auto relay = [&](const QString &instance, const QString &output) {
            ToolRegistry::ToolSpec spec;
            spec.name = QStringLiteral("relay_write");
            spec.description = QStringLiteral("Switches %1.").arg(output);
            spec.owner = instance;
            spec.plugin = QStringLiteral("relay");
            spec.parameters = QJsonObject{
                {QStringLiteral("type"), QStringLiteral("object")},
                {QStringLiteral("properties"),
                 QJsonObject{{QStringLiteral("name"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                          {QStringLiteral("enum"), QJsonArray{output}}}},
                             {QStringLiteral("on"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("boolean")}}}}},
                {QStringLiteral("required"),
                 QJsonArray{QStringLiteral("name"), QStringLiteral("on")}},
                {QStringLiteral("additionalProperties"), false}};
            spec.handler = [seen, instance](const QJsonObject &args) {
                seen->append(args);
                return ToolResult::ok(instance);
            };
            return registry.registerTool(spec);
        };

        // One instance: the tool as it declared it, no instance argument.
        QCOMPARE(relay(QStringLiteral("roof"), QStringLiteral("fan")), QString());
        QCOMPARE(registry.instancesOf(QStringLiteral("relay_write")),
                 QStringList{QStringLiteral("roof")});
        QVERIFY(!registry.parameters(QStringLiteral("relay_write"))
                     .value(QLatin1String("properties"))
                     .toObject()
                     .contains(QLatin1String("instance")));
        QVERIFY(registry.call(QStringLiteral("relay_write"), parse(R"({"name":"fan","on":true})"))
                    .isOk());

        // A second instance joins it.
        QCOMPARE(relay(QStringLiteral("garden"), QStringLiteral("pump")), QString());
        QCOMPARE(changed.count(), 2);
        QCOMPARE(registry.names(), QStringList{QStringLiteral("relay_write")});
        QCOMPARE(registry.instancesOf(QStringLiteral("relay_write")),
                 (QStringList{QStringLiteral("garden"), QStringLiteral("roof")}));
        QCOMPARE(registry.owner(QStringLiteral("relay_write")), QStringLiteral("relay"));
        const QJsonObject function =
            registry.ollamaTools().first().toObject().value(QLatin1String("function")).toObject();
        const QJsonObject parameters = function.value(QLatin1String("parameters")).toObject();
        const QJsonObject properties = parameters.value(QLatin1String("properties")).toObject();
        QCOMPARE(properties.value(QLatin1String("instance"))
                     .toObject()
                     .value(QLatin1String("enum"))
                     .toArray(),
                 (QJsonArray{QStringLiteral("garden"), QStringLiteral("roof")}));
        QCOMPARE(properties.value(QLatin1String("name"))
                     .toObject()
                     .value(QLatin1String("enum"))
                     .toArray(),
                 (QJsonArray{QStringLiteral("pump"), QStringLiteral("fan")}));
        QCOMPARE(
            parameters.value(QLatin1String("required")).toArray(),
            (QJsonArray{QStringLiteral("instance"), QStringLiteral("name"), QStringLiteral("on")}));
        const QString description = function.value(QLatin1String("description")).toString();
        QVERIFY2(description.contains(QLatin1String("Switches fan.")) &&
                     description.contains(QLatin1String("Switches pump.")) &&
                     description.contains(QLatin1String("garden, roof")),
                 qPrintable(description));
        QCOMPARE(
            registry.instanceParameters(QStringLiteral("relay_write"), QStringLiteral("garden"))
                .value(QLatin1String("properties"))
                .toObject()
                .value(QLatin1String("name"))
                .toObject()
                .value(QLatin1String("enum"))
                .toArray(),
            QJsonArray{QStringLiteral("pump")});

        // Routed to the chosen instance, which never sees the instance argument.
        seen->clear();
        const ToolResult garden =
            registry.call(QStringLiteral("relay_write"),
                          parse(R"({"instance":"garden","name":"pump","on":true})"));
        QVERIFY2(garden.isOk(), qPrintable(garden.message()));
        QCOMPARE(garden.value().toString(), QStringLiteral("garden"));
        QCOMPARE(seen->size(), 1);
        QCOMPARE(seen->first(), parse(R"({"name":"pump","on":true})"));
        QCOMPARE(registry
                     .call(QStringLiteral("relay_write"),
                           parse(R"({"instance":"roof","name":"fan","on":false})"))
                     .value()
                     .toString(),
                 QStringLiteral("roof"));

        // Each instance's own schema still decides: the garden has no fan.
        seen->clear();
        const ToolResult wrong =
            registry.call(QStringLiteral("relay_write"),
                          parse(R"({"instance":"garden","name":"fan","on":true})"));
        QVERIFY(!wrong.isOk());
        QVERIFY2(wrong.message().contains(QLatin1String("pump")), qPrintable(wrong.message()));
        QVERIFY(seen->isEmpty());
        const QString missing =
            registry.validate(QStringLiteral("relay_write"), parse(R"({"name":"fan","on":true})"));
        QVERIFY2(missing.contains(QLatin1String("instance")), qPrintable(missing));

        // Another plugin cannot take the name; a third instance of the same one can.
        ToolRegistry::ToolSpec other;
        other.name = QStringLiteral("relay_write");
        other.owner = QStringLiteral("shed");
        other.plugin = QStringLiteral("other_relay");
        other.handler = [](const QJsonObject &) { return ToolResult::ok(); };
        QVERIFY(
            registry.registerTool(other).contains(QLatin1String("already registered by relay")));
        QCOMPARE(relay(QStringLiteral("cellar"), QStringLiteral("light")), QString());
        QCOMPARE(registry.instancesOf(QStringLiteral("relay_write")).size(), 3);

        // Instances going away leave the others their tool; the last one as it declared it.
        registry.unregisterOwner(QStringLiteral("cellar"));
        registry.unregisterOwner(QStringLiteral("roof"));
        QCOMPARE(registry.instancesOf(QStringLiteral("relay_write")),
                 QStringList{QStringLiteral("garden")});
        QCOMPARE(registry.owner(QStringLiteral("relay_write")), QStringLiteral("garden"));
        QVERIFY(registry.call(QStringLiteral("relay_write"), parse(R"({"name":"pump","on":true})"))
                    .isOk());
        registry.unregisterOwner(QStringLiteral("garden"));
        QVERIFY(registry.names().isEmpty());
    }

    void pluginInstancesShareTools()
    {
        QTemporaryDir tmp;
        const Config config = Config::fromYaml("plugins:\n"
                                               "  custom:\n"
                                               "    - {name: tools_a, module: fixture_tools}\n"
                                               "    - {name: tools_b, module: fixture_tools}\n",
                                               tmp.filePath(QStringLiteral("config.yaml")));
        QVERIFY(!config.hasErrors());
        PluginManager manager;
        manager.setBuiltinPluginDir(tmp.filePath(QStringLiteral("none")));
        manager.setConfig(config);
        manager.setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/tools")});
        manager.prepare();
        manager.initializePlugins();
        QCOMPARE(manager.runningInstances().size(), 2);

        ToolRegistry registry;
        QCOMPARE(registry.registerPluginTools(&manager), QStringList());
        QCOMPARE(registry.names(),
                 (QStringList{QStringLiteral("fixture_add"), QStringLiteral("fixture_echo")}));
        QCOMPARE(registry.instancesOf(QStringLiteral("fixture_add")),
                 (QStringList{QStringLiteral("tools_a"), QStringLiteral("tools_b")}));
        QCOMPARE(registry.owner(QStringLiteral("fixture_add")), QStringLiteral("fixture_tools"));
        for (const char *instance : {"tools_a", "tools_b"}) {
            const ToolResult sum =
                registry.call(QStringLiteral("fixture_add"),
                              {{QStringLiteral("instance"), QLatin1String(instance)},
                               {QStringLiteral("a"), 2},
                               {QStringLiteral("b"), 3.5}});
            QVERIFY2(sum.isOk(), qPrintable(sum.message()));
            QCOMPARE(sum.value().toDouble(), 5.5);
        }
        registry.unregisterOwner(QStringLiteral("tools_a"));
        QCOMPARE(registry.instancesOf(QStringLiteral("fixture_add")),
                 QStringList{QStringLiteral("tools_b")});
        registry.unregisterOwner(QStringLiteral("tools_b"));
        manager.shutdownPlugins();
    }

    void twoGpioInstancesOneTool()
    {
        // The builtin gpio plugin twice (simulated chips): one gpio_write, routed by instance.
        QTemporaryDir tmp;
        const Config config = Config::fromYaml(
            "plugins:\n"
            "  builtin:\n"
            "    gpio: {enabled: false}\n"
            "  custom:\n"
            "    - name: roof\n"
            "      module: gpio\n"
            "      config: {backend: sim, chip: simroof, pins: [{name: fan, pin: 5, mode: "
            "output}]}\n"
            "    - name: garden\n"
            "      module: gpio\n"
            "      config: {backend: sim, chip: simgarden, pins: [{name: pump, pin: 6, mode: "
            "output}]}\n",
            tmp.filePath(QStringLiteral("config.yaml")));
        QVERIFY2(!config.hasErrors(), qPrintable(config.diagnostics().value(0).toString()));
        PluginManager manager;
        manager.setBuiltinPluginDir(QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR));
        manager.setConfig(config);
        manager.prepare();
        manager.initializePlugins();
        QCOMPARE(manager.runningInstances().size(), 2);
        ToolRegistry registry;
        QCOMPARE(registry.registerPluginTools(&manager), QStringList());
        QCOMPARE(registry.instancesOf(QStringLiteral("gpio_write")),
                 (QStringList{QStringLiteral("garden"), QStringLiteral("roof")}));
        QVERIFY(!registry.contains(QStringLiteral("roof_gpio_write")));

        const ToolResult pump =
            registry.call(QStringLiteral("gpio_write"),
                          parse(R"({"instance":"garden","name":"pump","state":"on"})"));
        QVERIFY2(pump.isOk(), qPrintable(pump.message()));
        QCOMPARE(pump.value().toObject().value(QLatin1String("state")).toString(),
                 QStringLiteral("on"));
        // The roof has no pump: its own schema refuses it before the plugin is called.
        const ToolResult wrong =
            registry.call(QStringLiteral("gpio_write"),
                          parse(R"({"instance":"roof","name":"pump","state":"on"})"));
        QVERIFY(!wrong.isOk());
        QVERIFY2(wrong.message().contains(QLatin1String("fan")), qPrintable(wrong.message()));
        const ToolResult fan = registry.call(QStringLiteral("gpio_read"),
                                             parse(R"({"instance":"roof","name":"fan"})"));
        QVERIFY2(fan.isOk(), qPrintable(fan.message()));
        QCOMPARE(fan.value().toObject().value(QLatin1String("state")).toString(),
                 QStringLiteral("off"));

        registry.unregisterOwner(QStringLiteral("garden"));
        registry.unregisterOwner(QStringLiteral("roof"));
        manager.shutdownPlugins();
    }

    void coreToolsWithoutSensors()
    {
        PluginManager manager;
        manager.setConfig(Config::fromYaml("plugins: {}\n", QStringLiteral("config.yaml")));
        ToolRegistry registry;
        QCOMPARE(registerCoreTools(&registry, {nullptr, nullptr, &manager}), QStringList());
        QCOMPARE(registry.names(), QStringList{QStringLiteral("plugin_status")});
        const ToolResult r =
            registry.call(QStringLiteral("plugin_status"), parse(R"({"name":"gpoi"})"));
        QVERIFY(!r.isOk());
        QVERIFY2(r.errorMessage().startsWith(QStringLiteral("no plugin or instance 'gpoi'")),
                 qPrintable(r.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(tst_ToolRegistry)
#include "tst_toolregistry.moc"
