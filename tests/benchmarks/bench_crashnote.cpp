// SPDX-License-Identifier: GPL-3.0-or-later
// What the crash note costs each plugin call (every read() runs inside a CrashNote::Scope),
// against writing a note file around each call as the crash guard once did for the first read.
// Prints figures; asserts nothing about time.
#include "plugins/crashnote.h"
#include "readings/readingbus.h"
#include "readings/sensorpoller.h"

#include <smollama/readingprovider.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>

using namespace Smollama;

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// A sensor whose read() costs next to nothing, so the poller's own cost shows.
class NullSensor : public ReadingProvider
{
public:
    QList<SourceInfo> sources() const override { return {{QStringLiteral("v"), {}, {}, {}}}; }
    QList<Reading> read() override { return {Reading(QStringLiteral("v"), ++m_n)}; }

private:
    int m_n = 0;
};

volatile quint64 s_sink = 0;

double scopeNs(int n)
{
    const CrashNote::Subject *subject = CrashNote::subject(QStringLiteral("bench"));
    const qint64 start = nowNs();
    for (int i = 0; i < n; ++i) {
        const CrashNote::Scope scope(subject, CrashNote::Phase::Read, quint64(i));
        s_sink = s_sink + 1;
    }
    return double(nowNs() - start) / n;
}

double emptyLoopNs(int n)
{
    const qint64 start = nowNs();
    for (int i = 0; i < n; ++i) {
        s_sink = s_sink + 1;
    }
    return double(nowNs() - start) / n;
}

double pollNs(int n)
{
    ReadingBus bus;
    NullSensor sensor;
    SensorPoller poller(QStringLiteral("bench"), &sensor, sensor.sources(), &bus, 1000);
    const qint64 start = nowNs();
    for (int i = 0; i < n; ++i) {
        poller.poll();
    }
    return double(nowNs() - start) / n;
}

// The way of before, for comparison: a note file written before and removed after each call.
double fileNoteNs(int n, const QString &dir)
{
    const QString path = dir + QStringLiteral("/sentinel.json");
    const qint64 start = nowNs();
    for (int i = 0; i < n; ++i) {
        QSaveFile f(path);
        if (f.open(QIODevice::WriteOnly)) {
            f.write("{\"bench\":{\"phase\":\"read\"}}");
            f.commit();
        }
        QFile::remove(path);
    }
    return double(nowNs() - start) / n;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir tmp;
    const int n = 5'000'000;
    // Armed as in the node (the handler is only installed; nothing runs until a crash).
    CrashNote::arm(tmp.filePath(QStringLiteral("sentinel.json")));
    scopeNs(n); // warm up
    const double empty = emptyLoopNs(n);
    const double scope = scopeNs(n);
    std::printf("crash note mark per plugin call: %.2f ns (%.2f ns with the loop, empty loop "
                "%.2f ns; %d calls)\n",
                scope - empty, scope, empty, n);
    const int reads = 200'000;
    pollNs(reads / 10);
    std::printf("whole poll (read(), mark, publish to the bus): %.0f ns per read (%d reads)\n",
                pollNs(reads), reads);
    const int files = 2000;
    std::printf("for comparison, a note file written and removed around each call: %.0f ns per "
                "call (%d calls)\n",
                fileNoteNs(files, tmp.path()), files);
    CrashNote::disarm();
    return 0;
}
