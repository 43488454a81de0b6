// SPDX-License-Identifier: GPL-3.0-or-later
#include "remoteduplicates.h"

#include <QMutexLocker>

namespace Smollama {

RemoteDuplicates::RemoteDuplicates(int maxSources)
    : m_maxSources(maxSources)
{
}

bool RemoteDuplicates::admit(const Reading &reading)
{
    if (!reading.timestamp().isValid()) {
        return true;
    }
    const qint64 ts = reading.timestamp().toMSecsSinceEpoch();
    const QString key = reading.node() + QChar(0x1f) + reading.source();
    QMutexLocker locker(&m_mutex);
    auto it = m_newest.find(key);
    if (it == m_newest.end()) {
        if (m_newest.size() >= m_maxSources) {
            m_newest.clear();
        }
        m_newest.insert(key, ts);
        return true;
    }
    if (*it == ts) {
        ++m_refused;
        return false;
    }
    if (ts > *it) {
        *it = ts;
    }
    return true;
}

qint64 RemoteDuplicates::refused() const
{
    QMutexLocker locker(&m_mutex);
    return m_refused;
}

} // namespace Smollama
