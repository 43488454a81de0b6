// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/config.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using Smollama::Config;
using Smollama::ConfigDiagnostic;
using Smollama::ConfigLocation;
using Smollama::InstanceConfig;
using Severity = Smollama::ConfigDiagnostic::Severity;

Q_DECLARE_METATYPE(Smollama::ConfigDiagnostic::Severity)

namespace {

// Tests never see the real environment: the machine running them may set SMOLLAMA_*.
QProcessEnvironment noEnv()
{
    return QProcessEnvironment();
}

Config parse(const QByteArray &yaml, const QProcessEnvironment &env = noEnv())
{
    return Config::fromYaml(yaml, QStringLiteral("test.yaml"), env);
}

QString dump(const Config &config)
{
    QStringList lines;
    const QList<ConfigDiagnostic> diagnostics = config.diagnostics();
    for (const ConfigDiagnostic &d : diagnostics) {
        lines.append(d.toString());
    }
    return lines.isEmpty() ? QStringLiteral("(no diagnostics)") : lines.join(QLatin1Char('\n'));
}

QList<ConfigDiagnostic> withSeverity(const Config &config, Severity severity)
{
    QList<ConfigDiagnostic> out;
    const QList<ConfigDiagnostic> diagnostics = config.diagnostics();
    for (const ConfigDiagnostic &d : diagnostics) {
        if (d.severity == severity) {
            out.append(d);
        }
    }
    return out;
}

QList<ConfigDiagnostic> forKey(const Config &config, const QString &key)
{
    QList<ConfigDiagnostic> out;
    const QList<ConfigDiagnostic> diagnostics = config.diagnostics();
    for (const ConfigDiagnostic &d : diagnostics) {
        if (d.key == key) {
            out.append(d);
        }
    }
    return out;
}

QStringList instanceNames(const Config &config)
{
    QStringList out;
    const QList<InstanceConfig> instances = config.instances();
    for (const InstanceConfig &i : instances) {
        out.append(i.name);
    }
    return out;
}

std::optional<InstanceConfig> instance(const Config &config, const QString &name)
{
    const QList<InstanceConfig> instances = config.instances();
    for (const InstanceConfig &i : instances) {
        if (i.name == name) {
            return i;
        }
    }
    return std::nullopt;
}

// The value at "section.key" of the effective configuration.
QJsonValue effective(const Config &config, const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('.'));
    QJsonValue v = config.toJson();
    for (const QString &p : parts) {
        v = v.toObject().value(p);
    }
    return v;
}

// 1-based line of the \a occurrence-th (0-based) line containing \a needle.
int lineOf(const QByteArray &text, const QByteArray &needle, int occurrence = 0)
{
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).contains(needle) && occurrence-- == 0) {
            return i + 1;
        }
    }
    return -1;
}

// 1-based line of the first line starting with \a prefix.
int lineStartingWith(const QByteArray &text, const QByteArray &prefix)
{
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).startsWith(prefix)) {
            return i + 1;
        }
    }
    return -1;
}

QByteArray readSourceFile(const QString &relativePath)
{
    QFile file(QStringLiteral(SMOLLAMA_SOURCE_DIR "/") + relativePath);
    if (!file.open(QIODevice::ReadOnly)) {
        return QByteArray();
    }
    return file.readAll();
}

QString sourcePath(const QString &relativePath)
{
    return QStringLiteral(SMOLLAMA_SOURCE_DIR "/") + relativePath;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class tst_Config : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults_data();
    void defaults();
    void defaultInstances();
    void emptyValuesMeanDefaults_data();
    void emptyValuesMeanDefaults();
    void scalars_data();
    void scalars();
    void newFormatInstances();
    void pythonFormat();
    void pythonFormatWithPlugins();
    void legacyGpio_data();
    void legacyGpio();
    void legacyMqtt_data();
    void legacyMqtt();
    void syntaxError_data();
    void syntaxError();
    void wrongType_data();
    void wrongType();
    void unknownKey_data();
    void unknownKey();
    void pluginConfigIsNotChecked();
    void badInstanceName_data();
    void badInstanceName();
    void duplicateKey();
    void rootNotAMap();
    void hostileDocuments_data();
    void hostileDocuments();
    void environment_data();
    void environment();
    void environmentUrlWins();
    void environmentInvalidPort_data();
    void environmentInvalidPort();
    void pluginPaths();
    void locate_data();
    void locate();
    void missingFile();
    void searchLocations();
    void diagnosticToString_data();
    void diagnosticToString();
    void exampleConfig();
};

void tst_Config::defaults_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("expected");

    QTest::newRow("node.name") << "node.name" << QJsonValue(QString());
    QTest::newRow("ollama.url") << "ollama.url" << QJsonValue(QString());
    QTest::newRow("ollama.host") << "ollama.host" << QJsonValue(QStringLiteral("localhost"));
    QTest::newRow("ollama.port") << "ollama.port" << QJsonValue(11434);
    QTest::newRow("ollama.model") << "ollama.model" << QJsonValue(QStringLiteral("llama3.2:1b"));
    QTest::newRow("ollama.keep_alive") << "ollama.keep_alive" << QJsonValue(QStringLiteral("5m"));
    QTest::newRow("ollama.connect_timeout_s") << "ollama.connect_timeout_s" << QJsonValue(5);
    QTest::newRow("ollama.timeout_s") << "ollama.timeout_s" << QJsonValue(120);
    QTest::newRow("ollama.think") << "ollama.think" << QJsonValue(false);
    QTest::newRow("agent.max_tool_iterations") << "agent.max_tool_iterations" << QJsonValue(10);
    QTest::newRow("agent.rules") << "agent.rules" << QJsonValue(QJsonArray());
    QTest::newRow("http.enabled") << "http.enabled" << QJsonValue(true);
    QTest::newRow("http.host") << "http.host" << QJsonValue(QStringLiteral("127.0.0.1"));
    QTest::newRow("http.port") << "http.port" << QJsonValue(8080);
    QTest::newRow("http.public_read") << "http.public_read" << QJsonValue(false);
    // Empty: readings.db in the state folder (StatePaths), which differs for the service.
    QTest::newRow("history.database") << "history.database" << QJsonValue(QString());
    QTest::newRow("history.retention_days") << "history.retention_days" << QJsonValue(7);
    QTest::newRow("history.persist") << "history.persist" << QJsonValue(true);
    QTest::newRow("history.remote_raw_seconds") << "history.remote_raw_seconds" << QJsonValue(120);
    QTest::newRow("history.remote_memory_minutes")
        << "history.remote_memory_minutes" << QJsonValue(60);
    QTest::newRow("readings.default_interval_s") << "readings.default_interval_s" << QJsonValue(5);
    QTest::newRow("readings.read_timeout_s") << "readings.read_timeout_s" << QJsonValue(2);
    QTest::newRow("log.level") << "log.level" << QJsonValue(QStringLiteral("info"));
    QTest::newRow("plugins.paths") << "plugins.paths" << QJsonValue(QJsonArray());
}

void tst_Config::defaults()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, expected);

    // No file at all, an empty file and a file with only other sections all give the defaults.
    const Config none;
    const Config noFile = Config::load(QString(), noEnv());
    const Config empty = parse("");
    const Config other = parse("plugins: {}\nnode: {name: x}\n");
    for (const Config *c : {&none, &noFile, &empty, &other}) {
        QVERIFY2(!c->hasErrors(), qPrintable(dump(*c)));
        if (path != QLatin1String("node.name")) {
            QCOMPARE(effective(*c, path), expected);
        }
    }
    QCOMPARE(effective(none, path), expected);
    QVERIFY(!effective(none, QStringLiteral("agent.system_prompt")).toString().isEmpty());
    QCOMPARE(none.nodeName(), QSysInfo::machineHostName());
    QCOMPARE(other.nodeName(), QStringLiteral("x"));
}

void tst_Config::defaultInstances()
{
    // Without a file (documented): valid, no diagnostics, system and gpio enabled with their
    // defaults, as for a file in the earlier format.
    const Config none;
    QVERIFY(none.diagnostics().isEmpty());
    QVERIFY(none.filePath().isEmpty());
    QVERIFY(!none.isLegacy());
    QVERIFY(!none.hasPluginsSection());
    QCOMPARE(instanceNames(none), QStringList({QStringLiteral("system"), QStringLiteral("gpio")}));
    const QList<InstanceConfig> instances = none.instances();
    for (const InstanceConfig &i : instances) {
        QVERIFY(i.enabled);
        QVERIFY(i.builtin);
        QCOMPARE(i.module, i.name);
        QVERIFY(i.config.isEmpty());
        QCOMPARE(i.configKeyPath, QStringLiteral("plugins.builtin.%1.config").arg(i.name));
    }

    // A plugins: section lists exactly what runs: nothing here.
    const Config explicitNone = parse("plugins: {}\n");
    QVERIFY(explicitNone.hasPluginsSection());
    QVERIFY(!explicitNone.isLegacy());
    QVERIFY(explicitNone.instances().isEmpty());
}

void tst_Config::emptyValuesMeanDefaults_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("expected");

    QTest::newRow("empty section") << QByteArray("ollama:\n") << "ollama.port" << QJsonValue(11434);
    QTest::newRow("section with all keys commented out")
        << QByteArray("http:\n  # port: 9000\n") << "http.port" << QJsonValue(8080);
    QTest::newRow("empty value") << QByteArray("ollama:\n  model:\n") << "ollama.model"
                                 << QJsonValue(QStringLiteral("llama3.2:1b"));
    QTest::newRow("tilde") << QByteArray("log:\n  level: ~\n") << "log.level"
                           << QJsonValue(QStringLiteral("info"));
}

void tst_Config::emptyValuesMeanDefaults()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, path);
    QFETCH(QJsonValue, expected);

    const Config config = parse(yaml);
    QVERIFY2(withSeverity(config, Severity::Error).isEmpty(), qPrintable(dump(config)));
    QVERIFY2(withSeverity(config, Severity::Warning).isEmpty(), qPrintable(dump(config)));
    QCOMPARE(effective(config, path), expected);
}

void tst_Config::scalars_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QJsonValue>("expected");

    QTest::newRow("decimal") << QByteArray("17") << QJsonValue(17);
    QTest::newRow("negative") << QByteArray("-5") << QJsonValue(-5);
    QTest::newRow("leading zero is decimal") << QByteArray("017") << QJsonValue(17);
    QTest::newRow("hex") << QByteArray("0x27") << QJsonValue(0x27);
    QTest::newRow("hex upper digits") << QByteArray("0x3F") << QJsonValue(0x3f);
    QTest::newRow("octal") << QByteArray("0o17") << QJsonValue(15);
    QTest::newRow("float") << QByteArray("2.5") << QJsonValue(2.5);
    QTest::newRow("exponent") << QByteArray("1e3") << QJsonValue(1000);
    QTest::newRow("true") << QByteArray("true") << QJsonValue(true);
    QTest::newRow("True") << QByteArray("True") << QJsonValue(true);
    QTest::newRow("FALSE") << QByteArray("FALSE") << QJsonValue(false);
    QTest::newRow("yes") << QByteArray("yes") << QJsonValue(true);
    QTest::newRow("No") << QByteArray("No") << QJsonValue(false);
    QTest::newRow("on") << QByteArray("on") << QJsonValue(true);
    QTest::newRow("OFF") << QByteArray("OFF") << QJsonValue(false);
    QTest::newRow("tilde") << QByteArray("~") << QJsonValue(QJsonValue::Null);
    QTest::newRow("null") << QByteArray("null") << QJsonValue(QJsonValue::Null);
    QTest::newRow("NULL") << QByteArray("NULL") << QJsonValue(QJsonValue::Null);
    QTest::newRow("empty") << QByteArray("") << QJsonValue(QJsonValue::Null);
    QTest::newRow("quoted number") << QByteArray("\"17\"") << QJsonValue(QStringLiteral("17"));
    QTest::newRow("quoted bool") << QByteArray("'yes'") << QJsonValue(QStringLiteral("yes"));
    QTest::newRow("quoted null") << QByteArray("'null'") << QJsonValue(QStringLiteral("null"));
    QTest::newRow("!!str tag") << QByteArray("!!str 17") << QJsonValue(QStringLiteral("17"));
    QTest::newRow("duration") << QByteArray("5m") << QJsonValue(QStringLiteral("5m"));
    QTest::newRow("version") << QByteArray("1.2.3") << QJsonValue(QStringLiteral("1.2.3"));
    QTest::newRow("word") << QByteArray("input") << QJsonValue(QStringLiteral("input"));
    QTest::newRow("not hex") << QByteArray("0xZZ") << QJsonValue(QStringLiteral("0xZZ"));
    QTest::newRow("block scalar") << QByteArray("|\n          17\n")
                                  << QJsonValue(QStringLiteral("17\n"));
}

void tst_Config::scalars()
{
    QFETCH(QByteArray, text);
    QFETCH(QJsonValue, expected);

    // Plugin configs are kept as written, so they show the conversion untouched by the schema.
    const Config config =
        parse("plugins:\n  builtin:\n    probe:\n      config:\n        v: " + text + "\n");
    QVERIFY2(!config.hasErrors(), qPrintable(dump(config)));
    const auto probe = instance(config, QStringLiteral("probe"));
    QVERIFY(probe);
    QVERIFY(probe->config.contains(QLatin1String("v")));
    QCOMPARE(probe->config.value(QLatin1String("v")), expected);
}

void tst_Config::newFormatInstances()
{
    const QByteArray yaml = "plugins:\n"
                            "  builtin:\n"
                            "    system:\n"
                            "      config:\n"
                            "        interval_s: 10\n"
                            "    gpio:\n"
                            "      enabled: false\n"
                            "    alpha:\n"
                            "  custom:\n"
                            "    - name: greenhouse\n"
                            "      module: i2c_temp\n"
                            "      config: {bus: 1, address: 0x76}\n"
                            "    - name: bme280\n"
                            "      enabled: false\n";
    const Config config = parse(yaml);
    QVERIFY2(config.diagnostics().isEmpty(), qPrintable(dump(config)));
    QVERIFY(config.hasPluginsSection());
    QVERIFY(!config.isLegacy());

    // Builtins in file order (not alphabetical), then custom entries in list order.
    QCOMPARE(instanceNames(config),
             QStringList({QStringLiteral("system"), QStringLiteral("gpio"), QStringLiteral("alpha"),
                          QStringLiteral("greenhouse"), QStringLiteral("bme280")}));
    const QList<InstanceConfig> all = config.instances();

    const InstanceConfig &system = all.at(0);
    QVERIFY(system.builtin);
    QVERIFY(system.enabled);
    QCOMPARE(system.module, QStringLiteral("system"));
    QCOMPARE(system.config.value(QLatin1String("interval_s")), QJsonValue(10));
    QCOMPARE(system.configKeyPath, QStringLiteral("plugins.builtin.system.config"));
    QCOMPARE(system.location.line, 3);
    QCOMPARE(system.location.column, 5);
    QCOMPARE(system.location.file, QStringLiteral("test.yaml"));

    QVERIFY(!all.at(1).enabled);
    QVERIFY(all.at(2).enabled); // an empty entry enables the plugin with its defaults
    QVERIFY(all.at(2).config.isEmpty());

    const InstanceConfig &greenhouse = all.at(3);
    QVERIFY(!greenhouse.builtin);
    QVERIFY(greenhouse.enabled);
    QCOMPARE(greenhouse.module, QStringLiteral("i2c_temp"));
    QCOMPARE(greenhouse.config.value(QLatin1String("address")), QJsonValue(0x76));
    QCOMPARE(greenhouse.configKeyPath, QStringLiteral("plugins.custom[0].config"));
    QCOMPARE(greenhouse.location.line, 10);

    // No module: the name is the plugin (the Python smollama's custom entries).
    const InstanceConfig &bme = all.at(4);
    QCOMPARE(bme.module, QStringLiteral("bme280"));
    QVERIFY(!bme.enabled);
    QCOMPARE(bme.configKeyPath, QStringLiteral("plugins.custom[1].config"));

    // The effective JSON has the instances with defaults filled in.
    const QJsonObject plugins = config.section(QStringLiteral("plugins"));
    QCOMPARE(plugins.value(QLatin1String("custom"))
                 .toArray()
                 .at(1)
                 .toObject()
                 .value(QLatin1String("module")),
             QJsonValue(QStringLiteral("bme280")));
    QCOMPARE(plugins.value(QLatin1String("builtin"))
                 .toObject()
                 .value(QLatin1String("alpha"))
                 .toObject()
                 .value(QLatin1String("enabled")),
             QJsonValue(true));
}

void tst_Config::pythonFormat()
{
    const QString path = sourcePath(QStringLiteral("tests/config/data/python-config.yaml"));
    const QByteArray text = readSourceFile(QStringLiteral("tests/config/data/python-config.yaml"));
    QVERIFY(!text.isEmpty());
    const Config config = Config::load(path, noEnv());

    QVERIFY2(!config.hasErrors(), qPrintable(dump(config)));
    QVERIFY2(withSeverity(config, Severity::Warning).isEmpty(), qPrintable(dump(config)));
    QCOMPARE(config.filePath(), path);
    QVERIFY(config.isLegacy());
    QVERIFY(!config.hasPluginsSection());

    // The sections this version reads are read.
    QCOMPARE(config.nodeName(), QStringLiteral("pi-living-room"));
    QCOMPARE(effective(config, QStringLiteral("ollama.model")),
             QJsonValue(QStringLiteral("gemma4:e2b")));
    QCOMPARE(effective(config, QStringLiteral("ollama.keep_alive")),
             QJsonValue(QStringLiteral("-1")));
    QCOMPARE(effective(config, QStringLiteral("agent.ollama_retry_backoff_seconds")),
             QJsonValue(2));
    QVERIFY(effective(config, QStringLiteral("agent.system_prompt"))
                .toString()
                .startsWith(QLatin1String("You are a home automation assistant")));
    QVERIFY(!config.toJson().contains(QLatin1String("mqtt")));

    // The mqtt section configures the mqtt plugin: one info at its line saying how to write it.
    const QList<ConfigDiagnostic> mqtt = forKey(config, QStringLiteral("mqtt"));
    QCOMPARE(mqtt.size(), 1);
    QCOMPARE(mqtt.first().severity, Severity::Info);
    QCOMPARE(mqtt.first().location.line, lineStartingWith(text, "mqtt:"));
    for (const char *part :
         {"mqtt.broker → host", "mqtt.port → port", "mqtt.topics.publish_prefix → base_topic",
          "plugins.builtin.mqtt.config", "answer_questions: true"}) {
        QVERIFY2(mqtt.first().message.contains(QString::fromUtf8(part)),
                 qPrintable(mqtt.first().message));
    }
    const auto mqttInstance = instance(config, QStringLiteral("mqtt"));
    QVERIFY(mqttInstance);
    QVERIFY(mqttInstance->builtin && mqttInstance->enabled);
    QCOMPARE(mqttInstance->config,
             (QJsonObject{{QStringLiteral("host"), QStringLiteral("localhost")},
                          {QStringLiteral("port"), 1883},
                          {QStringLiteral("base_topic"), QStringLiteral("smollama")}}));
    QCOMPARE(config.locate(QStringLiteral("plugins.builtin.mqtt.config.host")).line,
             lineOf(text, "broker:", 0));

    // Each unsupported section: one info at its line, never an error.
    for (const char *section : {"memory", "sync", "mem0"}) {
        const QString name = QString::fromLatin1(section);
        const QList<ConfigDiagnostic> found = forKey(config, name);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().severity, Severity::Info);
        QCOMPARE(found.first().message,
                 QStringLiteral("section '%1' is not supported by this version and is ignored")
                     .arg(name));
        QCOMPARE(found.first().location.line, lineStartingWith(text, QByteArray(section) + ':'));
    }

    // The builtins run, with the legacy pins moved into gpio's config and mock → backend sim.
    QCOMPARE(instanceNames(config), QStringList({QStringLiteral("system"), QStringLiteral("gpio"),
                                                 QStringLiteral("mqtt")}));
    const auto gpio = instance(config, QStringLiteral("gpio"));
    QVERIFY(gpio);
    QVERIFY(gpio->enabled);
    const QJsonArray pins = gpio->config.value(QLatin1String("pins")).toArray();
    QCOMPARE(pins.size(), 2);
    QCOMPARE(pins.at(0).toObject().value(QLatin1String("pin")), QJsonValue(17));
    QCOMPARE(pins.at(1).toObject().value(QLatin1String("name")),
             QJsonValue(QStringLiteral("door_switch")));
    QCOMPARE(gpio->config.value(QLatin1String("backend")), QJsonValue(QStringLiteral("sim")));
    QVERIFY(!gpio->config.contains(QLatin1String("mock")));
    QVERIFY(instance(config, QStringLiteral("system"))->config.isEmpty());

    const QList<ConfigDiagnostic> migrated = forKey(config, QStringLiteral("gpio"));
    QCOMPARE(migrated.size(), 1);
    QCOMPARE(migrated.first().severity, Severity::Info);
    QVERIFY2(migrated.first().message.contains(QLatin1String("plugins.builtin.gpio.config.pins")),
             qPrintable(migrated.first().message));
    QCOMPARE(migrated.first().location.line, lineStartingWith(text, "gpio:"));

    // Errors the gpio plugin finds in the migrated pins point at the pins' real place.
    const ConfigLocation mode =
        config.locate(QStringLiteral("plugins.builtin.gpio.config.pins[1].mode"));
    QCOMPARE(mode.line, lineOf(text, "mode:", 1));
    QCOMPARE(mode.column, 7);
    QCOMPARE(mode.file, path);
    QCOMPARE(config.locate(QStringLiteral("plugins.builtin.gpio.config.backend")).line,
             lineStartingWith(text, "gpio:"));

    // The effective configuration shows where the pins went.
    QCOMPARE(config.section(QStringLiteral("plugins"))
                 .value(QLatin1String("builtin"))
                 .toObject()
                 .value(QLatin1String("gpio"))
                 .toObject()
                 .value(QLatin1String("config"))
                 .toObject()
                 .value(QLatin1String("pins"))
                 .toArray()
                 .size(),
             2);
    QVERIFY(!config.toJson().contains(QLatin1String("gpio")));

    // The Python agent's edge mode has no meaning here: an info, not a warning.
    const QList<ConfigDiagnostic> modeKey = forKey(config, QStringLiteral("agent.mode"));
    QCOMPARE(modeKey.size(), 1);
    QCOMPARE(modeKey.first().severity, Severity::Info);
}

void tst_Config::pythonFormatWithPlugins()
{
    const QString path = sourcePath(QStringLiteral("tests/config/data/python-plugins.yaml"));
    const QByteArray text = readSourceFile(QStringLiteral("tests/config/data/python-plugins.yaml"));
    const Config config = Config::load(path, noEnv());

    QVERIFY2(!config.hasErrors(), qPrintable(dump(config)));
    QVERIFY2(withSeverity(config, Severity::Warning).isEmpty(), qPrintable(dump(config)));
    QVERIFY(!config.isLegacy());
    QVERIFY(config.hasPluginsSection());

    // Plugins this version does not have are plain instances: the plugin manager says they
    // are missing.
    QCOMPARE(instanceNames(config),
             QStringList({QStringLiteral("gpio"), QStringLiteral("system"), QStringLiteral("led"),
                          QStringLiteral("dht11"), QStringLiteral("hcsr04"),
                          QStringLiteral("lcd1602"), QStringLiteral("mqtt")}));
    const auto lcd = instance(config, QStringLiteral("lcd1602"));
    QCOMPARE(lcd->module, QStringLiteral("lcd1602"));
    QVERIFY(!lcd->enabled);
    QCOMPARE(lcd->config.value(QLatin1String("i2c_address")), QJsonValue(0x27));

    // gpio keeps its own pins; "mock: false" is dropped; the repeated top-level section is
    // only mentioned.
    const auto gpio = instance(config, QStringLiteral("gpio"));
    QCOMPARE(gpio->config.value(QLatin1String("pins")).toArray().size(), 2);
    QVERIFY(!gpio->config.contains(QLatin1String("mock")));
    QVERIFY(!gpio->config.contains(QLatin1String("backend")));
    QCOMPARE(forKey(config, QStringLiteral("plugins.builtin.gpio.config.mock")).size(), 1);
    const QList<ConfigDiagnostic> legacy = forKey(config, QStringLiteral("gpio"));
    QCOMPARE(legacy.size(), 1);
    QCOMPARE(legacy.first().severity, Severity::Info);
    QCOMPARE(legacy.first().location.line, lineStartingWith(text, "gpio:"));

    for (const char *section : {"mqtt", "discovery"}) {
        const QList<ConfigDiagnostic> found = forKey(config, QString::fromLatin1(section));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().severity, Severity::Info);
    }
}

void tst_Config::legacyGpio_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QStringList>("pinNames");
    QTest::addColumn<QString>("backend");
    QTest::addColumn<Severity>("severity");

    const QByteArray twoPins = "  pins:\n"
                               "    - {pin: 17, name: motion, mode: input}\n"
                               "    - {pin: 27, name: door, mode: input}\n";
    const QStringList two = {QStringLiteral("motion"), QStringLiteral("door")};

    QTest::newRow("no plugins section, map form, mock")
        << QByteArray("gpio:\n  mock: true\n" + twoPins) << two << "sim" << Severity::Info;
    QTest::newRow("no plugins section, map form, no mock")
        << QByteArray("gpio:\n  mock: false\n" + twoPins) << two << QString() << Severity::Info;
    QTest::newRow("no plugins section, list form")
        << QByteArray("gpio:\n  - {pin: 4, name: relay, mode: output}\n")
        << QStringList{QStringLiteral("relay")} << QString() << Severity::Info;
    QTest::newRow("plugins section, gpio without pins")
        << QByteArray("plugins:\n  builtin:\n    gpio:\n      config: {backend: gpiod}\n"
                      "gpio:\n  mock: true\n" +
                      twoPins)
        << two << "gpiod" << Severity::Info;
    QTest::newRow("plugins section without gpio")
        << QByteArray("plugins:\n  builtin:\n    system: {}\ngpio:\n" + twoPins) << two << QString()
        << Severity::Info;
    QTest::newRow("both have other pins: top-level ignored")
        << QByteArray("plugins:\n  builtin:\n    gpio:\n      config:\n        pins:\n"
                      "          - {pin: 5, name: fan, mode: output}\n"
                      "gpio:\n" +
                      twoPins)
        << QStringList{QStringLiteral("fan")} << QString() << Severity::Warning;
    QTest::newRow("both have the same pins")
        << QByteArray("plugins:\n  builtin:\n    gpio:\n      config:\n        pins:\n"
                      "          - {pin: 17, name: motion, mode: input}\n"
                      "          - {pin: 27, name: door, mode: input}\n"
                      "gpio:\n" +
                      twoPins)
        << two << QString() << Severity::Info;
}

void tst_Config::legacyMqtt_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QJsonObject>("expected"); // the mqtt instance's config; null: none
    QTest::addColumn<QStringList>("says");     // parts of the info at the mqtt section

    QTest::newRow("edge node")
        << QByteArray("node: {name: shed}\n"
                      "agent: {mode: edge, edge_publish_interval_seconds: 60}\n"
                      "mqtt:\n  broker: broker.lan\n  port: 1884\n"
                      "  username: shed\n  password: hunter2\n"
                      "  topics: {publish_prefix: house/shed, subscribe: "
                      "[house/shed/#]}\n")
        << QJsonObject{{QStringLiteral("host"), QStringLiteral("broker.lan")},
                       {QStringLiteral("port"), 1884},
                       {QStringLiteral("username"), QStringLiteral("shed")},
                       {QStringLiteral("base_topic"), QStringLiteral("house")},
                       {QStringLiteral("snapshot_interval_s"), 60}}
        << QStringList{QStringLiteral("password_file"),
                       QStringLiteral("edge_publish_interval_seconds → "
                                      "snapshot_interval_s")};
    QTest::newRow("another node's prefix")
        << QByteArray("node: {name: shed}\nmqtt: {broker: b, topics: {publish_prefix: "
                      "smollama/old-name}}\n")
        << QJsonObject{{QStringLiteral("host"), QStringLiteral("b")},
                       {QStringLiteral("base_topic"), QStringLiteral("smollama")}}
        << QStringList{QStringLiteral("'shed'"), QStringLiteral("'old-name'")};
    QTest::newRow("the plugin is configured: the old section is ignored")
        << QByteArray(
               "mqtt: {broker: old}\nplugins:\n  builtin:\n    mqtt: {config: {host: new}}\n")
        << QJsonObject{{QStringLiteral("host"), QStringLiteral("new")}}
        << QStringList{QStringLiteral("ignored because plugins.builtin.mqtt.config is set")};
}

void tst_Config::legacyMqtt()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QJsonObject, expected);
    QFETCH(QStringList, says);

    const Config config = parse(yaml);
    QVERIFY2(!config.hasErrors(), qPrintable(dump(config)));
    QVERIFY2(withSeverity(config, Severity::Warning).isEmpty(), qPrintable(dump(config)));
    const auto mqtt = instance(config, QStringLiteral("mqtt"));
    QVERIFY2(mqtt, qPrintable(dump(config)));
    QCOMPARE(mqtt->config, expected);
    const QList<ConfigDiagnostic> info = forKey(config, QStringLiteral("mqtt"));
    QCOMPARE(info.size(), 1);
    QCOMPARE(info.first().severity, Severity::Info);
    for (const QString &part : says) {
        QVERIFY2(info.first().message.contains(part), qPrintable(info.first().message));
    }
    QVERIFY(!info.first().message.contains(QLatin1String("hunter2")));
    // The edge interval went to the plugin: not also reported as ignored.
    QVERIFY(forKey(config, QStringLiteral("agent.edge_publish_interval_seconds")).isEmpty());
}

void tst_Config::legacyGpio()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QStringList, pinNames);
    QFETCH(QString, backend);
    QFETCH(Severity, severity);

    const Config config = parse(yaml);
    QVERIFY2(!config.hasErrors(), qPrintable(dump(config)));
    const auto gpio = instance(config, QStringLiteral("gpio"));
    QVERIFY2(gpio, qPrintable(dump(config)));
    QVERIFY(gpio->enabled);
    QStringList names;
    const QJsonArray pins = gpio->config.value(QLatin1String("pins")).toArray();
    for (const QJsonValue &pin : pins) {
        names.append(pin.toObject().value(QLatin1String("name")).toString());
    }
    QCOMPARE(names, pinNames);
    QCOMPARE(gpio->config.value(QLatin1String("backend")).toString(), backend);

    const QList<ConfigDiagnostic> found = forKey(config, QStringLiteral("gpio"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().severity, severity);
    QCOMPARE(found.first().location.line, lineStartingWith(yaml, "gpio:"));
    QVERIFY(found.first().message.contains(QLatin1String("plugins.builtin.gpio.config")));
}

void tst_Config::syntaxError_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("what");

    QTest::newRow("bad indentation")
        << QByteArray("ollama:\n  host: x\n port: 3\n") << 3 << 2 << "end of map not found";
    QTest::newRow("two colons") << QByteArray("node:\n  name: a: b\n") << 2 << 10
                                << "illegal map value";
    QTest::newRow("unclosed flow list") << QByteArray("plugins:\n  paths: [a, b\nlog: {}\n") << 3
                                        << 4 << "end of sequence flow not found";
    QTest::newRow("wrong flow end")
        << QByteArray("http: {port: 1]\n") << 1 << 15 << "illegal flow end";
    QTest::newRow("list item out of place")
        << QByteArray("plugins:\n  custom:\n    - name: a\n   - name: b\n") << 4 << 4
        << "end of map not found";
    QTest::newRow("unknown alias")
        << QByteArray("a: &x 1\nb: *y\n") << 2 << 4 << "the referenced anchor is not defined";
}

void tst_Config::syntaxError()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, what);

    const Config config =
        Config::fromYaml(yaml, QStringLiteral("/etc/smollama/config.yaml"), noEnv());
    QVERIFY(config.hasErrors());
    const QList<ConfigDiagnostic> errors = withSeverity(config, Severity::Error);
    QCOMPARE(errors.size(), 1);
    const ConfigDiagnostic &e = errors.first();
    QCOMPARE(e.location.file, QStringLiteral("/etc/smollama/config.yaml"));
    QCOMPARE(e.location.line, line);
    QCOMPARE(e.location.column, column);
    QVERIFY2(e.message.contains(what), qPrintable(e.message));
    QVERIFY(e.toString().startsWith(
        QStringLiteral("/etc/smollama/config.yaml:%1:%2: error: ").arg(line).arg(column)));
    // A file that cannot be parsed starts nothing.
    QVERIFY(config.instances().isEmpty());
}

void tst_Config::wrongType_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("expected");

    QTest::newRow("port is text") << QByteArray("ollama:\n  host: pi\n  port: \"abc\"\n")
                                  << "ollama.port" << 3
                                  << "expected an integer, got the string \"abc\"";
    QTest::newRow("port as flow map")
        << QByteArray("ollama: {port: abc}\n") << "ollama.port" << 1 << "expected an integer";
    QTest::newRow("custom is a map") << QByteArray("plugins:\n  custom: {}\n") << "plugins.custom"
                                     << 2 << "expected a list, got a map";
    QTest::newRow("builtin is a list") << QByteArray("plugins:\n  builtin: [system]\n")
                                       << "plugins.builtin" << 2 << "expected a map";
    QTest::newRow("enabled is text")
        << QByteArray("plugins:\n  builtin:\n    system:\n      enabled: maybe\n")
        << "plugins.builtin.system.enabled" << 4 << "expected true or false";
    QTest::newRow("custom without name")
        << QByteArray("plugins:\n  custom:\n    - module: x\n") << "plugins.custom[0]" << 3
        << "missing required key 'name'";
    QTest::newRow("zero iterations") << QByteArray("agent:\n  max_tool_iterations: 0\n")
                                     << "agent.max_tool_iterations" << 2 << "must be at least 1";
    QTest::newRow("port out of range") << QByteArray("http:\n  port: 70000\n") << "http.port" << 2
                                       << "must be between 0 and 65535";
    QTest::newRow("bad log level") << QByteArray("log:\n  level: verbose\n") << "log.level" << 2
                                   << "debug, info, warning, error";
    QTest::newRow("section is a list")
        << QByteArray("ollama:\n  - host\n") << "ollama" << 1 << "expected a map";
    QTest::newRow("paths item") << QByteArray("plugins:\n  paths:\n    - /a\n    - 5\n")
                                << "plugins.paths[1]" << 4 << "expected a string";
}

void tst_Config::wrongType()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, key);
    QFETCH(int, line);
    QFETCH(QString, expected);

    const Config config = parse(yaml);
    const QList<ConfigDiagnostic> errors = withSeverity(config, Severity::Error);
    QVERIFY2(errors.size() == 1, qPrintable(dump(config)));
    const ConfigDiagnostic &e = errors.first();
    QCOMPARE(e.key, key);
    QCOMPARE(e.location.file, QStringLiteral("test.yaml"));
    QCOMPARE(e.location.line, line);
    QVERIFY(e.location.column > 0);
    QVERIFY2(e.message.contains(expected), qPrintable(e.toString()));
    QVERIFY(e.toString().contains(QStringLiteral(": error: %1: ").arg(key)));

    // A wrong value never reaches the program: the default stands in.
    if (key == QLatin1String("ollama.port")) {
        QCOMPARE(effective(config, key), QJsonValue(11434));
    } else if (key == QLatin1String("log.level")) {
        QCOMPARE(effective(config, key), QJsonValue(QStringLiteral("info")));
    } else if (key == QLatin1String("http.port")) {
        QCOMPARE(effective(config, key), QJsonValue(8080));
    }
}

void tst_Config::unknownKey_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");

    QTest::newRow("in a section") << QByteArray("ollama:\n  model: x\n  hots: pi\n")
                                  << "ollama.hots" << 3
                                  << "unknown key 'ollama.hots' (did you mean 'host'?)";
    QTest::newRow("top level") << QByteArray("olama:\n  host: pi\n") << "olama" << 1
                               << "unknown key 'olama' (did you mean 'ollama'?)";
    QTest::newRow("no suggestion") << QByteArray("http:\n  colour: blue\n") << "http.colour" << 2
                                   << "unknown key 'http.colour'";
    QTest::newRow("in a builtin entry")
        << QByteArray("plugins:\n  builtin:\n    system:\n      enabeld: false\n")
        << "plugins.builtin.system.enabeld" << 4
        << "unknown key 'plugins.builtin.system.enabeld' (did you mean 'enabled'?)";
    QTest::newRow("in a custom entry")
        << QByteArray("plugins:\n  custom:\n    - name: a\n      modul: b\n")
        << "plugins.custom[0].modul" << 4
        << "unknown key 'plugins.custom[0].modul' (did you mean 'module'?)";
    QTest::newRow("in plugins") << QByteArray("plugins:\n  path: [a]\n") << "plugins.path" << 2
                                << "unknown key 'plugins.path' (did you mean 'paths'?)";
}

void tst_Config::unknownKey()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, key);
    QFETCH(int, line);
    QFETCH(QString, message);

    const Config config = parse(yaml);
    QVERIFY2(!config.hasErrors(), qPrintable(dump(config)));
    const QList<ConfigDiagnostic> warnings = withSeverity(config, Severity::Warning);
    QVERIFY2(warnings.size() == 1, qPrintable(dump(config)));
    QCOMPARE(warnings.first().key, key);
    QCOMPARE(warnings.first().message, message);
    QCOMPARE(warnings.first().location.line, line);
    QVERIFY(!config.toJson().contains(key)); // ignored
}

void tst_Config::pluginConfigIsNotChecked()
{
    // Plugin configs belong to the plugins' schemas; Ollama options are passed through.
    const Config config = parse("plugins:\n"
                                "  builtin:\n"
                                "    gpio:\n"
                                "      config: {anything: [1, 2], pins: 3}\n"
                                "ollama:\n"
                                "  options: {temperature: 0.1, top_k: 20}\n");
    QVERIFY2(config.diagnostics().isEmpty(), qPrintable(dump(config)));
    QCOMPARE(config.section(QStringLiteral("ollama"))
                 .value(QLatin1String("options"))
                 .toObject()
                 .value(QLatin1String("top_k")),
             QJsonValue(20));
}

void tst_Config::badInstanceName_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("name");

    QTest::newRow("builtin with capitals and dash")
        << QByteArray("plugins:\n  builtin:\n    My-LED: {}\n    system: {}\n")
        << "plugins.builtin.My-LED"
        << "My-LED";
    QTest::newRow("custom starting with a digit")
        << QByteArray("plugins:\n  builtin:\n    system: {}\n  custom:\n    - name: 2nd_sensor\n")
        << "plugins.custom[0].name"
        << "2nd_sensor";
    QTest::newRow("custom with a space")
        << QByteArray(
               "plugins:\n  builtin:\n    system: {}\n  custom:\n    - name: \"green house\"\n")
        << "plugins.custom[0].name"
        << "green house";
    QTest::newRow("custom module") << QByteArray("plugins:\n  builtin:\n    system: {}\n  custom:\n"
                                                 "    - name: greenhouse\n      module: I2C.temp\n")
                                   << "plugins.custom[0].module"
                                   << "I2C.temp";
}

void tst_Config::badInstanceName()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, key);
    QFETCH(QString, name);

    const Config config = parse(yaml);
    const QList<ConfigDiagnostic> errors = withSeverity(config, Severity::Error);
    QVERIFY2(errors.size() == 1, qPrintable(dump(config)));
    QCOMPARE(errors.first().key, key);
    QVERIFY(errors.first().message.contains(QStringLiteral("'%1'").arg(name)));
    QVERIFY(errors.first().message.contains(QLatin1String("^[a-z][a-z0-9_]*$")));
    QVERIFY(errors.first().location.line > 0);
    // The bad entry is not an instance; the good ones still are.
    QCOMPARE(instanceNames(config), QStringList{QStringLiteral("system")});
}

void tst_Config::duplicateKey()
{
    const Config config = parse("ollama:\n"
                                "  port: 1234\n"
                                "  model: x\n"
                                "  port: 5678\n");
    const QList<ConfigDiagnostic> errors = withSeverity(config, Severity::Error);
    QVERIFY2(errors.size() == 1, qPrintable(dump(config)));
    const ConfigDiagnostic &e = errors.first();
    QCOMPARE(e.key, QStringLiteral("ollama.port"));
    QCOMPARE(e.location.line, 4);
    QCOMPARE(e.location.column, 3);
    QVERIFY2(e.message.contains(QLatin1String("line 2")), qPrintable(e.message));
    QVERIFY2(e.message.contains(QLatin1String("line 4")), qPrintable(e.message));

    // Also across builtin entries.
    const Config twice = parse("plugins:\n  builtin:\n    system: {}\n    system: {}\n");
    QCOMPARE(withSeverity(twice, Severity::Error).size(), 1);
    QCOMPARE(withSeverity(twice, Severity::Error).first().key,
             QStringLiteral("plugins.builtin.system"));
}

void tst_Config::rootNotAMap()
{
    const Config config = parse("- ollama\n- plugins\n");
    QVERIFY(config.hasErrors());
    QCOMPARE(withSeverity(config, Severity::Error).first().location.line, 1);
    QVERIFY(config.instances().isEmpty());
}

void tst_Config::hostileDocuments_data()
{
    QTest::addColumn<QByteArray>("yaml");

    // Aliases that expand a few hundred bytes into a billion values ("billion laughs").
    QByteArray laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
        QByteArrayList refs;
        for (int j = 0; j < 10; ++j) {
            refs.append("*a" + QByteArray::number(i - 1));
        }
        laughs += "a" + QByteArray::number(i) + ": &a" + QByteArray::number(i) + " [" +
                  refs.join(", ") + "]\n";
    }
    QTest::newRow("billion laughs") << laughs;
    QTest::newRow("self-referencing alias") << QByteArray("a: &x\n  b: *x\n");
    QTest::newRow("deep nesting") << QByteArray(
        "plugins: {builtin: {x: {config: {v: " + QByteArray(500, '[') + QByteArray(500, ']') +
        "}}}}\n");
}

void tst_Config::hostileDocuments()
{
    QFETCH(QByteArray, yaml);

    // Refused quickly, with an error, and nothing of it is used.
    const Config config = parse(yaml);
    QVERIFY(config.hasErrors());
    QVERIFY(config.instances().isEmpty());
}

void tst_Config::environment_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("expected");

    QTest::newRow("node name") << "SMOLLAMA_NODE_NAME"
                               << "greenhouse-pi"
                               << "node.name" << QJsonValue(QStringLiteral("greenhouse-pi"));
    QTest::newRow("ollama url") << "SMOLLAMA_OLLAMA_URL"
                                << "http://10.0.0.2:11434"
                                << "ollama.url"
                                << QJsonValue(QStringLiteral("http://10.0.0.2:11434"));
    QTest::newRow("ollama host") << "SMOLLAMA_OLLAMA_HOST"
                                 << "10.0.0.2"
                                 << "ollama.host" << QJsonValue(QStringLiteral("10.0.0.2"));
    QTest::newRow("ollama port") << "SMOLLAMA_OLLAMA_PORT"
                                 << "11500"
                                 << "ollama.port" << QJsonValue(11500);
    QTest::newRow("ollama model") << "SMOLLAMA_OLLAMA_MODEL"
                                  << "qwen3:0.6b"
                                  << "ollama.model" << QJsonValue(QStringLiteral("qwen3:0.6b"));
    QTest::newRow("http port") << "SMOLLAMA_HTTP_PORT"
                               << "9090"
                               << "http.port" << QJsonValue(9090);
}

void tst_Config::environment()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, path);
    QFETCH(QJsonValue, expected);

    // The environment wins over the file.
    const QByteArray yaml = "node: {name: from-file}\n"
                            "ollama: {host: filehost, port: 1111, model: filemodel}\n"
                            "http: {port: 2222}\n";
    QProcessEnvironment env;
    env.insert(variable, value);
    env.insert(QStringLiteral("SMOLLAMA_UNRELATED"), QStringLiteral("x"));
    const Config config = parse(yaml, env);
    QVERIFY2(!config.hasErrors(), qPrintable(dump(config)));
    QVERIFY2(withSeverity(config, Severity::Warning).isEmpty(), qPrintable(dump(config)));
    QCOMPARE(effective(config, path), expected);
    if (variable == QLatin1String("SMOLLAMA_NODE_NAME")) {
        QCOMPARE(config.nodeName(), value);
    }

    // And over the defaults when there is no file.
    const Config noFile = Config::load(QString(), env);
    QCOMPARE(effective(noFile, path), expected);

    // Without the variable the file's value stands.
    const Config fileOnly = parse(yaml);
    QVERIFY(effective(fileOnly, path) != expected);
}

void tst_Config::environmentUrlWins()
{
    // ollama.url wins over host and port, also over theirs from the environment: say so.
    QProcessEnvironment env;
    env.insert(QStringLiteral("SMOLLAMA_OLLAMA_HOST"), QStringLiteral("10.0.0.9"));
    const Config config = parse("ollama: {url: \"http://pi:11434\"}\n", env);
    const QList<ConfigDiagnostic> warnings = withSeverity(config, Severity::Warning);
    QVERIFY2(warnings.size() == 1, qPrintable(dump(config)));
    QVERIFY(warnings.first().message.contains(QLatin1String("SMOLLAMA_OLLAMA_HOST")));
    QVERIFY(warnings.first().message.contains(QLatin1String("SMOLLAMA_OLLAMA_URL")));

    env.insert(QStringLiteral("SMOLLAMA_OLLAMA_URL"), QStringLiteral("http://10.0.0.9:11434"));
    const Config both = parse("ollama: {url: \"http://pi:11434\"}\n", env);
    QCOMPARE(effective(both, QStringLiteral("ollama.url")),
             QJsonValue(QStringLiteral("http://10.0.0.9:11434")));
}

void tst_Config::environmentInvalidPort_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("kept");

    QTest::newRow("ollama port text") << "SMOLLAMA_OLLAMA_PORT"
                                      << "abc"
                                      << "ollama.port" << QJsonValue(1111);
    QTest::newRow("ollama port zero") << "SMOLLAMA_OLLAMA_PORT"
                                      << "0"
                                      << "ollama.port" << QJsonValue(1111);
    QTest::newRow("http port too big") << "SMOLLAMA_HTTP_PORT"
                                       << "70000"
                                       << "http.port" << QJsonValue(8080);
}

void tst_Config::environmentInvalidPort()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, path);
    QFETCH(QJsonValue, kept);

    QProcessEnvironment env;
    env.insert(variable, value);
    const Config config = parse("ollama: {port: 1111}\n", env);
    QVERIFY2(!config.hasErrors(), qPrintable(dump(config)));
    const QList<ConfigDiagnostic> warnings = withSeverity(config, Severity::Warning);
    QVERIFY2(warnings.size() == 1, qPrintable(dump(config)));
    QCOMPARE(warnings.first().key, path);
    QVERIFY(warnings.first().message.contains(variable));
    QVERIFY(warnings.first().message.contains(value));
    QCOMPARE(effective(config, path), kept);
}

void tst_Config::pluginPaths()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("etc/config.yaml"));
    QVERIFY(writeFile(file, "plugins:\n"
                            "  paths:\n"
                            "    - ~/my-plugins\n"
                            "    - \"~\"\n"
                            "    - local/plugins\n"
                            "    - ../shared//plugins/\n"
                            "    - /opt/smollama/plugins\n"));
    const Config config = Config::load(file, noEnv());
    QVERIFY2(!config.hasErrors(), qPrintable(dump(config)));
    const QString home = QDir::homePath();
    const QString base = QFileInfo(file).absolutePath();
    QCOMPARE(config.pluginPaths(),
             QStringList({home + QStringLiteral("/my-plugins"), home,
                          base + QStringLiteral("/local/plugins"),
                          QDir::cleanPath(base + QStringLiteral("/../shared/plugins")),
                          QStringLiteral("/opt/smollama/plugins")}));
    // toJson() keeps what was written.
    QCOMPARE(
        config.section(QStringLiteral("plugins")).value(QLatin1String("paths")).toArray().at(0),
        QJsonValue(QStringLiteral("~/my-plugins")));
    QVERIFY(Config().pluginPaths().isEmpty());
}

void tst_Config::locate_data()
{
    QTest::addColumn<QString>("keyPath");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("section") << "plugins" << 2 << 1;
    QTest::newRow("key") << "ollama.port" << 1 << 10;
    QTest::newRow("list item") << "plugins.custom[0]" << 4 << 7;
    QTest::newRow("nested key") << "plugins.custom[0].config.pins[1].mode" << 10 << 13;
    QTest::newRow("flow map in list") << "plugins.custom[0].config.pins[0].pin" << 8 << 14;
    QTest::newRow("absent key: closest parent")
        << "plugins.custom[0].config.pins[1].edge" << 9 << 13;
    QTest::newRow("absent index: closest parent") << "plugins.custom[0].config.pins[7]" << 7 << 9;
    QTest::newRow("absent section: the document") << "http.port" << 1 << 1;
}

void tst_Config::locate()
{
    QFETCH(QString, keyPath);
    QFETCH(int, line);
    QFETCH(int, column);

    const Config config = parse("ollama: {port: 11434}\n"              // 1
                                "plugins:\n"                           // 2
                                "  custom:\n"                          // 3
                                "    - name: greenhouse\n"             // 4
                                "      module: i2c_temp\n"             // 5
                                "      config:\n"                      // 6
                                "        pins:\n"                      // 7
                                "          - {pin: 17, mode: input}\n" // 8
                                "          - pin: 27\n"                // 9
                                "            mode: output\n");         // 10
    QVERIFY2(config.diagnostics().isEmpty(), qPrintable(dump(config)));
    const ConfigLocation where = config.locate(keyPath);
    QCOMPARE(where.file, QStringLiteral("test.yaml"));
    QCOMPARE(where.line, line);
    QCOMPARE(where.column, column);
}

void tst_Config::missingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nope.yaml"));
    const Config config = Config::load(path, noEnv());
    QVERIFY(config.hasErrors());
    const QList<ConfigDiagnostic> errors = withSeverity(config, Severity::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().message, QStringLiteral("config file %1 does not exist").arg(path));
    QCOMPARE(errors.first().toString(),
             QStringLiteral("error: config file %1 does not exist").arg(path));
    QCOMPARE(config.filePath(), path);
    QVERIFY(config.instances().isEmpty());
    // The defaults are still there for whoever shows the effective configuration.
    QCOMPARE(effective(config, QStringLiteral("http.port")), QJsonValue(8080));

    const Config folder = Config::load(dir.path(), noEnv());
    QVERIFY(folder.hasErrors());
}

void tst_Config::searchLocations()
{
    QCOMPARE(Config::searchLocations(QStringLiteral("my.yaml")),
             QStringList{QStringLiteral("my.yaml")});
    // An explicit file is returned even when missing, so the error names it.
    QCOMPARE(Config::findConfigFile(QStringLiteral("/nonexistent/my.yaml")),
             QStringLiteral("/nonexistent/my.yaml"));

    const QStringList locations = Config::searchLocations();
    QCOMPARE(locations.size(), 3);
    QCOMPARE(locations.at(0), QDir::current().absoluteFilePath(QStringLiteral("config.yaml")));
    QCOMPARE(locations.at(1), QDir::homePath() + QStringLiteral("/.smollama/config.yaml"));
    QCOMPARE(locations.at(2), QStringLiteral("/etc/smollama/config.yaml"));

    // ./config.yaml comes first.
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("config.yaml")), "node: {name: here}\n"));
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const QString found = Config::findConfigFile();
    QDir::setCurrent(previous);
    QCOMPARE(QFileInfo(found).canonicalFilePath(),
             QFileInfo(dir.filePath(QStringLiteral("config.yaml"))).canonicalFilePath());
    QCOMPARE(Config::load(found, noEnv()).nodeName(), QStringLiteral("here"));
}

void tst_Config::diagnosticToString_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("key");
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<QString>("expected");

    QTest::newRow("everything")
        << "config.yaml" << 12 << 5 << "plugins.custom[0].module" << Severity::Error
        << "config.yaml:12:5: error: plugins.custom[0].module: expected a string";
    QTest::newRow("no column") << "config.yaml" << 12 << 0 << "ollama" << Severity::Warning
                               << "config.yaml:12: warning: ollama: expected a string";
    QTest::newRow("no line") << "config.yaml" << 0 << 0 << "" << Severity::Info
                             << "config.yaml: info: expected a string";
    QTest::newRow("no place") << "" << 0 << 0 << "http.port" << Severity::Warning
                              << "warning: http.port: expected a string";
}

void tst_Config::diagnosticToString()
{
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, key);
    QFETCH(Severity, severity);
    QFETCH(QString, expected);

    ConfigDiagnostic d;
    d.location.file = file;
    d.location.line = line;
    d.location.column = column;
    d.key = key;
    d.severity = severity;
    d.message = QStringLiteral("expected a string");
    QCOMPARE(d.toString(), expected);
}

void tst_Config::exampleConfig()
{
    const QString path = sourcePath(QStringLiteral("config.example.yaml"));
    const Config config = Config::load(path, noEnv());
    QVERIFY2(!config.hasErrors(), qPrintable(dump(config)));
    QVERIFY2(withSeverity(config, Severity::Warning).isEmpty(), qPrintable(dump(config)));
    QVERIFY(config.hasPluginsSection());
    QVERIFY(!config.isLegacy());

    QCOMPARE(instanceNames(config),
             QStringList({QStringLiteral("system"), QStringLiteral("gpio")}));
    const auto system = instance(config, QStringLiteral("system"));
    QVERIFY(system->enabled);
    QCOMPARE(system->config.value(QLatin1String("interval_s")), QJsonValue(5));
    QCOMPARE(system->config.value(QLatin1String("mounts")),
             QJsonValue(QJsonArray{QStringLiteral("/")}));
    const auto gpio = instance(config, QStringLiteral("gpio"));
    QVERIFY(gpio->enabled);
    QCOMPARE(gpio->config.value(QLatin1String("backend")), QJsonValue(QStringLiteral("sim")));
    const QJsonArray pins = gpio->config.value(QLatin1String("pins")).toArray();
    QCOMPARE(pins.size(), 2);
    QCOMPARE(pins.at(0).toObject().value(QLatin1String("name")),
             QJsonValue(QStringLiteral("button")));
    QCOMPARE(pins.at(0).toObject().value(QLatin1String("edge")),
             QJsonValue(QStringLiteral("both")));
    QCOMPARE(pins.at(1).toObject().value(QLatin1String("mode")),
             QJsonValue(QStringLiteral("output")));

    // The example states the defaults: it reads the same as no file at all, except for the
    // plugins and the model options it shows.
    QJsonObject fromExample = config.toJson();
    QJsonObject defaults = Config().toJson();
    for (QJsonObject *o : {&fromExample, &defaults}) {
        o->remove(QStringLiteral("plugins"));
        QJsonObject ollama = o->value(QLatin1String("ollama")).toObject();
        ollama.remove(QStringLiteral("options"));
        o->insert(QStringLiteral("ollama"), ollama);
    }
    QCOMPARE(QJsonDocument(fromExample).toJson(), QJsonDocument(defaults).toJson());
}

QTEST_GUILESS_MAIN(tst_Config)
#include "tst_config.moc"
