// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the parts of the configuration: config.cpp (loading: file, defaults, environment),
// configcheck.cpp (checking against the schema, the plugin instances) and configmigration.cpp
// (the earlier Python smollama's format). Not installed, not part of the API.

#include "config.h"

#include "util/jsonschema.h"
#include "yamljson.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QLoggingCategory>
#include <QPair>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Smollama::Internal {

// smollama.config (defined in config.cpp).
Q_DECLARE_LOGGING_CATEGORY(lcConfig)

// The translation context of the configuration's messages (docs/translations.md).
class ConfigTr
{
    Q_DECLARE_TR_FUNCTIONS(Config)
};

/*! The configuration schema (core/src/schemas/config.schema.json), read once. */
const QJsonObject &configSchema();
/*! configSchema(), compiled once. */
const JsonSchema &compiledSchema();

/*! Orders places by line and column; places without a line come last. */
bool locationLess(const ConfigLocation &a, const ConfigLocation &b);

/*! Where the builtin gpio instance's config is. */
inline const QString s_gpioConfigPath = QStringLiteral("plugins.builtin.gpio.config");

/*! An instance of the builtin plugin \a name with its defaults, that the file implies without
    an entry of its own (no plugins: section, or a section of the earlier format). */
inline InstanceConfig impliedBuiltin(const QString &name, const QString &configKeyPath,
                                     const ConfigLocation &location)
{
    InstanceConfig instance;
    instance.name = instance.module = name;
    instance.builtin = true;
    instance.configKeyPath = configKeyPath;
    instance.location = location;
    return instance;
}

/*!
    The earlier Python smollama's top-level `mqtt:` section as the builtin mqtt plugin's config
    (docs/mqtt.md): `broker` → host, `port`, `username`, `topics.publish_prefix`
    ("smollama/<node>") → base_topic, and the agent's `edge_publish_interval_seconds` →
    snapshot_interval_s. What cannot be taken over is said, not guessed: a `password` in the
    file (the plugin reads passwords from a file only), and the question trigger the Python
    node ran on its subscribed topics (answer_questions stays off until asked for).
*/
struct LegacyMqtt
{
    QJsonObject config;                   //!< the mqtt plugin's config
    QList<QPair<QString, QString>> moved; //!< (old key, new key), in the file's order
    bool password = false;                //!< a password was in the file: not taken over
    bool questions = false;               //!< it subscribed to <base>/broadcast or .../ask
    QString prefixNode; //!< publish_prefix named another node than node.name; else empty

    /*! Maps \a section; \a node is this node's name, \a agent the agent section (its
        edge_publish_interval_seconds). */
    static LegacyMqtt map(const QJsonObject &section, const QString &node,
                          const QJsonObject &agent);
};

} // namespace Smollama::Internal

namespace Smollama {

// The state behind Config, built by the three parts.
struct Config::Private
{
    using Severity = ConfigDiagnostic::Severity;

    QString filePath;
    bool legacy = false;
    bool hasPlugins = false;
    QList<ConfigDiagnostic> diagnostics;
    QJsonObject effective;
    QHash<QString, ConfigLocation> locations;
    QList<InstanceConfig> instances;
    QStringList pluginPaths;
    QString pluginsInstallDir;
    bool legacyMqtt = false; //!< the file has the earlier smollama's top-level mqtt section

    ConfigLocation locate(const QString &keyPath) const;
    void add(Severity severity, const QString &key, const QString &message,
             const ConfigLocation &location);
    void addAt(Severity severity, const QString &key, const QString &message)
    {
        add(severity, key, message, locate(key));
    }

    // Loading (config.cpp).
    QJsonObject process(const Internal::YamlJson &doc);
    void finish(const QJsonObject &root, const QProcessEnvironment *env);
    void applyEnvironment(const QProcessEnvironment &env);
    InstanceConfig *findBuiltin(const QString &name);
    void sortDiagnostics();

    // Checking (configcheck.cpp).
    QJsonValue clean(const QJsonObject &schema, const QJsonValue &value, const QString &path);
    QJsonObject validate(QJsonObject root);
    void readInstances(const QJsonObject &root);

    // The earlier smollama's format (configmigration.cpp).
    QJsonObject dropUnsupported(QJsonObject root);
    void convertGpioMock();
    void migrateLegacyGpio(const QJsonValue &gpio);
    void migrateLegacyMqtt(const QJsonValue &mqtt, const QJsonObject &agent, const QString &node);
    void addLegacyGpioLocations(const QString &from);
};

} // namespace Smollama
