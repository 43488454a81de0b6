// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <vector>

namespace Smollama::Http {

class GuardedSocket;
class Reply;
class Request;

/*!
    GET /api/events: the Server-Sent Events stream of the API, and what makes it resumable.

    Every event gets an id "<run>-<n>": <run> names this start of the server (random), <n>
    counts the events from 1. The last http.event_replay_size events are kept; a client that
    reconnects with "Last-Event-ID" gets what it missed, in order, then the live events. When
    that is not possible (the id is from an earlier run, older than the kept events, or not
    one of ours) it gets a "gap" event saying so instead, then the live events.

    A reading is kept as the Reading itself (a shared copy); its text is made when a client
    needs it, once.
*/
class EventStream : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        int maxClients = 16;
        int heartbeatMs = 15000;
        int replayEvents = 2048;
        int retryMs = 3000;
    };

    explicit EventStream(const Settings &settings, QObject *parent = nullptr);
    ~EventStream() override;

    /*! Starts the heartbeat. */
    void start();
    /*! Stops the heartbeat and lets go of the clients (their connections end the streams). */
    void stop();

    /*! One "reading" event per reading. */
    void addReadings(const QList<Reading> &readings);
    /*! One event named \a name with \a data. */
    void addEvent(const QByteArray &name, const QJsonObject &data);

    /*! Answers GET (and HEAD) /api/events on \a reply. */
    void serve(const Request &request, Reply &reply);

    int clientCount() const;
    QByteArray runId() const { return m_run; }
    /*! The id of the newest event ("<run>-0" before the first). */
    QByteArray lastId() const { return idOf(m_last); }

private:
    struct Event
    {
        quint64 seq = 0;
        QByteArray name; //!< empty for a reading
        Reading reading;
        QJsonObject data;
        QByteArray frame; //!< made when first needed
    };

    QByteArray idOf(quint64 seq) const;
    const QByteArray &frameOf(Event &event) const;
    Event *stored(quint64 seq);
    void append(Event &&event);
    void broadcast(const QByteArray &frame);
    QByteArray resume(const QByteArray &lastEventId, bool *replay, quint64 *from);

    Settings m_settings;
    QByteArray m_run;
    quint64 m_last = 0;
    std::vector<Event> m_ring; //!< the newest events, m_ring[seq % capacity]
    QList<QPointer<GuardedSocket>> m_clients;
    QTimer m_heartbeat;
};

} // namespace Smollama::Http
