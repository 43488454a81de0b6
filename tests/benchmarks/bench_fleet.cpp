// SPDX-License-Identifier: GPL-3.0-or-later
// What a master node pays to follow a fleet: 50 nodes x 20 sources at 1 Hz brought by a bridge
// (the fixture bridge; the mqtt plugin adds its own parsing on top), with the history persisted,
// the HTTP API up and a reading sink fed. Both run inside the node, as the builtin mqtt plugin
// does, so their CPU and memory are the node's. Prints CPU % of one core and the RSS growth over
// the live run, then the steady state: an hour of 1 Hz values of every source (timestamps spread
// over the past hour) is published and RSS and the in-memory history are measured after it, with
// the remote tiers of the schema's defaults and, for comparison, as long as a local source's.
// Asserts nothing. BENCH_FLEET_SECONDS sets the length of the live run (default 10),
// BENCH_FLEET_SIM_MINUTES the simulated span (default 60).
#include "config/config.h"
#include "fleet/nodedirectory.h"
#include "history/readinghistory.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "runtime/noderuntime.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <dlfcn.h>
#include <sys/resource.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <cstdio>

using namespace Smollama;

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// What SQLite holds (its page caches, statements) in this process, through the library the Qt
// SQLite driver loaded; -1 when it is not loaded.
double sqliteMiB()
{
    void *library = ::dlopen("libsqlite3.so.0", RTLD_NOW | RTLD_NOLOAD);
    if (!library) {
        return -1;
    }
    using MemoryUsed = long long (*)();
    const auto used = reinterpret_cast<MemoryUsed>(::dlsym(library, "sqlite3_memory_used"));
    const double mib = used ? double(used()) / (1024.0 * 1024.0) : -1;
    ::dlclose(library);
    return mib;
}

// Bytes this process has written so far (write and pwrite calls: the history's WAL and
// database, the log), from /proc/self/io; -1 when it cannot be read.
double writtenMiB()
{
    QFile io(QStringLiteral("/proc/self/io"));
    if (!io.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : io.readAll().split('\n')) {
        if (line.startsWith("wchar:")) {
            return line.mid(6).trimmed().toDouble() / (1024.0 * 1024.0);
        }
    }
    return -1;
}

double rssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    }
    return 0;
}

// Runs the event loop for \a ms without spinning (the figures are the node's, not the wait's).
void waitMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

struct Figures
{
    double cpuPercent = 0;
    double rssStart = 0;
    double rssEnd = 0;
    double rssLiveTrimmed = 0; // rssEnd once the allocator returned its free pages
    qint64 readings = 0;
    int nodes = 0;
    double historyMiB = 0;
    double writtenMiBPerSecond = 0; // to the disk: the history's WAL and database
    // After the simulated span:
    double rssSimulated = 0;
    double historySimulatedMiB = 0;
    qint64 simulatedValues = 0;
    double simulateSeconds = 0;
    double rssTrimmed = 0;
};

// Publishes the \a minutes before \a end (when the live run began, so each source still gets
// one value a second) of 1 Hz values of every source, oldest first, a second at a time as a
// fleet sends them, letting the store and the sinks take each second before the next (their
// bounded buffers would drop rows otherwise, and larger bursts than a fleet's would inflate them).
qint64 simulate(NodeRuntime &runtime, int nodes, int sources, int minutes, qint64 end)
{
    const qint64 start = end - qint64(minutes) * 60 * 1000;
    QVector<QString> nodeNames;
    QVector<QString> sourceNames;
    for (int n = 0; n < nodes; ++n) {
        nodeNames.append(QStringLiteral("node%1").arg(n));
    }
    for (int s = 0; s < sources; ++s) {
        sourceNames.append(QStringLiteral("sensor:value%1").arg(s));
    }
    qint64 published = 0;
    constexpr qint64 SliceMs = 1000;
    for (qint64 slice = start; slice < end; slice += SliceMs) {
        for (qint64 ts = slice; ts < std::min(end, slice + SliceMs); ts += 1000) {
            const QDateTime when = QDateTime::fromMSecsSinceEpoch(ts, Qt::UTC);
            for (int n = 0; n < nodes; ++n) {
                for (int s = 0; s < sources; ++s) {
                    Reading r(sourceNames[s], 20 + s * 0.5 + double(ts % 7000) / 1000.0,
                              QStringLiteral("°C"), when);
                    r.setNode(nodeNames[n]);
                    runtime.bus()->publish(r);
                    ++published;
                }
            }
        }
        waitMs(2);
    }
    return published;
}

Figures run(const QTemporaryDir &tmp, int nodes, int sources, int seconds, int simMinutes,
            const QByteArray &remoteTiers = QByteArray())
{
    QByteArray list;
    for (int n = 0; n < nodes; ++n) {
        list += (n ? "," : "") + QByteArray("{name: node") + QByteArray::number(n) +
                ", version: '0.1.0', readings: {";
        for (int s = 0; s < sources; ++s) {
            list += (s ? ", " : "") + QByteArray("'sensor:value") + QByteArray::number(s) +
                    "': " + QByteArray::number(20 + s * 0.5);
        }
        list += "}}";
    }
    const QByteArray yaml =
        "node: {name: master}\n"
        "history: {persist: true, database: '" +
        tmp.filePath(QStringLiteral("bench-%1-%2.db").arg(nodes).arg(remoteTiers.size())).toUtf8() +
        "'" + remoteTiers +
        "}\n"
        "http: {port: 0}\n"
        "ollama: {url: \"http://127.0.0.1:9\"}\n"
        "plugins:\n"
        "  custom:\n"
        "    - {name: fleet, module: fixture_bridge, isolation: inprocess, config: "
        "{interval_ms: 1000, nodes: [" +
        list +
        "]}}\n"
        "    - {name: export, module: fixture_sink, isolation: inprocess, config: {}}\n";
    const Config config = Config::fromYaml(yaml, tmp.filePath(QStringLiteral("c.yaml")));
    if (config.hasErrors()) {
        std::printf("configuration error: %s\n",
                    qPrintable(config.diagnostics().value(0).toString()));
        return {};
    }
    NodeRuntime runtime(config);
    runtime.setBuiltinPluginDir(tmp.filePath(QStringLiteral("none")));
    runtime.setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/bridge"),
                                 QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/sink")});
    NodeRuntime::StartOptions options;
    options.crashCheck = false;
    runtime.setStartOptions(options);
    const qint64 liveStart = QDateTime::currentMSecsSinceEpoch();
    runtime.start();
    // The first rounds make every node and source known: measure the steady state after them.
    waitMs(3000);
    Figures f;
    f.rssStart = rssMiB();
    const double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    // A long live run (BENCH_FLEET_SECONDS=3600) prints its RSS every 5 minutes (one of up to
    // 20 minutes every minute): the slope.
    const int kReportS = seconds >= 1200 ? 300 : 60;
    double cpuBefore = cpu0;
    const double written0 = writtenMiB();
    double writtenBefore = written0;
    for (int done = 0; done < seconds; done += kReportS) {
        const int step = std::min(kReportS, seconds - done);
        waitMs(step * 1000);
        if (seconds > kReportS && nodes > 0) {
            const double cpuNow = cpuSeconds();
            const double writtenNow = writtenMiB();
            std::printf("    live, after %3d min: %.2f %% of one core in the last %d s, RSS %.1f "
                        "MiB (+%.1f), in-memory history %.2f MiB, SQLite %.2f MiB, written "
                        "%.2f MiB/s\n",
                        (done + step) / 60, 100.0 * (cpuNow - cpuBefore) / step, step, rssMiB(),
                        rssMiB() - f.rssStart,
                        runtime.history()->approximateMemoryBytes() / (1024.0 * 1024.0),
                        sqliteMiB(), (writtenNow - writtenBefore) / step);
            std::fflush(stdout);
            cpuBefore = cpuNow;
            writtenBefore = writtenNow;
        }
    }
    f.writtenMiBPerSecond = (writtenMiB() - written0) / (wall.nsecsElapsed() / 1e9);
    f.cpuPercent = 100.0 * (cpuSeconds() - cpu0) / (wall.nsecsElapsed() / 1e9);
    f.rssEnd = rssMiB();
    f.readings = runtime.readings()->latest().size();
    f.nodes = int(runtime.nodes()->nodes().size());
    f.historyMiB = runtime.history()->approximateMemoryBytes() / (1024.0 * 1024.0);
#ifdef __GLIBC__
    malloc_trim(0); // how much of the RSS is free memory the allocator keeps
    f.rssLiveTrimmed = rssMiB();
#endif
    if (nodes > 0 && simMinutes > 0) {
        QElapsedTimer simWall;
        simWall.start();
        f.simulatedValues = simulate(runtime, nodes, sources, simMinutes, liveStart);
        f.simulateSeconds = simWall.nsecsElapsed() / 1e9;
        waitMs(1500); // the store writes its last rows
        f.rssSimulated = rssMiB();
#ifdef __GLIBC__
        malloc_trim(0); // what the allocator keeps of the bursts' buffers, returned
        f.rssTrimmed = rssMiB();
#endif
        f.historySimulatedMiB = runtime.history()->approximateMemoryBytes() / (1024.0 * 1024.0);
    }
    runtime.stop();
    return f;
}

} // namespace

void printSteadyState(const Figures &f, int simMinutes, const char *tiers)
{
    std::printf("  steady state, remote tiers %s: %lld values over %d min published in %.1f s\n",
                tiers, static_cast<long long>(f.simulatedValues), simMinutes, f.simulateSeconds);
    std::printf("    RSS %.1f MiB: +%.1f MiB since the warm-up (goal < 10 MiB more), +%.1f MiB "
                "once the allocator returned freed memory; in-memory history %.2f MiB (%.1f KiB "
                "per source)\n",
                f.rssSimulated, f.rssSimulated - f.rssStart, f.rssTrimmed - f.rssStart,
                f.historySimulatedMiB, f.historySimulatedMiB * 1024.0 / 1000.0);
    std::fflush(stdout);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int seconds = qEnvironmentVariableIntValue("BENCH_FLEET_SECONDS") > 0
                            ? qEnvironmentVariableIntValue("BENCH_FLEET_SECONDS")
                            : 10;
    const int simMinutes = qEnvironmentVariableIsSet("BENCH_FLEET_SIM_MINUTES")
                               ? qEnvironmentVariableIntValue("BENCH_FLEET_SIM_MINUTES")
                               : 60;
    QTemporaryDir tmp;
    // Its state (token, http.json, crash guard) stays in the temporary folder.
    qputenv("SMOLLAMA_STATE_DIR", tmp.path().toLocal8Bit());
    const char *localTiers = "as long as a local source's (1 h raw, 24 h of buckets)";
    if (qgetenv("BENCH_FLEET_REMOTE_TIERS") == "local") {
        // The comparison, in a process of its own so the first run's heap does not blur it.
        const Figures f = run(tmp, 50, 20, seconds, simMinutes,
                              ", remote_raw_seconds: 3600, remote_memory_minutes: 1440");
        printSteadyState(f, simMinutes, localTiers);
        std::printf("    (with these tiers the buckets keep growing for 24 h, to ~100 KiB per "
                    "source)\n");
        return 0;
    }
    // The same node without a fleet, for comparison.
    const Figures idle = run(tmp, 0, 0, std::min(seconds, 10), 0);
    std::printf("master alone:              %5.2f %% of one core, RSS %.1f -> %.1f MiB over %d s "
                "(%.1f MiB once the allocator returned its free pages)\n",
                idle.cpuPercent, idle.rssStart, idle.rssEnd, std::min(seconds, 10),
                idle.rssLiveTrimmed);
    std::fflush(stdout);
    const Figures fleet = run(tmp, 50, 20, seconds, simMinutes);
    std::printf("master + 50 nodes x 20 sources at 1 Hz (%lld latest readings, %d nodes):\n",
                static_cast<long long>(fleet.readings), fleet.nodes);
    std::printf("  CPU: %5.2f %% of one core (goal < 5 %%; the bridge fixture's publishing "
                "included, MQTT parsing not); written to disk %.2f MiB/s (samples: %.0f KiB/s)\n",
                fleet.cpuPercent, fleet.writtenMiBPerSecond, 50 * 20 * 16 / 1024.0);
    std::printf("  RSS after the warm-up: %.1f -> %.1f MiB over %d s (+%.1f MiB; goal < 10 MiB "
                "more; %.1f MiB once the allocator returned its free pages); in-memory history "
                "%.2f MiB\n",
                fleet.rssStart, fleet.rssEnd, seconds, fleet.rssEnd - fleet.rssStart,
                fleet.rssLiveTrimmed, fleet.historyMiB);
    if (simMinutes > 0) {
        printSteadyState(fleet, simMinutes, "of the defaults (120 s raw, 60 min in memory)");
        QProcess comparison;
        comparison.setProcessChannelMode(QProcess::ForwardedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BENCH_FLEET_REMOTE_TIERS"), QStringLiteral("local"));
        comparison.setProcessEnvironment(env);
        comparison.start(QCoreApplication::applicationFilePath(), {});
        comparison.waitForFinished(-1);
    }
    return 0;
}
