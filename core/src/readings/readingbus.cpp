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
    int maxPending = 0;
    std::shared_ptr<std::atomic<qint64>> dropped;
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
    QString nodeName;
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

void ReadingBus::setNodeName(const QString &name)
{
    d->nodeName = name;
}

QString ReadingBus::nodeName() const
{
    return d->nodeName;
}

void ReadingBus::publish(const Reading &in)
{
    if (!in.isValid()) {
        return;
    }
    Reading reading = in;
    if (reading.node().isEmpty()) {
        reading.setNode(d->nodeName);
    }
    Q_EMIT readingPublished(reading);

    QReadLocker locker(&d->lock);
    for (const std::shared_ptr<Subscription> &sub : d->subscriptions) {
        bool wake = false;
        {
            QMutexLocker subLocker(&sub->mutex);
            if (sub->maxPending > 0 && sub->pending.size() >= sub->maxPending) {
                sub->pending.removeFirst();
                if (sub->dropped) {
                    sub->dropped->fetch_add(1, std::memory_order_relaxed);
                }
            }
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
    subscribe(context, std::move(handler), Bound());
}

void ReadingBus::subscribe(QObject *context, BatchHandler handler, const Bound &bound)
{
    auto sub = std::make_shared<Subscription>();
    sub->context = context;
    sub->handler = std::move(handler);
    sub->maxPending = std::max(0, bound.maxPending);
    sub->dropped = bound.dropped;
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
