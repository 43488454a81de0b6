// SPDX-License-Identifier: GPL-3.0-or-later
// PluginManager: instances with isolation: process, whose object is a proxy of the instance in
// its own plugin host process (pluginhost/hostedinstance.h).
#include "plugininstance_p.h"
#include "pluginmanager.h"

#include "pluginhost/hostedinstance.h"
#include "pluginslog.h"
#include "util/i18n.h"

#include <QCoreApplication>
#include <QPointer>

#include <algorithm>

namespace Smollama {

namespace {

class PluginHostingTr
{
    Q_DECLARE_TR_FUNCTIONS(PluginManager)
};

int msFrom(const QJsonObject &object, const char *key, int fallbackMs)
{
    const double s = object.value(QLatin1String(key)).toDouble(0);
    return s > 0 ? int(std::min(s, 86400.0) * 1000) : fallbackMs;
}

} // namespace

bool PluginManager::createHostedObject(PluginInstance *inst)
{
    QStringList looked;
    const QString program = HostProcess::program(&looked);
    if (program.isEmpty()) {
        setState(inst, PluginState::MissingDependencies,
                 PluginHostingTr::tr("isolation: process needs the program smollama-plugin-host, "
                                     "which was not found (looked for %1); reinstall smollama or "
                                     "set isolation: inprocess")
                     .arg(looked.join(QLatin1String(", "))));
        return false;
    }
    const QJsonObject readings = m_config.section(QStringLiteral("readings"));
    const int readTimeoutMs =
        msFrom(inst->d->config, "read_timeout_s", msFrom(readings, "read_timeout_s", 2000));
    HostedInstance::Options options;
    options.program = program;
    options.library = inst->d->spec->path;
    options.manifest = inst->d->spec->metadata.toJson();
    options.instance = inst->d->name;
    options.node = m_hostServices.nodeName;
    options.config = inst->d->config;
    options.language = installedLanguage();
    options.maxRssMb = inst->d->declared.maxRssMb;
    options.setupTimeoutMs = m_setupTimeoutMs;
    // A read or a call still unanswered after three times its timeout: the host is restarted.
    options.readHangMs = 3 * readTimeoutMs;
    options.teardownTimeoutMs = m_teardownTimeoutMs;
    auto hosted = std::make_unique<HostedInstance>(options);
    PluginState state = PluginState::Failed;
    const Result started = hosted->start(&state);
    if (!started.isOk()) {
        setState(inst, state, started.message());
        return false;
    }
    const QStringList interfaces = hosted->interfaces();
    QPointer<PluginManager> manager(this);
    const QString name = inst->d->name;
    hosted->setStateSink([manager, name](PluginState s, const QString &reason) {
        if (PluginManager *m = manager.data()) {
            QMetaObject::invokeMethod(
                m, [m, name, s, reason] { m->setHostState(name, s, reason); },
                Qt::QueuedConnection);
        }
    });
    inst->d->hosted = hosted.get();
    inst->d->plugin = interfaces.contains(QLatin1String("plugin")) ? hosted.get() : nullptr;
    inst->d->readingProvider =
        interfaces.contains(QLatin1String("readings")) ? hosted.get() : nullptr;
    inst->d->toolProvider = interfaces.contains(QLatin1String("tools")) ? hosted.get() : nullptr;
    inst->d->readingSink = interfaces.contains(QLatin1String("sink")) ? hosted.get() : nullptr;
    inst->d->object = std::move(hosted);
    qCInfo(lcPlugins, "Plugin instance %s runs in plugin host process %lld", qPrintable(name),
           inst->d->hosted->hostPid());
    return checkInterfaces(inst);
}

bool PluginManager::restartHostedInstance(const QString &name, QString *why)
{
    PluginInstance *inst = instance(name);
    if (!inst) {
        *why = PluginHostingTr::tr("there is no plugin instance named %1").arg(name);
        return false;
    }
    if (!inst->runsInHost()) {
        *why = PluginHostingTr::tr("%1 runs in smollama's process, not in a plugin host: restart "
                                   "smollama to set it up again")
                   .arg(name);
        return false;
    }
    if (!inst->d->hosted || inst->d->state != PluginState::Failed) {
        *why = PluginHostingTr::tr("%1 has no plugin host that gave up (it is %2)")
                   .arg(name, PluginStatus::stateName(inst->d->state));
        return false;
    }
    return inst->d->hosted->startAgain(why);
}

void PluginManager::setHostState(const QString &name, PluginState state, const QString &reason)
{
    PluginInstance *inst = instance(name);
    if (!inst || !inst->d->hosted || !inst->d->setUp) {
        return; // torn down meanwhile, or a setup() that failed says so itself
    }
    if (state == PluginState::Loaded && !inst->d->reportedDegraded.isEmpty()) {
        state = PluginState::Degraded;
    }
    setState(inst, state, state == PluginState::Degraded ? inst->d->reportedDegraded : reason);
}

} // namespace Smollama
