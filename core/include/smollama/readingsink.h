// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>

#include <QList>
#include <QtPlugin>

namespace Smollama {

/*!
    Something that consumes the node's readings: an exporter (a file, InfluxDB, Prometheus),
    a bridge to a broker (the builtin mqtt plugin). SDK 1.1.

    The host hands the instance batches of the readings published on the node's reading bus,
    on the instance's own worker thread, in publishing order. Every reading is delivered once:
    local readings (node() is this node's name) and, on a node that receives readings from
    other nodes, theirs too (node() names the node they came from). Filter on node() or
    source() when you want fewer.

    A sink never slows the node down: while write() runs, new readings wait in a bounded queue
    (the instance entry's `sink_queue` key, default 10,000 readings); when it is full the oldest
    are dropped, counted and shown in the instance's status. A write() that does not return
    stops only this sink.

    \code
    class CsvExporter : public QObject, public Smollama::SinkPlugin
    {
        Q_OBJECT
        Q_INTERFACES(Smollama::Plugin Smollama::ReadingSink)
    public:
        ...
        void write(const QList<Smollama::Reading> &readings) override;
    };
    \endcode
*/
class ReadingSink
{
public:
    virtual ~ReadingSink() = default;

    /*! Consumes \a readings (oldest first, at least one), on the instance's worker thread,
        never before setup() succeeded and never after teardown(). Sources are qualified
        ("system:cpu_temp") and each reading has its node(). Must not throw. */
    virtual void write(const QList<Reading> &readings) = 0;
};

} // namespace Smollama

#define SMOLLAMA_READING_SINK_IID "org.smollama.ReadingSink/1"
Q_DECLARE_INTERFACE(Smollama::ReadingSink, SMOLLAMA_READING_SINK_IID)
