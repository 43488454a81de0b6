// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/readinghistory.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <limits>
#include <thread>
#include <vector>

using Smollama::HistoryPoint;
using Smollama::HistorySummary;
using Smollama::Reading;
using Smollama::ReadingHistory;

namespace {

// A whole minute (2023-11-14 22:13:00 UTC), so bucket boundaries fall on round indices.
constexpr qint64 T0 = 1699999980000;
constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 Hour = 60 * Minute;
const QString Source = QStringLiteral("test:value");

qint64 ts(int i)
{
    return T0 + qint64(i) * Second;
}

// Value of the i-th second: minute * 100 + second, so every bucket has its own, exact
// min (m*100), max (m*100 + 59) and average (m*100 + 29.5), even as floats.
double valueAt(int i)
{
    return double((i / 60) * 100 + (i % 60));
}

// Two hours at 1 s: the last hour (and one second) raw, the first 59 minutes bucketed.
void fillTwoHours(ReadingHistory &history, const QString &source = Source)
{
    for (int i = 0; i < 7200; ++i) {
        history.addPoint(source, ts(i), valueAt(i));
    }
}

Reading readingAt(qint64 ms, const QVariant &value)
{
    return Reading(Source, value, QStringLiteral("°C"),
                   QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

} // namespace

class tst_ReadingHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summary_data();
    void summary();
    void bucketsHoldExactMinuteValues();
    void orderOfArrivalDoesNotMatter();
    void horizonDropsOldData();
    void fastSourceIsCappedNotLost();
    void tooManySources();
    void readingKinds_data();
    void readingKinds();
    void errorReadingsAreRemembered();
    void errorTimesAreKeptForTheChart();
    void downsamplingKeepsExtremes_data();
    void downsamplingKeepsExtremes();
    void concurrentAddAndQuery();
    void memoryStaysBounded();
};

void tst_ReadingHistory::summary_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    // The indices of the first and last value the summary must cover; -1: empty.
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("last");

    QTest::newRow("raw only") << ts(6000) << ts(6600) << 6000 << 6600;
    QTest::newRow("raw, window ends between values")
        << ts(6000) + 500 << ts(6600) - 500 << 6001 << 6599;
    QTest::newRow("buckets only") << ts(600) << ts(1199) << 600 << 1199;
    QTest::newRow("buckets only, widened to whole minutes") << ts(630) << ts(1150) << 600 << 1199;
    // Minute 59 is split: 3540..3598 went into its bucket, 3599.. are still raw.
    QTest::newRow("bucket and raw share a minute")
        << ts(3550) << T0 + 61 * Minute - 1 << 3540 << 3659;
    QTest::newRow("mixed") << ts(1800) << ts(7199) << 1800 << 7199;
    QTest::newRow("everything") << qint64(0) << std::numeric_limits<qint64>::max() << 0 << 7199;
    QTest::newRow("before the data") << T0 - Hour << T0 - 1 << -1 << -1;
    QTest::newRow("after the data") << ts(7199) + 1 << ts(7199) + Hour << -1 << -1;
    QTest::newRow("reversed window") << ts(7000) << ts(6000) << -1 << -1;
}

void tst_ReadingHistory::summary()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(int, first);
    QFETCH(int, last);

    ReadingHistory history;
    fillTwoHours(history);
    const HistorySummary s = history.summary(Source, from, to);

    if (first < 0) {
        QVERIFY(s.isEmpty());
        QCOMPARE(s.count, 0);
        QVERIFY(qIsNaN(s.avg));
        QVERIFY(history.points(Source, from, to).isEmpty());
        return;
    }
    double min = std::numeric_limits<double>::max();
    double max = -min;
    double sum = 0;
    for (int i = first; i <= last; ++i) {
        min = std::min(min, valueAt(i));
        max = std::max(max, valueAt(i));
        sum += valueAt(i);
    }
    QCOMPARE(s.count, last - first + 1);
    QCOMPARE(s.min, min);
    QCOMPARE(s.max, max);
    QCOMPARE(s.avg, sum / (last - first + 1));
    QCOMPARE(s.last, valueAt(last));
    QCOMPARE(s.firstMs, ts(first));
    QCOMPARE(s.lastMs, ts(last));

    // The chart of the same window covers the same values.
    const QVector<HistoryPoint> points = history.points(Source, from, to);
    QVERIFY(!points.isEmpty());
    QCOMPARE(points.constFirst().min, valueAt(first));
    QCOMPARE(points.constLast().max, valueAt(last));
}

void tst_ReadingHistory::bucketsHoldExactMinuteValues()
{
    ReadingHistory history;
    fillTwoHours(history);

    // Minutes 0..58 are whole buckets: one point each, in the middle of its values.
    const QVector<HistoryPoint> buckets = history.points(Source, T0, T0 + 59 * Minute - 1);
    QCOMPARE(buckets.size(), 59);
    for (int m = 0; m < 59; ++m) {
        const HistoryPoint &p = buckets.at(m);
        QCOMPARE(p.timestampMs, T0 + m * Minute + 29500);
        QCOMPARE(p.min, m * 100.0);
        QCOMPARE(p.max, m * 100.0 + 59);
        QCOMPARE(p.value, m * 100.0 + 29.5);
    }
    const HistorySummary minute7 = history.summary(Source, T0 + 7 * Minute, T0 + 8 * Minute - 1);
    QCOMPARE(minute7.count, 60);
    QCOMPARE(minute7.last, 759.0);

    // The last hour is raw: one point per value, min == max == value.
    const QVector<HistoryPoint> raw = history.points(Source, ts(3599), ts(7199));
    QCOMPARE(raw.size(), 3601);
    for (int i = 0; i < raw.size(); ++i) {
        QCOMPARE(raw.at(i).timestampMs, ts(3599 + i));
        QCOMPARE(raw.at(i).value, valueAt(3599 + i));
        QCOMPARE(raw.at(i).min, raw.at(i).max);
    }

    // Everything, oldest first: 59 whole buckets, the split minute's bucket, the raw hour.
    const QVector<HistoryPoint> all = history.points(Source, 0, std::numeric_limits<qint64>::max());
    QCOMPARE(all.size(), 59 + 1 + 3601);
    QVERIFY(
        std::is_sorted(all.begin(), all.end(), [](const HistoryPoint &a, const HistoryPoint &b) {
            return a.timestampMs < b.timestampMs;
        }));
}

void tst_ReadingHistory::orderOfArrivalDoesNotMatter()
{
    // Loading from disk and late sensors add out of order; the result must be the same.
    std::vector<int> order(7200);
    for (int i = 0; i < 7200; ++i) {
        order[std::size_t(i)] = i;
    }
    std::shuffle(order.begin(), order.end(), *QRandomGenerator::global());
    ReadingHistory shuffled;
    for (int i : order) {
        shuffled.addPoint(Source, ts(i), valueAt(i));
    }
    ReadingHistory inOrder;
    fillTwoHours(inOrder);

    const QVector<HistoryPoint> expected = inOrder.points(Source, 0, ts(7200));
    const QVector<HistoryPoint> actual = shuffled.points(Source, 0, ts(7200));
    QCOMPARE(actual.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        QCOMPARE(actual.at(i).timestampMs, expected.at(i).timestampMs);
        QCOMPARE(actual.at(i).value, expected.at(i).value);
        QCOMPARE(actual.at(i).min, expected.at(i).min);
        QCOMPARE(actual.at(i).max, expected.at(i).max);
    }
    const HistorySummary a = shuffled.summary(Source, ts(100), ts(5000));
    const HistorySummary b = inOrder.summary(Source, ts(100), ts(5000));
    QCOMPARE(a.count, b.count);
    QCOMPARE(a.avg, b.avg);
    QCOMPARE(a.last, b.last);

    // An old value arriving late lands in its minute's bucket.
    inOrder.addPoint(Source, ts(600) + 500, -1.0);
    const HistorySummary minute10 = inOrder.summary(Source, ts(600), ts(659));
    QCOMPARE(minute10.count, 61);
    QCOMPARE(minute10.min, -1.0);
    QCOMPARE(minute10.last, valueAt(659));
}

void tst_ReadingHistory::horizonDropsOldData()
{
    ReadingHistory history;
    const int n = 25 * 3600; // 25 h at 1 s
    for (int i = 0; i < n; ++i) {
        history.addPoint(Source, ts(i), 1.0);
    }
    // 24 h back from the newest value is ts(3599), inside minute 59: that minute is the
    // oldest one kept, everything before it is gone.
    HistorySummary s = history.summary(Source, 0, std::numeric_limits<qint64>::max());
    QCOMPARE(s.firstMs, T0 + 59 * Minute);
    QCOMPARE(s.count, n - 59 * 60);

    // Late values beyond the horizon are dropped too.
    history.addPoint(Source, ts(10), 1.0);
    QCOMPARE(history.summary(Source, 0, ts(n)).count, n - 59 * 60);

    // Two quiet hours: the raw hour becomes buckets, two more hours fall off the end.
    const qint64 newest = ts(n - 1);
    history.prune(newest + 2 * Hour);
    s = history.summary(Source, 0, std::numeric_limits<qint64>::max());
    QCOMPARE(s.count, n - 179 * 60);
    const QVector<HistoryPoint> points = history.points(Source, 0, ts(n));
    QCOMPARE(points.size(), 1500 - 179);
    QCOMPARE(points.constLast().timestampMs, T0 + 1499 * Minute + 29500);

    // A day later the source is gone.
    history.prune(newest + 25 * Hour);
    QVERIFY(history.sources().isEmpty());
    QVERIFY(history.summary(Source, 0, ts(n)).isEmpty());
}

void tst_ReadingHistory::fastSourceIsCappedNotLost()
{
    ReadingHistory history;
    QCOMPARE(history.limits().maxRawPoints, 7200);
    // 10 Hz for 20 minutes, and a slow source next to it.
    for (int i = 0; i < 12000; ++i) {
        history.addPoint(QStringLiteral("fast:x"), T0 + i * 100, i % 2 ? 1.0 : 3.0);
        if (i % 100 == 0) {
            history.addPoint(QStringLiteral("slow:y"), T0 + i * 100, 5.0);
        }
    }
    // The 7200 newest values stay raw; the 4800 before (8 whole minutes) are buckets: every
    // value still counts.
    const QVector<HistoryPoint> fast = history.points(QStringLiteral("fast:x"), 0, T0 + Hour);
    QCOMPARE(fast.size(), 8 + 7200);
    for (int m = 0; m < 8; ++m) {
        QCOMPARE(fast.at(m).min, 1.0);
        QCOMPARE(fast.at(m).max, 3.0);
        QCOMPARE(fast.at(m).value, 2.0);
    }
    QCOMPARE(fast.at(8).timestampMs, T0 + 4800 * 100);
    const HistorySummary s = history.summary(QStringLiteral("fast:x"), 0, T0 + Hour);
    QCOMPARE(s.count, 12000);
    QCOMPARE(s.avg, 2.0);

    // The slow source is untouched: all raw.
    QCOMPARE(history.points(QStringLiteral("slow:y"), 0, T0 + Hour).size(), 120);

    // Twice as long at 10 Hz: the raw tier does not grow.
    const std::size_t memory = history.approximateMemoryBytes();
    for (int i = 12000; i < 24000; ++i) {
        history.addPoint(QStringLiteral("fast:x"), T0 + i * 100, 2.0);
    }
    QVERIFY2(history.approximateMemoryBytes() < memory + 2048,
             qPrintable(QString::number(history.approximateMemoryBytes() - memory)));
}

void tst_ReadingHistory::tooManySources()
{
    ReadingHistory::Limits limits;
    limits.maxSources = 2;
    ReadingHistory history(limits);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("at most 2 sources.*\"c:z\"")));
    for (const char *name : {"a:x", "b:y", "c:z", "d:w"}) {
        history.addPoint(QLatin1String(name), T0, 1.0);
    }
    QCOMPARE(history.sources(), QStringList({QStringLiteral("a:x"), QStringLiteral("b:y")}));
    QVERIFY(history.summary(QStringLiteral("c:z"), 0, ts(10)).isEmpty());
}

void tst_ReadingHistory::readingKinds_data()
{
    QTest::addColumn<Reading>("reading");
    QTest::addColumn<bool>("stored");
    QTest::addColumn<double>("value");

    QTest::newRow("double") << readingAt(T0, 21.5) << true << 21.5;
    QTest::newRow("int") << readingAt(T0, 42) << true << 42.0;
    QTest::newRow("qint64") << readingAt(T0, qint64(1) << 40) << true << double(qint64(1) << 40);
    QTest::newRow("float") << readingAt(T0, 0.25f) << true << 0.25;
    QTest::newRow("bool true") << readingAt(T0, true) << true << 1.0;
    QTest::newRow("bool false") << readingAt(T0, false) << true << 0.0;
    QTest::newRow("numeric string") << readingAt(T0, QStringLiteral("21.5")) << false << 0.0;
    QTest::newRow("string") << readingAt(T0, QStringLiteral("on")) << false << 0.0;
    QTest::newRow("null") << readingAt(T0, QVariant()) << false << 0.0;
    QTest::newRow("NaN") << readingAt(T0, qQNaN()) << false << 0.0;
    QTest::newRow("infinity") << readingAt(T0, qInf()) << false << 0.0;
    Reading stale = readingAt(T0, 20.0);
    stale.setQuality(Reading::Quality::Stale);
    QTest::newRow("stale") << stale << false << 0.0;
    QTest::newRow("error") << Reading::error(Source, QStringLiteral("no ack")) << false << 0.0;
    QTest::newRow("invalid") << Reading() << false << 0.0;
}

void tst_ReadingHistory::readingKinds()
{
    QFETCH(Reading, reading);
    QFETCH(bool, stored);
    QFETCH(double, value);

    ReadingHistory history;
    history.add(reading);
    const HistorySummary s = history.summary(Source, 0, std::numeric_limits<qint64>::max());
    QCOMPARE(s.count, stored ? 1 : 0);
    QCOMPARE(ReadingHistory::numericValue(reading).has_value(), stored);
    if (stored) {
        QCOMPARE(s.last, value);
        QCOMPARE(s.lastMs, T0);
        QCOMPARE(history.sources(), QStringList{Source});
        QCOMPARE(history.unit(Source), QStringLiteral("°C"));
    }
}

void tst_ReadingHistory::errorReadingsAreRemembered()
{
    ReadingHistory history;
    history.add(readingAt(T0, 20.0));
    Reading error = Reading::error(Source, QStringLiteral("I2C read failed: no ack"));
    error.setTimestamp(QDateTime::fromMSecsSinceEpoch(T0 + 5000, Qt::UTC));
    history.add(error);

    const auto lastError = history.lastError(Source);
    QVERIFY(lastError.has_value());
    QCOMPARE(lastError->message, QStringLiteral("I2C read failed: no ack"));
    QCOMPARE(lastError->timestampMs, T0 + 5000);
    // The error is not a value: the last value is still the good one.
    const HistorySummary s = history.summary(Source, 0, T0 + Hour);
    QCOMPARE(s.count, 1);
    QCOMPARE(s.last, 20.0);

    // A source that only ever failed is listed, with its error and no values.
    history.add(Reading::error(QStringLiteral("i2c:temp"), QStringLiteral("no device")));
    QVERIFY(history.sources().contains(QStringLiteral("i2c:temp")));
    QVERIFY(history.summary(QStringLiteral("i2c:temp"), 0, std::numeric_limits<qint64>::max())
                .isEmpty());
    QVERIFY(!history.lastError(QStringLiteral("nobody")).has_value());
}

void tst_ReadingHistory::errorTimesAreKeptForTheChart()
{
    // The detail chart marks each error reading: their times are kept (bounded, for a day).
    ReadingHistory history;
    for (int i = 0; i < 600; ++i) {
        Reading error = Reading::error(Source, QStringLiteral("no ack"));
        error.setTimestamp(QDateTime::fromMSecsSinceEpoch(T0 + i * 1000, Qt::UTC));
        history.add(error);
    }
    const QVector<qint64> all = history.errorTimes(Source, 0, T0 + Hour);
    QCOMPARE(all.size(), 512); // the newest ones
    QCOMPARE(all.first(), T0 + 88 * 1000);
    QCOMPARE(all.last(), T0 + 599 * 1000);
    QCOMPARE(history.errorTimes(Source, T0 + 100 * 1000, T0 + 109 * 1000).size(), 10);
    QVERIFY(history.errorTimes(QStringLiteral("nobody"), 0, T0 + Hour).isEmpty());
    // A day later they are gone.
    history.prune(T0 + 25 * Hour);
    QVERIFY(history.errorTimes(Source, 0, T0 + 26 * Hour).isEmpty());
}

void tst_ReadingHistory::downsamplingKeepsExtremes_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<int>("maxPoints");

    for (int maxPoints : {10, 60, 200}) {
        QTest::addRow("last hour (raw), %d points", maxPoints) << ts(3599) << maxPoints;
        QTest::addRow("two hours (buckets and raw), %d points", maxPoints) << T0 << maxPoints;
    }
}

void tst_ReadingHistory::downsamplingKeepsExtremes()
{
    QFETCH(qint64, from);
    QFETCH(int, maxPoints);

    ReadingHistory history;
    const int spike = 5000; // raw
    const int dip = 1234;   // bucketed
    for (int i = 0; i < 7200; ++i) {
        const double v = i == spike ? 100.0 : i == dip ? -50.0 : 20.0 + (i % 7) * 0.25;
        history.addPoint(Source, ts(i), v);
    }
    const qint64 to = ts(7199);
    const QVector<HistoryPoint> full = history.points(Source, from, to);
    const QVector<HistoryPoint> points = history.points(Source, from, to, maxPoints);
    QVERIFY(points.size() <= maxPoints);
    QVERIFY(points.size() >= maxPoints / 2);
    QVERIFY(std::is_sorted(points.begin(), points.end(),
                           [](const HistoryPoint &a, const HistoryPoint &b) {
                               return a.timestampMs < b.timestampMs;
                           }));

    const auto byMax = std::max_element(points.begin(), points.end(),
                                        [](const auto &a, const auto &b) { return a.max < b.max; });
    QCOMPARE(byMax->max, 100.0);
    // The spike's point sits in the spike's slice of the window.
    const qint64 slice =
        (full.constLast().timestampMs - full.constFirst().timestampMs) / maxPoints + 1;
    QVERIFY(qAbs(byMax->timestampMs - ts(spike)) <= slice);

    const auto byMin = std::min_element(points.begin(), points.end(),
                                        [](const auto &a, const auto &b) { return a.min < b.min; });
    QCOMPARE(byMin->min, from <= ts(dip) ? -50.0 : 20.0);

    // Fewer values than maxPoints: nothing is merged.
    QCOMPARE(history.points(Source, from, to, full.size()).size(), full.size());
}

void tst_ReadingHistory::concurrentAddAndQuery()
{
    ReadingHistory history;
    constexpr int writers = 4;
    constexpr int perWriter = 1500;
    std::atomic<bool> done{false};
    std::atomic<int> queries{0};

    std::thread reader([&]() {
        while (!done.load()) {
            const HistorySummary s = history.summary(QStringLiteral("shared:x"), 0, T0 + Hour);
            Q_UNUSED(s);
            history.points(QStringLiteral("shared:x"), 0, T0 + Hour, 100);
            history.sources();
            history.approximateMemoryBytes();
            ++queries;
        }
    });
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&history, w]() {
            const QString own = QStringLiteral("writer%1:x").arg(w);
            for (int i = 0; i < perWriter; ++i) {
                // Interleaved timestamps: the shared source gets them out of order.
                const qint64 t = T0 + (qint64(i) * writers + w) * 100;
                history.addPoint(QStringLiteral("shared:x"), t, 1.0);
                history.add(Reading(own, i, QString(), QDateTime::fromMSecsSinceEpoch(t, Qt::UTC)));
            }
        });
    }
    for (std::thread &t : threads) {
        t.join();
    }
    QTRY_VERIFY(queries.load() > 0);
    done = true;
    reader.join();

    QCOMPARE(history.sources().size(), writers + 1);
    QCOMPARE(history.summary(QStringLiteral("shared:x"), 0, T0 + Hour).count, writers * perWriter);
    const QVector<HistoryPoint> shared = history.points(QStringLiteral("shared:x"), 0, T0 + Hour);
    QCOMPARE(shared.size(), writers * perWriter);
    for (int i = 1; i < shared.size(); ++i) {
        QCOMPARE(shared.at(i).timestampMs - shared.at(i - 1).timestampMs, qint64(100));
    }
    for (int w = 0; w < writers; ++w) {
        const HistorySummary s = history.summary(QStringLiteral("writer%1:x").arg(w), 0, T0 + Hour);
        QCOMPARE(s.count, perWriter);
        QCOMPARE(s.last, double(perWriter - 1));
    }
}

void tst_ReadingHistory::memoryStaysBounded()
{
    ReadingHistory history;
    const QStringList sources = {QStringLiteral("a:x"), QStringLiteral("b:y"),
                                 QStringLiteral("c:z")};
    std::size_t afterOneDay = 0;
    for (int i = 0; i < 48 * 3600; ++i) {
        for (const QString &source : sources) {
            history.addPoint(source, ts(i), double(i % 1000));
        }
        if (i == 24 * 3600) {
            afterOneDay = history.approximateMemoryBytes();
        }
    }
    const std::size_t afterTwoDays = history.approximateMemoryBytes();
    const QByteArray figures = QByteArray::number(qulonglong(afterOneDay)) + " bytes after 24 h, " +
                               QByteArray::number(qulonglong(afterTwoDays)) + " after 48 h";
    // The second day costs nothing more...
    QVERIFY2(afterTwoDays <= afterOneDay + afterOneDay / 100, figures.constData());
    // ...and a source at 1 s takes about 3600 raw values (16 B) + 1440 buckets (32 B).
    QVERIFY2(afterTwoDays < std::size_t(sources.size()) * 128 * 1024, figures.constData());
    QVERIFY2(afterTwoDays > std::size_t(sources.size()) * 90 * 1024, figures.constData());
    QCOMPARE(history.summary(QStringLiteral("a:x"), ts(47 * 3600), ts(48 * 3600)).count, 3600);
}

QTEST_GUILESS_MAIN(tst_ReadingHistory)
#include "tst_readinghistory.moc"
