// SPDX-License-Identifier: GPL-3.0-or-later
#include "publishlimiter.h"

#include <algorithm>

namespace Smollama {

PublishLimiter::PublishLimiter(int perSecond)
    : m_rate(std::max(1, perSecond))
    , m_tokens(m_rate)
    , m_last(Clock::now())
    , m_lastReport(m_last - std::chrono::hours(1)) // the first drop is reported at once
{
}

bool PublishLimiter::admit()
{
    QMutexLocker locker(&m_mutex);
    const Clock::time_point now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - m_last).count();
    m_last = now;
    m_tokens = std::min<double>(m_rate, m_tokens + seconds * m_rate);
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return true;
    }
    ++m_dropped;
    ++m_droppedTotal;
    return false;
}

qint64 PublishLimiter::takeDroppedReport(int everyMs)
{
    QMutexLocker locker(&m_mutex);
    const Clock::time_point now = Clock::now();
    if (m_dropped == 0 || now - m_lastReport < std::chrono::milliseconds(everyMs)) {
        return 0;
    }
    const qint64 dropped = m_dropped;
    m_dropped = 0;
    m_lastReport = now;
    return dropped;
}

qint64 PublishLimiter::droppedTotal() const
{
    QMutexLocker locker(&m_mutex);
    return m_droppedTotal;
}

} // namespace Smollama
