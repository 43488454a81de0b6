// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>
#include <smollama/smollama_export.h>

#include <QHash>
#include <QMutex>
#include <QString>

namespace Smollama {

/*!
    Makes ingesting readings of other nodes idempotent on node + source + timestamp: a reading
    whose node, source and timestamp equal those of the newest one taken in for that source is
    a copy (an MQTT QoS 1 redelivery, the same snapshot through two brokers, a retained message
    seen again after a reconnect) and is refused, so the history, the sinks and the agent see
    each value once. Readings of a source in any other order are taken.

    One per node, shared by every bridge instance; thread-safe. Remembers at most maxSources
    sources (then starts over), so a flood of names cannot grow it without bound.
*/
class SMOLLAMA_EXPORT RemoteDuplicates
{
public:
    explicit RemoteDuplicates(int maxSources = 100000);

    /*! False when \a reading repeats the newest reading of its node and source. */
    bool admit(const Reading &reading);
    /*! Copies refused since the start. */
    qint64 refused() const;

private:
    mutable QMutex m_mutex;
    QHash<QString, qint64> m_newest; //!< "<node>\x1f<source>" -> its newest timestamp (ms)
    int m_maxSources;
    qint64 m_refused = 0;
};

} // namespace Smollama
