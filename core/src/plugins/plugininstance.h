// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/config.h"
#include "pluginstatus.h"
#include "plugintranslator.h"
#include "util/jsonschema.h"

#include <smollama/pluginmetadata.h>
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

/*! One configured instance of a plugin (internal to the core and its programs). */
struct PluginInstance
{
    QString name;
    QString module;
    InstanceConfig declared;    //!< as the configuration declares it
    PluginSpec *spec = nullptr; //!< null when no plugin of that name was found
    QJsonObject config;         //!< validated, with schema defaults filled in
    PluginState state = PluginState::Enabled;
    QString reason;
    /*! What the plugin itself said through PluginContext::setDegraded(); empty when healthy. */
    QString reportedDegraded;

    std::unique_ptr<QObject> object; //!< the instance object the factory created
    /*! With isolation: process, `object` is this proxy of the instance in its plugin host
        process (null for an instance in this process). */
    HostedInstance *hosted = nullptr;
    Plugin *plugin = nullptr;
    ReadingProvider *readingProvider = nullptr;
    ToolProvider *toolProvider = nullptr;
    ReadingSink *readingSink = nullptr;
    /*! Set while its readings are delivered (SinkDispatcher); kept after, so the status still
        shows what was dropped. */
    std::shared_ptr<SinkCounters> sinkCounters;
    std::unique_ptr<PluginContext> context;
    /*! The instance's own worker thread: setup(), read(), tool calls and teardown() run
        there, so a slow bus never blocks the user interface. Null in the dry run. */
    std::unique_ptr<QThread> thread;
    bool setUp = false;
    /*! What the instance declared after setup(): its sources (local ids) and tool names. */
    QList<SourceInfo> sources;
    QStringList toolNames;
    /*! Its tools as tools() described them, read on the instance's thread with the names, so
        registering them never calls into the plugin from the main thread. */
    struct DeclaredTool
    {
        QString name;
        QString description;
        QJsonObject parameters;
        Tool *tool = nullptr;
    };
    QList<DeclaredTool> tools;
    /*! True when a call into the plugin never returned and the instance was left behind. */
    bool abandoned = false;
    /*! Failed setup() attempts in a row, and the timer of the next one (state Retrying). */
    int setupFailures = 0;
    std::unique_ptr<QTimer> retryTimer;
    /*! The plugin call a setup retry waits for without blocking the manager's thread (setup()
        or sources()/tools()): the link its answer comes back through, the timer that gives it
        up and what runs next. Used on the manager's thread only; empty when none is pending. */
    std::shared_ptr<CallLink> pendingCall;
    std::unique_ptr<QTimer> pendingTimer;
    std::function<void(bool finished)> pendingNext;
    /*! The tool call that hangs, if any (PluginManager::runToolCall()); shared with the calls,
        which may outlive the instance. */
    std::shared_ptr<CallWatch> callWatch;
    /*! Bounds the readings the instance publishes (pushed and polled); shared with its
        poller and its context, used from any thread. */
    std::shared_ptr<PublishLimiter> limiter;
    /*! Bounds the readings of other nodes it ingests (a bridge), apart from its own. */
    std::shared_ptr<PublishLimiter> remoteLimiter;

    PluginInstance();
    ~PluginInstance();

    PluginStatus status() const;
    /*! True when the instance runs in a plugin host process: isolation: process, or auto for
        a plugin that did not come with smollama. */
    bool runsInHost() const;
    /*! The name of the thread every call into instance \a name runs on ("smollama:greenhouse"),
        in smollama's process or in its plugin host. */
    static QString threadName(const QString &name) { return QStringLiteral("smollama:") + name; }
};

} // namespace Smollama
