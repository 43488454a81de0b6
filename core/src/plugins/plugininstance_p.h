// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The private part of PluginInstance: what the plugin manager and its parts (PluginResolver,
// InstanceContext) keep of an instance and change. Nothing else includes this header.

#include "plugininstance.h"

#include <QList>
#include <QStringList>

namespace Smollama {

struct PluginInstancePrivate
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
    /*! Made when its readings are first delivered (PluginInstance::sinkCounters()). */
    std::shared_ptr<SinkCounters> sinkCounters;
    std::unique_ptr<PluginContext> context;
    /*! The instance's own worker thread (PluginInstance::thread()). */
    std::unique_ptr<QThread> thread;
    bool setUp = false;
    /*! What the instance declared after setup(): its sources (local ids) and tool names. */
    QList<SourceInfo> sources;
    QStringList toolNames;
    QList<PluginInstance::DeclaredTool> tools;
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
};

} // namespace Smollama
