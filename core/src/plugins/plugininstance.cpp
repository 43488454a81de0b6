// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugininstance.h"

#include "instancecalls_p.h"
#include "readings/publishlimiter.h"

#include <smollama/plugincontext.h>

#include <QMutexLocker>
#include <QPluginLoader>
#include <QThread>
#include <QTimer>

namespace Smollama {

PluginSpec::PluginSpec() = default;
PluginSpec::~PluginSpec() = default;
PluginInstance::PluginInstance()
    : callWatch(std::make_shared<CallWatch>())
{
}

PluginInstance::~PluginInstance()
{
    if (pendingCall) {
        QMutexLocker lock(&pendingCall->mutex);
        pendingCall->manager = nullptr;
    }
    // The context and the object die before the spec's library could ever go away.
    context.reset();
    object.reset();
}

PluginStatus PluginInstance::status() const
{
    PluginStatus s;
    s.name = module;
    s.instance = name;
    if (spec) {
        const PluginMetadata &md = spec->metadata;
        s.version = md.version();
        s.author = md.author();
        s.description = md.description();
        s.types = md.types();
        s.dependencies = md.dependencies();
        s.path = spec->path;
        s.builtin = spec->builtin;
    } else {
        s.builtin = declared.builtin;
    }
    // Where it runs; as declared while there is no plugin to decide auto.
    s.isolation = !spec          ? InstanceConfig::isolationName(declared.isolation)
                  : runsInHost() ? QStringLiteral("process")
                                 : QStringLiteral("inprocess");
    s.state = state;
    s.reason = reason;
    if (sinkCounters) {
        s.sinkQueue = sinkCounters->queue;
        s.sinkDelivered = sinkCounters->delivered.load();
        s.sinkDropped = sinkCounters->dropped->load();
    }
    return s;
}

bool PluginInstance::runsInHost() const
{
    if (!spec) {
        return false;
    }
    switch (declared.isolation) {
    case InstanceConfig::Isolation::Process:
        return true;
    case InstanceConfig::Isolation::InProcess:
        return false;
    case InstanceConfig::Isolation::Auto:
        break;
    }
    return !spec->builtin;
}

} // namespace Smollama
