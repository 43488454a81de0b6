// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/readinghistory.h"

#include "history/historylog.h"

#include <QLoggingCategory>
#include <QReadLocker>
#include <QReadWriteLock>
#include <QWriteLocker>

#include <algorithm>
#include <cmath>
#include <deque>
#include <iterator>
#include <limits>
#include <map>

Q_LOGGING_CATEGORY(lcHistory, "smollama.history")

namespace Smollama {

namespace {

constexpr qint64 MinuteMs = 60 * 1000;
constexpr qint64 NoTime = std::numeric_limits<qint64>::min();

qint64 floorDiv(qint64 a, qint64 b)
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
    std::deque<qint64> errorTimes; // sorted, at most s_maxErrorTimes, for the chart's marks
};

// A sensor failing at every poll for a day still costs only this much.
constexpr std::size_t s_maxErrorTimes = 512;

// Memory of a libstdc++ deque: 512-byte nodes plus the node map (at least 8 pointers).
std::size_t dequeBytes(std::size_t count, std::size_t elementSize)
{
    const std::size_t perNode = std::max<std::size_t>(1, 512 / elementSize);
    const std::size_t nodes = count / perNode + 1;
    return nodes * perNode * elementSize + std::max<std::size_t>(8, nodes + 2) * sizeof(void *);
}

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

} // namespace

struct ReadingHistory::Private
{
    explicit Private(const Limits &l)
        : limits(l)
    {
    }

    const Limits limits;
    QString localNode;
    mutable QReadWriteLock lock;
    std::map<QString, Series> series;
    bool warnedTooManySources = false;
    bool warnedTooManyRemoteSources = false;

    Series *seriesFor(const QString &source);
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
    void insert(Series &s, qint64 ts, double value);
    void toBucket(Series &s, qint64 ts, double value);
    void age(Series &s);
};

Series *ReadingHistory::Private::seriesFor(const QString &source)
{
    auto it = series.find(source);
    if (it != series.end()) {
        return &it->second;
    }
    // Remote keys sort first: those before the first key >= "\x1f" are other nodes'.
    const bool remote = isRemoteKey(source);
    const auto firstLocal = series.lower_bound(QString(QChar(0x1f)));
    const int remoteCount = int(std::distance(series.begin(), firstLocal));
    if (remote && remoteCount >= limits.maxRemoteSources) {
        if (!warnedTooManyRemoteSources) {
            warnedTooManyRemoteSources = true;
            qCWarning(lcHistory,
                      "The readings history keeps at most %d sources of other nodes; \"%s\" "
                      "and further new ones are not kept.",
                      limits.maxRemoteSources,
                      qUtf8Printable(source.mid(1).replace(QChar(0x1f), QLatin1Char('/'))));
        }
        return nullptr;
    }
    if (!remote && int(series.size()) - remoteCount >= limits.maxSources) {
        if (!warnedTooManySources) {
            warnedTooManySources = true;
            qCWarning(lcHistory,
                      "The readings history keeps at most %d sources; \"%s\" and further new "
                      "sources are not kept. Fewer sensors or source ids avoid this.",
                      limits.maxSources, qUtf8Printable(source));
        }
        return nullptr;
    }
    return &series.emplace(source, Series()).first->second;
}

void ReadingHistory::Private::toBucket(Series &s, qint64 ts, double value)
{
    const qint64 minute64 = floorDiv(ts, MinuteMs);
    if (minute64 < std::numeric_limits<qint32>::min() ||
        minute64 > std::numeric_limits<qint32>::max()) {
        return; // outside ±4000 years: a broken clock, not a reading worth keeping
    }
    const auto minute = qint32(minute64);
    const auto offset = quint16(ts - minute64 * MinuteMs);
    const auto fvalue = float(value);

    auto it = s.buckets.end();
    if (s.buckets.empty() || s.buckets.back().minute < minute) {
        it = s.buckets.end();
    } else if (s.buckets.back().minute == minute) {
        it = s.buckets.end() - 1;
    } else {
        it = std::lower_bound(s.buckets.begin(), s.buckets.end(), minute,
                              [](const Bucket &b, qint32 m) { return b.minute < m; });
    }
    if (it == s.buckets.end() || it->minute != minute) {
        s.buckets.insert(it, Bucket{minute, 1, fvalue, fvalue, fvalue, offset, offset, value});
    } else {
        Bucket &b = *it;
        ++b.count;
        b.sum += value;
        b.min = std::min(b.min, fvalue);
        b.max = std::max(b.max, fvalue);
        if (offset < b.firstOffset) {
            b.firstOffset = offset;
        }
        if (offset >= b.lastOffset) {
            b.lastOffset = offset;
            b.last = fvalue;
        }
    }
    s.bucketedUpToMs = std::max(s.bucketedUpToMs, ts);
}

void ReadingHistory::Private::age(Series &s)
{
    const qint64 rawStart = s.nowMs - limits.rawSpanMs;
    while (!s.raw.empty() &&
           (s.raw.front().ts < rawStart || s.raw.size() > std::size_t(limits.maxRawPoints))) {
        toBucket(s, s.raw.front().ts, s.raw.front().value);
        s.raw.pop_front();
    }
    const qint64 horizonStart = s.nowMs - limits.horizonMs;
    const std::size_t maxBuckets = std::size_t(limits.horizonMs / MinuteMs + 2);
    while (!s.buckets.empty() &&
           (s.buckets.front().endMs() <= horizonStart || s.buckets.size() > maxBuckets)) {
        s.buckets.pop_front();
    }
}

void ReadingHistory::Private::insert(Series &s, qint64 ts, double value)
{
    s.nowMs = std::max(s.nowMs, ts);
    // A value whose whole minute is beyond the horizon would be dropped right away.
    if (floorDiv(ts, MinuteMs) * MinuteMs + MinuteMs <= s.nowMs - limits.horizonMs) {
        return;
    }
    if (ts >= s.nowMs - limits.rawSpanMs && ts >= s.bucketedUpToMs) {
        if (s.raw.empty() || s.raw.back().ts <= ts) {
            s.raw.push_back(RawPoint{ts, value});
        } else {
            const auto it = std::upper_bound(s.raw.begin(), s.raw.end(), ts,
                                             [](qint64 t, const RawPoint &p) { return t < p.ts; });
            s.raw.insert(it, RawPoint{ts, value});
        }
    } else {
        toBucket(s, ts, value);
    }
    age(s);
}

ReadingHistory::ReadingHistory()
    : ReadingHistory(Limits())
{
}

ReadingHistory::ReadingHistory(const Limits &limits)
    : d(std::make_unique<Private>(limits))
{
}

ReadingHistory::~ReadingHistory() = default;

ReadingHistory::Limits ReadingHistory::limits() const
{
    return d->limits;
}

std::optional<double> ReadingHistory::numericValue(const Reading &reading)
{
    if (reading.quality() != Reading::Quality::Ok) {
        return std::nullopt;
    }
    const QVariant value = reading.value();
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        return value.toBool() ? 1.0 : 0.0;
    case QMetaType::Double:
    case QMetaType::Float:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar: {
        const double v = value.toDouble();
        if (std::isfinite(v)) {
            return v;
        }
        return std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

void ReadingHistory::add(const Reading &reading)
{
    if (!reading.isValid() || !reading.timestamp().isValid()) {
        return;
    }
    const qint64 ts = reading.timestamp().toMSecsSinceEpoch();
    const QString source = d->keyOf(reading.node(), reading.source());
    if (reading.quality() == Reading::Quality::Error) {
        QWriteLocker locker(&d->lock);
        if (Series *s = d->seriesFor(source)) {
            if (!s->error || s->error->timestampMs <= ts) {
                s->error = HistoryError{ts, reading.message()};
            }
            s->errorTimes.insert(std::upper_bound(s->errorTimes.begin(), s->errorTimes.end(), ts),
                                 ts);
            if (s->errorTimes.size() > s_maxErrorTimes) {
                s->errorTimes.pop_front();
            }
        }
        return;
    }
    const std::optional<double> value = numericValue(reading);
    if (!value) {
        return;
    }
    const QString unit = reading.unit();
    QWriteLocker locker(&d->lock);
    if (Series *s = d->seriesFor(source)) {
        if (!unit.isEmpty() && s->unit != unit) {
            s->unit = unit;
        }
        d->insert(*s, ts, *value);
    }
}

void ReadingHistory::addPoint(const QString &source, qint64 timestampMs, double value)
{
    if (source.isEmpty() || !std::isfinite(value)) {
        return;
    }
    QWriteLocker locker(&d->lock);
    if (Series *s = d->seriesFor(source)) {
        d->insert(*s, timestampMs, value);
    }
}

void ReadingHistory::setLocalNode(const QString &name)
{
    QWriteLocker locker(&d->lock);
    d->localNode = name;
}

QString ReadingHistory::localNode() const
{
    QReadLocker locker(&d->lock);
    return d->localNode;
}

QStringList ReadingHistory::sources() const
{
    return sources(QString());
}

QStringList ReadingHistory::sources(const QString &node) const
{
    QReadLocker locker(&d->lock);
    const QString prefix = d->keyOf(node, QString());
    QStringList result;
    for (const auto &entry : d->series) {
        if (prefix.isEmpty() ? !Private::isRemoteKey(entry.first)
                             : entry.first.startsWith(prefix)) {
            result.append(entry.first.mid(prefix.size()));
        }
    }
    return result;
}

void ReadingHistory::addPoint(const QString &node, const QString &source, qint64 timestampMs,
                              double value)
{
    if (source.isEmpty()) {
        return;
    }
    QString key;
    {
        QReadLocker locker(&d->lock);
        key = d->keyOf(node, source);
    }
    addPoint(key, timestampMs, value);
}

QString ReadingHistory::unit(const QString &node, const QString &source) const
{
    QReadLocker locker(&d->lock);
    const auto it = d->series.find(d->keyOf(node, source));
    return it == d->series.end() ? QString() : it->second.unit;
}

std::optional<HistoryError> ReadingHistory::lastError(const QString &node,
                                                      const QString &source) const
{
    QReadLocker locker(&d->lock);
    const auto it = d->series.find(d->keyOf(node, source));
    return it == d->series.end() ? std::nullopt : it->second.error;
}

HistorySummary ReadingHistory::summary(const QString &node, const QString &source, qint64 fromMs,
                                       qint64 toMs) const
{
    QString key;
    {
        QReadLocker locker(&d->lock);
        key = d->keyOf(node, source);
    }
    return summary(key, fromMs, toMs);
}

QVector<HistoryPoint> ReadingHistory::points(const QString &node, const QString &source,
                                             qint64 fromMs, qint64 toMs, int maxPoints) const
{
    QString key;
    {
        QReadLocker locker(&d->lock);
        key = d->keyOf(node, source);
    }
    return points(key, fromMs, toMs, maxPoints);
}

QString ReadingHistory::unit(const QString &source) const
{
    QReadLocker locker(&d->lock);
    const auto it = d->series.find(source);
    return it == d->series.end() ? QString() : it->second.unit;
}

std::optional<HistoryError> ReadingHistory::lastError(const QString &source) const
{
    QReadLocker locker(&d->lock);
    const auto it = d->series.find(source);
    return it == d->series.end() ? std::nullopt : it->second.error;
}

QVector<qint64> ReadingHistory::errorTimes(const QString &source, qint64 fromMs, qint64 toMs) const
{
    QReadLocker locker(&d->lock);
    QVector<qint64> out;
    const auto it = d->series.find(source);
    if (it == d->series.end()) {
        return out;
    }
    const std::deque<qint64> &times = it->second.errorTimes;
    for (auto t = std::lower_bound(times.begin(), times.end(), fromMs);
         t != times.end() && *t <= toMs; ++t) {
        out.append(*t);
    }
    return out;
}

namespace {

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

} // namespace

HistorySummary ReadingHistory::summary(const QString &source, qint64 fromMs, qint64 toMs) const
{
    HistorySummary result;
    QReadLocker locker(&d->lock);
    const auto it = d->series.find(source);
    if (it == d->series.end() || fromMs > toMs) {
        return result;
    }
    Accumulator acc;
    qint64 first = NoTime;
    qint64 last = NoTime;
    double lastValue = qQNaN();
    forEachInWindow(
        it->second, fromMs, toMs,
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

QVector<HistoryPoint> ReadingHistory::points(const QString &source, qint64 fromMs, qint64 toMs,
                                             int maxPoints) const
{
    QVector<HistoryPoint> result;
    QReadLocker locker(&d->lock);
    const auto it = d->series.find(source);
    if (it == d->series.end() || fromMs > toMs) {
        return result;
    }
    const Series &s = it->second;
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

void ReadingHistory::prune(qint64 nowMs)
{
    QWriteLocker locker(&d->lock);
    for (auto it = d->series.begin(); it != d->series.end();) {
        Series &s = it->second;
        s.nowMs = std::max(s.nowMs, nowMs);
        d->age(s);
        if (s.error && s.error->timestampMs < s.nowMs - d->limits.horizonMs) {
            s.error.reset();
        }
        while (!s.errorTimes.empty() && s.errorTimes.front() < s.nowMs - d->limits.horizonMs) {
            s.errorTimes.pop_front();
        }
        if (s.raw.empty() && s.buckets.empty() && !s.error) {
            it = d->series.erase(it);
        } else {
            ++it;
        }
    }
}

void ReadingHistory::clear()
{
    QWriteLocker locker(&d->lock);
    d->series.clear();
}

std::size_t ReadingHistory::approximateMemoryBytes() const
{
    QReadLocker locker(&d->lock);
    // A std::map node: three pointers, a colour, the key and the value.
    constexpr std::size_t nodeOverhead = 4 * sizeof(void *);
    std::size_t bytes = sizeof(ReadingHistory) + sizeof(Private);
    for (const auto &[name, s] : d->series) {
        bytes += nodeOverhead + sizeof(QString) + sizeof(Series);
        bytes += std::size_t(name.capacity()) * sizeof(QChar) + 16;
        bytes += std::size_t(s.unit.capacity()) * sizeof(QChar);
        if (s.error) {
            bytes += std::size_t(s.error->message.capacity()) * sizeof(QChar) + 16;
        }
        bytes += dequeBytes(s.raw.size(), sizeof(RawPoint));
        bytes += dequeBytes(s.buckets.size(), sizeof(Bucket));
        bytes += dequeBytes(s.errorTimes.size(), sizeof(qint64));
    }
    return bytes;
}

} // namespace Smollama
