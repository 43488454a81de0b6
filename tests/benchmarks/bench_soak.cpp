// SPDX-License-Identifier: GPL-3.0-or-later
// Soak: `smollama --headless` with 100 sources read 10 times a second each (10 instances of the
// fixture sensor, 10 sources each, every 0.1 s), the history on disk and one Server-Sent Events
// client attached for the whole run. Samples the node's RSS and the size of its SQLite files,
// then prints the RSS slope and the file growth after a warm-up (issue 19: RSS flat after
// warm-up; the file bounded by history.retention_days). Never asserts.
//
// What to expect: the in-memory history keeps up to 7,200 raw values per source (16 bytes
// each), full after 12 minutes at 10 readings/s (about 11 MiB for 100 sources), then one
// 32-byte bucket per source and minute up to 24 h: RSS grows until the raw tier is full, then
// by about 3 KiB/min. The warm-up is 15 minutes in runs of half an hour or more (a fifth of the
// run, at least 10 s, in shorter ones); the slope of the last third is printed too.
//
// SMOLLAMA_SOAK_SECONDS sets the length (default 60; the soak is 3600).
// SMOLLAMA_SOAK_RETENTION_DAYS sets history.retention_days (default 7; expired samples go with each write).
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <sys/time.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

qint64 statusKb(qint64 pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field + ':')) {
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

struct Sample
{
    double seconds = 0;
    qint64 rssKb = 0;
    qint64 dbBytes = 0;
    qint64 walBytes = 0;
    qint64 events = 0;
};

// Least-squares slope of y over x.
double slope(const std::vector<double> &x, const std::vector<double> &y)
{
    const double n = double(x.size());
    if (n < 2) {
        return 0;
    }
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        sx += x[i];
        sy += y[i];
        sxx += x[i] * x[i];
        sxy += x[i] * y[i];
    }
    const double d = n * sxx - sx * sx;
    return d == 0 ? 0 : (n * sxy - sx * sy) / d;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir home;
    const double seconds = qEnvironmentVariableIsSet("SMOLLAMA_SOAK_SECONDS")
                               ? qEnvironmentVariable("SMOLLAMA_SOAK_SECONDS").toDouble()
                               : 60.0;
    const QByteArray retention = qEnvironmentVariableIsSet("SMOLLAMA_SOAK_RETENTION_DAYS")
                                     ? qgetenv("SMOLLAMA_SOAK_RETENTION_DAYS")
                                     : QByteArray("7");
    const double sampleEvery = std::clamp(seconds / 30.0, 1.0, 60.0);
    // The raw tier of the in-memory history is full after 12 minutes: in runs of half an hour
    // or more the warm-up covers it; shorter runs show how it fills.
    const double warmUp = seconds >= 1800 ? 900.0 : std::max(10.0, seconds * 0.2);

    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    const QString db = home.filePath(QStringLiteral("readings.db"));
    QByteArray yaml = "http: {port: " + QByteArray::number(port) +
                      "}\n"
                      "ollama: {url: \"http://127.0.0.1:9\"}\n"
                      "history: {database: \"" +
                      db.toUtf8() + "\", retention_days: " + retention +
                      "}\n"
                      "plugins:\n"
                      "  paths: [\"" SMOLLAMA_FIXTURE_PLUGIN_DIR "/good\"]\n"
                      "  builtin:\n    system: {enabled: false}\n"
                      "  custom:\n";
    for (int i = 0; i < 10; ++i) {
        yaml += "    - {name: soak" + QByteArray::number(i) +
                ", module: fixture_good, config: {interval_s: 0.1, step: 0.25, sources: "
                "[a, b, c, d, e, f, g, h, i, j]}}\n";
    }
    QFile config(home.filePath(QStringLiteral("config.yaml")));
    config.open(QIODevice::WriteOnly);
    config.write(yaml);
    config.close();

    QProcess smollama;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.remove(QStringLiteral("SMOLLAMA_HTTP_PORT"));
    smollama.setProcessEnvironment(env);
    smollama.setStandardOutputFile(home.filePath(QStringLiteral("smollama.log")));
    smollama.setStandardErrorFile(home.filePath(QStringLiteral("smollama.log")));
    smollama.start(QStringLiteral(SMOLLAMA_APP),
                   {QStringLiteral("--headless"), QStringLiteral("-c"), config.fileName()});
    if (!smollama.waitForStarted()) {
        std::printf("could not start %s\n", SMOLLAMA_APP);
        return 1;
    }
    const qint64 pid = smollama.processId();

    // The event stream client, on its own thread with a blocking socket so that it keeps up
    // whatever this process's event loop does: counts the readings it receives, and connects
    // again (as a browser's EventSource would) when the node drops it.
    std::atomic<qint64> readingEvents{0};
    std::atomic<int> connections{0};
    std::atomic<bool> stop{false};
    std::thread eventClient([&] {
        while (!stop) {
            const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            timeval timeout{0, 200 * 1000};
            ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
            sockaddr_in addr{};
            addr.sin_family = AF_INET;
            addr.sin_port = htons(port);
            addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0) {
                ::close(fd);
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                continue;
            }
            const char request[] = "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            ::send(fd, request, sizeof(request) - 1, MSG_NOSIGNAL);
            ++connections;
            std::string pending;
            char chunk[65536];
            while (!stop) {
                const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
                if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
                    break;
                }
                if (n < 0) {
                    continue;
                }
                pending.append(chunk, size_t(n));
                size_t at = 0;
                while ((at = pending.find("event: reading", at)) != std::string::npos) {
                    ++readingEvents;
                    at += 14;
                }
                // Keep a tail in case a marker is split between two reads.
                pending.erase(0, pending.size() > 16 ? pending.size() - 16 : 0);
            }
            ::close(fd);
        }
    });
    QElapsedTimer clock;
    clock.start();

    std::vector<Sample> samples;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &app, [&] {
        Sample s;
        s.seconds = double(clock.elapsed()) / 1000.0;
        s.rssKb = statusKb(pid, "VmRSS");
        s.dbBytes = QFileInfo(db).size();
        s.walBytes = QFileInfo(db + QStringLiteral("-wal")).size();
        s.events = readingEvents;
        samples.push_back(s);
        std::printf("  %6.0f s: RSS %lld KiB, readings.db %lld KiB + WAL %lld KiB, %lld readings "
                    "over the event stream\n",
                    s.seconds, static_cast<long long>(s.rssKb),
                    static_cast<long long>(s.dbBytes / 1024),
                    static_cast<long long>(s.walBytes / 1024), static_cast<long long>(s.events));
        std::fflush(stdout);
        if (s.seconds >= seconds) {
            app.quit();
        }
    });
    sampler.start(int(sampleEvery * 1000));
    std::printf("soak: 100 sources x 10 readings/s, history on disk (retention_days %s), one "
                "event stream client, %.0f s (warm-up %.0f s), sampled every %.0f s\n",
                retention.constData(), seconds, warmUp, sampleEvery);
    std::fflush(stdout);
    app.exec();
    stop = true;
    eventClient.join();
    const qint64 peakKb = statusKb(pid, "VmHWM");
    smollama.terminate();
    smollama.waitForFinished(30000);

    std::vector<double> x, rss, file;
    for (const Sample &s : samples) {
        if (s.seconds >= warmUp) {
            x.push_back(s.seconds / 60.0);
            rss.push_back(double(s.rssKb));
            file.push_back(double(s.dbBytes + s.walBytes) / 1024.0);
        }
    }
    if (x.size() < 2) {
        std::printf("too short to measure a slope (SMOLLAMA_SOAK_SECONDS >= 30)\n");
        return 0;
    }
    const Sample &last = samples.back();
    const Sample &first = *std::find_if(samples.begin(), samples.end(),
                                        [warmUp](const Sample &s) { return s.seconds >= warmUp; });
    const double rate = double(last.events - first.events) / (last.seconds - first.seconds);
    const double fileSlope = slope(x, file);
    const size_t lastThird = x.size() - std::max<size_t>(2, x.size() / 3);
    const std::vector<double> xTail(x.begin() + long(lastThird), x.end());
    const std::vector<double> rssTail(rss.begin() + long(lastThird), rss.end());
    std::printf("RSS after warm-up: %.0f to %.0f KiB, slope %.1f KiB/min (last third %.1f "
                "KiB/min), peak %lld KiB (goal: flat after warm-up); SQLite file %.0f KiB at the "
                "end, growing %.1f KiB/min = "
                "%.1f bytes per reading (goal: bounded by retention_days); event stream "
                "received %.0f readings/s (goal: 1000) over %d connection(s); exit code %d\n",
                rss.front(), rss.back(), slope(x, rss), slope(xTail, rssTail),
                static_cast<long long>(peakKb), file.back(), fileSlope,
                rate > 0 ? fileSlope * 1024.0 / (rate * 60.0) : 0.0, rate, connections.load(),
                smollama.exitCode());
    return 0;
}
