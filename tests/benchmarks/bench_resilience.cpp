// SPDX-License-Identifier: GPL-3.0-or-later
// Memory of `smollama --headless` while a plugin floods the bus with 10,000 readings a second
// (with the default limit, and with the limit out of the way), and while a plugin leaks on
// every read. Prints figures; asserts nothing.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

#include <unistd.h>

namespace {

qint64 rssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).simplified().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

// User + system CPU seconds the process has used so far.
double cpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray text = stat.readAll();
    // The fields after the command name (which may hold spaces) start after the last ')'.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    const double ticks = fields.value(11).toDouble() + fields.value(12).toDouble();
    return ticks / double(sysconf(_SC_CLK_TCK));
}

// Runs smollama with \a plugins for \a seconds and prints its RSS every few seconds.
void run(const char *title, const QByteArray &readings, const QByteArray &instances,
         const QString &fixture, int seconds)
{
    QTemporaryDir home;
    QFile config(home.filePath(QStringLiteral("config.yaml")));
    config.open(QIODevice::WriteOnly);
    config.write("history: {persist: false}\n"
                 "ollama: {url: 'http://127.0.0.1:9'}\n" +
                 readings + "plugins:\n  custom:\n" + instances +
                 "    - {name: steady, module: fixture_good, config: {interval_s: 0.1}}\n");
    config.close();

    QProcess smollama;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("SMOLLAMA_BUILTIN_PLUGIN_DIR"),
               home.filePath(QStringLiteral("none")));
    smollama.setProcessEnvironment(env);
    smollama.setStandardOutputFile(QProcess::nullDevice());
    smollama.setStandardErrorFile(QProcess::nullDevice());
    smollama.start(
        QStringLiteral(SMOLLAMA_APP),
        {QStringLiteral("--headless"), QStringLiteral("-c"), config.fileName(),
         QStringLiteral("--plugin-path"), QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/") + fixture,
         QStringLiteral("--plugin-path"), QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")});
    if (!smollama.waitForStarted()) {
        std::printf("could not start %s\n", SMOLLAMA_APP);
        return;
    }
    const qint64 pid = smollama.processId();
    std::printf("%s\n  RSS (MiB) every 2 s:", title);
    for (int t = 2; t <= seconds; t += 2) {
        QThread::sleep(2);
        std::printf(" %.1f", rssKiB(pid) / 1024.0);
        std::fflush(stdout);
    }
    std::printf("\n  CPU used: %.1f s in %d s", cpuSeconds(pid), seconds);
    QElapsedTimer stopping;
    stopping.start();
    smollama.terminate();
    smollama.waitForFinished(30000);
    std::printf("\n  stopped in %lld ms, exit code %d\n",
                static_cast<long long>(stopping.elapsed()), smollama.exitCode());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int seconds = 20;
    run("10,000 readings/s pushed, readings.max_readings_per_s: 200 (default)", QByteArray(),
        "    - {name: flood, module: fixture_flood, config: {flood_per_s: 10000}}\n",
        QStringLiteral("flood"), seconds);
    run("10,000 readings/s pushed, limit out of the way (max_readings_per_s: 1000000)",
        "readings: {max_readings_per_s: 1000000}\n",
        "    - {name: flood, module: fixture_flood, config: {flood_per_s: 10000}}\n",
        QStringLiteral("flood"), seconds);
    run("a plugin leaking 64 KiB per read, 10 reads/s (640 KiB/s of leak)", QByteArray(),
        "    - {name: leaky, module: fixture_leak, config: {interval_s: 0.1, leak_kib: 64}}\n",
        QStringLiteral("leak"), 10);
    return 0;
}
