// SPDX-License-Identifier: GPL-3.0-or-later
#include "instancecontext_p.h"
#include "plugininstance_p.h"

#include "fleet/remoteduplicates.h"
#include "pluginmanager.h"
#include "pluginslog.h"
#include "readings/publishlimiter.h"

#include <QCoreApplication>
#include <QPointer>

#include <algorithm>
#include <climits>

namespace Smollama {

namespace {

// The translation context of this file's messages (docs/translations.md): the manager's.
class InstanceContextTr
{
    Q_DECLARE_TR_FUNCTIONS(PluginManager)
};

// Says (at most every 10 s) that an instance publishes more than its limit.
void reportDropped(const QString &instance, PublishLimiter &limiter)
{
    if (const qint64 dropped = limiter.takeDroppedReport()) {
        const int count = int(std::min<qint64>(dropped, INT_MAX));
        qCWarning(lcPlugins, "%s",
                  qPrintable(InstanceContextTr::tr(
                                 "Plugin instance %1 publishes more than %2 readings/s; %n "
                                 "reading(s) dropped since the last report (limit: "
                                 "readings.max_readings_per_s)",
                                 nullptr, count)
                                 .arg(instance)
                                 .arg(limiter.perSecond())));
    }
}

} // namespace

InstanceContext::InstanceContext(PluginManager *manager, PluginInstance *instance,
                                 std::shared_ptr<RemoteDuplicates> duplicates)
    : m_manager(manager)
    , m_name(instance->d->name)
    , m_sourcePrefix(m_name + QLatin1Char(':'))
    , m_metadata(instance->d->spec ? instance->d->spec->metadata : PluginMetadata())
    , m_config(instance->d->config)
    , m_nodeName(manager->hostServices().nodeName)
    , m_limiter(instance->d->limiter)
    , m_remoteLimiter(instance->d->remoteLimiter)
    , m_duplicates(std::move(duplicates))
{
}

void InstanceContext::setDegraded(const QString &reason)
{
    QPointer<PluginManager> manager(m_manager);
    QMetaObject::invokeMethod(
        m_manager,
        [manager, name = m_name, reason] {
            if (manager) {
                manager->setReportedHealth(name, reason);
            }
        },
        Qt::AutoConnection);
}

void InstanceContext::updateNode(const QString &node, const QJsonObject &facts)
{
    Q_EMIT m_manager->nodeUpdated(m_name, node, facts);
}

void InstanceContext::callTool(const QString &name, const QJsonObject &arguments, QObject *receiver,
                               std::function<void(const ToolResult &)> done)
{
    // The registry lives on the manager's thread; the answer goes back to the receiver's.
    QPointer<QObject> target(receiver);
    QPointer<PluginManager> manager(m_manager);
    auto answer = [target, done](const ToolResult &result) {
        if (!target || !done) {
            return;
        }
        QMetaObject::invokeMethod(
            target.data(),
            [target, done, result] {
                if (target) {
                    done(result);
                }
            },
            Qt::AutoConnection);
    };
    QMetaObject::invokeMethod(
        m_manager,
        [manager, name, arguments, answer] {
            if (!manager || !manager->hostServices().callTool) {
                answer(ToolResult::error(
                    InstanceContextTr::tr("%1: the node offers no tools here").arg(name)));
                return;
            }
            manager->hostServices().callTool(name, arguments, manager, answer);
        },
        Qt::AutoConnection);
}

void InstanceContext::ask(const QString &question, QObject *receiver,
                          std::function<void(const QString &, const QString &)> done)
{
    QPointer<QObject> target(receiver);
    QPointer<PluginManager> manager(m_manager);
    auto answer = [target, done](const QString &text, const QString &error) {
        if (!target || !done) {
            return;
        }
        QMetaObject::invokeMethod(
            target.data(),
            [target, done, text, error] {
                if (target) {
                    done(text, error);
                }
            },
            Qt::AutoConnection);
    };
    QMetaObject::invokeMethod(
        m_manager,
        [manager, question, answer] {
            if (!manager || !manager->hostServices().ask) {
                answer(QString(), InstanceContextTr::tr("this node has no agent"));
                return;
            }
            manager->hostServices().ask(question, manager, answer);
        },
        Qt::AutoConnection);
}

void InstanceContext::publish(const Reading &reading)
{
    // A reading of another node (a bridge ingests it) keeps its node and its source as
    // that node names it; it is bounded apart from the instance's own readings.
    const bool remote = !reading.node().isEmpty() && reading.node() != m_nodeName;
    if (remote && m_duplicates && !m_duplicates->admit(reading)) {
        return; // a copy of one already taken in (QoS 1, a second broker)
    }
    PublishLimiter *limiter = remote ? m_remoteLimiter.get() : m_limiter.get();
    if (limiter && !limiter->admit()) {
        reportDropped(m_name, *limiter);
        return;
    }
    Reading r = reading;
    if (!remote && !r.source().startsWith(m_sourcePrefix)) {
        r.setSource(m_sourcePrefix + r.source());
    }
    if (r.node().isEmpty()) {
        r.setNode(m_nodeName);
    }
    // Signals may be emitted from any thread; receivers get it queued.
    Q_EMIT m_manager->readingPublished(r);
}

} // namespace Smollama
