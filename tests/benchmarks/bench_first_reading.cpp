// SPDX-License-Identifier: GPL-3.0-or-later
// Time to first reading: from starting `smollama --headless` with the system plugin to the
// moment GET /api/readings lists a reading, and to the moment it lists the CPU usage too.
// The API is asked every millisecond over loopback from this process (a refused connection
// before the API listens costs microseconds). Prints the median and the spread of several
// starts next to the goal (issue 19: first reading < 100 ms). Never asserts.
//
// SMOLLAMA_BENCH_STARTS sets the number of starts (7).
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <arpa/inet.h>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

// One GET over a new connection; empty when nothing answers.
QByteArray get(quint16 port, const char *path)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QByteArray answer;
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0) {
        const std::string request = std::string("GET ") + path +
                                    " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == ssize_t(request.size())) {
            char chunk[65536];
            ssize_t n = 0;
            while ((n = ::recv(fd, chunk, sizeof(chunk), 0)) > 0) {
                answer.append(chunk, n);
            }
        }
    }
    ::close(fd);
    return answer;
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir home;
    const int starts = qEnvironmentVariableIsSet("SMOLLAMA_BENCH_STARTS")
                           ? qEnvironmentVariableIntValue("SMOLLAMA_BENCH_STARTS")
                           : 7;
    std::vector<double> first;
    std::vector<double> cpu;
    std::vector<double> listening;
    for (int i = 0; i < starts; ++i) {
        const quint16 port = freePort();
        QFile config(home.filePath(QStringLiteral("config.yaml")));
        config.open(QIODevice::WriteOnly | QIODevice::Truncate);
        config.write("history: {persist: false}\n"
                     "http: {port: " +
                     QByteArray::number(port) +
                     "}\n"
                     "ollama: {url: \"http://127.0.0.1:9\"}\n"
                     "plugins:\n  builtin:\n    system: {config: {interval_s: 5}}\n");
        config.close();
        QProcess smollama;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.remove(QStringLiteral("SMOLLAMA_HTTP_PORT"));
        smollama.setProcessEnvironment(env);
        smollama.setStandardOutputFile(QProcess::nullDevice());
        smollama.setStandardErrorFile(QProcess::nullDevice());
        QElapsedTimer timer;
        timer.start();
        smollama.start(QStringLiteral(SMOLLAMA_APP),
                       {QStringLiteral("--headless"), QStringLiteral("-c"), config.fileName()});
        if (!smollama.waitForStarted()) {
            std::printf("could not start %s\n", SMOLLAMA_APP);
            return 1;
        }
        double listenMs = -1;
        double firstMs = -1;
        double cpuMs = -1;
        while (timer.elapsed() < 10000 && cpuMs < 0) {
            const QByteArray answer = get(port, "/api/readings");
            const double now = double(timer.nsecsElapsed()) / 1e6;
            if (!answer.isEmpty() && listenMs < 0) {
                listenMs = now;
            }
            const qsizetype body = answer.indexOf("\r\n\r\n");
            const QJsonArray readings =
                body < 0 ? QJsonArray() : QJsonDocument::fromJson(answer.mid(body + 4)).array();
            for (const QJsonValue &r : readings) {
                const QJsonObject o = r.toObject();
                if (o.value(QLatin1String("quality")).toString() != QLatin1String("ok")) {
                    continue;
                }
                if (firstMs < 0) {
                    firstMs = now;
                }
                if (o.value(QLatin1String("source")).toString() ==
                    QLatin1String("system:cpu_percent")) {
                    cpuMs = now;
                }
            }
            QThread::usleep(1000);
        }
        smollama.terminate();
        smollama.waitForFinished(20000);
        if (firstMs < 0) {
            std::printf("start %d: no reading within 10 s\n", i + 1);
            continue;
        }
        listening.push_back(listenMs);
        first.push_back(firstMs);
        cpu.push_back(cpuMs);
    }
    if (first.empty()) {
        return 1;
    }
    std::printf("smollama --headless with the system plugin, %zu starts (medians; the machine's "
                "load shows in the spread): API answers after %.1f ms, first good reading after "
                "%.1f ms (min %.1f, max %.1f), CPU usage after %.1f ms (goal: first reading < "
                "100 ms)\n",
                first.size(), median(listening), median(first),
                *std::min_element(first.begin(), first.end()),
                *std::max_element(first.begin(), first.end()), median(cpu));
    return 0;
}
