// SPDX-License-Identifier: GPL-3.0-or-later
// A dashboard following another node (smollama --connect): node A headless with 40 sources
// at 10 readings/s each; dashboard B on the offscreen platform follows it over the HTTP API.
// Prints B's memory and CPU (and A's, for scale). Prints figures; asserts nothing.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>

#include <cstdio>
#include <unistd.h>

namespace {

QByteArray statusField(qint64 pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) {
        return "?";
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field + ':')) {
            return line.mid(field.size() + 1).simplified();
        }
    }
    return "?";
}

// User plus system CPU time of \a pid in clock ticks.
qint64 cpuTicks(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
    return fields.size() > 12 ? fields.at(11).toLongLong() + fields.at(12).toLongLong() : 0;
}

// Reading events node A's event stream delivers in \a ms (what B has to follow).
int readingsPerSecond(quint16 port, int ms)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000)) {
        return -1;
    }
    socket.write("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        socket.waitForReadyRead(100);
        data += socket.readAll();
    }
    return int(data.count("event: reading") * 1000 / ms);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir home;
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();

    // Two instances of 20 sources (an instance may publish 200 readings/s).
    QStringList names;
    for (int i = 0; i < 20; ++i) {
        names.append(QStringLiteral("s%1").arg(i, 2, 10, QLatin1Char('0')));
    }
    const QByteArray sources = names.join(QLatin1String(", ")).toUtf8();
    QFile config(home.filePath(QStringLiteral("config.yaml")));
    config.open(QIODevice::WriteOnly);
    config.write("node: {name: nodea}\nhistory: {persist: false}\nplugins:\n  custom:\n");
    for (const char *name : {"left", "right"}) {
        config.write(QByteArray("    - {name: ") + name +
                     ", module: fixture_good, config: {interval_s: 0.1, value: 12.5, sources: [" +
                     sources + "]}}\n");
    }
    config.close();

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("SMOLLAMA_HTTP_PORT"), QString::number(port));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    QProcess a;
    a.setProcessEnvironment(env);
    a.setStandardErrorFile(home.filePath(QStringLiteral("a.log")));
    a.start(QStringLiteral(SMOLLAMA_APP),
            {QStringLiteral("--headless"), QStringLiteral("-c"), config.fileName(),
             QStringLiteral("--plugin-path"), QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")});
    if (!a.waitForStarted()) {
        std::printf("could not start node A (%s)\n", SMOLLAMA_APP);
        return 1;
    }
    QThread::sleep(3);

    QProcessEnvironment envB = env;
    envB.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    envB.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
    QProcess b;
    b.setProcessEnvironment(envB);
    b.setStandardErrorFile(home.filePath(QStringLiteral("b.log")));
    b.start(QStringLiteral(SMOLLAMA_APP),
            {QStringLiteral("--connect"), QStringLiteral("http://127.0.0.1:%1").arg(port),
             QStringLiteral("-qwindowgeometry"), QStringLiteral("1920x1080")});
    if (!b.waitForStarted()) {
        std::printf("could not start dashboard B\n");
        return 1;
    }
    QThread::sleep(5); // connected, the first values and histories read

    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    const qint64 a0 = cpuTicks(a.processId());
    const qint64 b0 = cpuTicks(b.processId());
    QElapsedTimer timer;
    timer.start();
    QThread::sleep(10);
    const double seconds = double(timer.elapsed()) / 1000;
    const double aCpu = double(cpuTicks(a.processId()) - a0) / ticksPerSecond / seconds * 100;
    const double bCpu = double(cpuTicks(b.processId()) - b0) / ticksPerSecond / seconds * 100;
    QFile logFile(home.filePath(QStringLiteral("b.log")));
    logFile.open(QIODevice::ReadOnly);
    const QByteArray log = logFile.readAll();
    std::printf("dashboard B following node A (40 sources x 10 readings/s = 400 readings/s "
                "over the event stream), 1920x1080 offscreen, software rendering:\n");
    std::printf("  B: RSS %s (peak %s), CPU %.1f %% of one core over %.1f s; %s\n",
                statusField(b.processId(), "VmRSS").constData(),
                statusField(b.processId(), "VmHWM").constData(), bCpu, seconds,
                log.contains("is online") ? "followed A" : "NOT connected to A");
    std::printf("  A: RSS %s, CPU %.1f %% (sensors, history, HTTP API and event stream); "
                "its stream carries %d readings/s\n",
                statusField(a.processId(), "VmRSS").constData(), aCpu,
                readingsPerSecond(port, 3000));
    b.terminate();
    b.waitForFinished(20000);
    a.terminate();
    a.waitForFinished(20000);
    return 0;
}
