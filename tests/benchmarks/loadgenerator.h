// SPDX-License-Identifier: GPL-3.0-or-later
// A closed-loop HTTP/1.1 load generator for the benchmarks (what `wrk -tT -cC` does, in the
// tree so that a benchmark needs nothing beyond the build): T threads, each with C/T keep-alive
// loopback connections; each connection sends its next GET as soon as the previous answer is
// complete. The answers need a Content-Length (the API sends one on every non-streamed reply).
#pragma once

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace Bench {

struct LoadResult
{
    std::vector<double> latenciesMs; // sorted
    double seconds = 0;
    size_t bodyBytes = 0;
    std::string error;

    double requestsPerSecond() const
    {
        return seconds > 0 ? double(latenciesMs.size()) / seconds : 0;
    }
    double percentile(double p) const
    {
        if (latenciesMs.empty()) {
            return 0;
        }
        return latenciesMs[std::min(latenciesMs.size() - 1, size_t(p * latenciesMs.size()))];
    }
};

struct LoadSettings
{
    unsigned short port = 0;
    std::string path = "/api/health";
    int threads = 2;
    int connections = 16;
    double seconds = 3;
    /*! When > 0: stop after this many answers in all (a fixed amount of work, for callgrind). */
    long maxRequests = 0;
};

namespace Internal {

struct Connection
{
    int fd = -1;
    std::string buffer;
    std::chrono::steady_clock::time_point sent;
};

inline int connectLoopback(unsigned short port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0) {
        ::close(fd);
        return -1;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}

// The length of the first complete response in \a buffer, 0 while it is incomplete, -1 when
// it is not a 200 with a Content-Length.
inline long completeResponse(const std::string &buffer, size_t *body)
{
    const size_t headEnd = buffer.find("\r\n\r\n");
    if (headEnd == std::string::npos) {
        return 0;
    }
    const size_t cl = buffer.find("Content-Length: ");
    if (cl == std::string::npos || cl > headEnd || buffer.compare(0, 12, "HTTP/1.1 200") != 0) {
        return -1;
    }
    const size_t need = headEnd + 4 + std::strtoul(buffer.c_str() + cl + 16, nullptr, 10);
    if (buffer.size() < need) {
        return 0;
    }
    *body = need - headEnd - 4;
    return long(need);
}

inline void runThread(const LoadSettings &s, int connections,
                      std::chrono::steady_clock::time_point until, std::atomic<long> *budget,
                      std::vector<double> *latencies, size_t *body, std::string *error)
{
    using Clock = std::chrono::steady_clock;
    const std::string request = "GET " + s.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    std::vector<Connection> conns(static_cast<size_t>(connections));
    std::vector<pollfd> fds(static_cast<size_t>(connections));
    auto sendNext = [&](Connection &c) {
        if (s.maxRequests > 0 && budget->fetch_sub(1) <= 0) {
            return false;
        }
        c.sent = Clock::now();
        return ::send(c.fd, request.data(), request.size(), MSG_NOSIGNAL) ==
               ssize_t(request.size());
    };
    int active = 0;
    for (size_t i = 0; i < conns.size(); ++i) {
        conns[i].fd = connectLoopback(s.port);
        if (conns[i].fd < 0) {
            *error = std::string("connect: ") + std::strerror(errno);
            break;
        }
        fds[i] = {conns[i].fd, POLLIN, 0};
        if (sendNext(conns[i])) {
            ++active;
        } else {
            fds[i].fd = -1;
        }
    }
    char chunk[65536];
    while (active > 0 && error->empty() && Clock::now() < until) {
        if (::poll(fds.data(), fds.size(), 100) < 0 && errno != EINTR) {
            *error = std::string("poll: ") + std::strerror(errno);
            break;
        }
        for (size_t i = 0; i < conns.size(); ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
                continue;
            }
            Connection &c = conns[i];
            const ssize_t n = ::recv(c.fd, chunk, sizeof(chunk), 0);
            if (n <= 0) {
                *error = "the server closed a connection";
                break;
            }
            c.buffer.append(chunk, size_t(n));
            const long length = completeResponse(c.buffer, body);
            if (length < 0) {
                *error = "unexpected response: " + c.buffer.substr(0, 120);
                break;
            }
            if (length == 0) {
                continue;
            }
            latencies->push_back(
                std::chrono::duration<double, std::milli>(Clock::now() - c.sent).count());
            c.buffer.erase(0, size_t(length));
            if (!sendNext(c)) {
                fds[i].fd = -1;
                --active;
            }
        }
    }
    for (Connection &c : conns) {
        if (c.fd >= 0) {
            ::close(c.fd);
        }
    }
}

} // namespace Internal

/*! Runs the load on its own threads while \a serve runs the server's event loop on the
    calling thread; the last load thread to finish calls \a finished (which must make \a serve
    return, e.g. by posting a quit to the event loop). */
inline LoadResult runLoad(const LoadSettings &s, const std::function<void()> &serve,
                          const std::function<void()> &finished)
{
    using Clock = std::chrono::steady_clock;
    LoadResult result;
    std::vector<std::vector<double>> latencies(size_t(s.threads));
    std::vector<size_t> bodies(size_t(s.threads));
    std::vector<std::string> errors(size_t(s.threads));
    std::atomic<long> budget{s.maxRequests};
    std::atomic<int> running{s.threads};
    const auto begin = Clock::now();
    const auto until = begin + std::chrono::milliseconds(long(s.seconds * 1000));
    std::vector<std::thread> threads;
    for (int t = 0; t < s.threads; ++t) {
        const int mine = s.connections / s.threads + (t < s.connections % s.threads ? 1 : 0);
        threads.emplace_back([&, t, mine] {
            Internal::runThread(s, mine, until, &budget, &latencies[size_t(t)], &bodies[size_t(t)],
                                &errors[size_t(t)]);
            if (--running == 0) {
                finished();
            }
        });
    }
    serve();
    for (std::thread &t : threads) {
        t.join();
    }
    result.seconds = std::chrono::duration<double>(Clock::now() - begin).count();
    for (int t = 0; t < s.threads; ++t) {
        result.latenciesMs.insert(result.latenciesMs.end(), latencies[size_t(t)].begin(),
                                  latencies[size_t(t)].end());
        result.bodyBytes = std::max(result.bodyBytes, bodies[size_t(t)]);
        if (result.error.empty()) {
            result.error = errors[size_t(t)];
        }
    }
    std::sort(result.latenciesMs.begin(), result.latenciesMs.end());
    return result;
}

} // namespace Bench
