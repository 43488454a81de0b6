// SPDX-License-Identifier: GPL-3.0-or-later
// ReadingHistory's queries: summaries and chart points, from memory and, for sources of other
// nodes, from the archive for what memory no longer holds.
#include "history/historyarchive.h"
#include "history/readinghistory.h"
#include "history/readinghistory_p.h"

#include <QReadLocker>
#include <QWriteLocker>

#include <cmath>

namespace Smollama {

using namespace Internal;

namespace {

// A summary or a chart point being accumulated.
struct Accumulator
{
    qint64 count = 0;
    double sum = 0;
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    double weightedOffset = 0; // sum of (ts - origin) * count, for the average timestamp

    void add(double valueSum, qint64 valueCount, double lo, double hi)
    {
        count += valueCount;
        sum += valueSum;
        min = std::min(min, lo);
        max = std::max(max, hi);
    }
};

// Calls bucketFn for each bucket overlapping [from, to], then rawFn for each raw value in it:
// time order, thanks to the Series invariant.
template<typename BucketFn, typename RawFn>
void forEachInWindow(const Series &s, qint64 from, qint64 to, BucketFn bucketFn, RawFn rawFn)
{
    auto b = std::partition_point(s.buckets.begin(), s.buckets.end(),
                                  [from](const Bucket &bucket) { return bucket.lastMs() < from; });
    for (; b != s.buckets.end() && b->firstMs() <= to; ++b) {
        bucketFn(*b);
    }
    auto r = std::partition_point(s.raw.begin(), s.raw.end(),
                                  [from](const RawPoint &p) { return p.ts < from; });
    for (; r != s.raw.end() && r->ts <= to; ++r) {
        rawFn(*r);
    }
}

HistorySummary summarize(const Series &series, qint64 fromMs, qint64 toMs)
{
    HistorySummary result;
    Accumulator acc;
    qint64 first = NoTime;
    qint64 last = NoTime;
    double lastValue = qQNaN();
    forEachInWindow(
        series, fromMs, toMs,
        [&](const Bucket &b) {
            acc.add(b.sum, b.count, b.min, b.max);
            if (first == NoTime) {
                first = b.firstMs();
            }
            last = b.lastMs();
            lastValue = b.last;
        },
        [&](const RawPoint &p) {
            acc.add(p.value, 1, p.value, p.value);
            if (first == NoTime) {
                first = p.ts;
            }
            last = p.ts;
            lastValue = p.value;
        });
    if (acc.count == 0) {
        return result;
    }
    result.count = int(std::min<qint64>(acc.count, std::numeric_limits<int>::max()));
    result.min = acc.min;
    result.max = acc.max;
    result.avg = acc.sum / double(acc.count);
    result.last = lastValue;
    result.firstMs = first;
    result.lastMs = last;
    return result;
}

QVector<HistoryPoint> pointsOf(const Series &s, qint64 fromMs, qint64 toMs, int maxPoints)
{
    QVector<HistoryPoint> result;
    // A bucket is drawn in the middle of the values it holds.
    const auto bucketTime = [](const Bucket &b) {
        return b.firstMs() + (b.lastMs() - b.firstMs()) / 2;
    };

    // First pass, without allocating: how many points, over which span.
    qsizetype count = 0;
    qint64 first = 0;
    qint64 last = 0;
    const auto see = [&](qint64 t) {
        if (count++ == 0) {
            first = t;
        }
        last = t;
    };
    forEachInWindow(
        s, fromMs, toMs, [&](const Bucket &b) { see(bucketTime(b)); },
        [&](const RawPoint &p) { see(p.ts); });
    if (count == 0) {
        return result;
    }

    if (maxPoints <= 0 || count <= maxPoints) {
        result.reserve(count);
        forEachInWindow(
            s, fromMs, toMs,
            [&](const Bucket &b) {
                result.append(HistoryPoint{bucketTime(b), b.sum / b.count, b.min, b.max});
            },
            [&](const RawPoint &p) {
                result.append(HistoryPoint{p.ts, p.value, p.value, p.value});
            });
        return result;
    }

    // Equal time slices over the span of the data; an empty slice gives no point. Each point
    // weighs as many values as it stands for (a bucket its count).
    const double span = double(last - first) + 1.0;
    result.reserve(maxPoints);
    Accumulator acc;
    int group = -1;
    const auto emitGroup = [&]() {
        if (acc.count > 0) {
            const auto c = double(acc.count);
            result.append(HistoryPoint{first + qint64(std::llround(acc.weightedOffset / c)),
                                       acc.sum / c, acc.min, acc.max});
        }
        acc = Accumulator();
    };
    const auto add = [&](qint64 t, double sum, quint32 n, double lo, double hi) {
        const double offset = double(t - first);
        const int g = std::min(maxPoints - 1, int(offset / span * maxPoints));
        if (g != group) {
            emitGroup();
            group = g;
        }
        acc.add(sum, n, lo, hi);
        acc.weightedOffset += offset * n;
    };
    forEachInWindow(
        s, fromMs, toMs, [&](const Bucket &b) { add(bucketTime(b), b.sum, b.count, b.min, b.max); },
        [&](const RawPoint &p) { add(p.ts, p.value, 1, p.value, p.value); });
    emitGroup();
    return result;
}

} // namespace

template<typename Fn>
void ReadingHistory::Private::query(const QString &key, qint64 from, qint64 to, Fn fn) const
{
    // Held while the archive is read, so setArchive() can wait for it to be unused.
    QReadLocker archiveLocker(&archiveLock);
    // Nothing of this node's is read from the archive: its tiers are the answer.
    const bool remote = isRemoteKey(key);
    qint64 memoryStart = std::numeric_limits<qint64>::max();
    {
        QReadLocker locker(&lock);
        const auto it = series.find(key);
        if (it != series.end()) {
            memoryStart = memoryStartOf(it->second);
        }
        if (!remote || !archive || from >= memoryStart) {
            if (it != series.end()) {
                fn(it->second);
            }
            return;
        }
    }
    // The older part comes from the archive, without holding the lock (the archive's thread
    // may be adding to this history). In whole minutes, as buckets answer (a window is widened
    // to the minutes it touches), and two more than needed in case the memory tiers move on
    // meanwhile: the minutes memory still holds are then taken from memory, so no value is
    // counted twice.
    Series view;
    view.remote = true;
    const qint64 archiveFrom = floorDiv(from, MinuteMs) * MinuteMs;
    qint64 archiveTo = floorDiv(to, MinuteMs) * MinuteMs + MinuteMs - 1;
    if (memoryStart != std::numeric_limits<qint64>::max()) {
        archiveTo = std::min(archiveTo, memoryStart + 2 * MinuteMs - 1);
    }
    const int sep = key.indexOf(QChar(0x1f));
    const QString node = key.mid(1, sep - 1);
    const QString source = key.mid(sep + 1);
    const bool archived =
        archive->readSamples(node, source, archiveFrom, archiveTo,
                             [&view](qint64 ts, double value) { toBucket(view, ts, value); });
    if (!archived) {
        view.buckets.clear();
    }
    QReadLocker locker(&lock);
    const auto it = series.find(key);
    if (it != series.end()) {
        const Series &s = it->second;
        const qint64 start = memoryStartOf(s);
        while (!view.buckets.empty() && view.buckets.back().startMs() >= start) {
            view.buckets.pop_back();
        }
        for (const Bucket &b : s.buckets) {
            if (b.startMs() >= start) {
                view.buckets.push_back(b);
            }
        }
        view.raw = s.raw;
    }
    if (view.buckets.empty() && view.raw.empty()) {
        return;
    }
    fn(view);
}

HistorySummary ReadingHistory::summary(const QString &source, qint64 fromMs, qint64 toMs) const
{
    HistorySummary result;
    if (fromMs > toMs) {
        return result;
    }
    d->query(source, fromMs, toMs, [&](const Series &s) { result = summarize(s, fromMs, toMs); });
    return result;
}

QVector<HistoryPoint> ReadingHistory::points(const QString &source, qint64 fromMs, qint64 toMs,
                                             int maxPoints) const
{
    QVector<HistoryPoint> result;
    if (fromMs > toMs) {
        return result;
    }
    d->query(source, fromMs, toMs,
             [&](const Series &s) { result = pointsOf(s, fromMs, toMs, maxPoints); });
    return result;
}

void ReadingHistory::setArchive(HistoryArchive *archive)
{
    // Waits for queries reading the previous archive.
    QWriteLocker locker(&d->archiveLock);
    d->archive = archive;
}

} // namespace Smollama
