// SPDX-License-Identifier: GPL-3.0-or-later
// How much memory and time the in-memory readings history takes for a busy node: 100 sources
// read every second for 24 hours. Prints figures; only the (deterministic) memory goal decides
// the exit code, never a time.
#include "history/readinghistory.h"

#include <QElapsedTimer>
#include <QFile>
#include <QStringList>

#include <cstdio>
#include <memory>

using Smollama::ReadingHistory;

namespace {

constexpr int Sources = 100;
constexpr int Seconds = 24 * 60 * 60;
constexpr double GoalMiB = 16.0;
constexpr qint64 T0 = 1699999980000; // a whole minute, UTC

// VmRSS of this process in KiB, 0 when /proc is not there.
qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return 0;
}

double mib(double bytes)
{
    return bytes / (1024.0 * 1024.0);
}

} // namespace

int main()
{
    QStringList names;
    for (int s = 0; s < Sources; ++s) {
        names.append(QStringLiteral("bench%1:value").arg(s));
    }

    const qint64 rssBefore = rssKiB();
    auto history = std::make_unique<ReadingHistory>();

    // In time order, as sensors deliver: every source once per simulated second.
    QElapsedTimer timer;
    timer.start();
    for (int t = 0; t < Seconds; ++t) {
        const qint64 ts = T0 + qint64(t) * 1000;
        for (int s = 0; s < Sources; ++s) {
            history->addPoint(names.at(s), ts, 20.0 + s + (t % 600) * 0.01);
        }
    }
    const double insertSeconds = double(timer.nsecsElapsed()) / 1e9;
    const qint64 rssAfter = rssKiB();
    const double inserts = double(Sources) * Seconds;
    const std::size_t approx = history->approximateMemoryBytes();

    // What the dashboard and the API do: a 24 h summary and a 120-point sparkline per source.
    const qint64 end = T0 + qint64(Seconds) * 1000;
    timer.restart();
    int queries = 0;
    qint64 checksum = 0;
    while (timer.elapsed() < 500) {
        for (int s = 0; s < Sources; ++s) {
            checksum += history->summary(names.at(s), end - 24 * 3600 * 1000LL, end).count;
            checksum += history->points(names.at(s), end - 24 * 3600 * 1000LL, end, 120).size();
            ++queries;
        }
    }
    const double querySeconds = double(timer.nsecsElapsed()) / 1e9;

    const bool goalMet = mib(double(approx)) < GoalMiB;
    std::printf("bench_history: %d sources x 24 h at 1 s = %.0f values (process in time order)\n",
                Sources, inserts);
    std::printf("  insert rate:            %.2f M values/s (%.2f s)\n",
                inserts / insertSeconds / 1e6, insertSeconds);
    std::printf("  approximateMemoryBytes: %.2f MiB (%.1f KiB per source)\n", mib(double(approx)),
                double(approx) / 1024.0 / Sources);
    std::printf("  VmRSS before/after:     %.2f / %.2f MiB (difference %.2f MiB, includes "
                "allocator overhead)\n",
                double(rssBefore) / 1024.0, double(rssAfter) / 1024.0,
                double(rssAfter - rssBefore) / 1024.0);
    std::printf("  query (24 h summary + 120-point sparkline): %.1f us per source "
                "(checksum %lld)\n",
                querySeconds * 1e6 / queries, static_cast<long long>(checksum));
    std::printf("  goal: < %.0f MiB for 100 sources: %s\n", GoalMiB, goalMet ? "met" : "MISSED");
    return goalMet ? 0 : 1;
}
