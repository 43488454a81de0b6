// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/readinghistory.h"
#include "history/readinghistory_p.h"

#include "history/historylog.h"

#include <QJsonValue>
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

// Memory of a libstdc++ deque: 512-byte nodes plus the node map (at least 8 pointers).
std::size_t dequeBytes(std::size_t count, std::size_t elementSize)
{
    const std::size_t perNode = std::max<std::size_t>(1, 512 / elementSize);
    const std::size_t nodes = count / perNode + 1;
    return nodes * perNode * elementSize + std::max<std::size_t>(8, nodes + 2) * sizeof(void *);
}

} // namespace

void Internal::toBucket(Series &s, qint64 ts, double value)
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

using namespace Internal;

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
    Series &created = series.emplace(source, Series()).first->second;
    created.remote = remote;
    return &created;
}

void ReadingHistory::Private::age(Series &s)
{
    const qint64 rawStart = s.nowMs - rawSpanOf(s);
    const std::size_t maxRaw = maxRawOf(s);
    while (!s.raw.empty() && (s.raw.front().ts < rawStart || s.raw.size() > maxRaw)) {
        toBucket(s, s.raw.front().ts, s.raw.front().value);
        s.raw.pop_front();
    }
    const qint64 horizonStart = s.nowMs - horizonOf(s);
    const std::size_t maxBuckets = std::size_t(horizonOf(s) / MinuteMs + 2);
    while (!s.buckets.empty() &&
           (s.buckets.front().endMs() <= horizonStart || s.buckets.size() > maxBuckets)) {
        s.buckets.pop_front();
    }
}

void ReadingHistory::Private::insert(Series &s, qint64 ts, double value)
{
    s.nowMs = std::max(s.nowMs, ts);
    // A value whose whole minute is beyond the horizon would be dropped right away.
    if (floorDiv(ts, MinuteMs) * MinuteMs + MinuteMs <= s.nowMs - horizonOf(s)) {
        return;
    }
    if (ts >= s.nowMs - rawSpanOf(s) && ts >= s.bucketedUpToMs && maxRawOf(s) > 0) {
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
                s->errorTimes.erase(s->errorTimes.begin());
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
    const std::vector<qint64> &times = it->second.errorTimes;
    for (auto t = std::lower_bound(times.begin(), times.end(), fromMs);
         t != times.end() && *t <= toMs; ++t) {
        out.append(*t);
    }
    return out;
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
        const auto expired = std::lower_bound(s.errorTimes.begin(), s.errorTimes.end(),
                                              s.nowMs - d->limits.horizonMs);
        s.errorTimes.erase(s.errorTimes.begin(), expired);
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

ReadingHistory::Footprint ReadingHistory::footprint(const QString &node,
                                                    const QString &source) const
{
    QReadLocker locker(&d->lock);
    const auto it = d->series.find(d->keyOf(node, source));
    if (it == d->series.end()) {
        return {};
    }
    return {int(it->second.raw.size()), int(it->second.buckets.size())};
}

ReadingHistory::Limits ReadingHistory::Limits::fromConfig(const QJsonObject &historySection)
{
    Limits limits;
    const QJsonValue raw = historySection.value(QLatin1String("remote_raw_seconds"));
    if (raw.isDouble()) {
        const qint64 seconds = std::clamp<qint64>(raw.toInteger(), 0, 3600);
        limits.remoteRawSpanMs = seconds * 1000;
        // A source of another node sends at most two values a second into the raw tier.
        limits.remoteMaxRawPoints = int(seconds * 2);
    }
    const QJsonValue minutes = historySection.value(QLatin1String("remote_memory_minutes"));
    if (minutes.isDouble()) {
        limits.remoteHorizonMs = std::clamp<qint64>(minutes.toInteger(), 1, 1440) * MinuteMs;
    }
    return limits;
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
        bytes += std::size_t(s.errorTimes.capacity()) * sizeof(qint64);
    }
    return bytes;
}

} // namespace Smollama
