// SPDX-License-Identifier: GPL-3.0-or-later
// Reading bus throughput and latency. Prints figures; asserts nothing about time.
#include "history/readinghistory.h"
#include "readings/readingbus.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace Smollama;

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// A subscriber that lives in its own thread and counts what reaches it (queued).
class Counter : public QObject
{
public:
    std::atomic<int> count{0};
    void take(const QList<Reading> &batch)
    {
        count.fetch_add(int(batch.size()), std::memory_order_relaxed);
    }
};

void directThroughput()
{
    ReadingBus bus;
    std::atomic<long> received{0};
    QObject receiver;
    QObject::connect(
        &bus, &ReadingBus::readingPublished, &receiver,
        [&received](const Reading &) { received.fetch_add(1, std::memory_order_relaxed); },
        Qt::DirectConnection);
    const Reading reading(QStringLiteral("bench:value"), 21.5, QStringLiteral("°C"));
    const int n = 2000000;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < n; ++i) {
        bus.publish(reading);
    }
    const double s = timer.nsecsElapsed() / 1e9;
    std::printf(
        "bus direct delivery: %d readings in %.3f s = %.0f readings/s (goal >= 2,000,000/s)\n", n,
        s, n / s);
}

void crossThreadThroughput()
{
    ReadingBus bus;
    ReadingHistory history;
    QThread threads[3];
    Counter counters[2];
    Counter historyCounter;
    // Batched subscriptions, as the dashboard and the HTTP event stream use.
    for (int i = 0; i < 2; ++i) {
        counters[i].moveToThread(&threads[i]);
        Counter *counter = &counters[i];
        bus.subscribe(counter, [counter](const QList<Reading> &batch) { counter->take(batch); });
    }
    historyCounter.moveToThread(&threads[2]);
    bus.subscribe(&historyCounter, [&history, &historyCounter](const QList<Reading> &batch) {
        for (const Reading &r : batch) {
            history.add(r);
        }
        historyCounter.take(batch);
    });
    for (QThread &t : threads) {
        t.start();
    }
    const int n = 500000;
    QElapsedTimer timer;
    timer.start();
    // The publisher is a worker thread, as a sensor's is.
    // 100 sources with fixed names, as sensors have; a new Reading for every value.
    QStringList sources;
    for (int i = 0; i < 100; ++i) {
        sources.append(QStringLiteral("bench:value%1").arg(i));
    }
    QThread *publisher = QThread::create([&bus, &sources, n] {
        const qint64 base = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < n; ++i) {
            bus.publish(Reading(sources.at(i % 100), double(i), QString(),
                                QDateTime::fromMSecsSinceEpoch(base + i / 100, Qt::UTC)));
        }
    });
    publisher->start();
    publisher->wait();
    while (counters[0].count < n || counters[1].count < n || historyCounter.count < n) {
        QThread::usleep(200);
    }
    const double s = timer.nsecsElapsed() / 1e9;
    std::printf(
        "bus across threads, 3 batched subscribers (one is the history): %d readings in %.3f s = "
        "%.0f readings/s (goal >= 500,000/s)\n",
        n, s, n / s);
    delete publisher;
    for (QThread &t : threads) {
        t.quit();
        t.wait();
    }
}

void latency()
{
    ReadingBus bus;
    QThread subscriberThread;
    std::vector<qint64> samples;
    samples.reserve(5000);
    std::atomic<int> got{0};
    QObject subscriber;
    subscriber.moveToThread(&subscriberThread);
    QObject::connect(&bus, &ReadingBus::readingPublished, &subscriber,
                     [&samples, &got](const Reading &r) {
                         samples.push_back(nowNs() - r.value().toLongLong());
                         got.fetch_add(1);
                     });
    subscriberThread.start();
    const int n = 3000;
    // One reading per millisecond from a sensor thread, as on an idle node.
    QThread *sensor = QThread::create([&bus, n] {
        for (int i = 0; i < n; ++i) {
            bus.publish(Reading(QStringLiteral("bench:latency"), QVariant::fromValue(nowNs())));
            QThread::usleep(1000);
        }
    });
    sensor->start();
    sensor->wait();
    while (got < n) {
        QThread::usleep(200);
    }
    subscriberThread.quit();
    subscriberThread.wait();
    delete sensor;
    std::sort(samples.begin(), samples.end());
    const auto pct = [&samples](double p) {
        return samples[std::min(samples.size() - 1, size_t(p * samples.size()))] / 1000.0;
    };
    std::printf("latency publish -> subscriber in another thread (%d samples, 1 kHz): p50 %.1f us, "
                "p99 %.1f us, max %.1f us (goal p99 < 1 ms)\n",
                n, pct(0.50), pct(0.99), samples.back() / 1000.0);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    directThroughput();
    crossThreadThroughput();
    latency();
    return 0;
}
