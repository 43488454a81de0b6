// SPDX-License-Identifier: GPL-3.0-or-later
// Loading the configuration: the file (YAML read as JSON), the schema's defaults, the
// environment's overrides and the paths it names. configcheck.cpp checks what was read,
// configmigration.cpp takes over the earlier smollama's format.
#include "config_p.h"

#include "util/schemaexplainer.h"
#include "util/statepaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>

#include <algorithm>
#include <exception>

namespace Smollama {

namespace Internal {

Q_LOGGING_CATEGORY(lcConfig, "smollama.config")

namespace {

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

} // namespace

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

bool locationLess(const ConfigLocation &a, const ConfigLocation &b)
{
    if ((a.line > 0) != (b.line > 0)) {
        return a.line > 0;
    }
    return a.line != b.line ? a.line < b.line : a.column < b.column;
}

} // namespace Internal

using namespace Internal;

namespace {

using Severity = ConfigDiagnostic::Severity;

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

} // namespace

// --- ConfigDiagnostic ------------------------------------------------------------------------

QString InstanceConfig::isolationName(Isolation isolation)
{
    switch (isolation) {
    case Isolation::InProcess:
        return QStringLiteral("inprocess");
    case Isolation::Process:
        return QStringLiteral("process");
    case Isolation::Auto:
        break;
    }
    return QStringLiteral("auto");
}

InstanceConfig::Isolation InstanceConfig::isolationFromName(const QString &name)
{
    if (name == QLatin1String("inprocess")) {
        return Isolation::InProcess;
    }
    return name == QLatin1String("process") ? Isolation::Process : Isolation::Auto;
}

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
                     InstanceConfig::isolationName(instance.isolation));
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
