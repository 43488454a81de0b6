// SPDX-License-Identifier: GPL-3.0-or-later
// GET /api/readings with 100 sources over one keep-alive loopback connection (and four), the
// server being a whole NodeRuntime: prints requests per second and latency percentiles.
// Goal: >= 5,000 req/s and p99 < 10 ms. Prints figures; never asserts times.
#include "config/config.h"
#include "http/httpapi.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "runtime/noderuntime.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace Smollama;
using Clock = std::chrono::steady_clock;

namespace {

struct ClientResult
{
    std::vector<double> latenciesMs;
    size_t bodyBytes = 0;
    std::string error;
};

// One keep-alive connection sending requests back to back until the deadline.
void runClient(quint16 port, Clock::time_point until, ClientResult *result)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0) {
        result->error = std::strerror(errno);
        ::close(fd);
        return;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    const std::string request = "GET /api/readings HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    std::string buffer;
    char chunk[65536];
    while (Clock::now() < until) {
        const auto start = Clock::now();
        if (::send(fd, request.data(), request.size(), 0) != ssize_t(request.size())) {
            result->error = "send failed";
            break;
        }
        // Read one response: the head, then Content-Length bytes.
        size_t need = std::string::npos;
        size_t headEnd = std::string::npos;
        while (true) {
            if (headEnd == std::string::npos) {
                headEnd = buffer.find("\r\n\r\n");
                if (headEnd != std::string::npos) {
                    const size_t cl = buffer.find("Content-Length: ");
                    if (cl == std::string::npos || cl > headEnd ||
                        buffer.compare(0, 12, "HTTP/1.1 200") != 0) {
                        result->error = "unexpected response: " + buffer.substr(0, 200);
                        ::close(fd);
                        return;
                    }
                    need = headEnd + 4 + std::stoul(buffer.substr(cl + 16));
                }
            }
            if (need != std::string::npos && buffer.size() >= need) {
                result->bodyBytes = need - headEnd - 4;
                buffer.erase(0, need);
                break;
            }
            const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
            if (n <= 0) {
                result->error = "connection closed";
                ::close(fd);
                return;
            }
            buffer.append(chunk, size_t(n));
        }
        result->latenciesMs.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    ::close(fd);
}

void measure(QCoreApplication &app, quint16 port, int connections, double seconds,
             const char *note = "")
{
    std::vector<ClientResult> results(static_cast<size_t>(connections));
    std::vector<std::thread> threads;
    std::atomic<int> running{connections};
    const auto begin = Clock::now();
    const auto until = begin + std::chrono::milliseconds(qint64(seconds * 1000));
    for (int i = 0; i < connections; ++i) {
        threads.emplace_back([&, i] {
            runClient(port, until, &results[size_t(i)]);
            if (--running == 0) {
                QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection);
            }
        });
    }
    app.exec(); // the server answers on this thread
    for (std::thread &t : threads) {
        t.join();
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
    std::vector<double> all;
    size_t body = 0;
    for (const ClientResult &r : results) {
        if (!r.error.empty()) {
            std::printf("  client error: %s\n", r.error.c_str());
        }
        all.insert(all.end(), r.latenciesMs.begin(), r.latenciesMs.end());
        body = std::max(body, r.bodyBytes);
    }
    if (all.empty()) {
        std::printf("  no request completed\n");
        return;
    }
    std::sort(all.begin(), all.end());
    const auto pct = [&](double p) {
        return all[std::min(all.size() - 1, size_t(p * all.size()))];
    };
    std::printf("GET /api/readings, 100 sources (%zu bytes), keep-alive, loopback, %d "
                "connection(s): %zu requests in %.2f s = %.0f req/s; latency p50 %.3f ms, p99 "
                "%.3f ms, max %.3f ms%s (goal: >= 5000 req/s, p99 < 10 ms)\n",
                body, connections, all.size(), elapsed, double(all.size()) / elapsed, pct(0.50),
                pct(0.99), all.back(), note);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir home;
    qputenv("HOME", home.path().toUtf8());

    QByteArray sources;
    for (int i = 0; i < 100; ++i) {
        sources += (i ? ", " : "") + QByteArray("s") + QByteArray::number(i);
    }
    const Config config = Config::fromYaml("history: {persist: false}\n"
                                           "http: {port: 0}\n"
                                           "agent: {ollama_retry_attempts: 0}\n"
                                           "ollama: {url: \"http://127.0.0.1:9\"}\n"
                                           "plugins:\n"
                                           "  custom:\n"
                                           "    - {name: bench, module: fixture_good, config: "
                                           "{value: 21.5, sources: [" +
                                               sources + "]}}\n",
                                           QStringLiteral("bench.yaml"));
    NodeRuntime runtime(config);
    runtime.setBuiltinPluginDir(home.filePath(QStringLiteral("none")));
    runtime.setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")});
    NodeRuntime::StartOptions options;
    options.crashCheck = false;
    runtime.setStartOptions(options);
    runtime.start();
    if (!runtime.http() || !runtime.http()->isListening()) {
        std::printf("the HTTP API did not start\n");
        return 1;
    }
    QDeadlineTimer deadline(10000);
    while (runtime.readings()->latest().size() < 100 && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    std::printf("%lld sources\n", static_cast<long long>(runtime.readings()->latest().size()));
    const quint16 port = runtime.http()->serverPort();
    measure(app, port, 1, 0.5); // warm-up
    measure(app, port, 1, 3.0);
    measure(app, port, 4, 3.0);
    // The same while the bus carries 10,000 readings/s: the cached JSON is rebuilt every
    // time a batch arrives.
    QTimer flood;
    flood.setInterval(10);
    QObject::connect(&flood, &QTimer::timeout, &runtime, [&runtime] {
        for (int i = 0; i < 100; ++i) {
            runtime.bus()->publish(
                Reading(QStringLiteral("bench:s%1").arg(i), 20.0 + i, QStringLiteral("°C")));
        }
    });
    flood.start();
    measure(app, port, 1, 3.0, ", bus at 10,000 readings/s");
    flood.stop();
    runtime.stop();
    return 0;
}
