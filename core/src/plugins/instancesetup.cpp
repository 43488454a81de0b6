// SPDX-License-Identifier: GPL-3.0-or-later
// PluginManager: the life of an instance after its object was created: setup() (waited for, or
// answered later), what it declares, retries of a failed setup(), teardown() and the shutdown.
#include "plugininstance_p.h"
#include "pluginmanager.h"

#include "crashnote.h"
#include "instancecalls_p.h"
#include "instancecontext_p.h"
#include "pluginslog.h"
#include "readings/publishlimiter.h"

#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/readingprovider.h>
#include <smollama/toolprovider.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QThread>
#include <QTime>
#include <QTimer>

#include <algorithm>
#include <atomic>

namespace Smollama {

using Internal::currentExceptionText;

namespace {

// The translation context of this file's messages (docs/translations.md): the manager's.
class InstanceSetupTr
{
    Q_DECLARE_TR_FUNCTIONS(PluginManager)
};

} // namespace

/*! One setup attempt, shared by its steps and the calls they queue. */
struct PluginManager::SetupCall
{
    bool async = false; //!< nothing waits for it: a retry, or a start that does not wait
    Result outcome;
    // Set when the host stops waiting: a setup() that still succeeds later must undo itself,
    // since the host will never call teardown() for it.
    std::atomic<bool> givenUp{false};
    // What the instance declares after setup().
    QList<SourceInfo> sources;
    QStringList tools;
    QList<PluginInstance::DeclaredTool> toolDetails;
    QString error;
};

void PluginManager::initializePlugins(bool wait)
{
    m_retriesStopped = false;
    for (const auto &inst : m_instances) {
        if (inst->d->state != PluginState::Enabled || !inst->d->plugin || inst->d->setUp) {
            continue;
        }
        if (!wait) {
            setState(inst.get(), PluginState::Enabled,
                     InstanceSetupTr::tr("setting up since %1")
                         .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
        }
        setupInstance(inst.get(), !wait);
    }
}

bool PluginManager::setupsPending() const
{
    return std::any_of(m_instances.cbegin(), m_instances.cend(),
                       [](const auto &inst) { return inst->d->pendingCall != nullptr; });
}

void PluginManager::setupInstance(PluginInstance *inst, bool async)
{
    {
        if (!inst->d->limiter) {
            const int rate = m_config.section(QStringLiteral("readings"))
                                 .value(QLatin1String("max_readings_per_s"))
                                 .toInt();
            inst->d->limiter = std::make_shared<PublishLimiter>(rate);
            const int remoteRate = m_config.section(QStringLiteral("readings"))
                                       .value(QLatin1String("max_remote_readings_per_s"))
                                       .toInt();
            inst->d->remoteLimiter = std::make_shared<PublishLimiter>(remoteRate);
        }
        if (!inst->d->context) {
            // Kept across setup attempts: a plugin may hold on to it.
            inst->d->context = std::make_unique<InstanceContext>(this, inst, m_remoteDuplicates);
        }
        inst->d->thread = std::make_unique<QThread>();
        inst->d->thread->setObjectName(PluginInstance::threadName(inst->d->name));
        inst->d->thread->start();
        inst->d->object->moveToThread(inst->d->thread.get());

        auto call = std::make_shared<SetupCall>();
        call->async = async;
        Plugin *plugin = inst->d->plugin;
        PluginContext *context = inst->d->context.get();
        const QJsonObject config = inst->d->config;
        const CrashNote::Subject *subject = CrashNote::subject(inst->d->name);
        callPlugin(
            inst, async,
            [call, plugin, context, config, subject] {
                const CrashNote::Scope scope(subject, CrashNote::Phase::Setup);
                Result *outcome = &call->outcome;
                try {
                    *outcome = plugin->setup(config, context);
                } catch (...) {
                    *outcome = Result::error(currentExceptionText("setup()"));
                }
                if (call->givenUp.load() && outcome->isOk()) {
                    try {
                        plugin->teardown();
                    } catch (...) {
                    }
                }
            },
            m_setupTimeoutMs,
            [this, inst, call](bool finished) { setupAnswered(inst, call, finished); });
    }
}

void PluginManager::setupAnswered(PluginInstance *inst, const std::shared_ptr<SetupCall> &call,
                                  bool finished)
{
    {
        const Result *outcome = &call->outcome;
        if (!finished && call->async && m_stopping) {
            // Stopping while this retry's setup() runs and it did not return in its share of
            // the stop time: left behind like a teardown() that does not return.
            call->givenUp.store(true);
            stopThread(inst, false);
            return;
        }
        Result result = finished
                            ? *outcome
                            : Result::error(InstanceSetupTr::tr("setup() did not finish within "
                                                                "%1 s; the instance was given up")
                                                .arg(m_setupTimeoutMs / 1000.0));
        if (!finished) {
            call->givenUp.store(true);
            stopThread(inst, false);
        }
        if (!result.isOk()) {
            const QString reason = result.code() == Result::Code::NotReady
                                       ? InstanceSetupTr::tr("not ready: %1").arg(result.message())
                                       : result.message();
            qCWarning(lcPlugins, "Plugin instance %s failed to set up: %s",
                      qPrintable(inst->d->name), qPrintable(reason));
            if (finished) {
                stopThread(inst, true);
            }
            const QString text =
                reason.isEmpty() ? InstanceSetupTr::tr("setup() failed without a reason") : reason;
            // A not-ready result, or any failure when the instance asks for it, is tried
            // again later; a configuration problem or a setup() that hung never is.
            const bool retry =
                finished && !m_retriesStopped &&
                (result.code() == Result::Code::NotReady ||
                 (result.code() == Result::Code::Error && inst->d->declared.retrySetup));
            if (retry) {
                scheduleRetry(inst, text);
            } else {
                setState(inst,
                         result.code() == Result::Code::InvalidConfig ? PluginState::InvalidConfig
                                                                      : PluginState::Failed,
                         text);
            }
            return;
        }
        inst->d->setUp = true;
        m_setupOrder.append(inst);
        if (call->async && m_stopping) {
            return; // stopping: shutdownPlugins() tears it down with the others
        }

        // What the instance declares, asked on its own thread like every plugin call.
        SetupCall *declared = call.get();
        ReadingProvider *provider = inst->d->readingProvider;
        ToolProvider *toolProvider = inst->d->toolProvider;
        const CrashNote::Subject *subject = CrashNote::subject(inst->d->name);
        callPlugin(
            inst, call->async,
            [call, declared, provider, toolProvider, subject] {
                const CrashNote::Scope scope(subject, CrashNote::Phase::Setup);
                try {
                    if (provider) {
                        declared->sources = provider->sources();
                    }
                    if (toolProvider) {
                        const QList<Tool *> tools = toolProvider->tools();
                        for (Tool *tool : tools) {
                            declared->tools.append(tool ? tool->name() : QString());
                            if (tool) {
                                declared->toolDetails.append({tool->name(), tool->description(),
                                                              tool->parametersSchema(), tool});
                            }
                        }
                    }
                } catch (...) {
                    declared->error = currentExceptionText("sources()/tools()");
                }
            },
            m_setupTimeoutMs,
            [this, inst, call](bool answered) { declaredAnswered(inst, call, answered); });
    }
}

void PluginManager::declaredAnswered(PluginInstance *inst, const std::shared_ptr<SetupCall> &call,
                                     bool answered)
{
    // The names the instances already running keep: the first one wins.
    QHash<QString, QString> sourceOwners;
    // Tool name -> the first instance offering it. Instances of one plugin share their tool
    // names: the agent sees one tool with an `instance` argument (ToolRegistry).
    QHash<QString, const PluginInstance *> toolOwners;
    for (const PluginInstance *other : std::as_const(m_setupOrder)) {
        if (other == inst) {
            continue;
        }
        for (const SourceInfo &info : other->d->sources) {
            sourceOwners.insert(other->d->name + QLatin1Char(':') + info.id, other->d->name);
        }
        for (const QString &tool : other->d->toolNames) {
            if (!toolOwners.contains(tool)) {
                toolOwners.insert(tool, other);
            }
        }
    }
    {
        const SetupCall *declared = call.get();
        // Fail fast on names already taken: the first instance keeps them.
        if (!answered) {
            // Still running on the worker: `declared` must not be touched from here. A retry
            // does not wait for its teardown() either: it is queued behind the hung call.
            teardownInstance(inst, call->async ? 0 : -1);
            setState(inst, PluginState::Failed,
                     InstanceSetupTr::tr("sources()/tools() did not return within %1 s")
                         .arg(m_setupTimeoutMs / 1000.0));
            return;
        }
        QString conflict = declared->error;
        QStringList sources;
        QStringList tools;
        for (const SourceInfo &info : std::as_const(declared->sources)) {
            if (!conflict.isEmpty()) {
                break;
            }
            const QString id = inst->d->name + QLatin1Char(':') + info.id;
            if (sourceOwners.contains(id) || sources.contains(id)) {
                conflict =
                    InstanceSetupTr::tr("reading source '%1' is already taken by instance '%2'")
                        .arg(id, sourceOwners.value(id, inst->d->name));
            }
            sources.append(id);
        }
        for (const QString &name : std::as_const(declared->tools)) {
            if (!conflict.isEmpty()) {
                break;
            }
            const PluginInstance *owner = toolOwners.value(name);
            if (tools.contains(name) || (owner && owner->d->module != inst->d->module)) {
                conflict = InstanceSetupTr::tr("tool '%1' is already provided by instance '%2'")
                               .arg(name, owner ? owner->d->name : inst->d->name);
            }
            tools.append(name);
        }
        inst->d->sources = declared->sources;
        inst->d->toolNames = declared->tools;
        inst->d->tools = declared->toolDetails;
        if (!conflict.isEmpty()) {
            teardownInstance(inst);
            qCWarning(lcPlugins, "Plugin instance %s not loaded: %s", qPrintable(inst->d->name),
                      qPrintable(conflict));
            setState(inst, PluginState::Conflict, conflict);
            return;
        }
        for (const QString &s : std::as_const(sources)) {
            sourceOwners.insert(s, inst->d->name);
        }
        for (const QString &t : std::as_const(tools)) {
            if (!toolOwners.contains(t)) {
                toolOwners.insert(t, inst);
            }
        }
        const int attempts = inst->d->setupFailures;
        inst->d->setupFailures = 0;
        setState(inst, PluginState::Loaded, QString());
        if (attempts > 0) {
            qCInfo(lcPlugins, "%s",
                   qPrintable(InstanceSetupTr::tr("Loaded %1 (%2 %3) after %n failed setup "
                                                  "attempt(s)",
                                                  nullptr, attempts)
                                  .arg(inst->d->name, inst->d->module,
                                       inst->d->spec->metadata.version())));
        } else {
            qCInfo(lcPlugins, "Loaded %s (%s %s)", qPrintable(inst->d->name),
                   qPrintable(inst->d->module), qPrintable(inst->d->spec->metadata.version()));
        }
        if (call->async) {
            Q_EMIT instanceReady(inst->d->name);
        }
    }
}

void PluginManager::scheduleRetry(PluginInstance *inst, const QString &why)
{
    ++inst->d->setupFailures;
    const int cap = inst->d->declared.retryMaxDelayMs > 0 ? inst->d->declared.retryMaxDelayMs
                                                          : m_retryMaxDelayMs;
    const int shift = std::min(inst->d->setupFailures - 1, 30);
    const qint64 delay =
        std::min<qint64>(std::max(cap, m_retryFirstDelayMs), qint64(m_retryFirstDelayMs) << shift);
    if (!inst->d->retryTimer) {
        inst->d->retryTimer = std::make_unique<QTimer>();
        inst->d->retryTimer->setSingleShot(true);
        const QString name = inst->d->name;
        connect(inst->d->retryTimer.get(), &QTimer::timeout, this,
                [this, name] { retrySetup(name); });
    }
    inst->d->retryTimer->start(int(delay));
    const QString when = QDateTime::currentDateTime().addMSecs(delay).toString(
        delay < 1000 ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss"));
    //: %1 is why setup() failed, %2 a time of day (HH:mm:ss), %3 seconds
    const QString reason =
        InstanceSetupTr::tr("%1; %n failed attempt(s), next attempt at %2 (in %3 s)", nullptr,
                            inst->d->setupFailures)
            .arg(why, when,
                 delay >= 10000 ? QString::number(qRound64(delay / 1000.0))
                                : QString::number(delay / 1000.0, 'g', 3));
    qCWarning(lcPlugins, "Plugin instance %s: %s", qPrintable(inst->d->name), qPrintable(reason));
    setState(inst, PluginState::Retrying, reason);
}

void PluginManager::retrySetup(const QString &name)
{
    PluginInstance *inst = instance(name);
    if (!inst || m_retriesStopped || inst->d->state != PluginState::Retrying || inst->d->setUp ||
        !inst->d->plugin || inst->d->pendingCall) {
        return;
    }
    qCInfo(lcPlugins, "Setting up %s again (attempt %d)", qPrintable(name),
           inst->d->setupFailures + 1);
    setupInstance(inst, true);
}

void PluginManager::stopRetries()
{
    m_retriesStopped = true;
    for (const auto &inst : m_instances) {
        if (inst->d->retryTimer) {
            inst->d->retryTimer->stop();
        }
    }
}

void PluginManager::setRetryDelays(int firstMs, int maxMs)
{
    m_retryFirstDelayMs = std::max(1, firstMs);
    m_retryMaxDelayMs = std::max(m_retryFirstDelayMs, maxMs);
}

void PluginManager::teardownInstance(PluginInstance *inst, int timeoutMs)
{
    if (timeoutMs < 0) {
        timeoutMs = m_teardownTimeoutMs;
    }
    if (!inst->d->setUp) {
        return;
    }
    inst->d->setUp = false;
    m_setupOrder.removeAll(inst);
    Q_EMIT instanceStopping(inst->d->name);
    Plugin *plugin = inst->d->plugin;
    const QString name = inst->d->name;
    const bool finished = runOnInstanceThread(
        inst,
        [plugin, name, subject = CrashNote::subject(name)] {
            const CrashNote::Scope scope(subject, CrashNote::Phase::Teardown);
            try {
                plugin->teardown();
            } catch (...) {
                qCWarning(lcPlugins, "Plugin instance %s: %s", qPrintable(name),
                          qPrintable(currentExceptionText("teardown()")));
            }
        },
        timeoutMs);
    if (!finished) {
        qCWarning(lcPlugins,
                  "Plugin instance %s did not finish teardown() within %g s; leaving it behind",
                  qPrintable(name), timeoutMs / 1000.0);
    }
    stopThread(inst, finished);
}

void PluginManager::shutdownPlugins()
{
    stopRetries();
    // Reverse setup order; every instance gets its teardown() even when another throws. All
    // of them share one deadline, so a few hung plugins cannot use up the process's stop time
    // before the healthy ones had theirs: each gets its share of what is left (at least 0.5 s).
    QDeadlineTimer deadline(qint64(m_teardownTimeoutMs) + 3000);
    // A retry still waiting for its plugin: its sources()/tools() answer is not needed (the
    // teardown() below is queued behind it); its setup() gets the share a teardown() would,
    // then it is torn down below if it worked, or left behind if it has not returned.
    for (const auto &inst : m_instances) {
        if (!inst->d->pendingCall) {
            continue;
        }
        if (inst->d->setUp) {
            takePending(inst.get());
            continue;
        }
        // A setup() still running when the node stops has had its chance: a short wait.
        const qint64 share = std::clamp<qint64>(deadline.remainingTime() / 4, 200, 1000);
        const bool finished = inst->d->pendingCall->done.tryAcquire(1, int(share));
        m_stopping = true;
        takePending(inst.get())(finished);
        m_stopping = false;
    }
    while (!m_setupOrder.isEmpty()) {
        PluginInstance *inst = m_setupOrder.last();
        const qint64 share = deadline.remainingTime() / std::max<qsizetype>(1, m_setupOrder.size());
        teardownInstance(inst, int(std::clamp<qint64>(share, 500, m_teardownTimeoutMs)));
        if (!inst->d->abandoned) {
            qCDebug(lcPlugins, "Tore down %s", qPrintable(inst->d->name));
        }
    }
}

} // namespace Smollama
