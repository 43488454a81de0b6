// SPDX-License-Identifier: GPL-3.0-or-later
#include "sinkdispatcher.h"

#include "plugins/pluginmanager.h"
#include "readingbus.h"

#include <smollama/readingsink.h>

#include <QLoggingCategory>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <exception>

Q_LOGGING_CATEGORY(lcSinks, "smollama.sinks")

namespace Smollama {

namespace Internal {

/*! Receives one sink's batches on its instance's thread and calls write() there. */
class SinkFeeder : public QObject
{
public:
    SinkFeeder(const QString &instance, ReadingSink *sink, std::shared_ptr<SinkCounters> counters)
        : m_instance(instance)
        , m_sink(sink)
        , m_counters(std::move(counters))
    {
    }

    /*! Cleared on the manager's thread before the instance's teardown() is queued: a batch
        that was already on its way is not written. */
    std::atomic<bool> open{true};

    void deliver(const QList<Reading> &batch)
    {
        if (!open.load()) {
            return;
        }
        try {
            m_sink->write(batch);
        } catch (const std::exception &e) {
            warnThrown(QString::fromLocal8Bit(e.what()));
        } catch (...) {
            warnThrown(QStringLiteral("an unknown exception"));
        }
        m_counters->delivered.fetch_add(batch.size(), std::memory_order_relaxed);
        reportDropped();
    }

private:
    void warnThrown(const QString &what)
    {
        if (!m_warnedThrow) {
            m_warnedThrow = true;
            qCWarning(lcSinks,
                      "Plugin instance %s: write() threw %s; that batch is lost (said "
                      "once)",
                      qPrintable(m_instance), qPrintable(what));
        }
    }

    // At most every 10 s: the readings dropped since the last report.
    void reportDropped()
    {
        const qint64 dropped = m_counters->dropped->load(std::memory_order_relaxed);
        const auto now = std::chrono::steady_clock::now();
        if (dropped == m_reportedDropped || now < m_nextReport) {
            return;
        }
        qCWarning(lcSinks,
                  "Plugin instance %s does not keep up with the readings: %lld dropped since the "
                  "last report (its queue holds %d; raise sink_queue or make write() faster)",
                  qPrintable(m_instance), static_cast<long long>(dropped - m_reportedDropped),
                  m_counters->queue);
        m_reportedDropped = dropped;
        m_nextReport = now + std::chrono::seconds(10);
    }

    QString m_instance;
    ReadingSink *m_sink;
    std::shared_ptr<SinkCounters> m_counters;
    qint64 m_reportedDropped = 0;
    std::chrono::steady_clock::time_point m_nextReport;
    bool m_warnedThrow = false;
};

} // namespace Internal

SinkDispatcher::SinkDispatcher(PluginManager *plugins, ReadingBus *bus, QObject *parent)
    : QObject(parent)
    , m_plugins(plugins)
    , m_bus(bus)
{
    connect(m_plugins, &PluginManager::instanceReady, this, [this](const QString &name) {
        if (PluginInstance *inst = m_active ? m_plugins->instance(name) : nullptr) {
            attach(inst);
        }
    });
    connect(m_plugins, &PluginManager::instanceStopping, this, &SinkDispatcher::detach,
            Qt::DirectConnection);
}

SinkDispatcher::~SinkDispatcher()
{
    stop();
}

void SinkDispatcher::start()
{
    m_active = true;
    const QList<PluginInstance *> running = m_plugins->runningInstances();
    for (PluginInstance *inst : running) {
        attach(inst);
    }
}

void SinkDispatcher::stop()
{
    m_active = false;
    const QStringList names = m_feeders.keys();
    for (const QString &name : names) {
        detach(name);
    }
}

QStringList SinkDispatcher::sinks() const
{
    QStringList names = m_feeders.keys();
    std::sort(names.begin(), names.end());
    return names;
}

void SinkDispatcher::attach(PluginInstance *inst)
{
    if (!inst->readingSink() || !inst->isSetUp() || !inst->thread() ||
        m_feeders.contains(inst->name())) {
        return;
    }
    const std::shared_ptr<SinkCounters> counters = inst->sinkCounters();
    auto *feeder = new Internal::SinkFeeder(inst->name(), inst->readingSink(), counters);
    feeder->moveToThread(inst->thread());
    m_feeders.insert(inst->name(), feeder);
    ReadingBus::Bound bound;
    bound.maxPending = counters->queue;
    bound.dropped = counters->dropped;
    m_bus->subscribe(
        feeder, [feeder](const QList<Reading> &batch) { feeder->deliver(batch); }, bound);
    qCDebug(lcSinks, "Readings go to %s (queue of %d)", qPrintable(inst->name()), counters->queue);
}

void SinkDispatcher::detach(const QString &name)
{
    Internal::SinkFeeder *feeder = m_feeders.take(name);
    if (!feeder) {
        return;
    }
    feeder->open.store(false);
    m_bus->unsubscribe(feeder);
    // Deleted on its thread after a write() in progress; its thread ends after teardown().
    feeder->deleteLater();
}

} // namespace Smollama
