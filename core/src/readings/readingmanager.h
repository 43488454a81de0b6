// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>
#include <smollama/smollama_export.h>
#include <smollama/sourceinfo.h>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QReadWriteLock>

namespace Smollama {

class NodeDirectory;
class PluginManager;
class PluginInstance;
class ReadingBus;
class SensorPoller;

/*! One source as the rest of smollama sees it. */
struct SourceDescription
{
    QString source; //!< "<instance>:<id>"
    QString instance;
    SourceInfo info; //!< the plugin's declaration (local id, label, unit, description)
    int intervalMs = 0;
};

/*!
    Polls every running sensor instance at its own interval on the instance's worker thread
    and publishes the readings on the bus.

    A read that overruns its timeout yields an error reading per source ("timed out after 2 s")
    and marks the instance degraded; the instance recovers by itself with its next good read.
    A read() that throws yields error readings with the exception's message. After
    failuresBeforeSlowDown() failed reads in a row the instance is polled half as often, and
    again after as many more, up to 8 times its interval (at most 5 min, never less than its
    interval); it is degraded with a reason that says so, and back to its interval and loaded
    with its next good read. Keeps the latest reading of every source and reports those older
    than three intervals as stale.

    Readings of other nodes (a bridge such as mqtt publishes them) are kept per node, so the
    greenhouse's "bme280:temperature" and the garage's never replace each other nor a local
    source of that name; while their node is offline (NodeDirectory) they are reported stale.

    Instances whose setup() succeeds on a later attempt (PluginManager::instanceReady()) are
    polled from then on.
*/
class SMOLLAMA_EXPORT ReadingManager : public QObject
{
    Q_OBJECT

public:
    ReadingManager(PluginManager *plugins, ReadingBus *bus, QObject *parent = nullptr);
    ~ReadingManager() override;

    /*! Used when an instance's config has no interval_s / read_timeout_s. */
    void setDefaultInterval(int ms);
    void setReadTimeout(int ms);
    /*! Both defaults from the configuration's `readings` section (default_interval_s,
        read_timeout_s; 5 s and 2 s when absent). */
    void applyConfig(const QJsonObject &readingsSection);
    /*! Tells which nodes are offline (not owned; null: every node counts as online). */
    void setNodeDirectory(NodeDirectory *nodes);
    /*! This node's name (the bus's); readings without a node are this node's. */
    QString localNode() const;

    /*! Starts a poller for every running instance that provides readings: one read right
        away, then every interval when \a periodic. */
    void start(bool periodic = true);
    /*! Stops polling. Call before PluginManager::shutdownPlugins(). */
    void stop();

    /*! Failed reads in a row after which polling slows down (5). */
    static constexpr int failuresBeforeSlowDown() { return 5; }
    /*! The interval an instance is polled at now (slowed down after failures); 0 when it is
        not polled. */
    int currentInterval(const QString &instance) const;

    /*! The latest reading of every source of every node: this node's first, then the other
        nodes' by node name, each sorted by source; stale ones marked so. */
    QList<Reading> latest() const;
    /*! The latest readings of \a node only (this node's for its name), sorted by source. */
    QList<Reading> latestOf(const QString &node) const;
    /*! The latest reading of this node's \a source; invalid when there is none. */
    Reading latest(const QString &source) const;
    /*! How many sources of every node have a latest reading: latest().size() without building
        the list. */
    int sourceCount() const;
    /*! The latest reading of \a source of \a node (this node's for an empty name). */
    Reading latest(const QString &node, const QString &source) const;
    QList<SourceDescription> sources() const;

    /*! The number of polled instances that have not finished (or timed out) their first
        read since start(). */
    int pendingFirstReads() const;

Q_SIGNALS:
    /*! An instance finished a read (or it timed out). */
    void readCompleted(const QString &instance);

private:
    struct Watch;
    void watch(PluginInstance *instance);
    void onInstanceReady(const QString &instance);
    void onReadStarted(const QString &instance, quint64 sequence, qint64 startedMs);
    void onReadFinished(const QString &instance, quint64 sequence, const QString &error);
    void onTimeout(const QString &instance);
    void onStuck(const QString &instance);
    void remember(const Smollama::Reading &reading);
    Reading withStaleness(const Reading &reading, qint64 nowMs) const;

    PluginManager *m_plugins;
    ReadingBus *m_bus;
    int m_defaultIntervalMs = 5000;
    int m_readTimeoutMs = 2000;
    QHash<QString, Watch *> m_watches;
    bool m_active = false;
    bool m_periodic = true;

    NodeDirectory *m_nodes = nullptr;
    mutable QReadWriteLock m_latestLock;
    QHash<QString, QHash<QString, Reading>> m_latest; //!< node -> source -> reading
    QHash<QString, int> m_intervalByInstance;
};

} // namespace Smollama
