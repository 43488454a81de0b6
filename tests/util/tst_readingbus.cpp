// SPDX-License-Identifier: GPL-3.0-or-later
#include "readings/readingbus.h"

#include <QMutex>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Smollama;

class tst_ReadingBus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signalOncePerReadingInvalidDropped()
    {
        ReadingBus bus;
        QSignalSpy spy(&bus, &ReadingBus::readingPublished);
        bus.publish(Reading(QStringLiteral("a:b"), 1));
        bus.publish(Reading()); // no source
        QCOMPARE(spy.size(), 1);
    }

    void batchesArriveInTheSubscribersThreadInOrder()
    {
        ReadingBus bus;
        QThread thread;
        QObject subscriber;
        subscriber.moveToThread(&thread);
        thread.start();
        QList<int> values;
        QSet<QThread *> threads;
        int batches = 0;
        QMutex mutex;
        bus.subscribe(&subscriber, [&](const QList<Reading> &batch) {
            QMutexLocker locker(&mutex);
            ++batches;
            threads.insert(QThread::currentThread());
            for (const Reading &r : batch) {
                values.append(r.value().toInt());
            }
        });
        for (int i = 0; i < 10000; ++i) {
            bus.publish(Reading(QStringLiteral("a:b"), i));
        }
        QTRY_COMPARE(([&] {
                         QMutexLocker l(&mutex);
                         return int(values.size());
                     })(),
                     10000);
        QMutexLocker locker(&mutex);
        for (int i = 0; i < 10000; ++i) {
            QCOMPARE(values.at(i), i);
        }
        QCOMPARE(threads, QSet<QThread *>{&thread});
        QVERIFY2(batches < 10000, "readings were not batched");
        locker.unlock();
        thread.quit();
        thread.wait();
    }

    void nothingArrivesAfterUnsubscribe()
    {
        ReadingBus bus;
        QObject subscriber;
        int received = 0;
        bus.subscribe(&subscriber,
                      [&](const QList<Reading> &batch) { received += int(batch.size()); });
        bus.publish(Reading(QStringLiteral("a:b"), 1)); // its delivery is queued...
        bus.unsubscribe(&subscriber);                   // ...and cancelled here
        QCoreApplication::processEvents();
        QCOMPARE(received, 0);
    }

    void subscriptionEndsWithTheContext()
    {
        ReadingBus bus;
        int received = 0;
        {
            QObject subscriber;
            bus.subscribe(&subscriber, [&](const QList<Reading> &) { ++received; });
        }
        bus.publish(Reading(QStringLiteral("a:b"), 1));
        QCoreApplication::processEvents();
        QCOMPARE(received, 0);
    }
};

QTEST_GUILESS_MAIN(tst_ReadingBus)
#include "tst_readingbus.moc"
