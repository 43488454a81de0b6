// SPDX-License-Identifier: GPL-3.0-or-later
#include "readingbus.h"

#include <QMutex>
#include <QPointer>
#include <QReadWriteLock>

#include <algorithm>
#include <vector>

namespace Smollama {

namespace {

struct Subscription
{
    QObject *context = nullptr;
    ReadingBus::BatchHandler handler;
    QMutex mutex;
    QList<Reading> pending;
    bool scheduled = false;
    bool cancelled = false; //!< unsubscribed: a drain already queued delivers nothing

    void drain()
    {
        QList<Reading> batch;
        {
            QMutexLocker locker(&mutex);
            batch.swap(pending);
            scheduled = false;
            if (cancelled) {
                return;
            }
        }
        if (!batch.isEmpty()) {
            handler(batch);
        }
    }
};

} // namespace

struct ReadingBus::Private
{
    QReadWriteLock lock;
    std::vector<std::shared_ptr<Subscription>> subscriptions;
};

ReadingBus::ReadingBus(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    qRegisterMetaType<Smollama::Reading>();
}

ReadingBus::~ReadingBus() = default;

void ReadingBus::publish(const Reading &reading)
{
    if (!reading.isValid()) {
        return;
    }
    Q_EMIT readingPublished(reading);

    QReadLocker locker(&d->lock);
    for (const std::shared_ptr<Subscription> &sub : d->subscriptions) {
        bool wake = false;
        {
            QMutexLocker subLocker(&sub->mutex);
            sub->pending.append(reading);
            wake = !sub->scheduled;
            sub->scheduled = true;
        }
        if (wake) {
            // The context cannot be destroyed meanwhile: its destruction removes the
            // subscription under the write lock, which waits for this read lock.
            QMetaObject::invokeMethod(
                sub->context, [sub] { sub->drain(); }, Qt::QueuedConnection);
        }
    }
}

void ReadingBus::subscribe(QObject *context, BatchHandler handler)
{
    auto sub = std::make_shared<Subscription>();
    sub->context = context;
    sub->handler = std::move(handler);
    {
        QWriteLocker locker(&d->lock);
        d->subscriptions.push_back(sub);
    }
    connect(
        context, &QObject::destroyed, this, [this, context] { unsubscribe(context); },
        Qt::DirectConnection);
}

void ReadingBus::unsubscribe(QObject *context)
{
    QWriteLocker locker(&d->lock);
    auto &subs = d->subscriptions;
    for (const auto &sub : subs) {
        if (sub->context == context) {
            QMutexLocker subLocker(&sub->mutex);
            sub->cancelled = true;
            sub->pending.clear();
        }
    }
    subs.erase(std::remove_if(subs.begin(), subs.end(),
                              [context](const auto &s) { return s->context == context; }),
               subs.end());
}

} // namespace Smollama
