// SPDX-License-Identifier: GPL-3.0-or-later
// What running an instance in a plugin host process (isolation: process) costs: readings/s and
// latency from a hosted plugin to the bus (against the same plugin in-process), a tool call's
// round trip through the host, the memory a host adds, and how long a restart after a crash
// takes. Prints figures; asserts nothing about time.
#include "config/config.h"
#include "pluginhost/hostedinstance.h"
#include "plugins/plugininstance.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <vector>

using namespace Smollama;

namespace {

struct Node
{
    std::unique_ptr<PluginManager> plugins;
    std::unique_ptr<ReadingBus> bus;
    std::unique_ptr<ReadingManager> readings;

    explicit Node(const QByteArray &yaml)
    {
        const Config config = Config::fromYaml(yaml, QStringLiteral("bench.yaml"));
        plugins = std::make_unique<PluginManager>();
        plugins->setBuiltinPluginDir(QStringLiteral("/nonexistent"));
        plugins->setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/flood"),
                                      QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/faulty")});
        plugins->setConfig(config);
        bus = std::make_unique<ReadingBus>();
        readings = std::make_unique<ReadingManager>(plugins.get(), bus.get());
        readings->applyConfig(config.section(QStringLiteral("readings")));
    }
    void start()
    {
        plugins->prepare();
        plugins->initializePlugins();
        readings->start();
    }
    ~Node()
    {
        readings->stop();
        plugins->shutdownPlugins();
    }
};

// Runs the event loop for \a ms, waiting for events as a node does (a loop that polls would
// take a core from the host and the supervisor, and the figures with it).
void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

// A figure (kB in the file) of /proc/<pid>/smaps_rollup, in MiB: "Rss:", "Pss:",
// "Private_Dirty:" ...
double smapsMiB(qint64 pid, const QByteArray &key)
{
    QFile f(QStringLiteral("/proc/%1/smaps_rollup").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key)) {
            return line.mid(key.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    }
    return -1;
}

// \a perSecond readings a second in bursts every \a burstMs: the readings/s that reach the bus
// and how long each took from the plugin's publish() to the bus.
void flood(const char *isolation, int perSecond, int burstMs)
{
    // Readings arrive on the thread that publishes them (a host's supervisor, or the plugin's
    // own): the figures are guarded, and outlive the node, whose plugin may push until it is
    // torn down.
    std::mutex mutex;
    qint64 count = 0;
    std::vector<double> latencyMs;
    latencyMs.reserve(size_t(perSecond) * 4);
    Node node("readings: {max_readings_per_s: 1000000}\n"
              "plugins:\n  custom:\n"
              "    - {name: fl, module: fixture_flood, isolation: " +
              QByteArray(isolation) + ", config: {flood_per_s: " + QByteArray::number(perSecond) +
              ", flood_burst_ms: " + QByteArray::number(burstMs) +
              ", flood_stamp: true, interval_s: 60}}\n");
    QObject::connect(
        node.bus.get(), &ReadingBus::readingPublished, node.bus.get(),
        [&](const Reading &r) {
            if (r.source() == QLatin1String("fl:flood")) {
                std::lock_guard lock(mutex);
                ++count;
                // The value is when the plugin pushed it (CLOCK_MONOTONIC, µs).
                const double nowUs = double(std::chrono::duration_cast<std::chrono::microseconds>(
                                                std::chrono::steady_clock::now().time_since_epoch())
                                                .count());
                latencyMs.push_back((nowUs - r.value().toDouble()) / 1000.0);
            }
        },
        Qt::DirectConnection);
    node.start();
    spin(500);
    QElapsedTimer t;
    {
        std::lock_guard lock(mutex);
        count = 0;
        latencyMs.clear();
        t.start();
    }
    spin(3000);
    std::lock_guard lock(mutex);
    const double seconds = t.elapsed() / 1000.0;
    std::printf("  %-9s pushed %d/s in bursts every %d ms: %.0f readings/s reach the bus; latency "
                "p50 %.2f ms, p99 %.2f ms\n",
                isolation, perSecond, burstMs, count / seconds, percentile(latencyMs, 0.5),
                percentile(latencyMs, 0.99));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::printf("bench_pluginhost: an instance in a smollama-plugin-host process\n");

    std::printf("readings pushed by a plugin (fixture_flood), 3 s (goals from a host: >= 100,000 "
                "readings/s, p99 < 2 ms at 100,000/s):\n");
    // Throughput (goal: >= 100,000 readings/s from a host), then latency (goal: p99 < 2 ms)
    // where bursts do not queue behind each other.
    flood("inprocess", 100000, 10);
    flood("process", 100000, 10);
    flood("process", 200000, 10);
    flood("process", 10000, 1);

    {
        Node node("plugins:\n  custom:\n"
                  "    - {name: t, module: fixture_faulty, isolation: process,\n"
                  "       config: {tool_prefix: t, interval_s: 60}}\n");
        node.start();
        PluginInstance *inst = node.plugins->instance(QStringLiteral("t"));
        if (!inst || !inst->hosted()) {
            std::printf("FAILED: the hosted instance did not start: %s\n",
                        inst ? qPrintable(inst->reason()) : "no instance");
            return 1;
        }
        const qint64 pid = inst->hosted()->hostPid();
        // RSS counts the pages of Qt and the other libraries the node has mapped already; what
        // the host adds to the machine is nearer its private pages (and its share, PSS).
        const double priv = smapsMiB(pid, "Private_Clean:") + smapsMiB(pid, "Private_Dirty:");
        std::printf("memory: the host process of one idle instance: %.1f MiB RSS, %.1f MiB PSS, "
                    "%.1f MiB private (goal: adds < 8 MiB)\n",
                    smapsMiB(pid, "Rss:"), smapsMiB(pid, "Pss:"), priv);
        std::vector<double> us;
        const int calls = 2000;
        for (int i = 0; i < calls; ++i) {
            const auto start = std::chrono::steady_clock::now();
            const ToolResult r =
                inst->hosted()->callTool(QStringLiteral("t_echo"), QJsonObject{{"text", "x"}});
            us.push_back(
                std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                    .count());
            if (!r.isOk()) {
                std::printf("FAILED: t_echo: %s\n", qPrintable(r.errorMessage()));
                return 1;
            }
        }
        std::printf("tool call round trip through the host (%d calls): p50 %.0f us, p99 %.0f us\n",
                    calls, percentile(us, 0.5), percentile(us, 0.99));
    }

    {
        Node node("plugins:\n  custom:\n"
                  "    - {name: c, module: fixture_faulty, isolation: process,\n"
                  "       config: {crash_at_read: 2, interval_s: 0.05}}\n");
        std::vector<double> restartMs;
        QElapsedTimer sinceCrash;
        QObject::connect(node.plugins.get(), &PluginManager::statusChanged, node.plugins.get(),
                         [&](const PluginStatus &s) {
                             if (s.instance != QLatin1String("c")) {
                                 return;
                             }
                             if (s.state == PluginState::Restarting) {
                                 sinceCrash.start();
                             } else if (s.state == PluginState::Loaded && sinceCrash.isValid()) {
                                 // The first restart waits 1 s, the second 2 s (backoff).
                                 const double backoff = restartMs.empty() ? 1000 : 2000;
                                 restartMs.push_back(double(sinceCrash.elapsed()) - backoff);
                                 sinceCrash.invalidate();
                             }
                         });
        node.start();
        QElapsedTimer t;
        t.start();
        while (restartMs.size() < 2 && t.elapsed() < 15000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        }
        for (size_t i = 0; i < restartMs.size(); ++i) {
            std::printf("restart after a crash #%zu: host started, loaded and set up %.0f ms after "
                        "its backoff\n",
                        i + 1, restartMs[i]);
        }
        if (restartMs.empty()) {
            std::printf("FAILED: no restart seen\n");
            return 1;
        }
    }
    return 0;
}
