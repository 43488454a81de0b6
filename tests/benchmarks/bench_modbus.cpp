// SPDX-License-Identifier: GPL-3.0-or-later
// The modbus plugin against Debian's pymodbus on 127.0.0.1: how long a poll cycle takes with
// batched requests and with one request per register, a simulated device for the plugin's own
// share, and what read() costs. Prints figures; asserts nothing about time.
#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>
#include <smollama/readingprovider.h>
#include <smollama/testing.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QPluginLoader>
#include <QProcess>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

class Context : public Smollama::PluginContext
{
public:
    QString instanceName() const override { return QStringLiteral("modbus"); }
    Smollama::PluginMetadata metadata() const override { return {}; }
    QJsonObject config() const override { return {}; }
    void publish(const Smollama::Reading &) override { ++published; }
    long published = 0;
};

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// The device config a scenario reads: 20 holding registers at every other address.
QJsonObject device(const QJsonObject &transport, int maxGap)
{
    QJsonArray registers;
    for (int i = 0; i < 20; ++i) {
        registers.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("r%1").arg(i)},
                                     {QStringLiteral("table"), QStringLiteral("holding")},
                                     {QStringLiteral("address"), 2 * i},
                                     {QStringLiteral("word_order"), QStringLiteral("big")},
                                     {QStringLiteral("scale"), 1},
                                     {QStringLiteral("offset"), 0},
                                     {QStringLiteral("unit"), QString()},
                                     {QStringLiteral("writable"), false}});
    }
    QJsonObject object = transport;
    object.insert(QStringLiteral("name"), QStringLiteral("bench"));
    object.insert(QStringLiteral("unit_id"), 1);
    object.insert(QStringLiteral("timeout_ms"), 2000);
    object.insert(QStringLiteral("interval_s"), 0.05);
    object.insert(QStringLiteral("max_gap"), maxGap);
    object.insert(QStringLiteral("reconnect_max_s"), 30);
    object.insert(QStringLiteral("registers"), registers);
    return object;
}

void run(QPluginLoader *loader, const char *label, const QJsonObject &dev)
{
    auto *factory = qobject_cast<Smollama::PluginFactory *>(loader->instance());
    std::unique_ptr<QObject> object(factory->create());
    auto *plugin = qobject_cast<Smollama::Plugin *>(object.get());
    auto *provider = qobject_cast<Smollama::ReadingProvider *>(object.get());
    Context context;
    // The config as the host hands it to setup(): validated, with the schema's defaults.
    QString invalid;
    const QJsonObject config = Smollama::Testing::PluginLibrary(loader->fileName())
                                   .config({{QStringLiteral("interval_s"), 0.1},
                                            {QStringLiteral("devices"), QJsonArray{dev}}},
                                           &invalid);
    if (!invalid.isEmpty()) {
        std::printf("%s: config: %s\n", label, qPrintable(invalid));
        return;
    }
    QElapsedTimer setupTimer;
    setupTimer.start();
    const Smollama::Result r = plugin->setup(config, &context);
    const double setupMs = setupTimer.nsecsElapsed() / 1e6;
    if (!r.isOk()) {
        std::printf("%s: setup failed: %s\n", label, qPrintable(r.message()));
        return;
    }
    const int seconds = 3;
    wait(seconds * 1000);
    QJsonObject stats;
    QMetaObject::invokeMethod(object.get(), "statistics", Qt::DirectConnection,
                              Q_RETURN_ARG(QJsonObject, stats));
    const QJsonObject s = stats.value(QLatin1String("bench")).toObject();
    const int cycles = s.value(QLatin1String("cycles")).toInt();

    const int reads = 100000;
    QElapsedTimer readTimer;
    readTimer.start();
    qsizetype total = 0;
    for (int i = 0; i < reads; ++i) {
        total += provider->read().size();
    }
    const double readUs = readTimer.nsecsElapsed() / 1e3 / reads;

    std::printf("%-48s setup (connect + first cycle) %6.1f ms; %2d request(s) per cycle; "
                "cycle %6.2f ms mean; %d cycles in %d s at a 50 ms interval; %ld readings "
                "published; read() %.2f us for %lld readings (each poll publishes its own)\n",
                label, setupMs, s.value(QLatin1String("requests_per_cycle")).toInt(),
                s.value(QLatin1String("mean_cycle_ms")).toDouble(), cycles, seconds,
                context.published, readUs, static_cast<long long>(total / reads));
    plugin->teardown();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QPluginLoader loader(
        QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR "/libsmollama_modbus.so"));
    if (!loader.load()) {
        std::printf("cannot load the modbus plugin: %s\n", qPrintable(loader.errorString()));
        return 1;
    }

    run(&loader, "simulated device (the plugin alone)", device({{QStringLiteral("sim"), true}}, 8));

    QProcess server;
    server.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(SMOLLAMA_MODBUS_SERVER_SCRIPT), QStringLiteral("--port"),
                  QStringLiteral("0")});
    int port = 0;
    QElapsedTimer started;
    started.start();
    QByteArray out;
    while (port == 0 && started.elapsed() < 15000 && server.waitForReadyRead(15000)) {
        out += server.readAllStandardOutput();
        const int at = out.indexOf("PORT ");
        const int end = out.indexOf('\n', at);
        if (at >= 0 && end > at) {
            port = out.mid(at + 5, end - at - 5).trimmed().toInt();
        }
    }
    if (port == 0) {
        std::printf("pymodbus server did not start (install python3-pymodbus and "
                    "python3-serial-asyncio); only the simulated figures above\n");
        return 0;
    }
    const QJsonObject tcp{{QStringLiteral("tcp"), QStringLiteral("127.0.0.1:%1").arg(port)}};
    run(&loader, "pymodbus, batched (max_gap 8)", device(tcp, 8));
    run(&loader, "pymodbus, one request per register (max_gap 0)", device(tcp, 0));
    server.kill();
    server.waitForFinished();
    return 0;
}
