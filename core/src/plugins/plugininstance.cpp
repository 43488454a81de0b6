// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugininstance.h"

#include "instancecalls_p.h"
#include "plugininstance_p.h"
#include "readings/publishlimiter.h"

#include <smollama/plugincontext.h>

#include <QMutexLocker>
#include <QPluginLoader>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace Smollama {

PluginSpec::PluginSpec() = default;
PluginSpec::~PluginSpec() = default;
PluginInstance::PluginInstance()
    : d(std::make_unique<PluginInstancePrivate>())
{
    d->callWatch = std::make_shared<CallWatch>();
}

PluginInstance::~PluginInstance()
{
    if (d->pendingCall) {
        QMutexLocker lock(&d->pendingCall->mutex);
        d->pendingCall->manager = nullptr;
    }
    // The context and the object die before the spec's library could ever go away.
    d->context.reset();
    d->object.reset();
}

const QString &PluginInstance::name() const
{
    return d->name;
}

const QString &PluginInstance::module() const
{
    return d->module;
}

const InstanceConfig &PluginInstance::declared() const
{
    return d->declared;
}

const PluginSpec *PluginInstance::spec() const
{
    return d->spec;
}

const QJsonObject &PluginInstance::config() const
{
    return d->config;
}

PluginState PluginInstance::state() const
{
    return d->state;
}

const QString &PluginInstance::reason() const
{
    return d->reason;
}

bool PluginInstance::isSetUp() const
{
    return d->setUp;
}

bool PluginInstance::isAbandoned() const
{
    return d->abandoned;
}

QThread *PluginInstance::thread() const
{
    return d->thread.get();
}

Plugin *PluginInstance::plugin() const
{
    return d->plugin;
}

ReadingProvider *PluginInstance::readingProvider() const
{
    return d->readingProvider;
}

ToolProvider *PluginInstance::toolProvider() const
{
    return d->toolProvider;
}

ReadingSink *PluginInstance::readingSink() const
{
    return d->readingSink;
}

HostedInstance *PluginInstance::hosted() const
{
    return d->hosted;
}

PluginContext *PluginInstance::context() const
{
    return d->context.get();
}

const QList<SourceInfo> &PluginInstance::sources() const
{
    return d->sources;
}

const QList<PluginInstance::DeclaredTool> &PluginInstance::tools() const
{
    return d->tools;
}

const std::shared_ptr<PublishLimiter> &PluginInstance::limiter() const
{
    return d->limiter;
}

std::shared_ptr<SinkCounters> PluginInstance::sinkCounters()
{
    if (!d->sinkCounters) {
        d->sinkCounters = std::make_shared<SinkCounters>();
        d->sinkCounters->queue = std::max(1, d->declared.sinkQueue);
    }
    return d->sinkCounters;
}

PluginStatus PluginInstance::status() const
{
    PluginStatus s;
    s.name = d->module;
    s.instance = d->name;
    if (d->spec) {
        const PluginMetadata &md = d->spec->metadata;
        s.version = md.version();
        s.author = md.author();
        s.description = md.description();
        s.types = md.types();
        s.dependencies = md.dependencies();
        s.path = d->spec->path;
        s.builtin = d->spec->builtin;
    } else {
        s.builtin = d->declared.builtin;
    }
    // Where it runs; as declared while there is no plugin to decide auto.
    s.isolation = !d->spec       ? InstanceConfig::isolationName(d->declared.isolation)
                  : runsInHost() ? QStringLiteral("process")
                                 : QStringLiteral("inprocess");
    s.state = d->state;
    s.reason = d->reason;
    if (d->sinkCounters) {
        s.sinkQueue = d->sinkCounters->queue;
        s.sinkDelivered = d->sinkCounters->delivered.load();
        s.sinkDropped = d->sinkCounters->dropped->load();
    }
    return s;
}

bool PluginInstance::runsInHost() const
{
    if (!d->spec) {
        return false;
    }
    switch (d->declared.isolation) {
    case InstanceConfig::Isolation::Process:
        return true;
    case InstanceConfig::Isolation::InProcess:
        return false;
    case InstanceConfig::Isolation::Auto:
        break;
    }
    return !d->spec->builtin;
}

} // namespace Smollama
