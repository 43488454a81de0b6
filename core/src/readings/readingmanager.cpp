// SPDX-License-Identifier: GPL-3.0-or-later
#include "readingmanager.h"

#include "fleet/nodedirectory.h"
#include "plugins/pluginmanager.h"
#include "readingbus.h"
#include "sensorpoller.h"

#include <smollama/readingprovider.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>

Q_LOGGING_CATEGORY(lcReadings, "smollama.readings")

namespace Smollama {

struct ReadingManager::Watch
{
    PluginInstance *instance = nullptr;
    SensorPoller *poller = nullptr; //!< lives on the instance's thread
    QList<SourceInfo> sources;
    int intervalMs = 0;        //!< as configured
    int currentIntervalMs = 0; //!< slowed down after failed reads
    int failuresInRow = 0;
    int timeoutMs = 0;
    quint64 pendingSequence = 0;
    bool firstReadDone = false;
    QTimer timeout;
    QTimer stuck; //!< a read still running after five timeouts
};

namespace {

// The translation context of this file's messages (docs/translations.md).
class ReadingsTr
{
    Q_DECLARE_TR_FUNCTIONS(ReadingManager)
};

int msFromConfig(const QJsonObject &config, const char *key, int fallbackMs)
{
    const double seconds = config.value(QLatin1String(key)).toDouble(-1);
    return seconds > 0 ? std::max(1, int(seconds * 1000)) : fallbackMs;
}

QString secondsText(int ms)
{
    return QString::number(ms / 1000.0, 'g', 3) + QStringLiteral(" s");
}

} // namespace

ReadingManager::ReadingManager(PluginManager *plugins, ReadingBus *bus, QObject *parent)
    : QObject(parent)
    , m_plugins(plugins)
    , m_bus(bus)
{
    // Pushed readings (edges, events) go straight onto the bus from the plugin's thread.
    connect(m_plugins, &PluginManager::readingPublished, m_bus, &ReadingBus::publish,
            Qt::DirectConnection);
    // The latest-value table is locked, so it can be updated in the publishing thread.
    connect(m_bus, &ReadingBus::readingPublished, this, &ReadingManager::remember,
            Qt::DirectConnection);
    connect(m_plugins, &PluginManager::instanceReady, this, &ReadingManager::onInstanceReady);
}

ReadingManager::~ReadingManager()
{
    stop();
}

void ReadingManager::setDefaultInterval(int ms)
{
    m_defaultIntervalMs = std::max(1, ms);
}

void ReadingManager::setReadTimeout(int ms)
{
    m_readTimeoutMs = std::max(1, ms);
}

void ReadingManager::applyConfig(const QJsonObject &readingsSection)
{
    setDefaultInterval(msFromConfig(readingsSection, "default_interval_s", 5000));
    setReadTimeout(msFromConfig(readingsSection, "read_timeout_s", 2000));
}

void ReadingManager::setNodeDirectory(NodeDirectory *nodes)
{
    m_nodes = nodes;
}

QString ReadingManager::localNode() const
{
    return m_bus->nodeName();
}

void ReadingManager::start(bool periodic)
{
    stop();
    m_active = true;
    m_periodic = periodic;
    const QList<PluginInstance *> running = m_plugins->runningInstances();
    for (PluginInstance *inst : running) {
        watch(inst);
    }
}

void ReadingManager::onInstanceReady(const QString &instance)
{
    if (!m_active || m_watches.contains(instance)) {
        return;
    }
    if (PluginInstance *inst = m_plugins->instance(instance)) {
        watch(inst);
    }
}

int ReadingManager::currentInterval(const QString &instance) const
{
    const Watch *w = m_watches.value(instance);
    return w ? w->currentIntervalMs : 0;
}

void ReadingManager::watch(PluginInstance *inst)
{
    {
        if (!inst->readingProvider() || !inst->thread() || !inst->isSetUp()) {
            return;
        }
        const bool periodic = m_periodic;
        auto *watch = new Watch;
        watch->instance = inst;
        watch->sources = inst->sources();
        watch->intervalMs = msFromConfig(inst->config(), "interval_s", m_defaultIntervalMs);
        watch->currentIntervalMs = watch->intervalMs;
        watch->timeoutMs = msFromConfig(inst->config(), "read_timeout_s", m_readTimeoutMs);
        watch->timeout.setSingleShot(true);
        watch->stuck.setSingleShot(true);
        const QString name = inst->name();
        connect(&watch->timeout, &QTimer::timeout, this, [this, name] { onTimeout(name); });
        connect(&watch->stuck, &QTimer::timeout, this, [this, name] { onStuck(name); });

        watch->poller = new SensorPoller(name, inst->readingProvider(), watch->sources, m_bus,
                                         watch->intervalMs);
        watch->poller->setLimiter(inst->limiter());
        watch->poller->moveToThread(inst->thread());
        connect(watch->poller, &SensorPoller::readStarted, this, &ReadingManager::onReadStarted);
        connect(watch->poller, &SensorPoller::readFinished, this, &ReadingManager::onReadFinished);
        {
            QWriteLocker locker(&m_latestLock);
            m_intervalByInstance.insert(name, watch->intervalMs);
        }
        m_watches.insert(name, watch);
        SensorPoller *poller = watch->poller;
        QMetaObject::invokeMethod(
            poller, [poller, periodic] { poller->start(periodic); }, Qt::QueuedConnection);
        qCDebug(lcReadings, "Polling %s every %s (timeout %s)", qPrintable(name),
                qPrintable(secondsText(watch->intervalMs)),
                qPrintable(secondsText(watch->timeoutMs)));
    }
}

void ReadingManager::stop()
{
    m_active = false;
    for (Watch *watch : std::as_const(m_watches)) {
        SensorPoller *poller = watch->poller;
        // Deleted on its own thread, before the teardown() that is queued after it. A thread
        // stuck in read() never gets there; the poller is then left behind with the plugin.
        if (watch->instance->thread()) {
            QMetaObject::invokeMethod(
                poller, [poller] { delete poller; }, Qt::QueuedConnection);
        }
        delete watch;
    }
    m_watches.clear();
}

int ReadingManager::pendingFirstReads() const
{
    return int(std::count_if(m_watches.cbegin(), m_watches.cend(),
                             [](const Watch *w) { return !w->firstReadDone; }));
}

void ReadingManager::onReadStarted(const QString &instance, quint64 sequence, qint64 startedMs)
{
    Watch *watch = m_watches.value(instance);
    if (!watch) {
        return;
    }
    watch->pendingSequence = sequence;
    // The signal was queued: count the time it spent waiting against the timeout.
    const qint64 elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now().time_since_epoch())
                               .count() -
                           startedMs;
    watch->timeout.start(int(std::max<qint64>(0, watch->timeoutMs - elapsed)));
    watch->stuck.start(int(std::max<qint64>(0, 5LL * watch->timeoutMs - elapsed)));
}

void ReadingManager::onReadFinished(const QString &instance, quint64 sequence, const QString &error)
{
    Watch *watch = m_watches.value(instance);
    if (!watch) {
        return;
    }
    if (sequence == watch->pendingSequence) {
        watch->timeout.stop();
        watch->stuck.stop();
    }
    PluginInstance *inst = watch->instance;
    if (!error.isEmpty()) {
        ++watch->failuresInRow;
        const int n = failuresBeforeSlowDown();
        QString reason = error;
        if (watch->failuresInRow >= n) {
            // Every n failures in a row halve the rate, down to 1/8 (and at most 5 min, but
            // never faster than configured): a broken sensor costs its bus and the log less.
            const int slowest =
                std::max(watch->intervalMs, std::min(8 * watch->intervalMs, 5 * 60 * 1000));
            if (watch->failuresInRow % n == 0 && watch->currentIntervalMs < slowest) {
                watch->currentIntervalMs =
                    int(std::min<qint64>(slowest, 2LL * watch->currentIntervalMs));
                SensorPoller *poller = watch->poller;
                const int ms = watch->currentIntervalMs;
                QMetaObject::invokeMethod(
                    poller, [poller, ms] { poller->setInterval(ms); }, Qt::QueuedConnection);
                qCWarning(lcReadings, "%s: %d reads failed in a row; polling every %s",
                          qPrintable(instance), watch->failuresInRow, qPrintable(secondsText(ms)));
            }
            //: %1 is the last error, %2 and %3 are durations such as "20 s"
            reason = ReadingsTr::tr("%n reads failed in a row: %1; polling every %2 (normally "
                                    "%3) until a read succeeds",
                                    nullptr, watch->failuresInRow)
                         .arg(error, secondsText(watch->currentIntervalMs),
                              secondsText(watch->intervalMs));
        }
        if (watch->failuresInRow <= n) {
            qCWarning(lcReadings, "%s: %s", qPrintable(instance), qPrintable(error));
        }
        m_plugins->setInstanceState(inst, PluginState::Degraded, reason);
    } else {
        if (watch->currentIntervalMs != watch->intervalMs) {
            SensorPoller *poller = watch->poller;
            const int ms = watch->intervalMs;
            watch->currentIntervalMs = ms;
            QMetaObject::invokeMethod(
                poller, [poller, ms] { poller->setInterval(ms); }, Qt::QueuedConnection);
            qCInfo(lcReadings, "%s: polling every %s again", qPrintable(instance),
                   qPrintable(secondsText(ms)));
        }
        watch->failuresInRow = 0;
        if (inst->state() == PluginState::Degraded || inst->state() == PluginState::Stuck) {
            qCInfo(lcReadings, "%s reads again", qPrintable(instance));
            m_plugins->setInstanceState(inst, PluginState::Loaded, QString());
        }
    }
    const bool first = !watch->firstReadDone;
    watch->firstReadDone = true;
    if (first || sequence == watch->pendingSequence) {
        Q_EMIT readCompleted(instance);
    }
}

void ReadingManager::onTimeout(const QString &instance)
{
    Watch *watch = m_watches.value(instance);
    if (!watch) {
        return;
    }
    const QString message = ReadingsTr::tr("timed out after %1").arg(secondsText(watch->timeoutMs));
    for (const SourceInfo &info : std::as_const(watch->sources)) {
        m_bus->publish(Reading::error(instance + QLatin1Char(':') + info.id, message, info.unit));
    }
    qCWarning(lcReadings, "%s: read() %s; further reads wait for it", qPrintable(instance),
              qPrintable(message));
    m_plugins->setInstanceState(
        watch->instance, PluginState::Degraded,
        ReadingsTr::tr("read() timed out after %1").arg(secondsText(watch->timeoutMs)));
    watch->firstReadDone = true;
    Q_EMIT readCompleted(instance);
}

void ReadingManager::onStuck(const QString &instance)
{
    Watch *watch = m_watches.value(instance);
    if (!watch) {
        return;
    }
    const QString reason =
        ReadingsTr::tr("read() has not returned for %1; the sensor or its bus hangs and its "
                       "thread is blocked (the other sensors go on; it recovers by itself if "
                       "the read ever returns)")
            .arg(secondsText(5 * watch->timeoutMs));
    qCWarning(lcReadings, "%s: %s", qPrintable(instance), qPrintable(reason));
    m_plugins->setInstanceState(watch->instance, PluginState::Stuck, reason);
}

void ReadingManager::remember(const Reading &reading)
{
    QWriteLocker locker(&m_latestLock);
    m_latest[reading.node().isEmpty() ? localNode() : reading.node()].insert(reading.source(),
                                                                             reading);
}

Reading ReadingManager::withStaleness(const Reading &reading, qint64 nowMs) const
{
    if (reading.quality() != Reading::Quality::Ok) {
        return reading;
    }
    const QString local = localNode();
    if (!reading.node().isEmpty() && reading.node() != local) {
        // Another node's reading: live while its node is, stale from when it went offline.
        const QString why = m_nodes ? m_nodes->offlineReason(reading.node()) : QString();
        if (why.isEmpty()) {
            return reading;
        }
        Reading stale = reading;
        stale.setQuality(Reading::Quality::Stale);
        //: %1 is a node name, %2 why it counts as offline
        stale.setMessage(ReadingsTr::tr("node %1 is offline: %2").arg(reading.node(), why));
        return stale;
    }
    const int interval =
        m_intervalByInstance.value(reading.source().section(QLatin1Char(':'), 0, 0));
    if (interval <= 0) {
        return reading; // pushed-only sources have no expected cadence
    }
    const qint64 age = nowMs - reading.timestamp().toMSecsSinceEpoch();
    if (age <= 3LL * interval) {
        return reading;
    }
    Reading stale = reading;
    stale.setQuality(Reading::Quality::Stale);
    stale.setMessage(
        ReadingsTr::tr("no new value for %1 (expected every %2)")
            .arg(secondsText(int(std::min<qint64>(age, INT_MAX))), secondsText(interval)));
    return stale;
}

QList<Reading> ReadingManager::latest() const
{
    const QString local = localNode();
    QStringList nodes;
    {
        QReadLocker locker(&m_latestLock);
        nodes = m_latest.keys();
    }
    std::sort(nodes.begin(), nodes.end(), [&local](const QString &a, const QString &b) {
        if ((a == local) != (b == local)) {
            return a == local;
        }
        return a < b;
    });
    QList<Reading> out;
    for (const QString &node : std::as_const(nodes)) {
        out += latestOf(node);
    }
    return out;
}

QList<Reading> ReadingManager::latestOf(const QString &node) const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<Reading> out;
    {
        QReadLocker locker(&m_latestLock);
        const auto it = m_latest.constFind(node.isEmpty() ? localNode() : node);
        if (it == m_latest.cend()) {
            return out;
        }
        out.reserve(it->size());
        for (const Reading &r : *it) {
            out.append(withStaleness(r, now));
        }
    }
    std::sort(out.begin(), out.end(),
              [](const Reading &a, const Reading &b) { return a.source() < b.source(); });
    return out;
}

int ReadingManager::sourceCount() const
{
    QReadLocker locker(&m_latestLock);
    qsizetype count = 0;
    for (const auto &sources : m_latest) {
        count += sources.size(); // one hash per node: constant in the number of sources
    }
    return int(count);
}

Reading ReadingManager::latest(const QString &source) const
{
    return latest(QString(), source);
}

Reading ReadingManager::latest(const QString &node, const QString &source) const
{
    QReadLocker locker(&m_latestLock);
    const auto n = m_latest.constFind(node.isEmpty() ? localNode() : node);
    if (n == m_latest.cend()) {
        return Reading();
    }
    const auto it = n->constFind(source);
    return it == n->constEnd() ? Reading()
                               : withStaleness(*it, QDateTime::currentMSecsSinceEpoch());
}

QList<SourceDescription> ReadingManager::sources() const
{
    QList<SourceDescription> out;
    const QList<PluginInstance *> running = m_plugins->runningInstances();
    for (const PluginInstance *inst : running) {
        const int interval = m_intervalByInstance.value(inst->name());
        for (const SourceInfo &info : inst->sources()) {
            out.append({inst->name() + QLatin1Char(':') + info.id, inst->name(), info, interval});
        }
    }
    std::sort(out.begin(), out.end(), [](const SourceDescription &a, const SourceDescription &b) {
        return a.source < b.source;
    });
    return out;
}

} // namespace Smollama
