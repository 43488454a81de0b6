// SPDX-License-Identifier: GPL-3.0-or-later
// What a master node pays to follow a fleet: 50 nodes x 20 sources at 1 Hz brought by a bridge
// (the fixture bridge; the mqtt plugin adds its own parsing on top), with the history persisted,
// the HTTP API up and a reading sink fed. Prints CPU % of one core and the RSS growth over the
// run; asserts nothing. BENCH_FLEET_SECONDS sets the length of the run (default 30).
#include "config/config.h"
#include "fleet/nodedirectory.h"
#include "history/readinghistory.h"
#include "readings/readingmanager.h"
#include "runtime/noderuntime.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>

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
    qint64 readings = 0;
    int nodes = 0;
    double historyMiB = 0;
};

Figures run(const QTemporaryDir &tmp, int nodes, int sources, int seconds)
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
        tmp.filePath(QStringLiteral("bench-%1.db").arg(nodes)).toUtf8() +
        "'}\n"
        "http: {port: 0}\n"
        "ollama: {url: \"http://127.0.0.1:9\"}\n"
        "plugins:\n"
        "  custom:\n"
        "    - {name: fleet, module: fixture_bridge, config: {interval_ms: 1000, nodes: [" +
        list +
        "]}}\n"
        "    - {name: export, module: fixture_sink, config: {}}\n";
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
    runtime.start();
    // The first rounds make every node and source known: measure the steady state after them.
    waitMs(3000);
    Figures f;
    f.rssStart = rssMiB();
    const double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    waitMs(seconds * 1000);
    f.cpuPercent = 100.0 * (cpuSeconds() - cpu0) / (wall.nsecsElapsed() / 1e9);
    f.rssEnd = rssMiB();
    f.readings = runtime.readings()->latest().size();
    f.nodes = int(runtime.nodes()->nodes().size());
    f.historyMiB = runtime.history()->approximateMemoryBytes() / (1024.0 * 1024.0);
    runtime.stop();
    return f;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int seconds = qEnvironmentVariableIntValue("BENCH_FLEET_SECONDS") > 0
                            ? qEnvironmentVariableIntValue("BENCH_FLEET_SECONDS")
                            : 30;
    QTemporaryDir tmp;
    // Its state (token, http.json, crash guard) stays in the temporary folder.
    qputenv("SMOLLAMA_STATE_DIR", tmp.path().toLocal8Bit());
    // The same node without a fleet, for comparison.
    const Figures idle = run(tmp, 0, 0, seconds);
    std::printf("master alone:              %5.2f %% of one core, RSS %.1f -> %.1f MiB over %d s\n",
                idle.cpuPercent, idle.rssStart, idle.rssEnd, seconds);
    const Figures fleet = run(tmp, 50, 20, seconds);
    std::printf("master + 50 nodes x 20 sources at 1 Hz (%lld latest readings, %d nodes):\n",
                static_cast<long long>(fleet.readings), fleet.nodes);
    std::printf("  CPU: %5.2f %% of one core (goal < 5 %%; the bridge fixture's publishing "
                "included, MQTT parsing not)\n",
                fleet.cpuPercent);
    std::printf("  RSS: %.1f -> %.1f MiB over %d s (+%.1f MiB; goal < 10 MiB more); in-memory "
                "history of all sources now %.1f MiB and growing with the raw hour\n",
                fleet.rssStart, fleet.rssEnd, seconds, fleet.rssEnd - fleet.rssStart,
                fleet.historyMiB);
    return 0;
}
