// SPDX-License-Identifier: GPL-3.0-or-later
#include "pluginmanager.h"
#include "plugininstance_p.h"

#include "crashnote.h"
#include "fleet/remoteduplicates.h"
#include "instancecalls_p.h"
#include "plugindiscovery.h"
#include "pluginresolver.h"
#include "pluginslog.h"

#include <smollama/plugin.h>
#include <smollama/pluginfactory.h>
#include <smollama/readingprovider.h>
#include <smollama/readingsink.h>
#include <smollama/toolprovider.h>

#include <QCoreApplication>
#include <QMutexLocker>

#include <typeinfo>

Q_LOGGING_CATEGORY(lcPlugins, "smollama.plugins")

namespace Smollama {

using Internal::currentExceptionText;

namespace {

// The translation context of this file's messages (docs/translations.md).
class PluginManagerTr
{
    Q_DECLARE_TR_FUNCTIONS(PluginManager)
};

} // namespace

PluginManager::PluginManager(QObject *parent)
    : QObject(parent)
    , m_discovery(std::make_unique<PluginDiscovery>())
    , m_resolver(std::make_unique<PluginResolver>())
{
    qRegisterMetaType<Smollama::Reading>();
    qRegisterMetaType<Smollama::PluginStatus>();
    m_remoteDuplicates = std::make_shared<RemoteDuplicates>();
    m_self = std::make_shared<CallLink>();
    m_self->manager = this;
}

PluginManager::~PluginManager()
{
    {
        QMutexLocker lock(&m_self->mutex);
        m_self->manager = nullptr;
    }
    shutdownPlugins();
    m_instances.clear();
    m_discovery->clear();
}

QString PluginManager::defaultBuiltinPluginDir()
{
    return PluginDiscovery::defaultBuiltinDir();
}

void PluginManager::setBuiltinPluginDir(const QString &dir)
{
    m_discovery->setBuiltinDir(dir);
}

void PluginManager::setExtraPluginPaths(const QStringList &dirs)
{
    m_discovery->setExtraPaths(dirs);
}

void PluginManager::setConfig(const Config &config)
{
    m_config = config;
}

const Config &PluginManager::config() const
{
    return m_config;
}

void PluginManager::setCrashGuard(CrashGuard *guard, bool crashCheck)
{
    m_resolver->setCrashGuard(guard, crashCheck);
}

void PluginManager::setSafeMode(const QString &reason)
{
    m_resolver->setSafeMode(reason);
}

QString PluginManager::safeModeReason() const
{
    return m_resolver->safeModeReason();
}

void PluginManager::setLoadOverrides(const QStringList &noload, const QStringList &load)
{
    m_resolver->setLoadOverrides(noload, load);
}

QStringList PluginManager::searchPaths() const
{
    return m_discovery->searchPaths(m_config);
}

void PluginManager::discover()
{
    // Instances point into the specs: they go first.
    shutdownPlugins();
    m_instances.clear();
    m_unusedSpecRows.clear();
    m_discovery->discover(m_config);
}

void PluginManager::resolve()
{
    shutdownPlugins();
    m_instances.clear();
    m_unusedSpecRows.clear();
    PluginResolver::Resolution resolution = m_resolver->resolve(m_config, *m_discovery);
    m_instances = std::move(resolution.instances);
    m_unusedSpecRows = std::move(resolution.unusedSpecRows);
}

bool PluginManager::createObject(PluginInstance *inst)
{
    if (inst->runsInHost()) {
        return createHostedObject(inst);
    }
    if (!PluginDiscovery::ensureLoaded(inst->d->spec)) {
        setState(inst, inst->d->spec->loadState, inst->d->spec->loadError);
        return false;
    }
    QObject *object = nullptr;
    try {
        object = inst->d->spec->factory->create();
    } catch (...) {
        setState(inst, PluginState::Failed, currentExceptionText("the factory's create()"));
        return false;
    }
    if (!object) {
        setState(inst, PluginState::Failed,
                 PluginManagerTr::tr("its factory created no instance (create() returned null)"));
        return false;
    }
    inst->d->object.reset(object);
    inst->d->plugin = qobject_cast<Plugin *>(object);
    inst->d->readingProvider = qobject_cast<ReadingProvider *>(object);
    inst->d->toolProvider = qobject_cast<ToolProvider *>(object);
    inst->d->readingSink = qobject_cast<ReadingSink *>(object);
    return checkInterfaces(inst);
}

bool PluginManager::checkInterfaces(PluginInstance *inst)
{
    const PluginMetadata &md = inst->d->spec->metadata;
    QString missing;
    if (!inst->d->plugin) {
        missing = QStringLiteral("Smollama::Plugin");
    } else if (md.isSensor() && !inst->d->readingProvider) {
        missing = PluginManagerTr::tr("Smollama::ReadingProvider (it declares type \"sensor\")");
    } else if (md.isTool() && !inst->d->toolProvider) {
        missing = PluginManagerTr::tr("Smollama::ToolProvider (it declares type \"tool\")");
    } else if (md.isSink() && !inst->d->readingSink) {
        missing = PluginManagerTr::tr("Smollama::ReadingSink (it declares type \"sink\")");
    }
    if (!missing.isEmpty()) {
        inst->d->plugin = nullptr;
        inst->d->readingProvider = nullptr;
        inst->d->toolProvider = nullptr;
        inst->d->readingSink = nullptr;
        inst->d->hosted = nullptr;
        inst->d->object.reset();
        setState(inst, PluginState::Incompatible,
                 PluginManagerTr::tr("its instance object does not implement %1: add it to "
                                     "Q_INTERFACES")
                     .arg(missing));
        return false;
    }
    return true;
}

void PluginManager::checkDependencies()
{
    for (const auto &inst : m_instances) {
        if (inst->d->state != PluginState::Enabled || !inst->d->spec) {
            continue;
        }
        Result result;
        {
            const CrashNote::Subject *subject = CrashNote::subject(inst->d->name);
            const CrashNote::Scope scope(subject, CrashNote::Phase::Load);
            if (inst->d->object || createObject(inst.get())) {
                // The type of its object is defined in the plugin's library: the library's code
                // is the instance's, also when it runs on a thread the plugin started itself.
                // (An instance in a plugin host has no code here: its crash ends only the host.)
                const QObject &object = *inst->d->object;
                if (!inst->d->hosted) {
                    CrashNote::claimCode(subject, &typeid(object));
                }
                try {
                    result = inst->d->plugin->checkDependencies(inst->d->config);
                } catch (...) {
                    result = Result::error(currentExceptionText("checkDependencies()"));
                }
            }
        }
        if (!inst->d->plugin) {
            continue; // createObject() set the state
        }
        if (result.code() == Result::Code::InvalidConfig) {
            qCCritical(lcPlugins, "Invalid configuration for instance '%s' of plugin '%s': %s",
                       qPrintable(inst->d->name), qPrintable(inst->d->module),
                       qPrintable(result.message()));
            setState(inst.get(), PluginState::InvalidConfig, result.message());
        } else if (!result.isOk()) {
            setState(inst.get(), PluginState::MissingDependencies, result.message());
            qCDebug(lcPlugins, "Skipping plugin %s: %s", qPrintable(inst->d->name),
                    qPrintable(result.message()));
        }
    }
}

void PluginManager::prepare()
{
    discover();
    resolve();
    checkDependencies();
}

void PluginManager::setInstanceState(PluginInstance *inst, PluginState state, const QString &reason)
{
    if (inst->d->hosted &&
        (inst->d->state == PluginState::Restarting || inst->d->state == PluginState::Failed)) {
        return; // its host's proxy says when it runs again (setHostState())
    }
    if (state == PluginState::Loaded && !inst->d->reportedDegraded.isEmpty()) {
        setInstanceState(inst, PluginState::Degraded, inst->d->reportedDegraded);
        return;
    }
    if (inst->d->state != state || inst->d->reason != reason) {
        setState(inst, state, reason);
    }
}

void PluginManager::setHostServices(const HostServices &services)
{
    m_hostServices = services;
}

const PluginManager::HostServices &PluginManager::hostServices() const
{
    return m_hostServices;
}

void PluginManager::setReportedHealth(const QString &name, const QString &reason)
{
    PluginInstance *inst = instance(name);
    if (!inst || inst->d->reportedDegraded == reason) {
        return;
    }
    const QString previous = inst->d->reportedDegraded;
    inst->d->reportedDegraded = reason;
    // Only a running instance changes: one that is retrying, stuck or failed keeps saying so,
    // and a failing read's reason is not replaced by the plugin's.
    const bool ownReason = inst->d->state == PluginState::Loaded ||
                           (inst->d->state == PluginState::Degraded && inst->d->reason == previous);
    if (!ownReason) {
        return;
    }
    if (!reason.isEmpty()) {
        qCWarning(lcPlugins, "Plugin instance %s is degraded: %s", qPrintable(name),
                  qPrintable(reason));
        setState(inst, PluginState::Degraded, reason);
    } else if (inst->d->state == PluginState::Degraded) {
        qCInfo(lcPlugins, "Plugin instance %s works again", qPrintable(name));
        setState(inst, PluginState::Loaded, QString());
    }
}

void PluginManager::setTimeouts(int setupTimeoutMs, int teardownTimeoutMs)
{
    m_setupTimeoutMs = setupTimeoutMs;
    m_teardownTimeoutMs = teardownTimeoutMs;
}

bool PluginManager::hasAbandonedInstances() const
{
    return m_abandoned;
}

void PluginManager::setState(PluginInstance *inst, PluginState state, const QString &reason)
{
    inst->d->state = state;
    inst->d->reason = reason;
    Q_EMIT statusChanged(inst->status());
}

QList<PluginStatus> PluginManager::statuses() const
{
    QList<PluginStatus> out;
    for (const auto &inst : m_instances) {
        out.append(inst->status());
    }
    out.append(m_unusedSpecRows);
    return out;
}

QMap<PluginState, int> PluginManager::stateCounts() const
{
    QMap<PluginState, int> counts;
    for (const auto &inst : m_instances) {
        counts[inst->d->state] += 1;
    }
    for (const PluginStatus &row : m_unusedSpecRows) {
        counts[row.state] += 1;
    }
    return counts;
}

QList<PluginInstance *> PluginManager::instances() const
{
    QList<PluginInstance *> out;
    for (const auto &inst : m_instances) {
        out.append(inst.get());
    }
    return out;
}

PluginInstance *PluginManager::instance(const QString &name) const
{
    for (const auto &inst : m_instances) {
        if (inst->d->name == name) {
            return inst.get();
        }
    }
    return nullptr;
}

QList<PluginInstance *> PluginManager::runningInstances() const
{
    // Without the retries still asking what their instance declares.
    QList<PluginInstance *> out;
    for (PluginInstance *inst : m_setupOrder) {
        if (!inst->d->pendingCall) {
            out.append(inst);
        }
    }
    return out;
}

} // namespace Smollama
