// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QHash>
#include <QObject>
#include <QString>

namespace Smollama {

class PluginManager;
class PluginInstance;
class ReadingBus;

namespace Internal {
class SinkFeeder;
}

/*!
    Hands the bus's readings to every running instance whose plugin is a ReadingSink (SDK
    1.1): in batches, on the instance's own thread, in publishing order, each reading once
    (local readings and those of other nodes a bridge ingests).

    Each sink has a queue of its own, bounded by its instance entry's sink_queue: a sink that
    is slow or stuck in write() loses its oldest readings (counted, shown in its status as
    "sink": {queue, delivered, dropped} and logged at most every 10 s) and never slows the bus,
    the dashboard or the other sinks. A write() that throws loses that batch only.

    Instances set up later (PluginManager::instanceReady()) are fed from then on; an instance
    stops receiving before its teardown() (PluginManager::instanceStopping()).
*/
class SMOLLAMA_EXPORT SinkDispatcher : public QObject
{
    Q_OBJECT

public:
    SinkDispatcher(PluginManager *plugins, ReadingBus *bus, QObject *parent = nullptr);
    ~SinkDispatcher() override;

    /*! Starts feeding every running sink. */
    void start();
    /*! Stops feeding all of them; call before PluginManager::shutdownPlugins(). */
    void stop();

    /*! The instances fed now. */
    QStringList sinks() const;

private:
    void attach(PluginInstance *instance);
    void detach(const QString &instance);

    PluginManager *m_plugins;
    ReadingBus *m_bus;
    bool m_active = false;
    QHash<QString, Internal::SinkFeeder *> m_feeders; //!< each lives on its instance's thread
};

} // namespace Smollama
