// SPDX-License-Identifier: GPL-3.0-or-later
// Memory of `smollama --headless` with the system plugin, the history on disk and the HTTP API:
// after 5 s, and again after the API served 600 requests. Prints figures (issue 19: RSS <=
// 15 MiB); asserts nothing. /proc/<pid>/smaps of the process shows what each library costs.
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

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

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir home;
    QFile config(home.filePath(QStringLiteral("config.yaml")));
    config.open(QIODevice::WriteOnly);
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 freePort = probe.serverPort();
    probe.close();
    qputenv("SMOLLAMA_BENCH_PORT", QByteArray::number(freePort));
    config.write("http: {port: " + QByteArray::number(freePort) +
                 "}\n"
                 "plugins:\n  builtin:\n    system: {config: {interval_s: 1}}\n");
    config.close();

    QProcess smollama;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.remove(QStringLiteral("SMOLLAMA_HTTP_PORT")); // the port in the configuration
    // SMOLLAMA_KEEP_STARTUP_PAGES=1 in the environment shows the figure without the trim.
    smollama.setProcessEnvironment(env);
    smollama.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    smollama.start(QStringLiteral(SMOLLAMA_APP),
                   {QStringLiteral("--headless"), QStringLiteral("-c"), config.fileName()});
    if (!smollama.waitForStarted()) {
        std::printf("could not start %s\n", SMOLLAMA_APP);
        return 1;
    }
    const qint64 pid = smollama.processId();
    const auto print = [pid](const char *when) {
        std::printf("smollama --headless with the system plugin and the HTTP API, %s: RSS %s "
                    "(anonymous %s, files %s), peak %s, %s threads (goal: RSS <= 15 MiB)\n",
                    when, statusField(pid, "VmRSS").constData(),
                    statusField(pid, "RssAnon").constData(),
                    statusField(pid, "RssFile").constData(), statusField(pid, "VmHWM").constData(),
                    statusField(pid, "Threads").constData());
        std::fflush(stdout);
    };
    QThread::sleep(5); // a few polls of every source, the history written to disk
    print("after 5 s");
    // The API in use: the pages its code needs come back into the resident set.
    const quint16 port = quint16(qEnvironmentVariableIntValue("SMOLLAMA_BENCH_PORT"));
    for (int i = 0; i < 200; ++i) {
        for (const char *path : {"/api/health", "/api/readings", "/api/plugins"}) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            if (socket.waitForConnected(1000)) {
                socket.write(QByteArray("GET ") + path +
                             " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                while (socket.waitForReadyRead(1000)) {
                    socket.readAll();
                }
            }
        }
    }
    QThread::sleep(5);
    print("after 10 s and 600 HTTP requests");
    smollama.terminate();
    smollama.waitForFinished(20000);
    std::printf("exit code after SIGTERM: %d\n", smollama.exitCode());
    return 0;
}
