// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "legacymqtt.h"

#include "util/jsonschema.h"
#include "util/schemaexplainer.h"
#include "util/statepaths.h"
#include "yamljson.h"

#include <smollama/names.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSysInfo>

#include <algorithm>
#include <exception>

namespace Smollama {

namespace {

// The translation context of this file's messages (docs/translations.md).
class ConfigTr
{
    Q_DECLARE_TR_FUNCTIONS(Config)
};

Q_LOGGING_CATEGORY(lcConfig, "smollama.config")

using Severity = ConfigDiagnostic::Severity;

// Sections of the earlier Python smollama that this version has no counterpart for. They are
// reported once and ignored, so an old config.yaml still starts.
const char *const s_unsupportedSections[] = {"memory", "frames",    "sync",
                                             "mem0",   "discovery", "cluster"};

// Keys of the Python smollama's agent section that mean nothing here (edge mode pushed readings
// over MQTT).
const char *const s_ignoredAgentKeys[] = {"mode", "edge_publish_interval_seconds",
                                          "edge_include_metadata"};

const QString s_gpioConfigPath = QStringLiteral("plugins.builtin.gpio.config");

QJsonObject loadSchema()
{
    QFile file(QStringLiteral(":/smollama/schemas/config.schema.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcConfig) << "cannot open the configuration schema:" << file.errorString();
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject()) {
        qCCritical(lcConfig) << "the configuration schema is not valid JSON:"
                             << error.errorString();
        return {};
    }
    return doc.object();
}

const QJsonObject &configSchema()
{
    static const QJsonObject schema = loadSchema();
    return schema;
}

const JsonSchema &compiledSchema()
{
    static const JsonSchema schema(configSchema());
    return schema;
}

// --- key paths -------------------------------------------------------------------------------

using Segment = JsonSchema::PathSegment;

QString parentPath(const QString &path)
{
    if (path.endsWith(QLatin1Char(']'))) {
        return path.left(path.lastIndexOf(QLatin1Char('[')));
    }
    const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
    const qsizetype bracket = path.lastIndexOf(QLatin1Char(']'));
    if (dot < 0) {
        return QString();
    }
    return bracket > dot ? path.left(bracket + 1) : path.left(dot);
}

// Removes the object member at \a segments (array items are left: their index is part of other
// paths). Returns the changed value.
QJsonValue removeAt(const QJsonValue &value, const QList<Segment> &segments, int i = 0)
{
    if (i >= segments.size()) {
        return value;
    }
    const Segment &s = segments.at(i);
    const bool last = i == segments.size() - 1;
    if (s.index >= 0 && value.isArray()) {
        QJsonArray array = value.toArray();
        if (!last && s.index < array.size()) {
            array[s.index] = removeAt(array.at(s.index), segments, i + 1);
        }
        return array;
    }
    if (s.index < 0 && value.isObject()) {
        QJsonObject object = value.toObject();
        if (last) {
            object.remove(s.key);
        } else if (object.contains(s.key)) {
            object.insert(s.key, removeAt(object.value(s.key), segments, i + 1));
        }
        return object;
    }
    return value;
}

// The instance entry's keys beside config (types checked by the schema).
void readRetryKeys(const QJsonObject &entry, InstanceConfig &instance)
{
    instance.retrySetup =
        entry.value(QLatin1String("on_setup_error")).toString() == QLatin1String("retry");
    const double maxDelay = entry.value(QLatin1String("retry_max_delay_s")).toDouble(0);
    instance.retryMaxDelayMs = maxDelay > 0 ? int(std::min(maxDelay, 86400.0) * 1000) : 0;
    const QJsonObject queueSchema =
        JsonSchema::schemaAt(configSchema(), QStringLiteral("plugins.custom[0].sink_queue"));
    instance.sinkQueue = std::clamp(entry.value(QLatin1String("sink_queue"))
                                        .toInt(queueSchema.value(QLatin1String("default")).toInt()),
                                    queueSchema.value(QLatin1String("minimum")).toInt(1),
                                    queueSchema.value(QLatin1String("maximum")).toInt(1000000));
    const QJsonObject isolationSchema =
        JsonSchema::schemaAt(configSchema(), QStringLiteral("plugins.custom[0].isolation"));
    instance.isolated = entry.value(QLatin1String("isolation"))
                            .toString(isolationSchema.value(QLatin1String("default")).toString()) ==
                        QLatin1String("process");
    const QJsonObject rssSchema =
        JsonSchema::schemaAt(configSchema(), QStringLiteral("plugins.custom[0].max_rss_mb"));
    instance.maxRssMb = entry.value(QLatin1String("max_rss_mb"))
                            .toInt(rssSchema.value(QLatin1String("default")).toInt());
}

bool locationLess(const ConfigLocation &a, const ConfigLocation &b)
{
    if ((a.line > 0) != (b.line > 0)) {
        return a.line > 0;
    }
    return a.line != b.line ? a.line < b.line : a.column < b.column;
}

} // namespace

// --- ConfigDiagnostic ------------------------------------------------------------------------

QString ConfigDiagnostic::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        break;
    }
    return QStringLiteral("error");
}

QString ConfigDiagnostic::toString() const
{
    QString out;
    if (!location.file.isEmpty() || location.line > 0) {
        QStringList place;
        if (!location.file.isEmpty()) {
            place.append(location.file);
        }
        if (location.line > 0) {
            place.append(QString::number(location.line));
            if (location.column > 0) {
                place.append(QString::number(location.column));
            }
        }
        out = place.join(QLatin1Char(':')) + QLatin1String(": ");
    }
    // The label is translated; severityName() stays the machine-readable name (--json).
    switch (severity) {
    case Severity::Error:
        out += ConfigTr::tr("error: ");
        break;
    case Severity::Warning:
        out += ConfigTr::tr("warning: ");
        break;
    case Severity::Info:
        out += ConfigTr::tr("info: ");
        break;
    }
    if (!key.isEmpty()) {
        out += key + QLatin1String(": ");
    }
    out += message;
    return out;
}

// --- Config::Private -------------------------------------------------------------------------

struct Config::Private
{
    QString filePath;
    bool legacy = false;
    bool hasPlugins = false;
    QList<ConfigDiagnostic> diagnostics;
    QJsonObject effective;
    QHash<QString, ConfigLocation> locations;
    QList<InstanceConfig> instances;
    QStringList pluginPaths;
    QString pluginsInstallDir;

    ConfigLocation locate(const QString &keyPath) const;
    void add(Severity severity, const QString &key, const QString &message,
             const ConfigLocation &location);
    void addAt(Severity severity, const QString &key, const QString &message)
    {
        add(severity, key, message, locate(key));
    }

    QJsonObject process(const Internal::YamlJson &doc);
    QJsonObject dropUnsupported(QJsonObject root);
    bool legacyMqtt = false; //!< the file has the earlier smollama's top-level mqtt section
    QJsonValue clean(const QJsonObject &schema, const QJsonValue &value, const QString &path);
    QJsonObject validate(QJsonObject root);
    void readInstances(const QJsonObject &root);
    void convertGpioMock();
    void migrateLegacyGpio(const QJsonValue &gpio);
    void migrateLegacyMqtt(const QJsonValue &mqtt, const QJsonObject &agent, const QString &node);
    void addLegacyGpioLocations(const QString &from);
    void finish(const QJsonObject &root, const QProcessEnvironment *env);
    void applyEnvironment(const QProcessEnvironment &env);
    InstanceConfig *findBuiltin(const QString &name);
    void sortDiagnostics();
};

ConfigLocation Config::Private::locate(const QString &keyPath) const
{
    QString path = keyPath;
    while (true) {
        const auto it = locations.constFind(path);
        if (it != locations.constEnd()) {
            return *it;
        }
        if (path.isEmpty()) {
            break;
        }
        path = parentPath(path);
    }
    ConfigLocation none;
    none.file = filePath;
    return none;
}

void Config::Private::add(Severity severity, const QString &key, const QString &message,
                          const ConfigLocation &location)
{
    ConfigDiagnostic d;
    d.severity = severity;
    d.key = key;
    d.message = message;
    d.location = location;
    diagnostics.append(d);
}

InstanceConfig *Config::Private::findBuiltin(const QString &name)
{
    for (InstanceConfig &instance : instances) {
        if (instance.builtin && instance.name == name) {
            return &instance;
        }
    }
    return nullptr;
}

// Reads the converted document: reports what is unsupported, unknown or wrong, collects the
// plugin instances and migrates the earlier smollama's GPIO section. Returns the file's
// sections, checked, for finish().
QJsonObject Config::Private::process(const Internal::YamlJson &doc)
{
    locations = doc.locations;
    diagnostics.append(doc.diagnostics);
    if (!doc.parsed) {
        // Nothing from a file that cannot be read may start: no instances.
        return {};
    }

    QJsonObject root;
    if (doc.value.isObject()) {
        root = doc.value.toObject();
    } else if (!doc.value.isNull()) {
        add(Severity::Error, QString(),
            ConfigTr::tr("expected a map of sections (such as \"ollama:\" and \"plugins:\"), "
                         "got %1")
                .arg(Internal::SchemaExplainer::describeValue(doc.value)),
            locate(QString()));
        return {};
    }

    hasPlugins = root.contains(QLatin1String("plugins"));
    legacy = !hasPlugins;
    if (legacy) {
        ConfigLocation whole;
        whole.file = filePath;
        add(Severity::Info, QString(),
            ConfigTr::tr("no 'plugins' section: the builtin plugins 'system' and 'gpio' run "
                         "with their defaults (as in the earlier smollama); add a plugins: "
                         "section to choose plugins and their settings"),
            whole);
    }

    // The earlier smollama's mqtt section configures the mqtt plugin (after the instances are
    // known), with the agent's edge interval.
    const QJsonValue mqtt = root.take(QLatin1String("mqtt"));
    const QJsonObject agent = root.value(QLatin1String("agent")).toObject();
    QString node =
        root.value(QLatin1String("node")).toObject().value(QLatin1String("name")).toString();
    if (node.isEmpty()) {
        node = QSysInfo::machineHostName();
    }
    legacyMqtt = !mqtt.isUndefined();
    root = dropUnsupported(root);
    root = clean(configSchema(), root, QString()).toObject();
    root = validate(root);
    readInstances(root);
    convertGpioMock();
    if (root.contains(QLatin1String("gpio"))) {
        migrateLegacyGpio(root.take(QLatin1String("gpio")));
    }
    if (legacyMqtt) {
        migrateLegacyMqtt(mqtt, agent, node);
    }
    return root;
}

QJsonObject Config::Private::dropUnsupported(QJsonObject root)
{
    for (const char *section : s_unsupportedSections) {
        const QString name = QString::fromLatin1(section);
        if (root.contains(name)) {
            root.remove(name);
            addAt(Severity::Info, name,
                  ConfigTr::tr("section '%1' is not supported by this version and is ignored")
                      .arg(name));
        }
    }
    QJsonObject agent = root.value(QLatin1String("agent")).toObject();
    bool agentChanged = false;
    for (const char *key : s_ignoredAgentKeys) {
        const QString name = QString::fromLatin1(key);
        if (agent.contains(name)) {
            agent.remove(name);
            agentChanged = true;
            if (legacyMqtt && name == QLatin1String("edge_publish_interval_seconds")) {
                continue; // the mqtt section's migration takes it (snapshot_interval_s)
            }
            const QString path = JsonSchema::appendKey(QStringLiteral("agent"), name);
            addAt(Severity::Info, path,
                  ConfigTr::tr("key '%1' is from the earlier smollama and is ignored by this "
                               "version")
                      .arg(path));
        }
    }
    if (agentChanged) {
        root.insert(QStringLiteral("agent"), agent);
    }
    return root;
}

// Walks the document along the schema: warns about keys the schema does not list (only where
// it lists properties and says nothing about additional ones, i.e. a closed set of keys) and
// drops them, and treats an empty value ("port:" with nothing after it) as "not set" — or as an
// empty map where a map is expected ("ollama:" with every key commented out).
QJsonValue Config::Private::clean(const QJsonObject &schema, const QJsonValue &value,
                                  const QString &path)
{
    if (value.isObject()) {
        const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
        const QJsonValue additional = schema.value(QLatin1String("additionalProperties"));
        const bool closed = !properties.isEmpty() && additional.isUndefined();
        const QJsonObject in = value.toObject();
        QJsonObject out;
        for (auto it = in.constBegin(); it != in.constEnd(); ++it) {
            const QString childPath = JsonSchema::appendKey(path, it.key());
            QJsonObject childSchema;
            if (properties.contains(it.key())) {
                childSchema = properties.value(it.key()).toObject();
            } else if (additional.isObject()) {
                childSchema = additional.toObject();
            } else if (closed) {
                addAt(
                    Severity::Warning, childPath,
                    Internal::SchemaExplainer::unknownKey(childPath, it.key(), properties.keys()));
                continue;
            } else {
                out.insert(it.key(), it.value()); // an open map: kept as written
                continue;
            }
            QJsonValue child = it.value();
            const QStringList types = Internal::SchemaExplainer::types(childSchema);
            if (child.isNull() && !types.contains(QLatin1String("null"))) {
                if (!types.contains(QLatin1String("object"))) {
                    continue;
                }
                child = QJsonObject();
            }
            out.insert(it.key(), clean(childSchema, child, childPath));
        }
        return out;
    }
    if (value.isArray()) {
        const QJsonObject items = schema.value(QLatin1String("items")).toObject();
        if (items.isEmpty()) {
            return value;
        }
        const QJsonArray in = value.toArray();
        QJsonArray out;
        for (qsizetype i = 0; i < in.size(); ++i) {
            out.append(clean(items, in.at(i), JsonSchema::appendIndex(path, int(i))));
        }
        return out;
    }
    return value;
}

QJsonObject Config::Private::validate(QJsonObject root)
{
    const JsonSchema &schema = compiledSchema();
    if (!schema.isValid()) {
        // A broken built-in schema is a bug in smollama, not in the user's file.
        qCCritical(lcConfig) << "the configuration schema does not compile:"
                             << schema.errorString();
        return root;
    }
    const QList<SchemaError> errors = schema.validate(root);
    QList<QList<Segment>> invalid;
    for (const SchemaError &e : errors) {
        addAt(Severity::Error, e.path, e.message);
        if (e.invalidValue && !e.path.isEmpty()) {
            invalid.append(JsonSchema::splitPath(e.path));
        }
    }
    // Wrong values are reported above; taking them out lets the defaults stand in, so
    // toJson() never hands a string to code that expects a port number.
    QJsonValue cleaned = root;
    for (const QList<Segment> &segments : std::as_const(invalid)) {
        cleaned = removeAt(cleaned, segments);
    }
    return cleaned.toObject();
}

void Config::Private::readInstances(const QJsonObject &root)
{
    if (!hasPlugins) {
        InstanceConfig system;
        system.name = system.module = QStringLiteral("system");
        system.builtin = true;
        system.configKeyPath = QStringLiteral("plugins.builtin.system.config");
        system.location.file = filePath;
        instances.append(system);

        InstanceConfig gpio;
        gpio.name = gpio.module = QStringLiteral("gpio");
        gpio.builtin = true;
        gpio.configKeyPath = s_gpioConfigPath;
        gpio.location.file = filePath;
        instances.append(gpio);
        return;
    }

    const QJsonObject plugins = root.value(QLatin1String("plugins")).toObject();
    const QJsonObject builtin = plugins.value(QLatin1String("builtin")).toObject();
    const QString builtinPath = QStringLiteral("plugins.builtin");
    QStringList names = builtin.keys();
    // QJsonObject sorts its keys; the file's order is the order of their places.
    std::stable_sort(names.begin(), names.end(), [&](const QString &a, const QString &b) {
        return locationLess(locate(JsonSchema::appendKey(builtinPath, a)),
                            locate(JsonSchema::appendKey(builtinPath, b)));
    });
    for (const QString &name : std::as_const(names)) {
        const QString path = JsonSchema::appendKey(builtinPath, name);
        if (!isValidName(name)) {
            addAt(Severity::Error, path,
                  ConfigTr::tr("invalid instance name '%1': use lower-case letters, digits and "
                               "'_', starting with a letter (%2)")
                      .arg(name, namePattern()));
            continue;
        }
        const QJsonObject entry = builtin.value(name).toObject();
        InstanceConfig instance;
        instance.name = instance.module = name;
        instance.builtin = true;
        instance.enabled = entry.value(QLatin1String("enabled")).toBool(true);
        readRetryKeys(entry, instance);
        instance.config = entry.value(QLatin1String("config")).toObject();
        instance.configKeyPath = JsonSchema::appendKey(path, QStringLiteral("config"));
        instance.location = locate(path);
        instances.append(instance);
    }

    const QJsonArray custom = plugins.value(QLatin1String("custom")).toArray();
    for (qsizetype i = 0; i < custom.size(); ++i) {
        const QString path = JsonSchema::appendIndex(QStringLiteral("plugins.custom"), int(i));
        if (!custom.at(i).isObject()) {
            continue; // reported by the schema
        }
        const QJsonObject entry = custom.at(i).toObject();
        if (!entry.value(QLatin1String("name")).isString()) {
            continue; // missing or not a string: reported by the schema
        }
        const QString name = entry.value(QLatin1String("name")).toString();
        const QString namePath = JsonSchema::appendKey(path, QStringLiteral("name"));
        bool ok = true;
        if (!isValidName(name)) {
            addAt(Severity::Error, namePath,
                  ConfigTr::tr("invalid instance name '%1': use lower-case letters, digits and "
                               "'_', starting with a letter (%2)")
                      .arg(name, namePattern()));
            ok = false;
        }
        // The Python smollama's custom entries had no module: the name was the plugin.
        QString module = entry.value(QLatin1String("module")).toString();
        if (!entry.contains(QLatin1String("module"))) {
            module = name;
        } else if (!isValidName(module)) {
            addAt(Severity::Error, JsonSchema::appendKey(path, QStringLiteral("module")),
                  ConfigTr::tr("invalid plugin name '%1': plugin names use lower-case letters, "
                               "digits and '_', starting with a letter (%2)")
                      .arg(module, namePattern()));
            ok = false;
        }
        if (!ok) {
            continue;
        }
        InstanceConfig instance;
        instance.name = name;
        instance.module = module;
        instance.builtin = false;
        instance.enabled = entry.value(QLatin1String("enabled")).toBool(true);
        readRetryKeys(entry, instance);
        instance.config = entry.value(QLatin1String("config")).toObject();
        instance.configKeyPath = JsonSchema::appendKey(path, QStringLiteral("config"));
        instance.location = locate(path);
        instances.append(instance);
    }
}

// The Python smollama's gpio plugin took "mock: true"; this one selects a backend.
void Config::Private::convertGpioMock()
{
    InstanceConfig *gpio = findBuiltin(QStringLiteral("gpio"));
    if (!gpio || !gpio->config.contains(QLatin1String("mock"))) {
        return;
    }
    const QString mockPath = JsonSchema::appendKey(gpio->configKeyPath, QStringLiteral("mock"));
    const QJsonValue mock = gpio->config.value(QLatin1String("mock"));
    if (!mock.isBool()) {
        return; // left for the gpio plugin's schema to report
    }
    gpio->config.remove(QStringLiteral("mock"));
    if (mock.toBool() && !gpio->config.contains(QLatin1String("backend"))) {
        gpio->config.insert(QStringLiteral("backend"), QStringLiteral("sim"));
        locations.insert(JsonSchema::appendKey(gpio->configKeyPath, QStringLiteral("backend")),
                         locate(mockPath));
        addAt(Severity::Info, mockPath,
              ConfigTr::tr("'mock: true' is the earlier smollama's setting and now means "
                           "'backend: sim'; write that instead"));
    } else {
        addAt(Severity::Info, mockPath,
              ConfigTr::tr("'mock' is the earlier smollama's setting and is ignored; the gpio "
                           "plugin's 'backend' chooses real or simulated pins"));
    }
}

void Config::Private::addLegacyGpioLocations(const QString &from)
{
    // The gpio plugin reports errors in "plugins.builtin.gpio.config.pins[1].mode"; make
    // locate() find them where the pins really are.
    const QString to = JsonSchema::appendKey(s_gpioConfigPath, QStringLiteral("pins"));
    const QList<QString> keys = locations.keys();
    for (const QString &key : keys) {
        if (key == from || key.startsWith(from + QLatin1Char('[')) ||
            key.startsWith(from + QLatin1Char('.'))) {
            const QString alias = to + key.mid(from.size());
            if (!locations.contains(alias)) {
                locations.insert(alias, locations.value(key));
            }
        }
    }
}

void Config::Private::migrateLegacyGpio(const QJsonValue &gpio)
{
    const QString section = QStringLiteral("gpio");
    const QString target = JsonSchema::appendKey(s_gpioConfigPath, QStringLiteral("pins"));
    QJsonArray pins;
    QString pinsPath;
    bool mock = false;
    if (gpio.isArray()) {
        pins = gpio.toArray();
        pinsPath = section;
    } else if (gpio.isObject()) {
        pins = gpio.toObject().value(QLatin1String("pins")).toArray();
        pinsPath = QStringLiteral("gpio.pins");
        mock = gpio.toObject().value(QLatin1String("mock")).toBool(false);
    } else {
        return;
    }

    InstanceConfig *instance = findBuiltin(QStringLiteral("gpio"));
    if (!instance) {
        if (pins.isEmpty()) {
            addAt(Severity::Info, section,
                  ConfigTr::tr("the top-level 'gpio' section is the earlier smollama's format "
                               "and lists no pins; it is ignored"));
            return;
        }
        // A plugins: section without the gpio plugin, but pins in the old place: the pins
        // say that the gpio plugin is wanted.
        InstanceConfig gpioInstance;
        gpioInstance.name = gpioInstance.module = QStringLiteral("gpio");
        gpioInstance.builtin = true;
        gpioInstance.configKeyPath = s_gpioConfigPath;
        gpioInstance.location = locate(section);
        instances.append(gpioInstance);
        instance = &instances.last();
    }
    if (!instance->location.line) {
        instance->location = locate(section);
    }

    const QJsonArray current = instance->config.value(QLatin1String("pins")).toArray();
    if (!current.isEmpty() && !pins.isEmpty()) {
        if (current == pins) {
            addAt(Severity::Info, section,
                  ConfigTr::tr("the top-level 'gpio' section repeats %1 and is ignored; you "
                               "can delete it")
                      .arg(target));
        } else {
            addAt(Severity::Warning, section,
                  ConfigTr::tr("the top-level 'gpio' section (the earlier smollama's format) "
                               "is ignored because %1 is set; move what you need there and "
                               "delete it")
                      .arg(target));
        }
        return;
    }

    // Errors about the gpio instance's config point at the old section.
    for (const QString &path : {QStringLiteral("plugins.builtin.gpio"), s_gpioConfigPath}) {
        if (!locations.contains(path)) {
            locations.insert(path, locate(section));
        }
    }
    QStringList done;
    if (!pins.isEmpty()) {
        instance->config.insert(QStringLiteral("pins"), pins);
        addLegacyGpioLocations(pinsPath);
        done.append(
            pins.size() == 1
                ? ConfigTr::tr("its pin now belongs under %1").arg(target)
                : ConfigTr::tr("its %1 pins now belong under %2").arg(pins.size()).arg(target));
    }
    if (mock && !instance->config.contains(QLatin1String("backend"))) {
        instance->config.insert(QStringLiteral("backend"), QStringLiteral("sim"));
        done.append(ConfigTr::tr("'mock: true' became %1.backend: sim").arg(s_gpioConfigPath));
    }
    if (done.isEmpty()) {
        addAt(Severity::Info, section,
              ConfigTr::tr("the top-level 'gpio' section is the earlier smollama's format and "
                           "has nothing to migrate; it is ignored"));
        return;
    }
    addAt(Severity::Info, section,
          ConfigTr::tr("the top-level 'gpio' section (the earlier smollama's format) was "
                       "migrated: %1; move it there")
              .arg(done.join(ConfigTr::tr(", and "))));
}

void Config::Private::migrateLegacyMqtt(const QJsonValue &mqtt, const QJsonObject &agent,
                                        const QString &node)
{
    const QString section = QStringLiteral("mqtt");
    const QString target = QStringLiteral("plugins.builtin.mqtt.config");
    if (!mqtt.isObject()) {
        addAt(Severity::Info, section,
              ConfigTr::tr("the top-level 'mqtt' section is the earlier smollama's format but "
                           "not a map of settings; it is ignored"));
        return;
    }
    // An mqtt plugin configured the new way wins.
    for (const InstanceConfig &instance : std::as_const(instances)) {
        if (instance.module == QLatin1String("mqtt") &&
            (!instance.builtin || !instance.config.isEmpty())) {
            addAt(Severity::Info, section,
                  ConfigTr::tr("the top-level 'mqtt' section (the earlier smollama's format) is "
                               "ignored because %1 is set; you can delete it")
                      .arg(instance.configKeyPath));
            return;
        }
    }
    const Internal::LegacyMqtt mapped = Internal::LegacyMqtt::map(mqtt.toObject(), node, agent);
    InstanceConfig *instance = findBuiltin(QStringLiteral("mqtt"));
    if (!instance) {
        // The section says the node is part of a fleet: the mqtt plugin is wanted.
        InstanceConfig mqttInstance;
        mqttInstance.name = mqttInstance.module = QStringLiteral("mqtt");
        mqttInstance.builtin = true;
        mqttInstance.configKeyPath = target;
        mqttInstance.location = locate(section);
        instances.append(mqttInstance);
        instance = &instances.last();
    }
    instance->config = mapped.config;
    // Errors about the mqtt instance's config point at the old keys.
    for (const QString &path : {QStringLiteral("plugins.builtin.mqtt"), target}) {
        if (!locations.contains(path)) {
            locations.insert(path, locate(section));
        }
    }
    QStringList moved;
    for (const auto &[from, to] : mapped.moved) {
        moved.append(QStringLiteral("%1 → %2").arg(from, to));
        locations.insert(JsonSchema::appendKey(target, to), locate(from));
    }
    QString text =
        ConfigTr::tr("the top-level 'mqtt' section (the earlier smollama's format) now "
                     "configures the builtin mqtt plugin (%1); write it as %2: %3")
            .arg(moved.isEmpty() ? ConfigTr::tr("with its defaults")
                                 : moved.join(QLatin1String(", ")),
                 target,
                 QString::fromUtf8(QJsonDocument(mapped.config).toJson(QJsonDocument::Compact)));
    if (mapped.password) {
        text += QLatin1String(". ") +
                ConfigTr::tr("The password is not taken from the configuration: write it to a file "
                             "readable by smollama only and set password_file");
    }
    if (!mapped.prefixNode.isEmpty()) {
        text += QLatin1String(". ") +
                ConfigTr::tr("Its topics use this node's name '%1' (node.name), not '%2' of "
                             "publish_prefix")
                    .arg(node, mapped.prefixNode);
    }
    if (mapped.questions) {
        text += QLatin1String(". ") +
                ConfigTr::tr("It answered questions sent to the fleet; set answer_questions: true "
                             "for that");
    }
    addAt(Severity::Info, section, text);
}

// Builds the effective configuration from the (checked) file contents: schema defaults, then
// the plugin instances as this class understood them, then the environment.
void Config::Private::finish(const QJsonObject &root, const QProcessEnvironment *env)
{
    QJsonObject result = JsonSchema::applyDefaults(configSchema(), root).toObject();
    result.remove(QStringLiteral("gpio"));

    QJsonObject plugins = result.value(QLatin1String("plugins")).toObject();
    QJsonObject builtin;
    QJsonArray custom;
    for (const InstanceConfig &instance : std::as_const(instances)) {
        QJsonObject entry;
        entry.insert(QStringLiteral("enabled"), instance.enabled);
        entry.insert(QStringLiteral("on_setup_error"),
                     instance.retrySetup ? QStringLiteral("retry") : QStringLiteral("fail"));
        if (instance.retryMaxDelayMs > 0) {
            entry.insert(QStringLiteral("retry_max_delay_s"), instance.retryMaxDelayMs / 1000.0);
        }
        entry.insert(QStringLiteral("sink_queue"), instance.sinkQueue);
        entry.insert(QStringLiteral("isolation"),
                     instance.isolated ? QStringLiteral("process") : QStringLiteral("inprocess"));
        entry.insert(QStringLiteral("max_rss_mb"), instance.maxRssMb);
        entry.insert(QStringLiteral("config"), instance.config);
        if (instance.builtin) {
            builtin.insert(instance.name, entry);
        } else {
            entry.insert(QStringLiteral("name"), instance.name);
            entry.insert(QStringLiteral("module"), instance.module);
            custom.append(entry);
        }
    }
    plugins.insert(QStringLiteral("builtin"), builtin);
    plugins.insert(QStringLiteral("custom"), custom);
    result.insert(QStringLiteral("plugins"), plugins);
    effective = result;

    if (env) {
        applyEnvironment(*env);
    }

    const QString baseDir =
        filePath.isEmpty() ? QDir::currentPath() : QFileInfo(filePath).absolutePath();
    const QJsonArray paths = plugins.value(QLatin1String("paths")).toArray();
    for (const QJsonValue &p : paths) {
        if (p.isString() && !p.toString().isEmpty()) {
            pluginPaths.append(StatePaths::resolve(p.toString(), baseDir));
        }
    }
    const QString installDir = plugins.value(QLatin1String("install_dir")).toString();
    if (!installDir.isEmpty()) {
        pluginsInstallDir = StatePaths::resolve(installDir, baseDir);
    }
    sortDiagnostics();
}

void Config::Private::applyEnvironment(const QProcessEnvironment &env)
{
    struct Override
    {
        const char *variable;
        const char *section;
        const char *key;
        int minPort; // -1: a string; otherwise a port number from minPort to 65535
    };
    static const Override overrides[] = {
        {"SMOLLAMA_NODE_NAME", "node", "name", -1},
        {"SMOLLAMA_OLLAMA_URL", "ollama", "url", -1},
        {"SMOLLAMA_OLLAMA_HOST", "ollama", "host", -1},
        {"SMOLLAMA_OLLAMA_PORT", "ollama", "port", 1},
        {"SMOLLAMA_OLLAMA_MODEL", "ollama", "model", -1},
        {"SMOLLAMA_HTTP_PORT", "http", "port", 0},
    };
    for (const Override &o : overrides) {
        const QString variable = QString::fromLatin1(o.variable);
        const QString text = env.value(variable).trimmed();
        if (text.isEmpty()) {
            continue;
        }
        const QString sectionName = QString::fromLatin1(o.section);
        const QString key = QString::fromLatin1(o.key);
        const QString path = JsonSchema::appendKey(sectionName, key);
        QJsonValue value = text;
        if (o.minPort >= 0) {
            bool ok = false;
            const int port = text.toInt(&ok);
            if (!ok || port < o.minPort || port > 65535) {
                add(Severity::Warning, path,
                    ConfigTr::tr("%1='%2' is not a port number (%3-65535) and is ignored")
                        .arg(variable, text)
                        .arg(o.minPort),
                    ConfigLocation());
                continue;
            }
            value = double(port);
        }
        QJsonObject section = effective.value(sectionName).toObject();
        section.insert(key, value);
        effective.insert(sectionName, section);
        add(Severity::Info, path, ConfigTr::tr("set to '%1' by %2").arg(text, variable),
            ConfigLocation());
    }

    const QJsonObject ollama = effective.value(QLatin1String("ollama")).toObject();
    if (!ollama.value(QLatin1String("url")).toString().isEmpty()) {
        for (const char *variable : {"SMOLLAMA_OLLAMA_HOST", "SMOLLAMA_OLLAMA_PORT"}) {
            if (!env.value(QString::fromLatin1(variable)).trimmed().isEmpty()) {
                add(Severity::Warning, QStringLiteral("ollama.url"),
                    ConfigTr::tr("%1 has no effect because ollama.url is set (the URL wins "
                                 "over host and port); set SMOLLAMA_OLLAMA_URL instead")
                        .arg(QString::fromLatin1(variable)),
                    ConfigLocation());
            }
        }
    }
}

void Config::Private::sortDiagnostics()
{
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const ConfigDiagnostic &a, const ConfigDiagnostic &b) {
                         return locationLess(a.location, b.location);
                     });
}

// --- Config ----------------------------------------------------------------------------------

Config::Config()
    : d(std::make_shared<Private>())
{
    d->readInstances(QJsonObject());
    d->finish(QJsonObject(), nullptr);
}

Config::~Config() = default;
Config::Config(const Config &other) = default;
Config &Config::operator=(const Config &other) = default;

QStringList Config::searchLocations(const QString &explicitPath)
{
    if (!explicitPath.isEmpty()) {
        return {explicitPath};
    }
    return StatePaths::configSearchPath();
}

QString Config::findConfigFile(const QString &explicitPath)
{
    if (!explicitPath.isEmpty()) {
        return explicitPath;
    }
    const QStringList candidates = searchLocations();
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate).isFile()) {
            return candidate;
        }
    }
    return QString();
}

Config Config::load(const QString &path, const QProcessEnvironment &env)
{
    if (path.isEmpty()) {
        Config config;
        config.d = std::make_shared<Private>();
        config.d->readInstances(QJsonObject());
        config.d->finish(QJsonObject(), &env);
        return config;
    }
    QString problem;
    const QFileInfo info(path);
    QByteArray data;
    if (!info.exists()) {
        problem = ConfigTr::tr("config file %1 does not exist").arg(path);
    } else if (info.isDir()) {
        problem = ConfigTr::tr("config file %1 is a folder, not a file").arg(path);
    } else {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            problem = ConfigTr::tr("cannot read config file %1: %2").arg(path, file.errorString());
        } else {
            data = file.readAll();
        }
    }
    if (problem.isEmpty()) {
        return fromYaml(data, path, env);
    }
    Config config;
    config.d = std::make_shared<Private>();
    config.d->filePath = path;
    config.d->add(Severity::Error, QString(), problem, ConfigLocation());
    config.d->finish(QJsonObject(), &env);
    return config;
}

Config Config::fromYaml(const QByteArray &yaml, const QString &fileName,
                        const QProcessEnvironment &env)
{
    Config config;
    config.d = std::make_shared<Private>();
    config.d->filePath = fileName;
    QJsonObject root;
    try {
        root = config.d->process(Internal::parseYaml(yaml, fileName));
    } catch (const std::exception &e) {
        // Nothing below is expected to throw; this is the last line that keeps a bug from
        // taking the application down while it reads its configuration.
        config.d->add(Severity::Error, QString(),
                      ConfigTr::tr("internal error while reading the configuration: %1")
                          .arg(QString::fromUtf8(e.what())),
                      ConfigLocation{fileName, 0, 0});
    } catch (...) {
        config.d->add(Severity::Error, QString(),
                      ConfigTr::tr("internal error while reading the configuration"),
                      ConfigLocation{fileName, 0, 0});
    }
    config.d->finish(root, &env);
    return config;
}

QString Config::filePath() const
{
    return d->filePath;
}

bool Config::isLegacy() const
{
    return d->legacy;
}

bool Config::hasPluginsSection() const
{
    return d->hasPlugins;
}

QList<ConfigDiagnostic> Config::diagnostics() const
{
    return d->diagnostics;
}

bool Config::hasErrors() const
{
    return std::any_of(
        d->diagnostics.cbegin(), d->diagnostics.cend(),
        [](const ConfigDiagnostic &diag) { return diag.severity == Severity::Error; });
}

QJsonObject Config::toJson() const
{
    return d->effective;
}

QJsonObject Config::section(const QString &name) const
{
    return d->effective.value(name).toObject();
}

QString Config::nodeName() const
{
    const QString name = section(QStringLiteral("node")).value(QLatin1String("name")).toString();
    return name.trimmed().isEmpty() ? QSysInfo::machineHostName() : name;
}

QStringList Config::pluginPaths() const
{
    return d->pluginPaths;
}

QString Config::pluginsInstallDir() const
{
    return d->pluginsInstallDir;
}

QList<InstanceConfig> Config::instances() const
{
    return d->instances;
}

ConfigLocation Config::locate(const QString &keyPath) const
{
    return d->locate(keyPath);
}

} // namespace Smollama
