// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The parts of ReadingHistory that storing (readinghistory.cpp) and querying
// (readinghistoryquery.cpp) share.

#include "history/readinghistory.h"

#include <QReadWriteLock>

#include <algorithm>
#include <deque>
#include <limits>
#include <map>
#include <vector>

namespace Smollama {

class HistoryArchive;

namespace Internal {

constexpr qint64 MinuteMs = 60 * 1000;
constexpr qint64 NoTime = std::numeric_limits<qint64>::min();

inline qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

struct RawPoint
{
    qint64 ts;
    double value;
};

// One minute of one source. 32 bytes: float extremes are plenty for a chart and a summary,
// the sum stays double so averages do not drift.
struct Bucket
{
    qint32 minute; // minutes since the epoch
    quint32 count;
    float min;
    float max;
    float last;          // the value with the newest timestamp
    quint16 firstOffset; // ms into the minute of the oldest value
    quint16 lastOffset;  // ms into the minute of the newest value
    double sum;

    qint64 startMs() const { return qint64(minute) * MinuteMs; }
    qint64 firstMs() const { return startMs() + firstOffset; }
    qint64 lastMs() const { return startMs() + lastOffset; }
    qint64 endMs() const { return startMs() + MinuteMs; }
};
static_assert(sizeof(Bucket) == 32, "a bucket should stay compact");

// Invariant: every bucketed value is at most as new as every raw value, so walking the buckets
// and then the raw values visits a source in time order.
struct Series
{
    std::deque<RawPoint> raw;       // sorted by ts
    std::deque<Bucket> buckets;     // sorted by minute, one per minute
    qint64 nowMs = NoTime;          // newest timestamp seen, or the last prune() time
    qint64 bucketedUpToMs = NoTime; // newest timestamp in a bucket
    QString unit;
    std::optional<HistoryError> error;
    // Sorted, at most s_maxErrorTimes, for the chart's marks. A vector: most sources never
    // fail, and an empty deque still takes a 512-byte block.
    std::vector<qint64> errorTimes;
    bool remote = false; // another node's: the shorter remote tiers apply
};

// A sensor failing at every poll for a day still costs only this much.
constexpr std::size_t s_maxErrorTimes = 512;

/*! Adds \a value at \a ts to its minute's bucket in \a s. */
void toBucket(Series &s, qint64 ts, double value);

} // namespace Internal

struct ReadingHistory::Private
{
    explicit Private(const Limits &l)
        : limits(l)
    {
    }

    const Limits limits;
    QString localNode;
    mutable QReadWriteLock lock;
    std::map<QString, Internal::Series> series;
    bool warnedTooManySources = false;
    bool warnedTooManyRemoteSources = false;

    Internal::Series *seriesFor(const QString &source);
    /*! A source of this node is kept under its name, one of another node under
        "\x1e<node>\x1f<source>": both characters appear in no name, and such keys sort before
        every local one. */
    QString keyOf(const QString &node, const QString &source) const
    {
        if (node.isEmpty() || node == localNode) {
            return source;
        }
        return QChar(0x1e) + node + QChar(0x1f) + source;
    }
    static bool isRemoteKey(const QString &key) { return key.startsWith(QChar(0x1e)); }
    void insert(Internal::Series &s, qint64 ts, double value);
    void age(Internal::Series &s);

    qint64 rawSpanOf(const Internal::Series &s) const
    {
        return s.remote ? limits.remoteRawSpanMs : limits.rawSpanMs;
    }
    std::size_t maxRawOf(const Internal::Series &s) const
    {
        return std::size_t(std::max(0, s.remote ? limits.remoteMaxRawPoints : limits.maxRawPoints));
    }
    qint64 horizonOf(const Internal::Series &s) const
    {
        return s.remote ? limits.remoteHorizonMs : limits.horizonMs;
    }
    /*! The start of the oldest minute \a s still holds every value of: age() drops only
        buckets that end before the horizon. None (max) while it has no values. */
    qint64 memoryStartOf(const Internal::Series &s) const
    {
        if (s.nowMs == Internal::NoTime) {
            return std::numeric_limits<qint64>::max();
        }
        return Internal::floorDiv(s.nowMs - horizonOf(s), Internal::MinuteMs) * Internal::MinuteMs;
    }
    /*! Calls \a fn with the series of \a key to answer a query over [from, to]: the stored one
        (under the read lock), or, for a source of another node whose window begins before its
        memory tiers, a copy of it whose older minutes come from the archive. Not called when
        there is nothing to answer from. */
    template<typename Fn>
    void query(const QString &key, qint64 from, qint64 to, Fn fn) const;

    HistoryArchive *archive = nullptr; // guarded by archiveLock (held while it is read)
    mutable QReadWriteLock archiveLock;
};

} // namespace Smollama
