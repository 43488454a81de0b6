// SPDX-License-Identifier: GPL-3.0-or-later
// PluginManager: how calls reach an instance's thread and how a call that does not come back is
// handled (setup retries, tool calls, leaving a stuck thread behind).
#include "plugininstance_p.h"
#include "pluginmanager.h"

#include "crashnote.h"
#include "instancecalls_p.h"
#include "pluginslog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <exception>

namespace Smollama {

namespace {

// The translation context of this file's messages (docs/translations.md).
class InstanceCallsTr
{
    Q_DECLARE_TR_FUNCTIONS(PluginManager)
};

} // namespace

QString Internal::currentExceptionText(const char *what)
{
    try {
        throw;
    } catch (const std::exception &e) {
        return InstanceCallsTr::tr("%1 threw an exception: %2")
            .arg(QLatin1String(what), QString::fromLocal8Bit(e.what()));
    } catch (...) {
        return InstanceCallsTr::tr("%1 threw an unknown exception").arg(QLatin1String(what));
    }
}

void PluginManager::callPlugin(PluginInstance *inst, bool async, std::function<void()> function,
                               int timeoutMs, std::function<void(bool finished)> next)
{
    if (!async || inst->d->abandoned || !inst->d->thread || !inst->d->object) {
        next(runOnInstanceThread(inst, std::move(function), timeoutMs));
        return;
    }
    auto link = std::make_shared<CallLink>();
    link->manager = this;
    inst->d->pendingCall = link;
    inst->d->pendingNext = std::move(next);
    const QString name = inst->d->name;
    if (!inst->d->pendingTimer) {
        inst->d->pendingTimer = std::make_unique<QTimer>();
        inst->d->pendingTimer->setSingleShot(true);
        connect(inst->d->pendingTimer.get(), &QTimer::timeout, this, [this, name] {
            PluginInstance *i = instance(name);
            if (!i || !i->d->pendingCall) {
                return;
            }
            // An answer already on its way still counts.
            const bool finished = i->d->pendingCall->done.tryAcquire();
            takePending(i)(finished);
        });
    }
    inst->d->pendingTimer->start(timeoutMs);
    QMetaObject::invokeMethod(
        inst->d->object.get(),
        [this, function = std::move(function), link, name] {
            function();
            link->done.release();
            QMutexLocker lock(&link->mutex);
            if (link->manager) {
                QMetaObject::invokeMethod(
                    link->manager, [this, link, name] { pendingAnswered(name, link); },
                    Qt::QueuedConnection);
            }
        },
        Qt::QueuedConnection);
}

void PluginManager::pendingAnswered(const QString &name, const std::shared_ptr<CallLink> &link)
{
    PluginInstance *inst = instance(name);
    if (!inst || inst->d->pendingCall != link) {
        return; // given up meanwhile: a late answer changes nothing
    }
    takePending(inst)(true);
}

std::function<void(bool)> PluginManager::takePending(PluginInstance *inst)
{
    std::shared_ptr<CallLink> link = std::move(inst->d->pendingCall);
    inst->d->pendingCall.reset();
    if (link) {
        QMutexLocker lock(&link->mutex);
        link->manager = nullptr;
    }
    if (inst->d->pendingTimer) {
        inst->d->pendingTimer->stop();
    }
    std::function<void(bool)> next = std::move(inst->d->pendingNext);
    inst->d->pendingNext = nullptr;
    return next ? next : [](bool) {};
}

void PluginManager::stopThread(PluginInstance *inst, bool idle)
{
    if (!inst->d->thread) {
        return;
    }
    if (idle && inst->d->object) {
        // Back to the manager's thread (only the owning thread may move it), so the object
        // can be deleted there once its thread has ended.
        QObject *object = inst->d->object.get();
        QThread *target = thread();
        idle = runOnInstanceThread(
            inst, [object, target] { object->moveToThread(target); }, 2000);
    }
    if (idle) {
        inst->d->thread->quit();
        if (inst->d->thread->wait(2000)) {
            inst->d->thread.reset();
            return;
        }
    }
    // A call into the plugin is still running and may never return: the thread cannot be
    // joined and the object cannot be deleted. Leave both behind; the process says so and
    // exits without waiting for them.
    inst->d->abandoned = true;
    m_abandoned = true;
    inst->d->thread->quit();
    (void)inst->d->thread.release();
    (void)inst->d->object.release();
    (void)inst->d->context.release();
    inst->d->plugin = nullptr;
    inst->d->readingProvider = nullptr;
    inst->d->toolProvider = nullptr;
    inst->d->readingSink = nullptr;
}

bool PluginManager::runOnInstanceThread(PluginInstance *inst, std::function<void()> function,
                                        int timeoutMs)
{
    if (inst->d->abandoned) {
        return false; // its thread is stuck; never run plugin code on the caller's thread
    }
    if (!inst->d->thread || !inst->d->object) {
        function();
        return true;
    }
    auto done = std::make_shared<QSemaphore>(0);
    QMetaObject::invokeMethod(
        inst->d->object.get(),
        [function = std::move(function), done] {
            function();
            done->release();
        },
        Qt::QueuedConnection);
    return done->tryAcquire(1, timeoutMs);
}

bool PluginManager::waitForSetups(int maxMs)
{
    const QDeadlineTimer deadline(maxMs);
    while (setupsPending() && !deadline.hasExpired()) {
        // Wait a little for one of them, then take in what has come: the answers are posted
        // to this object, and each may start the next step (sources()/tools()).
        for (const auto &inst : m_instances) {
            if (const std::shared_ptr<CallLink> link = inst->d->pendingCall) {
                if (link->done.tryAcquire(1, int(std::min<qint64>(5, deadline.remainingTime())))) {
                    link->done.release();
                }
                break;
            }
        }
        QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    }
    return !setupsPending();
}

bool PluginManager::runToolCall(PluginInstance *inst, const QString &tool,
                                std::function<void()> function, int timeoutMs)
{
    const std::shared_ptr<CallWatch> watch = inst->d->callWatch;
    quint64 id = 0;
    {
        QMutexLocker lock(&watch->mutex);
        id = ++watch->lastId;
    }
    auto returned = std::make_shared<std::atomic<bool>>(false);
    QPointer<PluginManager> manager(this);
    const std::shared_ptr<CallLink> self = m_self;
    const QString name = inst->d->name;
    const CrashNote::Subject *subject = CrashNote::subject(name);
    const bool finished = runOnInstanceThread(
        inst,
        [function = std::move(function), subject, watch, id, returned, self, name] {
            {
                const CrashNote::Scope scope(subject, CrashNote::Phase::Tool);
                function();
            }
            returned->store(true);
            QMutexLocker lock(&watch->mutex);
            if (watch->hungId != id) {
                return;
            }
            watch->hungId = 0;
            const QString tool = watch->hungTool;
            lock.unlock();
            // The call may return long after its caller gave up, even after the manager is gone.
            QMutexLocker selfLock(&self->mutex);
            if (PluginManager *m = self->manager) {
                QMetaObject::invokeMethod(
                    m, [m, name, tool] { m->toolCallReturned(name, tool); }, Qt::QueuedConnection);
            }
        },
        timeoutMs);
    if (finished) {
        return true;
    }
    QMutexLocker lock(&watch->mutex);
    if (!returned->load()) {
        watch->hungId = id;
        watch->hungTool = tool;
        watch->hungSince = QDateTime::currentMSecsSinceEpoch();
        lock.unlock();
        //: %1 is a tool name, %2 seconds
        const QString reason = InstanceCallsTr::tr("a call of tool %1 has not returned for %2 s; "
                                                   "the instance's other calls wait behind it")
                                   .arg(tool, QString::number(timeoutMs / 1000.0));
        qCWarning(lcPlugins, "Plugin instance %s: %s", qPrintable(name), qPrintable(reason));
        QMetaObject::invokeMethod(
            this,
            [manager, name, reason] {
                if (!manager) {
                    return;
                }
                if (PluginInstance *i = manager->instance(name); i && i->d->setUp) {
                    manager->setInstanceState(i, PluginState::Stuck, reason);
                }
            },
            Qt::QueuedConnection);
    }
    return false;
}

void PluginManager::toolCallReturned(const QString &name, const QString &tool)
{
    PluginInstance *inst = instance(name);
    if (!inst) {
        return;
    }
    qCInfo(lcPlugins, "Plugin instance %s: the call of tool %s returned", qPrintable(name),
           qPrintable(tool));
    if (inst->d->state == PluginState::Stuck && inst->d->reason.contains(tool)) {
        setInstanceState(inst, PluginState::Loaded, QString());
    }
}

QString PluginManager::busyReason(PluginInstance *inst) const
{
    QMutexLocker lock(&inst->d->callWatch->mutex);
    if (inst->d->callWatch->hungId == 0) {
        return {};
    }
    //: %1 an instance, %2 a tool name, %3 a time of day
    return InstanceCallsTr::tr("plugin instance %1 is still busy with a call of tool %2 that has "
                               "not returned since %3; its calls run one at a time on its own "
                               "thread, so this one was not made")
        .arg(inst->d->name, inst->d->callWatch->hungTool,
             QDateTime::fromMSecsSinceEpoch(inst->d->callWatch->hungSince)
                 .toString(QStringLiteral("HH:mm:ss")));
}

} // namespace Smollama
