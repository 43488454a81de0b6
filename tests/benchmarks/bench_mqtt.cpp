// SPDX-License-Identifier: GPL-3.0-or-later
// The mqtt plugin with a real Mosquitto on loopback. Prints figures; asserts nothing.
//  1. edge publish rate: readings written to one instance until the broker acknowledged them;
//  2. master ingest: 50 nodes x 20 sources at 1 Hz into a `smollama --headless` master, its
//     CPU (share of one core) and RSS growth;
//  3. latency edge -> broker -> master -> the master's HTTP API (its event stream), p50/p99.
// Goals (issue 14): >= 20,000 readings/s; < 5 % of one core and < 10 MiB RSS; p99 < 20 ms.
#include "../mqtt/mosquittobroker.h"

#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>
#include <smollama/readingsink.h>
#include <smollama/testing.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPluginLoader>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include <unistd.h>

using Smollama::Reading;

namespace {

class BenchContext : public Smollama::PluginContext
{
public:
    BenchContext(const QString &node, const QJsonObject &config)
        : m_node(node)
        , m_config(config)
    {
    }
    QString instanceName() const override { return QStringLiteral("mqtt"); }
    Smollama::PluginMetadata metadata() const override { return {}; }
    QJsonObject config() const override { return m_config; }
    QString nodeName() const override { return m_node; }
    void publish(const Reading &) override {}

private:
    QString m_node;
    QJsonObject m_config;
};

struct Instance
{
    std::unique_ptr<QObject> object;
    std::unique_ptr<BenchContext> context;
    Smollama::Plugin *plugin = nullptr;
    Smollama::ReadingSink *sink = nullptr;
    ~Instance()
    {
        if (plugin) {
            plugin->teardown();
        }
    }
    QJsonObject stats() const
    {
        QJsonObject out;
        QMetaObject::invokeMethod(object.get(), "statistics", Q_RETURN_ARG(QJsonObject, out));
        return out;
    }
};

std::unique_ptr<Instance> create(QPluginLoader &loader, const QString &node,
                                 const QJsonObject &written)
{
    // The config as the host hands it to setup(): validated, with the schema's defaults.
    QString invalid;
    const QJsonObject config =
        Smollama::Testing::PluginLibrary(loader.fileName()).config(written, &invalid);
    if (!invalid.isEmpty()) {
        std::printf("config: %s\n", qPrintable(invalid));
        return nullptr;
    }
    auto *factory = qobject_cast<Smollama::PluginFactory *>(loader.instance());
    if (!factory) {
        return nullptr;
    }
    auto inst = std::make_unique<Instance>();
    inst->object.reset(factory->create());
    inst->context = std::make_unique<BenchContext>(node, config);
    auto *plugin = qobject_cast<Smollama::Plugin *>(inst->object.get());
    inst->sink = qobject_cast<Smollama::ReadingSink *>(inst->object.get());
    if (!plugin->setup(config, inst->context.get()).isOk()) {
        return nullptr;
    }
    inst->plugin = plugin;
    return inst;
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

void spin(int ms)
{
    waitUntil([] { return false; }, ms);
}

QJsonObject config(int port, int qos)
{
    return {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
            {QStringLiteral("port"), port},
            {QStringLiteral("qos"), qos},
            {QStringLiteral("receive"), false},
            {QStringLiteral("snapshot_interval_s"), 0},
            {QStringLiteral("offline_buffer"), 1000000}};
}

// utime + stime of \a pid in seconds, and its RSS in KiB.
double cpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QByteArray line = f.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) / sysconf(_SC_CLK_TCK);
}

long rssKiB(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray &l : f.readAll().split('\n')) {
        if (l.startsWith("VmRSS:")) {
            return l.mid(6).simplified().split(' ').first().toLong();
        }
    }
    return 0;
}

void publishRate(QPluginLoader &loader, int port, int qos)
{
    auto edge = create(loader, QStringLiteral("edge%1").arg(qos), config(port, qos));
    if (!edge ||
        !waitUntil([&] { return edge->stats().value(QLatin1String("connected")).toBool(); },
                   10000)) {
        std::printf("edge publish rate (QoS %d): could not connect\n", qos);
        return;
    }
    const int total = 100000;
    const int batch = 1000;
    QElapsedTimer timer;
    timer.start();
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < total; i += batch) {
        QList<Reading> readings;
        readings.reserve(batch);
        for (int j = 0; j < batch; ++j) {
            readings.append(Reading(QStringLiteral("bench:s%1").arg((i + j) % 20), i + j,
                                    QStringLiteral("W"), t0.addMSecs(i + j)));
        }
        edge->sink->write(readings);
        QCoreApplication::processEvents();
    }
    const bool ok = waitUntil(
        [&] {
            const QJsonObject s = edge->stats();
            return s.value(QLatin1String("published")).toInt() == total &&
                   s.value(QLatin1String("in_flight")).toInt() == 0;
        },
        120000);
    const double seconds = timer.elapsed() / 1000.0;
    std::printf("edge publish rate (QoS %d, retained state, one reading per message): "
                "%d readings in %.2f s = %.0f readings/s%s (goal >= 20,000/s)\n",
                qos, total, seconds, total / seconds, ok ? "" : " (NOT all acknowledged)");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    MqttTest::Broker broker;
    QString error;
    if (!broker.start(&error)) {
        std::printf("%s\n", qPrintable(error));
        return 1;
    }
    QPluginLoader loader(QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR "/libsmollama_mqtt.so"));
    if (!loader.load()) {
        std::printf("%s\n", qPrintable(loader.errorString()));
        return 1;
    }

    // 1. Edge publish rate.
    publishRate(loader, broker.port(), 1);
    publishRate(loader, broker.port(), 0);

    // 2. Master ingest: a smollama --headless master with only the mqtt plugin.
    QTemporaryDir home;
    QFile cfg(home.filePath(QStringLiteral("config.yaml")));
    cfg.open(QIODevice::WriteOnly);
    cfg.write(QStringLiteral("node: {name: master}\nplugins:\n  builtin:\n    mqtt:\n"
                             "      enabled: true\n      config: {host: 127.0.0.1, port: %1}\n")
                  .arg(broker.port())
                  .toUtf8());
    cfg.close();
    QProcess master;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("SMOLLAMA_HTTP_PORT"), QStringLiteral("0"));
    master.setProcessEnvironment(env);
    master.setStandardOutputFile(QProcess::nullDevice());
    master.setStandardErrorFile(QProcess::nullDevice());
    master.start(QStringLiteral(SMOLLAMA_APP),
                 {QStringLiteral("--headless"), QStringLiteral("-c"), cfg.fileName()});
    master.waitForStarted();
    const qint64 pid = master.processId();
    int apiPort = 0;
    waitUntil(
        [&] {
            QFile f(home.filePath(QStringLiteral(".smollama/http.json")));
            if (f.open(QIODevice::ReadOnly)) {
                apiPort = QJsonDocument::fromJson(f.readAll())
                              .object()
                              .value(QLatin1String("port"))
                              .toInt();
            }
            return apiPort > 0;
        },
        20000);
    spin(3000);
    const long rssIdle = rssKiB(pid);
    double cpu0 = cpuSeconds(pid);
    spin(5000);
    const double idleShare = (cpuSeconds(pid) - cpu0) / 5.0 * 100.0;

    const int nodes = 50;
    const int sources = 20;
    std::vector<std::unique_ptr<Instance>> edges;
    for (int n = 0; n < nodes; ++n) {
        QJsonObject c = config(broker.port(), 1);
        c.insert(QStringLiteral("offline_buffer"), 10000);
        edges.push_back(
            create(loader, QStringLiteral("node%1").arg(n, 2, 10, QLatin1Char('0')), c));
    }
    waitUntil(
        [&] {
            return std::all_of(edges.begin(), edges.end(), [](const auto &e) {
                return e && e->stats().value(QLatin1String("connected")).toBool();
            });
        },
        20000);
    int tick = 0;
    QTimer hz;
    QObject::connect(&hz, &QTimer::timeout, &app, [&] {
        ++tick;
        for (auto &e : edges) {
            QList<Reading> readings;
            for (int s = 0; s < sources; ++s) {
                readings.append(Reading(QStringLiteral("sensor:s%1").arg(s), 20.0 + tick * 0.01 + s,
                                        QStringLiteral("°C")));
            }
            e->sink->write(readings);
        }
    });
    hz.start(1000);
    spin(5000); // warm up: retained state, the latest-value table filled
    cpu0 = cpuSeconds(pid);
    const int measureS = 20;
    spin(measureS * 1000);
    const double share = (cpuSeconds(pid) - cpu0) / measureS * 100.0;
    const long rssLoaded = rssKiB(pid);
    hz.stop();
    std::printf(
        "master ingest, %d nodes x %d sources at 1 Hz (%d readings/s) for %d s: CPU %.1f %% "
        "of one core (idle %.1f %%), RSS %ld KiB -> %ld KiB (+%.1f MiB) (goal < 5 %%, "
        "< 10 MiB)\n",
        nodes, sources, nodes * sources, measureS, share, idleShare, rssIdle, rssLoaded,
        (rssLoaded - rssIdle) / 1024.0);
    edges.clear();

    // 3. Latency: the master's event stream; one edge writes a probe every 20 ms.
    auto edge = create(loader, QStringLiteral("latency"), config(broker.port(), 1));
    waitUntil([&] { return edge->stats().value(QLatin1String("connected")).toBool(); }, 10000);
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/events").arg(apiPort)));
    std::unique_ptr<QNetworkReply> stream(network.get(request));
    QHash<int, qint64> sentAt;
    std::vector<double> latencies;
    QElapsedTimer clock;
    clock.start();
    QByteArray buffer;
    QObject::connect(stream.get(), &QNetworkReply::readyRead, &app, [&] {
        buffer += stream->readAll();
        int nl = 0;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            const QByteArray line = buffer.left(nl);
            buffer.remove(0, nl + 1);
            if (!line.startsWith("data: ") || !line.contains("latency")) {
                continue;
            }
            const QJsonObject o = QJsonDocument::fromJson(line.mid(6)).object();
            if (o.value(QLatin1String("node")).toString() != QLatin1String("latency")) {
                continue;
            }
            const int id = o.value(QLatin1String("value")).toInt();
            if (sentAt.contains(id)) {
                latencies.push_back((clock.nsecsElapsed() - sentAt.take(id)) / 1e6);
            }
        }
    });
    spin(1000);
    const int samples = 500;
    for (int i = 0; i < samples; ++i) {
        sentAt.insert(i, clock.nsecsElapsed());
        edge->sink->write({Reading(QStringLiteral("probe:latency"), i, QString())});
        spin(20);
    }
    spin(2000);
    std::sort(latencies.begin(), latencies.end());
    if (latencies.empty()) {
        std::printf("latency edge -> broker -> master -> /api/events: no sample arrived\n");
    } else {
        const auto pct = [&](double p) {
            return latencies[std::min(latencies.size() - 1, size_t(p * latencies.size()))];
        };
        std::printf("latency edge -> broker -> master -> /api/events, %zu of %d samples: "
                    "p50 %.2f ms, p99 %.2f ms, max %.2f ms (goal p99 < 20 ms)\n",
                    latencies.size(), samples, pct(0.5), pct(0.99), latencies.back());
    }
    stream->abort();
    edge.reset();
    master.terminate();
    master.waitForFinished(20000);
    return 0;
}
