// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QMutex>
#include <QString>

#include <chrono>

namespace Smollama {

/*!
    Bounds the readings one plugin instance may put on the bus: a token bucket of \a perSecond
    readings a second with a burst of the same size. What is over the limit is dropped and
    counted; a plugin flooding the bus (10,000 readings/s from a bouncing contact or a bug)
    then costs the subscribers, the history and memory no more than a well-behaved one.

    Thread-safe: a plugin may publish from any thread while its poller publishes from its own.
*/
class SMOLLAMA_EXPORT PublishLimiter
{
public:
    explicit PublishLimiter(int perSecond);

    int perSecond() const { return m_rate; }

    /*! True when one more reading may go out now; false (and counted) when it is dropped. */
    bool admit();

    /*! When readings were dropped and the last report is \a everyMs old, returns the number
        dropped since then (and starts a new period); 0 otherwise. */
    qint64 takeDroppedReport(int everyMs = 10000);

    /*! Readings dropped since the start. */
    qint64 droppedTotal() const;

private:
    using Clock = std::chrono::steady_clock;
    mutable QMutex m_mutex;
    int m_rate;
    double m_tokens;
    Clock::time_point m_last;
    Clock::time_point m_lastReport;
    qint64 m_dropped = 0;
    qint64 m_droppedTotal = 0;
};

} // namespace Smollama
