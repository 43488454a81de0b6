// SPDX-License-Identifier: GPL-3.0-or-later
// The builtin gpio plugin as the host sees it: the built libsmollama_gpio.so loaded with
// QPluginLoader, configured like the host does (schema defaults filled in, validated), run on
// the simulated chip. The libgpiod backend is exercised as far as a machine without a GPIO
// chip allows: its missing-chip path.
#include "config/config.h"
#include "util/jsonschema.h"

#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>
#include <smollama/pluginmetadata.h>
#include <smollama/readingprovider.h>
#include <smollama/testing.h>
#include <smollama/tool.h>
#include <smollama/toolprovider.h>
#include <smollama/version.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QMutexLocker>
#include <QPluginLoader>
#include <QProcessEnvironment>
#include <QTest>
#include <QThread>

#include <functional>
#include <memory>

using Smollama::Reading;
using Smollama::Result;
using Smollama::ToolResult;

namespace {

QString builtPluginPath()
{
    return QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR "/libsmollama_gpio.so");
}

bool machineHasGpioChip()
{
    return !QDir(QStringLiteral("/dev"))
                .entryList({QStringLiteral("gpiochip*")}, QDir::System | QDir::Files)
                .isEmpty();
}

using Smollama::Testing::FakePluginContext;

// The values of every reading \a context recorded, oldest first.
QVariantList publishedValues(const FakePluginContext &context)
{
    QVariantList list;
    for (const Reading &reading : context.published()) {
        list.append(reading.value());
    }
    return list;
}

// One instance object of the built plugin, with its interfaces.
struct Instance
{
    std::unique_ptr<QObject> object;
    Smollama::Plugin *plugin = nullptr;
    Smollama::ReadingProvider *readings = nullptr;
    Smollama::ToolProvider *toolProvider = nullptr;

    Smollama::Tool *tool(const QString &name) const
    {
        const QList<Smollama::Tool *> tools = toolProvider->tools();
        for (Smollama::Tool *tool : tools) {
            if (tool->name() == name) {
                return tool;
            }
        }
        return nullptr;
    }

    QStringList toolNames() const
    {
        QStringList names;
        const QList<Smollama::Tool *> tools = toolProvider->tools();
        for (Smollama::Tool *tool : tools) {
            names.append(tool->name());
        }
        return names;
    }

    // Calls a tool as the host does after validating the arguments.
    ToolResult call(const QString &name, const QJsonObject &arguments) const
    {
        Smollama::Tool *found = tool(name);
        return found ? found->call(arguments)
                     : ToolResult::error(QStringLiteral("test: no tool ") + name);
    }

    ToolResult simulate(const QString &pin, const QString &state) const
    {
        return call(QStringLiteral("gpio_simulate"),
                    {{QStringLiteral("name"), pin}, {QStringLiteral("state"), state}});
    }

    ToolResult write(const QString &pin, const QString &state) const
    {
        return call(QStringLiteral("gpio_write"),
                    {{QStringLiteral("name"), pin}, {QStringLiteral("state"), state}});
    }

    // The simulated chip's lines (the plugin's test hook).
    QJsonObject simulatedLine(int offset) const
    {
        QJsonObject chip;
        QMetaObject::invokeMethod(object.get(), "simulatedChip", Qt::DirectConnection,
                                  Q_RETURN_ARG(QJsonObject, chip));
        return chip.value(QLatin1String("lines"))
            .toObject()
            .value(QString::number(offset))
            .toObject();
    }

    QList<int> history(int offset) const
    {
        QList<int> levels;
        const QJsonArray array = simulatedLine(offset).value(QLatin1String("history")).toArray();
        for (const QJsonValue &v : array) {
            levels.append(v.toInt());
        }
        return levels;
    }

    Reading readingOf(const QString &id) const
    {
        const QList<Reading> all = readings->read();
        for (const Reading &reading : all) {
            if (reading.source() == id) {
                return reading;
            }
        }
        return {};
    }
};

QJsonObject pin(int number, const QString &name, const QJsonObject &extra = {})
{
    QJsonObject object = extra;
    object.insert(QStringLiteral("pin"), number);
    object.insert(QStringLiteral("name"), name);
    return object;
}

QJsonObject output(int number, const QString &name, const QJsonObject &extra = {})
{
    QJsonObject object = pin(number, name, extra);
    object.insert(QStringLiteral("mode"), QStringLiteral("output"));
    return object;
}

QJsonObject simConfig(const QJsonArray &pins, const QJsonObject &extra = {})
{
    QJsonObject config = extra;
    config.insert(QStringLiteral("backend"), QStringLiteral("sim"));
    config.insert(QStringLiteral("pins"), pins);
    return config;
}

QString describe(const QList<Smollama::SchemaError> &errors)
{
    QStringList texts;
    for (const Smollama::SchemaError &e : errors) {
        texts.append(e.path + QStringLiteral(": ") + e.message);
    }
    return texts.join(QLatin1String("; "));
}

QString codeName(Result::Code code)
{
    switch (code) {
    case Result::Code::Ok:
        return QStringLiteral("ok");
    case Result::Code::Error:
        return QStringLiteral("error");
    case Result::Code::NotReady:
        return QStringLiteral("not ready");
    case Result::Code::InvalidConfig:
        return QStringLiteral("invalid config");
    }
    return {};
}

} // namespace

class tst_GpioPlugin : public QObject
{
    Q_OBJECT

private:
    QPluginLoader m_loader{builtPluginPath()};
    Smollama::Testing::PluginLibrary m_library{builtPluginPath()};
    QJsonObject m_manifest;
    QJsonObject m_schema;

    // A new instance object, as the host creates one per configured instance.
    bool create(Instance *instance)
    {
        instance->object = m_library.createInstance();
        if (!instance->object) {
            qWarning("%s", qPrintable(m_library.errorString()));
            return false;
        }
        instance->plugin = qobject_cast<Smollama::Plugin *>(instance->object.get());
        instance->readings = qobject_cast<Smollama::ReadingProvider *>(instance->object.get());
        instance->toolProvider = qobject_cast<Smollama::ToolProvider *>(instance->object.get());
        return instance->plugin && instance->readings && instance->toolProvider;
    }

    // The config as setup() receives it: defaults filled in, then validated.
    QJsonObject complete(const QJsonObject &config, QList<Smollama::SchemaError> *errors = nullptr)
    {
        const QJsonObject filled = Smollama::JsonSchema::applyDefaults(m_schema, config).toObject();
        const QList<Smollama::SchemaError> found = Smollama::JsonSchema(m_schema).validate(filled);
        if (errors) {
            *errors = found;
        }
        return filled;
    }

    // checkDependencies() and setup() as the host calls them; false (with a failure recorded
    // by QVERIFY2 in the caller) when either fails.
    Result start(Instance *instance, FakePluginContext *context, const QJsonObject &config)
    {
        QList<Smollama::SchemaError> errors;
        const QJsonObject filled = complete(config, &errors);
        if (!errors.isEmpty()) {
            return Result::error(QStringLiteral("test: schema errors: ") + describe(errors));
        }
        context->setConfig(filled);
        const Result check = instance->plugin->checkDependencies(filled);
        if (!check.isOk()) {
            return check;
        }
        return instance->plugin->setup(filled, context);
    }

private Q_SLOTS:
    void initTestCase();

    void manifest();
    void schemaDefaults();
    void schemaErrors_data();
    void schemaErrors();
    void configErrors_data();
    void configErrors();

    void missingChip_data();
    void missingChip();

    void readings();
    void edgesArePublishedAtOnce_data();
    void edgesArePublishedAtOnce();
    void inputWithoutEdgeIsPolled();
    void debounce_data();
    void debounce();
    void debounceIgnoresBounceBack();
    void edgesOnWorkerThread();

    void toolsOffered_data();
    void toolsOffered();
    void gpioRead();
    void writeAndToggle_data();
    void writeAndToggle();
    void toolErrors_data();
    void toolErrors();

    void teardownLeavesSafeState_data();
    void teardownLeavesSafeState();
    void busyLine_data();
    void busyLine();

    void shippedConfigs_data();
    void shippedConfigs();
};

void tst_GpioPlugin::initTestCase()
{
    QVERIFY2(QFile::exists(builtPluginPath()), qPrintable(builtPluginPath()));
    const QJsonObject metaData = m_loader.metaData();
    QVERIFY2(!metaData.isEmpty(), qPrintable(m_loader.errorString()));
    m_manifest = metaData.value(QLatin1String("MetaData")).toObject();
    m_schema = m_manifest.value(QLatin1String("configSchema")).toObject();
    QVERIFY(!m_schema.isEmpty());
    QVERIFY2(Smollama::JsonSchema(m_schema).isValid(),
             qPrintable(Smollama::JsonSchema(m_schema).errorString()));
    QVERIFY2(m_loader.load(), qPrintable(m_loader.errorString()));
}

// --- manifest and configuration ---------------------------------------------------------------

void tst_GpioPlugin::manifest()
{
    QPluginLoader loader(builtPluginPath());
    const QJsonObject metaData = loader.metaData();
    QCOMPARE(metaData.value(QLatin1String("IID")).toString(),
             QStringLiteral(SMOLLAMA_PLUGIN_FACTORY_IID));
    const Smollama::PluginMetadata manifest(m_manifest);
    QCOMPARE(manifest.name(), QStringLiteral("gpio"));
    QVERIFY(manifest.isSensor());
    QVERIFY(manifest.isTool());
    QCOMPARE(manifest.sdkVersion(), QStringLiteral(SMOLLAMA_SDK_VERSION_STRING));
    QCOMPARE(manifest.dependencies(),
             QStringList{QStringLiteral("libgpiod>=1.6 (Linux GPIO character device)")});

    Instance instance;
    QVERIFY(create(&instance)); // Plugin, ReadingProvider and ToolProvider
}

void tst_GpioPlugin::schemaDefaults()
{
    QCOMPARE(m_schema.value(QLatin1String("additionalProperties")).toBool(true), false);
    const QJsonObject pinSchema = m_schema.value(QLatin1String("properties"))
                                      .toObject()
                                      .value(QLatin1String("pins"))
                                      .toObject()
                                      .value(QLatin1String("items"))
                                      .toObject();
    QCOMPARE(pinSchema.value(QLatin1String("additionalProperties")).toBool(true), false);

    QList<Smollama::SchemaError> errors;
    const QJsonObject config =
        complete({{QStringLiteral("pins"), QJsonArray{pin(17, QStringLiteral("door"))}}}, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
    QCOMPARE(config.value(QLatin1String("backend")).toString(), QStringLiteral("auto"));
    QCOMPARE(config.value(QLatin1String("chip")).toString(QStringLiteral("unset")), QString());
    QCOMPARE(config.value(QLatin1String("interval_s")).toDouble(), 1.0);
    QVERIFY(!config.contains(QLatin1String("sim_busy")));
    const QJsonObject door = config.value(QLatin1String("pins")).toArray().at(0).toObject();
    const QJsonObject expected{{QStringLiteral("pin"), 17},
                               {QStringLiteral("name"), QStringLiteral("door")},
                               {QStringLiteral("mode"), QStringLiteral("input")},
                               {QStringLiteral("pull"), QStringLiteral("none")},
                               {QStringLiteral("active_low"), false},
                               {QStringLiteral("edge"), QStringLiteral("none")},
                               {QStringLiteral("debounce_ms"), 0},
                               {QStringLiteral("initial"), QStringLiteral("off")},
                               {QStringLiteral("safe_state"), QStringLiteral("off")}};
    QCOMPARE(door, expected);

    const QJsonObject empty = complete({}, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
    QCOMPARE(empty.value(QLatin1String("pins")).toArray(), QJsonArray());
}

void tst_GpioPlugin::schemaErrors_data()
{
    QTest::addColumn<QJsonObject>("config");
    QTest::addColumn<QString>("path");

    QTest::newRow("unknown top-level key (Python's mock is converted before)")
        << QJsonObject{{QStringLiteral("mock"), true}} << QStringLiteral("mock");
    QTest::newRow("unknown backend")
        << QJsonObject{{QStringLiteral("backend"), QStringLiteral("wiringpi")}}
        << QStringLiteral("backend");
    QTest::newRow("chip name with a space")
        << QJsonObject{{QStringLiteral("chip"), QStringLiteral("gpio chip 0")}}
        << QStringLiteral("chip");
    QTest::newRow("unknown pin key")
        << simConfig({pin(17, QStringLiteral("door"), {{QStringLiteral("pullup"), true}})})
        << QStringLiteral("pins[0].pullup");
    QTest::newRow("pin without a number")
        << simConfig({QJsonObject{{QStringLiteral("name"), QStringLiteral("door")}}})
        << QStringLiteral("pins[0]");
    QTest::newRow("pin without a name")
        << simConfig({QJsonObject{{QStringLiteral("pin"), 17}}}) << QStringLiteral("pins[0]");
    QTest::newRow("negative pin") << simConfig({pin(-1, QStringLiteral("door"))})
                                  << QStringLiteral("pins[0].pin");
    QTest::newRow("unknown mode") << simConfig(
                                         {pin(17, QStringLiteral("door"),
                                              {{QStringLiteral("mode"), QStringLiteral("pwm")}})})
                                  << QStringLiteral("pins[0].mode");
    QTest::newRow("unknown edge") << simConfig(
                                         {pin(17, QStringLiteral("door"),
                                              {{QStringLiteral("edge"), QStringLiteral("up")}})})
                                  << QStringLiteral("pins[0].edge");
    QTest::newRow("debounce too long")
        << simConfig({pin(17, QStringLiteral("door"),
                          {{QStringLiteral("edge"), QStringLiteral("both")},
                           {QStringLiteral("debounce_ms"), 60000}})})
        << QStringLiteral("pins[0].debounce_ms");
}

void tst_GpioPlugin::schemaErrors()
{
    QFETCH(QJsonObject, config);
    QFETCH(QString, path);

    QList<Smollama::SchemaError> errors;
    complete(config, &errors);
    QVERIFY2(!errors.isEmpty(), "the schema accepted it");
    bool found = false;
    for (const Smollama::SchemaError &e : std::as_const(errors)) {
        found = found || e.path == path;
    }
    QVERIFY2(found, qPrintable(describe(errors)));
}

void tst_GpioPlugin::configErrors_data()
{
    QTest::addColumn<QJsonObject>("config");
    QTest::addColumn<QString>("message");

    const QJsonObject both{{QStringLiteral("edge"), QStringLiteral("both")}};
    QTest::newRow("pin listed twice")
        << simConfig({output(17, QStringLiteral("led")), pin(27, QStringLiteral("button")),
                      pin(17, QStringLiteral("door"))})
        << QStringLiteral("pins[2] (door): pin 17 is already used by pins[0] (led)");
    QTest::newRow("name listed twice")
        << simConfig({pin(17, QStringLiteral("door")), pin(27, QStringLiteral("door"))})
        << QStringLiteral("pins[1] (door): the name 'door' is already used by pins[0] (pin 17); "
                          "each pin needs its own name");
    QTest::newRow("edge on an output")
        << simConfig({pin(17, QStringLiteral("button")), output(27, QStringLiteral("led"), both)})
        << QStringLiteral("pins[1] (led): edge 'both' is for inputs; an output has no edge "
                          "events (remove edge, or make the pin mode: input)");
    QTest::newRow("pull on an output")
        << simConfig({output(27, QStringLiteral("led"),
                             {{QStringLiteral("pull"), QStringLiteral("up")}})})
        << QStringLiteral("pins[0] (led): pull 'up' is for inputs; an output drives the line "
                          "itself (remove pull, or make the pin mode: input)");
    QTest::newRow("debounce on an output")
        << simConfig({output(27, QStringLiteral("led"), {{QStringLiteral("debounce_ms"), 20}})})
        << QStringLiteral("pins[0] (led): debounce_ms is for inputs with edge events; remove it "
                          "from this output");
    QTest::newRow("debounce without edges")
        << simConfig({pin(17, QStringLiteral("button"), {{QStringLiteral("debounce_ms"), 20}})})
        << QStringLiteral("pins[0] (button): debounce_ms 20 needs edge events; set edge (rising, "
                          "falling or both) or remove debounce_ms");
    QTest::newRow("initial on an input")
        << simConfig({pin(17, QStringLiteral("button"),
                          {{QStringLiteral("initial"), QStringLiteral("on")}})})
        << QStringLiteral("pins[0] (button): initial is for outputs; an input cannot be set "
                          "(remove initial, or make the pin mode: output)");
    QTest::newRow("safe_state on an input")
        << simConfig({pin(17, QStringLiteral("button"),
                          {{QStringLiteral("safe_state"), QStringLiteral("on")}})})
        << QStringLiteral("pins[0] (button): safe_state is for outputs; an input is never driven "
                          "(remove safe_state, or make the pin mode: output)");
    QTest::newRow("name that cannot be a reading id")
        << simConfig({pin(4, QStringLiteral("ok")), pin(17, QStringLiteral("Door Switch"))})
        << QStringLiteral("pins[1] (Door Switch): the name 'Door Switch' cannot be a reading id; "
                          "use lower-case letters, digits and '_', starting with a letter, such "
                          "as 'door_switch'");
    QTest::newRow("name starting with a digit")
        << simConfig({pin(17, QStringLiteral("1st_floor"))})
        << QStringLiteral("pins[0] (1st_floor): the name '1st_floor' cannot be a reading id; use "
                          "lower-case letters, digits and '_', starting with a letter, such as "
                          "'pin_1st_floor'");
    QTest::newRow("pin beyond the chip")
        << simConfig({pin(17, QStringLiteral("door")), output(54, QStringLiteral("fan"))})
        << QStringLiteral("pins[1] (fan): pin 54 does not exist: gpiochip0 has 54 lines (0-53)");
    QTest::newRow("sim_busy without the simulated chip")
        << QJsonObject{{QStringLiteral("backend"), QStringLiteral("libgpiod")},
                       {QStringLiteral("sim_busy"),
                        QJsonObject{{QStringLiteral("17"), QStringLiteral("spi0 CS0")}}}}
        << QStringLiteral("sim_busy is only for backend: sim (it marks simulated lines busy for "
                          "tests and demos); remove it");
    QTest::newRow("sim_busy with a bad line")
        << simConfig({}, {{QStringLiteral("sim_busy"),
                           QJsonObject{{QStringLiteral("cs0"), QStringLiteral("spi0 CS0")}}}})
        << QStringLiteral("sim_busy: 'cs0' must be a line number with the name of the program "
                          "holding it, e.g. \"17\": \"spi0 CS0\"");
}

void tst_GpioPlugin::configErrors()
{
    QFETCH(QJsonObject, config);
    QFETCH(QString, message);

    QList<Smollama::SchemaError> errors;
    const QJsonObject filled = complete(config, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(describe(errors))); // the schema cannot say it

    Instance instance;
    QVERIFY(create(&instance));
    // The dry run (smollama-cli plugin list / config check) sees it: shown as invalid_config.
    const Result check = instance.plugin->checkDependencies(filled);
    QCOMPARE(codeName(check.code()), codeName(Result::Code::InvalidConfig));
    QCOMPARE(check.message(), message);

    // setup() refuses it too, and claims nothing.
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const Result setup = instance.plugin->setup(filled, &context);
    QCOMPARE(codeName(setup.code()), codeName(Result::Code::InvalidConfig));
    QCOMPARE(setup.message(), message);
    QVERIFY(instance.readings->sources().isEmpty());
    QVERIFY(instance.toolProvider->tools().isEmpty());
}

// --- the libgpiod backend on a machine without GPIO -------------------------------------------

void tst_GpioPlugin::missingChip_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("chip");
    QTest::addColumn<QString>("message");

    const QString hint = QStringLiteral("; use backend: sim to try GPIO without hardware");
#ifdef SMOLLAMA_TEST_WITH_LIBGPIOD
    QTest::newRow("auto, default chip")
        << QStringLiteral("auto") << QString()
        << QStringLiteral("no GPIO chip /dev/gpiochip0 (not a Raspberry Pi?)") + hint;
    QTest::newRow("libgpiod, default chip")
        << QStringLiteral("libgpiod") << QString()
        << QStringLiteral("no GPIO chip /dev/gpiochip0 (not a Raspberry Pi?)") + hint;
    QTest::newRow("libgpiod, gpiochip7")
        << QStringLiteral("libgpiod") << QStringLiteral("gpiochip7")
        << QStringLiteral("no GPIO chip /dev/gpiochip7 (not a Raspberry Pi?)") + hint;
    QTest::newRow("libgpiod, /dev/gpiochip4")
        << QStringLiteral("libgpiod") << QStringLiteral("/dev/gpiochip4")
        << QStringLiteral("no GPIO chip /dev/gpiochip4 (not a Raspberry Pi?)") + hint;
    QTest::newRow("libgpiod, chip by label")
        << QStringLiteral("libgpiod") << QStringLiteral("pinctrl-rp1")
        << QStringLiteral("no GPIO chip labelled 'pinctrl-rp1': this machine has no "
                          "/dev/gpiochip* (not a Raspberry Pi?)") +
               hint;
#else
    const QString built = QStringLiteral("this smollama was built without libgpiod "
                                         "(SMOLLAMA_WITH_GPIO=OFF): rebuild it with libgpiod-dev "
                                         "installed, or use backend: sim to try GPIO without "
                                         "hardware");
    QTest::newRow("auto") << QStringLiteral("auto") << QString() << built;
    QTest::newRow("libgpiod") << QStringLiteral("libgpiod") << QStringLiteral("gpiochip7") << built;
#endif
}

void tst_GpioPlugin::missingChip()
{
    QFETCH(QString, backend);
    QFETCH(QString, chip);
    QFETCH(QString, message);

#ifdef SMOLLAMA_TEST_WITH_LIBGPIOD
    if (machineHasGpioChip()) {
        QSKIP("this machine has a GPIO chip; the missing-chip path needs one without");
    }
#endif
    QJsonObject config{{QStringLiteral("backend"), backend},
                       {QStringLiteral("pins"), QJsonArray{pin(17, QStringLiteral("button"))}}};
    if (!chip.isEmpty()) {
        config.insert(QStringLiteral("chip"), chip);
    }
    QList<Smollama::SchemaError> errors;
    const QJsonObject filled = complete(config, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));

    Instance instance;
    QVERIFY(create(&instance));
    // A plain error: the host shows missing_dependencies with this reason and runs on.
    const Result check = instance.plugin->checkDependencies(filled);
    QCOMPARE(codeName(check.code()), codeName(Result::Code::Error));
    QCOMPARE(check.message(), message);

    // Never a silent fall-back to the simulated chip.
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const Result setup = instance.plugin->setup(filled, &context);
    QCOMPARE(codeName(setup.code()), codeName(Result::Code::Error));
    QCOMPARE(setup.message(), message);
    QVERIFY(instance.readings->sources().isEmpty());
    QVERIFY(instance.toolProvider->tools().isEmpty());
    QJsonObject chipState;
    QMetaObject::invokeMethod(instance.object.get(), "simulatedChip", Qt::DirectConnection,
                              Q_RETURN_ARG(QJsonObject, chipState));
    QVERIFY(chipState.isEmpty());
}

// --- readings ---------------------------------------------------------------------------------

void tst_GpioPlugin::readings()
{
    Instance instance;
    QVERIFY(create(&instance));
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const QJsonObject config = simConfig(
        {pin(17, QStringLiteral("button"),
             {{QStringLiteral("pull"), QStringLiteral("up")},
              {QStringLiteral("edge"), QStringLiteral("both")}}),
         output(27, QStringLiteral("led")),
         output(22, QStringLiteral("relay"),
                {{QStringLiteral("active_low"), true},
                 {QStringLiteral("initial"), QStringLiteral("on")}}),
         pin(5, QStringLiteral("door"), {{QStringLiteral("pull"), QStringLiteral("down")}})});
    const Result started = start(&instance, &context, config);
    QVERIFY2(started.isOk(), qPrintable(started.message()));

    const QList<Smollama::SourceInfo> sources = instance.readings->sources();
    QStringList ids;
    for (const Smollama::SourceInfo &info : sources) {
        ids.append(info.id);
        QCOMPARE(info.unit, QString());
        QVERIFY(info.label.contains(info.id));
        QVERIFY(!info.description.isEmpty());
    }
    QCOMPARE(ids, (QStringList{QStringLiteral("button"), QStringLiteral("led"),
                               QStringLiteral("relay"), QStringLiteral("door")}));
    QVERIFY2(sources.at(0).description.contains(QLatin1String("published at once")),
             qPrintable(sources.at(0).description));
    QVERIFY2(sources.at(1).description.contains(QLatin1String("gpio_write")),
             qPrintable(sources.at(1).description));
    QVERIFY2(sources.at(2).description.contains(QLatin1String("active low")),
             qPrintable(sources.at(2).description));

    // One bool reading per pin, with the local id (the host prefixes "gpio:").
    const QList<Reading> readings = instance.readings->read();
    QCOMPARE(readings.size(), 4);
    const QList<bool> expected{true, false, true, false}; // pull-up, off, initial on, pull-down
    for (int i = 0; i < readings.size(); ++i) {
        const Reading &reading = readings.at(i);
        QCOMPARE(reading.source(), ids.at(i));
        QCOMPARE(reading.quality(), Reading::Quality::Ok);
        QCOMPARE(reading.value().typeId(), int(QMetaType::Bool));
        QCOMPARE(reading.value().toBool(), expected.at(i));
        QCOMPARE(reading.unit(), QString());
        QVERIFY(reading.timestamp().isValid());
    }
    // The relay is active-low and on: electrically low.
    QCOMPARE(instance.simulatedLine(22).value(QLatin1String("level")).toInt(), 0);
    QCOMPARE(instance.simulatedLine(22).value(QLatin1String("consumer")).toString(),
             QStringLiteral("smollama:relay"));
    QVERIFY(context.published().isEmpty()); // nothing happened yet

    instance.plugin->teardown();
    QVERIFY(instance.readings->read().isEmpty());
    QVERIFY(instance.readings->sources().isEmpty());
}

void tst_GpioPlugin::edgesArePublishedAtOnce_data()
{
    QTest::addColumn<QString>("edge");
    QTest::addColumn<QString>("pull");
    QTest::addColumn<bool>("activeLow");
    QTest::addColumn<QStringList>("drive");
    QTest::addColumn<QVariantList>("published");
    QTest::addColumn<int>("finalLevel");

    const QStringList onOffOn{QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("on")};
    QTest::newRow("both edges") << QStringLiteral("both") << QStringLiteral("down") << false
                                << onOffOn << QVariantList{true, false, true} << 1;
    QTest::newRow("rising only") << QStringLiteral("rising") << QStringLiteral("down") << false
                                 << onOffOn << QVariantList{true, true} << 1;
    QTest::newRow("falling only") << QStringLiteral("falling") << QStringLiteral("up") << false
                                  << QStringList{QStringLiteral("off"), QStringLiteral("on"),
                                                 QStringLiteral("off")}
                                  << QVariantList{false, false} << 0;
    // A button to ground with a pull-up: released is high (off), pressed is low (on).
    QTest::newRow("active low button") << QStringLiteral("both") << QStringLiteral("up") << true
                                       << QStringList{QStringLiteral("on"), QStringLiteral("off")}
                                       << QVariantList{true, false} << 1;
    QTest::newRow("active low, rising is pressing")
        << QStringLiteral("rising") << QStringLiteral("up") << true << onOffOn
        << QVariantList{true, true} << 0;
    QTest::newRow("same state twice is no edge")
        << QStringLiteral("both") << QStringLiteral("down") << false
        << QStringList{QStringLiteral("off"), QStringLiteral("on"), QStringLiteral("on")}
        << QVariantList{true} << 1;
}

void tst_GpioPlugin::edgesArePublishedAtOnce()
{
    QFETCH(QString, edge);
    QFETCH(QString, pull);
    QFETCH(bool, activeLow);
    QFETCH(QStringList, drive);
    QFETCH(QVariantList, published);
    QFETCH(int, finalLevel);

    Instance instance;
    QVERIFY(create(&instance));
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    // A long poll interval: nothing here may wait for it, and nothing calls read().
    const Result started = start(&instance, &context,
                                 simConfig({pin(17, QStringLiteral("button"),
                                                {{QStringLiteral("edge"), edge},
                                                 {QStringLiteral("pull"), pull},
                                                 {QStringLiteral("active_low"), activeLow}})},
                                           {{QStringLiteral("interval_s"), 3600}}));
    QVERIFY2(started.isOk(), qPrintable(started.message()));

    for (const QString &state : std::as_const(drive)) {
        const ToolResult result = instance.simulate(QStringLiteral("button"), state);
        QVERIFY2(result.isOk(), qPrintable(result.errorMessage()));
        QCOMPARE(result.value().toObject().value(QLatin1String("state")).toString(), state);
    }
    // Edges travel through the line's event fd and the QSocketNotifier, not through the call.
    QCOMPARE(context.publishedCount(), 0);
    QTRY_COMPARE(context.publishedCount(), published.size());
    QCOMPARE(publishedValues(context), published);
    for (const Reading &reading : context.published()) {
        QCOMPARE(reading.source(), QStringLiteral("button"));
        QCOMPARE(reading.value().typeId(), int(QMetaType::Bool));
        QCOMPARE(reading.quality(), Reading::Quality::Ok);
    }
    QCOMPARE(instance.simulatedLine(17).value(QLatin1String("level")).toInt(), finalLevel);
    QCOMPARE(instance.readingOf(QStringLiteral("button")).value().toBool(),
             drive.last() == QLatin1String("on"));
}

void tst_GpioPlugin::inputWithoutEdgeIsPolled()
{
    Instance instance;
    QVERIFY(create(&instance));
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const Result started =
        start(&instance, &context,
              simConfig({pin(5, QStringLiteral("door")),
                         pin(17, QStringLiteral("button"),
                             {{QStringLiteral("edge"), QStringLiteral("both")}})}));
    QVERIFY2(started.isOk(), qPrintable(started.message()));

    QVERIFY(instance.simulate(QStringLiteral("door"), QStringLiteral("on")).isOk());
    QVERIFY(instance.simulate(QStringLiteral("button"), QStringLiteral("on")).isOk());
    // Only the button's edge is pushed; the door shows up when polled.
    QTRY_COMPARE(context.publishedCount(), 1);
    QCOMPARE(context.published().at(0).source(), QStringLiteral("button"));
    QCOMPARE(instance.readingOf(QStringLiteral("door")).value(), QVariant(true));
}

void tst_GpioPlugin::debounce_data()
{
    QTest::addColumn<QString>("edge");
    QTest::addColumn<QStringList>("bounce");
    QTest::addColumn<QVariant>("settled");

    QTest::newRow("press with bounce, both edges")
        << QStringLiteral("both")
        << QStringList{QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("on"),
                       QStringLiteral("off"), QStringLiteral("on")}
        << QVariant(true);
    QTest::newRow("press with bounce, rising only")
        << QStringLiteral("rising")
        << QStringList{QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("on")}
        << QVariant(true);
    QTest::newRow("single edge") << QStringLiteral("both") << QStringList{QStringLiteral("on")}
                                 << QVariant(true);
}

void tst_GpioPlugin::debounce()
{
    QFETCH(QString, edge);
    QFETCH(QStringList, bounce);
    QFETCH(QVariant, settled);

    constexpr int debounceMs = 40;
    Instance instance;
    QVERIFY(create(&instance));
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const Result started = start(&instance, &context,
                                 simConfig({pin(17, QStringLiteral("button"),
                                                {{QStringLiteral("edge"), edge},
                                                 {QStringLiteral("debounce_ms"), debounceMs}})}));
    QVERIFY2(started.isOk(), qPrintable(started.message()));

    for (const QString &state : std::as_const(bounce)) {
        QVERIFY(instance.simulate(QStringLiteral("button"), state).isOk());
    }
    QElapsedTimer sinceLastEdge;
    sinceLastEdge.start();
    // One reading, the settled value, and not before the line was quiet for debounce_ms.
    QTRY_COMPARE(context.publishedCount(), 1);
    QVERIFY2(sinceLastEdge.elapsed() >= debounceMs,
             qPrintable(QString::number(sinceLastEdge.elapsed())));
    QCOMPARE(context.published().at(0).value(), settled);
    QCOMPARE(context.published().at(0).source(), QStringLiteral("button"));
}

void tst_GpioPlugin::debounceIgnoresBounceBack()
{
    constexpr int debounceMs = 30;
    const QJsonObject debounced{{QStringLiteral("edge"), QStringLiteral("both")},
                                {QStringLiteral("debounce_ms"), debounceMs}};
    Instance instance;
    QVERIFY(create(&instance));
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const Result started = start(&instance, &context,
                                 simConfig({pin(17, QStringLiteral("button"), debounced),
                                            pin(27, QStringLiteral("marker"), debounced)}));
    QVERIFY2(started.isOk(), qPrintable(started.message()));

    // A glitch that ends where it began is no change: nothing may be published. Absence has no
    // signal of its own, so a second input pressed after the glitch is the marker: its quiet
    // period starts after the button's and ends after it, so when the marker's reading is there
    // the button has decided too.
    QVERIFY(instance.simulate(QStringLiteral("button"), QStringLiteral("on")).isOk());
    QVERIFY(instance.simulate(QStringLiteral("button"), QStringLiteral("off")).isOk());
    QVERIFY(instance.simulate(QStringLiteral("marker"), QStringLiteral("on")).isOk());
    QTRY_COMPARE(context.publishedCount(), 1);
    QCOMPARE(context.published().at(0).source(), QStringLiteral("marker"));

    // A real press after it is published.
    QVERIFY(instance.simulate(QStringLiteral("button"), QStringLiteral("on")).isOk());
    QTRY_COMPARE(context.publishedCount(), 2);
    QCOMPARE(context.published().at(1).source(), QStringLiteral("button"));
    QCOMPARE(context.published().at(1).value(), QVariant(true));
}

void tst_GpioPlugin::edgesOnWorkerThread()
{
    // As the host runs an instance: moved to its own thread, setup(), tool calls and
    // teardown() there, edges delivered by that thread's event loop.
    Instance instance;
    QVERIFY(create(&instance));
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    QList<Smollama::SchemaError> errors;
    const QJsonObject config =
        complete(simConfig({pin(17, QStringLiteral("button"),
                                {{QStringLiteral("edge"), QStringLiteral("both")}}),
                            output(27, QStringLiteral("led"))}),
                 &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
    QVERIFY(instance.plugin->checkDependencies(config).isOk());

    QThread worker;
    worker.start();
    instance.object->moveToThread(&worker);
    auto onWorker = [&](const std::function<void()> &function) {
        QMetaObject::invokeMethod(instance.object.get(), function, Qt::BlockingQueuedConnection);
    };

    Result setup = Result::error(QStringLiteral("not run"));
    onWorker([&] { setup = instance.plugin->setup(config, &context); });
    QVERIFY2(setup.isOk(), qPrintable(setup.message()));
    ToolResult pressed = ToolResult::error(QString());
    onWorker([&] { pressed = instance.simulate(QStringLiteral("button"), QStringLiteral("on")); });
    QVERIFY2(pressed.isOk(), qPrintable(pressed.errorMessage()));
    QTRY_COMPARE(context.publishedCount(), 1); // published from the worker thread
    QCOMPARE(context.published().at(0).value(), QVariant(true));

    ToolResult written = ToolResult::error(QString());
    onWorker([&] { written = instance.write(QStringLiteral("led"), QStringLiteral("on")); });
    QVERIFY2(written.isOk(), qPrintable(written.errorMessage()));
    onWorker([&] { instance.plugin->teardown(); });
    worker.quit();
    QVERIFY(worker.wait(10000));
    QCOMPARE(instance.history(27), (QList<int>{0, 1, 0}));
    QVERIFY(!instance.simulatedLine(17).value(QLatin1String("requested")).toBool());
}

// --- tools ------------------------------------------------------------------------------------

void tst_GpioPlugin::toolsOffered_data()
{
    QTest::addColumn<QJsonArray>("pins");
    QTest::addColumn<QStringList>("tools");

    QTest::newRow("inputs and outputs")
        << QJsonArray{pin(17, QStringLiteral("button")), output(27, QStringLiteral("led"))}
        << QStringList{QStringLiteral("gpio_read"), QStringLiteral("gpio_write"),
                       QStringLiteral("gpio_simulate")};
    QTest::newRow("inputs only") << QJsonArray{pin(17, QStringLiteral("button"))}
                                 << QStringList{QStringLiteral("gpio_read"),
                                                QStringLiteral("gpio_simulate")};
    QTest::newRow("outputs only") << QJsonArray{output(27, QStringLiteral("led"))}
                                  << QStringList{QStringLiteral("gpio_read"),
                                                 QStringLiteral("gpio_write")};
    QTest::newRow("no pins") << QJsonArray() << QStringList();
}

void tst_GpioPlugin::toolsOffered()
{
    QFETCH(QJsonArray, pins);
    QFETCH(QStringList, tools);

    Instance instance;
    QVERIFY(create(&instance));
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const Result started = start(&instance, &context, simConfig(pins));
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    QCOMPARE(instance.toolNames(), tools);

    for (Smollama::Tool *tool : instance.toolProvider->tools()) {
        const QJsonObject schema = tool->parametersSchema();
        QVERIFY2(Smollama::JsonSchema(schema).isValid(), qPrintable(tool->name()));
        QVERIFY(schema.value(QLatin1String("required")).toArray().contains(QStringLiteral("name")));
        // The model learns the pin names from the description.
        for (const QJsonValue &p : pins) {
            const QJsonObject object = p.toObject();
            const bool isOutput =
                object.value(QLatin1String("mode")).toString() == QLatin1String("output");
            const bool listed = tool->name() == QLatin1String("gpio_read") ||
                                (tool->name() == QLatin1String("gpio_write")) == isOutput;
            QCOMPARE(tool->description().contains(object.value(QLatin1String("name")).toString() +
                                                  QStringLiteral(" (GPIO")),
                     listed);
        }
    }
    if (Smollama::Tool *write = instance.tool(QStringLiteral("gpio_write"))) {
        const QJsonArray states = write->parametersSchema()
                                      .value(QLatin1String("properties"))
                                      .toObject()
                                      .value(QLatin1String("state"))
                                      .toObject()
                                      .value(QLatin1String("enum"))
                                      .toArray();
        QCOMPARE(states, (QJsonArray{QStringLiteral("on"), QStringLiteral("off"),
                                     QStringLiteral("toggle")}));
    }
    instance.plugin->teardown();
    QVERIFY(instance.toolProvider->tools().isEmpty());
}

void tst_GpioPlugin::gpioRead()
{
    Instance instance;
    QVERIFY(create(&instance));
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const Result started = start(&instance, &context,
                                 simConfig({pin(17, QStringLiteral("button"),
                                                {{QStringLiteral("pull"), QStringLiteral("up")}}),
                                            output(27, QStringLiteral("led"))}));
    QVERIFY2(started.isOk(), qPrintable(started.message()));

    const ToolResult button = instance.call(QStringLiteral("gpio_read"),
                                            {{QStringLiteral("name"), QStringLiteral("button")}});
    QVERIFY2(button.isOk(), qPrintable(button.errorMessage()));
    QCOMPARE(button.value().toObject(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("button")},
                          {QStringLiteral("pin"), 17},
                          {QStringLiteral("mode"), QStringLiteral("input")},
                          {QStringLiteral("state"), QStringLiteral("on")}}));
    const ToolResult led = instance.call(QStringLiteral("gpio_read"),
                                         {{QStringLiteral("name"), QStringLiteral("led")}});
    QVERIFY2(led.isOk(), qPrintable(led.errorMessage()));
    QCOMPARE(led.value().toObject(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("led")},
                          {QStringLiteral("pin"), 27},
                          {QStringLiteral("mode"), QStringLiteral("output")},
                          {QStringLiteral("state"), QStringLiteral("off")}}));
    QVERIFY(context.published().isEmpty()); // reading changes nothing
}

void tst_GpioPlugin::writeAndToggle_data()
{
    QTest::addColumn<bool>("activeLow");
    QTest::addColumn<QString>("initial");
    QTest::addColumn<QStringList>("writes");
    QTest::addColumn<QStringList>("states");
    QTest::addColumn<QList<int>>("levels");

    const QStringList writes{QStringLiteral("on"), QStringLiteral("toggle"),
                             QStringLiteral("toggle"), QStringLiteral("on"), QStringLiteral("off")};
    const QStringList states{QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("on"),
                             QStringLiteral("on"), QStringLiteral("off")};
    // Electrical levels: the initial one at setup, then one per write.
    QTest::newRow("active high") << false << QStringLiteral("off") << writes << states
                                 << QList<int>{0, 1, 0, 1, 1, 0};
    QTest::newRow("active low (relay board)")
        << true << QStringLiteral("off") << writes << states << QList<int>{1, 0, 1, 0, 0, 1};
    QTest::newRow("initial on, toggled off")
        << false << QStringLiteral("on") << QStringList{QStringLiteral("toggle")}
        << QStringList{QStringLiteral("off")} << QList<int>{1, 0};
    QTest::newRow("active low, initial on")
        << true << QStringLiteral("on") << QStringList{QStringLiteral("toggle")}
        << QStringList{QStringLiteral("off")} << QList<int>{0, 1};
}

void tst_GpioPlugin::writeAndToggle()
{
    QFETCH(bool, activeLow);
    QFETCH(QString, initial);
    QFETCH(QStringList, writes);
    QFETCH(QStringList, states);
    QFETCH(QList<int>, levels);

    Instance instance;
    QVERIFY(create(&instance));
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const Result started = start(&instance, &context,
                                 simConfig({output(27, QStringLiteral("led"),
                                                   {{QStringLiteral("active_low"), activeLow},
                                                    {QStringLiteral("initial"), initial}})}));
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    QCOMPARE(instance.readingOf(QStringLiteral("led")).value().toBool(),
             initial == QLatin1String("on"));

    for (int i = 0; i < writes.size(); ++i) {
        const ToolResult result = instance.write(QStringLiteral("led"), writes.at(i));
        QVERIFY2(result.isOk(), qPrintable(result.errorMessage()));
        QCOMPARE(result.value().toObject(),
                 (QJsonObject{{QStringLiteral("name"), QStringLiteral("led")},
                              {QStringLiteral("pin"), 27},
                              {QStringLiteral("mode"), QStringLiteral("output")},
                              {QStringLiteral("state"), states.at(i)}}));
        const bool on = states.at(i) == QLatin1String("on");
        QCOMPARE(instance.readingOf(QStringLiteral("led")).value().toBool(), on);
        // Published at once, so the dashboard does not wait for the next poll.
        QCOMPARE(context.publishedCount(), i + 1);
        QCOMPARE(context.published().last().value(), QVariant(on));
    }
    QCOMPARE(instance.history(27), levels);
}

void tst_GpioPlugin::toolErrors_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QJsonObject>("arguments");
    QTest::addColumn<QString>("message");

    QTest::newRow("write to an input")
        << QStringLiteral("gpio_write")
        << QJsonObject{{QStringLiteral("name"), QStringLiteral("button")},
                       {QStringLiteral("state"), QStringLiteral("on")}}
        << QStringLiteral("pin 'button' (17) is an input; only output pins can be written");
    QTest::newRow("write to an unknown pin")
        << QStringLiteral("gpio_write")
        << QJsonObject{{QStringLiteral("name"), QStringLiteral("lamp")},
                       {QStringLiteral("state"), QStringLiteral("on")}}
        << QStringLiteral("no pin named 'lamp'; the output pins are: led (GPIO 27), fan (GPIO 22)");
    QTest::newRow("write with a bad state")
        << QStringLiteral("gpio_write")
        << QJsonObject{{QStringLiteral("name"), QStringLiteral("led")},
                       {QStringLiteral("state"), QStringLiteral("dim")}}
        << QStringLiteral("state must be on, off or toggle (got 'dim')");
    QTest::newRow("read an unknown pin")
        << QStringLiteral("gpio_read")
        << QJsonObject{{QStringLiteral("name"), QStringLiteral("Button")}}
        << QStringLiteral("no pin named 'Button'; the pins are: button (GPIO 17), led (GPIO 27), "
                          "fan (GPIO 22)");
    QTest::newRow("simulate an output")
        << QStringLiteral("gpio_simulate")
        << QJsonObject{{QStringLiteral("name"), QStringLiteral("led")},
                       {QStringLiteral("state"), QStringLiteral("on")}}
        << QStringLiteral("pin 'led' (27) is an output; gpio_simulate drives simulated inputs "
                          "only (use gpio_write for outputs)");
    QTest::newRow("simulate an unknown pin")
        << QStringLiteral("gpio_simulate")
        << QJsonObject{{QStringLiteral("name"), QStringLiteral("door")},
                       {QStringLiteral("state"), QStringLiteral("on")}}
        << QStringLiteral("no pin named 'door'; the input pins are: button (GPIO 17)");
}

void tst_GpioPlugin::toolErrors()
{
    QFETCH(QString, tool);
    QFETCH(QJsonObject, arguments);
    QFETCH(QString, message);

    Instance instance;
    QVERIFY(create(&instance));
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const Result started =
        start(&instance, &context,
              simConfig({pin(17, QStringLiteral("button")), output(27, QStringLiteral("led")),
                         output(22, QStringLiteral("fan"))}));
    QVERIFY2(started.isOk(), qPrintable(started.message()));

    const ToolResult result = instance.call(tool, arguments);
    QVERIFY(!result.isOk());
    QCOMPARE(result.errorMessage(), message);
    // Refused calls change nothing.
    QCOMPARE(instance.history(27), QList<int>{0});
    QCOMPARE(instance.history(22), QList<int>{0});
    QCOMPARE(instance.readingOf(QStringLiteral("button")).value(), QVariant(false));
    QVERIFY(context.published().isEmpty());
}

// --- teardown and busy lines ------------------------------------------------------------------

void tst_GpioPlugin::teardownLeavesSafeState_data()
{
    QTest::addColumn<bool>("activeLow");
    QTest::addColumn<QString>("safeState");
    QTest::addColumn<QString>("written");
    QTest::addColumn<QList<int>>("levels");

    // The Python version switched active-low LEDs on at shutdown: "off" must stay off.
    QTest::newRow("active high, safe off")
        << false << QStringLiteral("off") << QStringLiteral("on") << QList<int>{0, 1, 0};
    QTest::newRow("active low, safe off")
        << true << QStringLiteral("off") << QStringLiteral("on") << QList<int>{1, 0, 1};
    QTest::newRow("active high, safe on")
        << false << QStringLiteral("on") << QStringLiteral("off") << QList<int>{0, 0, 1};
    QTest::newRow("active low, safe on")
        << true << QStringLiteral("on") << QStringLiteral("off") << QList<int>{1, 1, 0};
}

void tst_GpioPlugin::teardownLeavesSafeState()
{
    QFETCH(bool, activeLow);
    QFETCH(QString, safeState);
    QFETCH(QString, written);
    QFETCH(QList<int>, levels);

    const QJsonObject config = simConfig(
        {pin(17, QStringLiteral("button"), {{QStringLiteral("edge"), QStringLiteral("both")}}),
         output(27, QStringLiteral("relay"),
                {{QStringLiteral("active_low"), activeLow},
                 {QStringLiteral("safe_state"), safeState}})});
    Instance instance;
    QVERIFY(create(&instance));
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const Result started = start(&instance, &context, config);
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    QVERIFY(instance.write(QStringLiteral("relay"), written).isOk());

    instance.plugin->teardown();
    QCOMPARE(instance.history(27), levels);
    QCOMPARE(instance.simulatedLine(27).value(QLatin1String("level")).toInt(), levels.last());
    // Every line released: nothing claimed, no tool, no source.
    for (int offset : {17, 27}) {
        const QJsonObject line = instance.simulatedLine(offset);
        QVERIFY2(!line.value(QLatin1String("requested")).toBool(),
                 QJsonDocument(line).toJson().constData());
        QCOMPARE(line.value(QLatin1String("consumer")).toString(), QString());
    }
    QVERIFY(instance.toolProvider->tools().isEmpty());
    QVERIFY(instance.readings->read().isEmpty());

    // So the next owner (a restart, another instance) can claim the same lines.
    Instance next;
    QVERIFY(create(&next));
    FakePluginContext nextContext(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const Result restarted = start(&next, &nextContext, config);
    QVERIFY2(restarted.isOk(), qPrintable(restarted.message()));
}

void tst_GpioPlugin::busyLine_data()
{
    QTest::addColumn<bool>("otherInstance");
    QTest::addColumn<QString>("message");

    QTest::newRow("held by a kernel driver (sim_busy)")
        << false
        << QStringLiteral("line 17 (button) is busy: used by \"spi0 CS0\"; free it (disable the "
                          "overlay or stop the program using it) or choose another pin");
    QTest::newRow("held by another instance")
        << true
        << QStringLiteral("line 17 (button) is busy: used by \"smollama:door\"; free it (disable "
                          "the overlay or stop the program using it) or choose another pin");
}

void tst_GpioPlugin::busyLine()
{
    QFETCH(bool, otherInstance);
    QFETCH(QString, message);

    // The first instance (another process on real hardware) holds line 17.
    Instance holder;
    QVERIFY(create(&holder));
    FakePluginContext holderContext(QStringLiteral("gpio_other"), {},
                                    Smollama::PluginMetadata(m_manifest));
    if (otherInstance) {
        const Result held =
            start(&holder, &holderContext, simConfig({pin(17, QStringLiteral("door"))}));
        QVERIFY2(held.isOk(), qPrintable(held.message()));
    }

    QJsonObject extra;
    if (!otherInstance) {
        extra.insert(QStringLiteral("sim_busy"),
                     QJsonObject{{QStringLiteral("17"), QStringLiteral("spi0 CS0")}});
    }
    const QJsonObject config = complete(simConfig(
        {output(27, QStringLiteral("led"), {{QStringLiteral("initial"), QStringLiteral("on")}}),
         pin(17, QStringLiteral("button"))},
        extra));
    Instance instance;
    QVERIFY(create(&instance));
    // Looking claims nothing, so the dry run cannot know; setup() does.
    QVERIFY(instance.plugin->checkDependencies(config).isOk());
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const Result setup = instance.plugin->setup(config, &context);
    QCOMPARE(codeName(setup.code()), codeName(Result::Code::Error)); // shown as failed
    QCOMPARE(setup.message(), message);

    // What it claimed before failing is released, outputs in their safe state.
    QCOMPARE(instance.history(27), (QList<int>{1, 0}));
    QVERIFY(!instance.simulatedLine(27).value(QLatin1String("requested")).toBool());
    QVERIFY(instance.toolProvider->tools().isEmpty());
    const QJsonObject line17 = holder.simulatedLine(17);
    QCOMPARE(line17.value(QLatin1String("requested")).toBool(), otherInstance);
}

// --- configurations shipped or migrated -------------------------------------------------------

void tst_GpioPlugin::shippedConfigs_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("sources");
    QTest::addColumn<bool>("usesHardware");

    QTest::newRow("config.example.yaml (desktop: sim)")
        << QStringLiteral(SMOLLAMA_SOURCE_DIR "/config.example.yaml")
        << QStringList{QStringLiteral("button"), QStringLiteral("led")} << false;
    QTest::newRow("Python config, mock: true")
        << QStringLiteral(SMOLLAMA_SOURCE_DIR "/tests/config/data/python-config.yaml")
        << QStringList{QStringLiteral("motion_sensor"), QStringLiteral("door_switch")} << false;
    QTest::newRow("Python plugins config, mock: false")
        << QStringLiteral(SMOLLAMA_SOURCE_DIR "/tests/config/data/python-plugins.yaml")
        << QStringList{QStringLiteral("motion_sensor"), QStringLiteral("door_switch")} << true;
}

void tst_GpioPlugin::shippedConfigs()
{
    QFETCH(QString, file);
    QFETCH(QStringList, sources);
    QFETCH(bool, usesHardware);

    const Smollama::Config loaded = Smollama::Config::load(file, QProcessEnvironment());
    QVERIFY2(!loaded.hasErrors(), qPrintable(file));
    QJsonObject written;
    bool found = false;
    const QList<Smollama::InstanceConfig> instances = loaded.instances();
    for (const Smollama::InstanceConfig &instanceConfig : instances) {
        if (instanceConfig.module == QLatin1String("gpio")) {
            written = instanceConfig.config;
            found = true;
        }
    }
    QVERIFY2(found, "no gpio instance");

    QList<Smollama::SchemaError> errors;
    const QJsonObject config = complete(written, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));

    Instance instance;
    QVERIFY(create(&instance));
    const Result check = instance.plugin->checkDependencies(config);
    if (usesHardware) {
        if (machineHasGpioChip()) {
            QSKIP("this machine has a GPIO chip");
        }
        // Not a config problem: the pins are fine, the chip is missing (missing_dependencies).
        QCOMPARE(codeName(check.code()), codeName(Result::Code::Error));
        return;
    }
    QVERIFY2(check.isOk(), qPrintable(check.message()));
    FakePluginContext context(QStringLiteral("gpio"), {}, Smollama::PluginMetadata(m_manifest));
    const Result setup = instance.plugin->setup(config, &context);
    QVERIFY2(setup.isOk(), qPrintable(setup.message()));
    QStringList ids;
    for (const Smollama::SourceInfo &info : instance.readings->sources()) {
        ids.append(info.id);
    }
    QCOMPARE(ids, sources);
    QCOMPARE(instance.readings->read().size(), sources.size());
    instance.plugin->teardown();
}

QTEST_GUILESS_MAIN(tst_GpioPlugin)

#include "tst_gpioplugin.moc"
