// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/config.h"
#include "pluginstatus.h"
#include "plugintranslator.h"
#include "util/jsonschema.h"

#include <smollama/pluginmetadata.h>
#include <smollama/smollama_export.h>
#include <smollama/sourceinfo.h>

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QPluginLoader;
class QThread;
class QTimer;

namespace Smollama {

class HostedInstance;
struct PluginInstancePrivate;
class Plugin;
class PluginContext;
class PluginFactory;
struct CallLink;
struct CallWatch;
class PublishLimiter;
class ReadingProvider;
class ReadingSink;
class Tool;
class ToolProvider;

/*! One discovered plugin library (internal to the core and its programs). */
struct PluginSpec
{
    QString path;
    bool builtin = false;
    QJsonObject metaData; //!< what QPluginLoader::metaData() returned
    PluginMetadata metadata;
    /*! The manifest's configSchema as discovery compiled it (invalid when there is none). */
    JsonSchema configSchema;
    /*! Enabled when the library may be used; Incompatible or Conflict otherwise. */
    PluginState state = PluginState::Enabled;
    QString reason;

    // Filled when the library is loaded (never during discovery).
    std::unique_ptr<QPluginLoader> loader;
    /*! The plugin's own translations; declared after the loader so that it goes first. */
    std::unique_ptr<PluginTranslator> translator;
    PluginFactory *factory = nullptr;
    bool loadAttempted = false;
    PluginState loadState = PluginState::Enabled;
    QString loadError;

    PluginSpec();
    ~PluginSpec();
};

/*! What the delivery of readings to one sink has done; updated from any thread. */
struct SinkCounters
{
    int queue = 0; //!< the bound of its queue (the instance entry's sink_queue)
    std::shared_ptr<std::atomic<qint64>> dropped = std::make_shared<std::atomic<qint64>>(0);
    std::atomic<qint64> delivered{0};
};

/*!
    One configured instance of a plugin (internal to the core and its programs): what the
    configuration declared, the plugin it uses, its state and what it offers once set up.

    Components (the reading manager, the tool registry, the sink dispatcher, the HTTP API, the
    CLI) ask it through its methods; only its owner, the plugin manager and its parts
    (PluginResolver, InstanceContext), change it, through its private part
    (plugininstance_p.h).
*/
class SMOLLAMA_EXPORT PluginInstance
{
public:
    PluginInstance();
    ~PluginInstance();
    PluginInstance(const PluginInstance &) = delete;
    PluginInstance &operator=(const PluginInstance &) = delete;

    const QString &name() const;
    /*! The plugin's name (the instance entry's module, else its name). */
    const QString &module() const;
    /*! The instance entry as the configuration declares it. */
    const InstanceConfig &declared() const;
    /*! The plugin library; null when no plugin of that name was found. */
    const PluginSpec *spec() const;
    /*! The instance's config, validated, with the schema's defaults filled in. */
    const QJsonObject &config() const;
    PluginState state() const;
    const QString &reason() const;
    PluginStatus status() const;
    /*! True when the instance runs in a plugin host process: isolation: process, or auto for
        a plugin that did not come with smollama. */
    bool runsInHost() const;

    /*! True once setup() succeeded, until teardown(). */
    bool isSetUp() const;
    /*! True when a call into the plugin never returned and the instance was left behind. */
    bool isAbandoned() const;
    /*! The instance's own worker thread: setup(), read(), tool calls and teardown() run
        there. Null in the dry run and for an instance that was never created. */
    QThread *thread() const;
    /*! Its interfaces (null when it does not implement one). */
    Plugin *plugin() const;
    ReadingProvider *readingProvider() const;
    ToolProvider *toolProvider() const;
    ReadingSink *readingSink() const;
    /*! The proxy of the instance in its plugin host process; null for one in this process. */
    HostedInstance *hosted() const;
    /*! What the instance was given as its PluginContext. */
    PluginContext *context() const;

    /*! What the instance declared after setup(): its sources (local ids) ... */
    const QList<SourceInfo> &sources() const;
    /*! ... and its tools as tools() described them, read on the instance's thread with the
        names, so registering them never calls into the plugin from the main thread. */
    struct DeclaredTool
    {
        QString name;
        QString description;
        QJsonObject parameters;
        Tool *tool = nullptr;
    };
    const QList<DeclaredTool> &tools() const;

    /*! Bounds the readings the instance publishes (pushed and polled); used from any
        thread. */
    const std::shared_ptr<PublishLimiter> &limiter() const;
    /*! The counters of the readings delivered to it as a reading sink, made at the first call
        with the bound of its queue (the instance entry's sink_queue); kept after the delivery
        stopped, so the status still shows what was dropped (SinkDispatcher). */
    std::shared_ptr<SinkCounters> sinkCounters();

    /*! The name of the thread every call into instance \a name runs on ("smollama:greenhouse"),
        in smollama's process or in its plugin host. */
    static QString threadName(const QString &name) { return QStringLiteral("smollama:") + name; }

private:
    friend class PluginManager;
    friend class PluginResolver;
    friend class InstanceContext;
    std::unique_ptr<PluginInstancePrivate> d;
};

} // namespace Smollama
