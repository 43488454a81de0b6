// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>
#include <smollama/smollama_export.h>

#include <QList>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace Smollama {

/*!
    The one place every reading passes through. The dashboard models, the HTTP API's event
    stream, the agent's rules and the history are its subscribers.

    publish() may be called from any thread (sensor workers call it from theirs). Two ways to
    listen:
    - the readingPublished() signal, emitted once per reading in the publishing thread: a
      receiver in another thread gets it through a queued connection (Qt's default), a
      thread-safe one may connect with Qt::DirectConnection;
    - subscribe(): readings are collected per subscriber and handed over in batches in the
      subscriber's thread, one wake-up per batch instead of one event per reading. This is
      what a busy bus needs (a flood of readings costs the dashboard one model update).
*/
class SMOLLAMA_EXPORT ReadingBus : public QObject
{
    Q_OBJECT

public:
    using BatchHandler = std::function<void(const QList<Smollama::Reading> &readings)>;

    explicit ReadingBus(QObject *parent = nullptr);
    ~ReadingBus() override;

    /*! This node's name (node.name): a reading published without a node gets it, one that
        names another node (received from it) keeps its own. Set it before readings flow. */
    void setNodeName(const QString &name);
    QString nodeName() const;

    /*! Publishes \a reading to every subscriber. Invalid readings (no source) are dropped. */
    void publish(const Smollama::Reading &reading);

    /*! How a subscription bounds what waits for its handler. */
    struct Bound
    {
        /*! At most this many readings wait; when one more comes, the oldest is dropped. 0: no
            bound (the subscriber keeps up by design). */
        int maxPending = 0;
        /*! Counts the dropped readings (optional, shared with whoever shows them). */
        std::shared_ptr<std::atomic<qint64>> dropped;
    };

    /*! Calls \a handler in \a context's thread with the readings published since the last
        call, in publishing order per publisher. The subscription ends when \a context is
        destroyed or unsubscribe(context) is called. */
    void subscribe(QObject *context, BatchHandler handler);
    /*! As above, with at most \a bound.maxPending readings waiting: a subscriber that is slow
        or stuck in its handler loses its oldest readings, never slows the publishers or the
        other subscribers, and never holds more than the bound. */
    void subscribe(QObject *context, BatchHandler handler, const Bound &bound);
    void unsubscribe(QObject *context);

Q_SIGNALS:
    void readingPublished(const Smollama::Reading &reading);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Smollama
