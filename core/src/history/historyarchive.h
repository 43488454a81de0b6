// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

namespace Smollama {

/*!
    Where ReadingHistory reads the values it no longer keeps in memory: the SQLite store
    (HistoryStore) implements it, so the core library needs no Qt Sql.

    Only sources of other nodes use it: their memory tiers are short (history.remote_*), and a
    query reaching further back reads the older part from here.
*/
class HistoryArchive
{
public:
    virtual ~HistoryArchive() = default;

    /*! Calls \a sample for each stored value of \a source of \a node (empty: this node) with
        a timestamp in [fromMs, toMs], in time order, and returns true; false when the archive
        cannot answer (closed, failed, timed out). May block; \a sample runs on another thread
        while the caller waits, never after readSamples() returned. */
    virtual bool
    readSamples(const QString &node, const QString &source, qint64 fromMs, qint64 toMs,
                const std::function<void(qint64 timestampMs, double value)> &sample) = 0;
};

} // namespace Smollama
