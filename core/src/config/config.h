// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QJsonObject>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>

namespace Smollama {

/*! A place in a configuration file (1-based; 0 when unknown). */
struct ConfigLocation
{
    QString file;
    int line = 0;
    int column = 0;
};

/*! A problem found in a configuration: errors make it unusable, warnings and infos do not. */
struct SMOLLAMA_EXPORT ConfigDiagnostic
{
    enum class Severity { Info, Warning, Error };

    Severity severity = Severity::Error;
    ConfigLocation location;
    /*! The key path, e.g. "plugins.custom[0].module"; empty for the whole file. */
    QString key;
    QString message;

    /*! "config.yaml:12:5: error: plugins.custom[0].module: expected a string" */
    QString toString() const;
    static QString severityName(Severity severity);
};

/*! One plugin instance as the configuration declares it. */
struct InstanceConfig
{
    /*! The instance name ("system", "greenhouse"). */
    QString name;
    /*! The plugin it instantiates (the manifest's name); the same as name for builtins. */
    QString module;
    bool enabled = true;
    /*! on_setup_error: retry: any failed setup() is tried again with growing delays (a
        not-ready result always is). */
    bool retrySetup = false;
    /*! retry_max_delay_s: the longest wait between two setup attempts (ms); 0: the default. */
    int retryMaxDelayMs = 0;
    /*! sink_queue: the most readings that wait for a reading sink (from the schema's default
        when the entry has none). */
    int sinkQueue = 0;
    /*! isolation: where the instance runs. Auto: in a plugin host process for a plugin that
        did not come with smollama, in smollama's process for a builtin
        (PluginInstance::runsInHost()). */
    enum class Isolation { Auto, InProcess, Process };
    Isolation isolation = Isolation::Auto;
    /*! max_rss_mb: the memory its host process may use (MiB). */
    int maxRssMb = 0;
    /*! Declared under plugins.builtin (true) or plugins.custom (false). */
    bool builtin = false;
    /*! The instance's config object as written (not yet validated, no defaults). */
    QJsonObject config;
    /*! The key path of `config`, e.g. "plugins.builtin.gpio.config", to locate errors. */
    QString configKeyPath;
    /*! Where the instance is declared. */
    ConfigLocation location;

    /*! "auto", "inprocess" or "process", as the configuration writes it. */
    static QString isolationName(Isolation isolation);
    /*! The inverse of isolationName(); an unknown name reads as Auto. */
    static Isolation isolationFromName(const QString &name);
};

/*!
    smollama's configuration: config.yaml read with yaml-cpp, checked against the configuration
    schema, with defaults, SMOLLAMA_* environment overrides and the earlier Python smollama's
    format migrated. Loading never throws: problems are diagnostics that name file, line,
    column and key.
*/
class SMOLLAMA_EXPORT Config
{
public:
    /*! A configuration with every default and no file ("no config.yaml found"): valid, without
        diagnostics, with the builtin instances system and gpio enabled with their defaults (as
        for a file without a plugins: section). The environment is not read; load() with an
        empty path gives the same plus the SMOLLAMA_* overrides. */
    Config();
    ~Config();
    Config(const Config &other);
    Config &operator=(const Config &other);

    /*! The places searched, in order: \a explicitPath (from -c) when given, otherwise
        StatePaths::configSearchPath(): ./config.yaml, <state folder>/config.yaml (~/.smollama
        or the service's /var/lib/smollama), /etc/smollama/config.yaml. */
    static QStringList searchLocations(const QString &explicitPath = QString());
    /*! The first of searchLocations() that exists; empty when none (or when \a explicitPath
        is given, that path even if it does not exist, so the error names it). */
    static QString findConfigFile(const QString &explicitPath = QString());

    /*! Reads \a path. A missing or unreadable file is an error diagnostic. An empty \a path
        means "no file": the defaults with \a env applied. A file that cannot be read or
        parsed declares no instances. */
    static Config load(const QString &path,
                       const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    /*! Reads YAML text; \a fileName is used in messages and to resolve relative paths. */
    static Config
    fromYaml(const QByteArray &yaml, const QString &fileName,
             const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    /*! The file read; empty when the defaults are used. */
    QString filePath() const;
    /*! True when the file is in the earlier Python smollama's format (no plugins: section). */
    bool isLegacy() const;
    /*! True when there is a plugins: section (only then are unmentioned builtins disabled). */
    bool hasPluginsSection() const;

    QList<ConfigDiagnostic> diagnostics() const;
    bool hasErrors() const;

    /*! The effective configuration as JSON: file values, then defaults, then environment. */
    QJsonObject toJson() const;
    /*! One top-level section of toJson() ("node", "ollama", "agent", "http", ...). */
    QJsonObject section(const QString &name) const;

    /*! node.name (SMOLLAMA_NODE_NAME); the host name when not set. */
    QString nodeName() const;
    /*! plugins.paths, with ~ expanded and relative paths resolved against the file's folder. */
    QStringList pluginPaths() const;
    /*! plugins.install_dir, resolved as plugins.paths; empty when not set (the default is
        StatePaths::pluginsDir()). */
    QString pluginsInstallDir() const;
    /*! Every declared instance: plugins.builtin in file order, then plugins.custom. For a
        legacy file: system and gpio with the migrated GPIO pins. */
    QList<InstanceConfig> instances() const;

    /*! Where \a keyPath ("plugins.custom[0].config.pins[1].mode") is in the file; the closest
        existing parent when the key itself is absent. */
    ConfigLocation locate(const QString &keyPath) const;

private:
    struct Private;
    std::shared_ptr<Private> d;
};

} // namespace Smollama
