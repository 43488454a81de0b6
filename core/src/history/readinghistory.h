// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>
#include <smollama/smollama_export.h>

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QtNumeric>

#include <cstddef>
#include <memory>
#include <optional>

namespace Smollama {

class HistoryArchive;

/*! Aggregates of one source over a time window; count is 0 (and the values NaN) when the
    window holds no values. */
struct HistorySummary
{
    int count = 0;
    double min = qQNaN();
    double max = qQNaN();
    double avg = qQNaN();
    double last = qQNaN(); //!< The newest value in the window.
    qint64 firstMs = 0;    //!< Time of the oldest value counted (ms since epoch, UTC).
    qint64 lastMs = 0;     //!< Time of the newest value counted.

    bool isEmpty() const { return count == 0; }
};

/*! One point of a chart: a raw value (min == max == value), the average of a one-minute bucket,
    or, when downsampled, of a group of those, with the extremes of what it stands for. */
struct HistoryPoint
{
    qint64 timestampMs = 0;
    double value = 0;
    double min = 0;
    double max = 0;
};

/*! The newest error reading of a source. */
struct HistoryError
{
    qint64 timestampMs = 0;
    QString message;
};

/*!
    The recent readings of every source, in memory, for sparklines, charts, the HTTP API and the
    agent's get_reading_history tool.

    Two tiers per source: the raw values of the last hour (at most Limits::maxRawPoints, so a
    fast source cannot grow it), then one-minute buckets (min, max, sum, count, last) up to 24 h.
    Older data is dropped, so memory stays bounded however long smollama runs. The tiers follow
    each source's newest timestamp; prune() lets time pass for sources that went quiet.

    Only numeric readings of quality Ok become values (a bool counts as 0/1). Strings, stale
    readings, NaN and infinities are not values; an error reading is remembered as the source's
    lastError().

    Every function is thread-safe: sensors add() from their worker threads while the GUI and the
    HTTP API query. Windows are absolute milliseconds since the epoch (UTC), both ends included.
    In the bucket tier a window is widened to the whole minutes it touches.
*/
class SMOLLAMA_EXPORT ReadingHistory
{
public:
    struct Limits
    {
        qint64 rawSpanMs = 60 * 60 * 1000;      //!< How long raw values are kept.
        int maxRawPoints = 7200;                //!< Raw values kept per source at most.
        qint64 horizonMs = 24 * 60 * 60 * 1000; //!< How long buckets are kept.
        int maxSources = 1024;                  //!< Further new sources are ignored.
        /*! Sources of other nodes kept at most, apart from this node's, so a large fleet
            never pushes out local sources. */
        int maxRemoteSources = 1024;
        /*! Sources of other nodes keep shorter tiers, so a master following a fleet stays
            small (history.remote_raw_seconds and history.remote_memory_minutes): raw values
            for remoteRawSpanMs (at most remoteMaxRawPoints), then minute buckets up to
            remoteHorizonMs. A query reaching further back reads the older part from the
            archive (setArchive()). */
        qint64 remoteRawSpanMs = 2 * 60 * 1000;
        int remoteMaxRawPoints = 240;
        qint64 remoteHorizonMs = 60 * 60 * 1000;

        /*! The limits of the "history" section of the configuration (remote_raw_seconds,
            remote_memory_minutes); missing keys keep their defaults. */
        static Limits fromConfig(const QJsonObject &historySection);
    };

    /*! What one source keeps in memory. */
    struct Footprint
    {
        int rawValues = 0; //!< Values kept one by one.
        int buckets = 0;   //!< One-minute buckets.
    };

    ReadingHistory();
    explicit ReadingHistory(const Limits &limits);
    ~ReadingHistory();
    ReadingHistory(const ReadingHistory &) = delete;
    ReadingHistory &operator=(const ReadingHistory &) = delete;

    Limits limits() const;

    /*! This node's name: readings of it (or without a node) are this node's sources, which
        the functions without a node parameter are about. Set it before readings come. */
    void setLocalNode(const QString &name);
    QString localNode() const;

    /*! Records \a reading: its numericValue() as a value, or, for an error reading, the
        source's lastError(). Other readings are ignored. A reading of another node is kept
        under that node (see the functions taking a node). */
    void add(const Reading &reading);
    /*! Records \a value of \a source at \a timestampMs. Points may come in any order (loading
        from disk); one older than the raw tier goes straight into its bucket, one older than the
        horizon is dropped. */
    void addPoint(const QString &source, qint64 timestampMs, double value);

    /*! Every source of this node with values or an error, sorted. */
    QStringList sources() const;
    /*! The same for \a node (this node's for an empty name or this node's name). */
    QStringList sources(const QString &node) const;
    /*! Records a value of \a source of \a node (loading from disk). */
    void addPoint(const QString &node, const QString &source, qint64 timestampMs, double value);
    /*! unit(), lastError(), summary() and points() of \a source of \a node (this node's for an
        empty name). */
    QString unit(const QString &node, const QString &source) const;
    std::optional<HistoryError> lastError(const QString &node, const QString &source) const;
    HistorySummary summary(const QString &node, const QString &source, qint64 fromMs,
                           qint64 toMs) const;
    QVector<HistoryPoint> points(const QString &node, const QString &source, qint64 fromMs,
                                 qint64 toMs, int maxPoints = 0) const;
    /*! The unit of the newest reading of \a source that had one. */
    QString unit(const QString &source) const;
    /*! The newest error reading of \a source, if any (cleared only when the source is pruned). */
    std::optional<HistoryError> lastError(const QString &source) const;
    /*! When \a source gave error readings in [fromMs, toMs], oldest first (the newest 512 are
        kept, for a day at most). */
    QVector<qint64> errorTimes(const QString &source, qint64 fromMs, qint64 toMs) const;

    /*! Count, min, max, average and last value of \a source in [fromMs, toMs], combining raw
        values and buckets (every value counts once, with its bucket's weight). */
    HistorySummary summary(const QString &source, qint64 fromMs, qint64 toMs) const;
    /*! The values of \a source in [fromMs, toMs], oldest first: raw values where kept, bucket
        averages before. With \a maxPoints > 0 at most that many points: the window is split
        into maxPoints equal time slices and each slice's points are merged (weighted average,
        min of mins, max of maxes), so a spike survives in max. */
    QVector<HistoryPoint> points(const QString &source, qint64 fromMs, qint64 toMs,
                                 int maxPoints = 0) const;

    /*! Lets time pass: raw values older than \a nowMs minus the raw span move into buckets,
        buckets older than the horizon are dropped, sources left empty are removed. Call it
        about once a minute. */
    void prune(qint64 nowMs);
    /*! Forgets everything. */
    void clear();

    /*! What \a source of \a node keeps in memory (zeros for an unknown source). */
    Footprint footprint(const QString &node, const QString &source) const;

    /*! Where summary() and points() of a source of another node read the part of their window
        older than its memory tiers (the SQLite store); nullptr (the default): they answer from
        memory only. Not owned; set it to nullptr before \a archive goes away. */
    void setArchive(HistoryArchive *archive);

    /*! What the stored values take in memory (containers included, allocator overhead not). */
    std::size_t approximateMemoryBytes() const;

    /*! The value \a reading contributes: a finite number, or 0/1 for a bool, of a reading of
        quality Ok; nothing for strings, stale and error readings. */
    static std::optional<double> numericValue(const Reading &reading);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Smollama
