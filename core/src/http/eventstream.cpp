// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventstream.h"

#include "guardedsocket.h"
#include "httplog.h"
#include "reply.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace Smollama::Http {

namespace {
// An event-stream client that lets this much pile up unread is dropped.
constexpr qint64 s_maxEventBacklog = 1024 * 1024;
} // namespace

EventStream::EventStream(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_run(QByteArray::number(QRandomGenerator::system()->generate(), 16).rightJustified(8, '0'))
{
    m_ring.resize(size_t(qMax(0, m_settings.replayEvents)));
    m_heartbeat.setInterval(m_settings.heartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this,
            [this] { broadcast(QByteArrayLiteral(": heartbeat\n\n")); });
}

EventStream::~EventStream() = default;

void EventStream::start()
{
    m_heartbeat.start();
}

void EventStream::stop()
{
    m_heartbeat.stop();
    m_clients.clear();
}

int EventStream::clientCount() const
{
    int n = 0;
    for (const QPointer<GuardedSocket> &c : m_clients) {
        if (c && c->isStreaming()) {
            ++n;
        }
    }
    return n;
}

QByteArray EventStream::idOf(quint64 seq) const
{
    return m_run + '-' + QByteArray::number(seq);
}

const QByteArray &EventStream::frameOf(Event &event) const
{
    if (event.frame.isEmpty()) {
        const bool isReading = event.name.isEmpty();
        const QJsonObject data = isReading ? event.reading.toJson() : event.data;
        event.frame = "id: " + idOf(event.seq) +
                      "\nevent: " + (isReading ? QByteArrayLiteral("reading") : event.name) +
                      "\ndata: " + QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n";
    }
    return event.frame;
}

EventStream::Event *EventStream::stored(quint64 seq)
{
    const quint64 capacity = m_ring.size();
    if (capacity == 0 || seq == 0 || seq > m_last || m_last - seq >= capacity) {
        return nullptr;
    }
    Event &event = m_ring[size_t(seq % capacity)];
    return event.seq == seq ? &event : nullptr;
}

void EventStream::append(Event &&event)
{
    const bool live = !m_clients.isEmpty();
    if (m_ring.empty()) {
        if (live) {
            broadcast(frameOf(event));
        }
        return;
    }
    Event &slot = m_ring[size_t(event.seq % m_ring.size())];
    slot = std::move(event);
    if (live) {
        broadcast(frameOf(slot));
    }
}

void EventStream::addReadings(const QList<Reading> &readings)
{
    for (const Reading &reading : readings) {
        Event event;
        event.seq = ++m_last;
        event.reading = reading;
        append(std::move(event));
    }
}

void EventStream::addEvent(const QByteArray &name, const QJsonObject &data)
{
    Event event;
    event.seq = ++m_last;
    event.name = name;
    event.data = data;
    append(std::move(event));
}

void EventStream::broadcast(const QByteArray &frame)
{
    for (qsizetype i = m_clients.size() - 1; i >= 0; --i) {
        GuardedSocket *client = m_clients.at(i);
        if (!client || !client->isStreaming() ||
            client->state() != QAbstractSocket::ConnectedState) {
            m_clients.removeAt(i);
            continue;
        }
        if (client->bytesToWrite() > s_maxEventBacklog) {
            qCInfo(lcHttp, "HTTP API: dropping an event-stream client that does not read (it "
                           "may reconnect and resume with Last-Event-ID)");
            m_clients.removeAt(i);
            client->abort();
            continue;
        }
        client->writeStream(frame);
    }
}

QByteArray EventStream::resume(const QByteArray &lastEventId, bool *replay, quint64 *from)
{
    *replay = false;
    const qsizetype dash = lastEventId.lastIndexOf('-');
    bool ok = dash > 0;
    const quint64 seq = ok ? lastEventId.mid(dash + 1).toULongLong(&ok) : 0;
    const QByteArray run = ok ? lastEventId.left(dash) : QByteArray();
    const quint64 capacity = m_ring.size();
    const quint64 oldest = m_last >= capacity ? m_last - capacity + 1 : 1;
    QJsonObject gap{{QStringLiteral("last_event_id"), QString::fromLatin1(lastEventId.left(80))},
                    {QStringLiteral("resume_id"), QString::fromLatin1(lastId())}};
    if (ok && run == m_run && seq <= m_last && (seq == m_last || seq + 1 >= oldest)) {
        *replay = true;
        *from = seq + 1;
        return QByteArray();
    }
    if (ok && run != m_run) {
        gap.insert(QStringLiteral("reason"), QStringLiteral("restarted"));
        gap.insert(QStringLiteral("missed"), QJsonValue());
        gap.insert(QStringLiteral("message"),
                   QStringLiteral("smollama has restarted since that event; the events in between "
                                  "are lost: GET /api/readings for the current values"));
    } else if (!ok || seq > m_last) {
        gap.insert(QStringLiteral("reason"), QStringLiteral("unknown"));
        gap.insert(QStringLiteral("missed"), QJsonValue());
        gap.insert(QStringLiteral("message"),
                   QStringLiteral("Last-Event-ID is not an event of this server; events may have "
                                  "been missed: GET /api/readings for the current values"));
    } else {
        const quint64 missed = capacity == 0 ? m_last - seq : oldest - seq - 1;
        gap.insert(QStringLiteral("reason"), QStringLiteral("too_old"));
        gap.insert(QStringLiteral("missed"), double(missed));
        gap.insert(QStringLiteral("message"),
                   QStringLiteral("%1 events after that one are no longer kept "
                                  "(http.event_replay_size is %2); GET /api/readings for the "
                                  "current values")
                       .arg(missed)
                       .arg(capacity));
    }
    // The gap's id is where the stream goes on from: a reconnect after it resumes there.
    return "id: " + lastId() +
           "\nevent: gap\ndata: " + QJsonDocument(gap).toJson(QJsonDocument::Compact) + "\n\n";
}

void EventStream::serve(const Request &request, Reply &reply)
{
    m_clients.removeIf([](const QPointer<GuardedSocket> &c) {
        return !c || !c->isStreaming() || c->state() != QAbstractSocket::ConnectedState;
    });
    if (m_clients.size() >= m_settings.maxClients) {
        reply.sendError(503, "too_many_event_clients",
                        QStringLiteral("%1 event-stream clients are connected, the limit "
                                       "(http.max_event_clients); try again later")
                            .arg(m_settings.maxClients),
                        {{"Retry-After", "10"}});
        return;
    }
    if (!reply.beginStream("text/event-stream", {{"X-Accel-Buffering", "no"}})) {
        return; // HEAD: the head alone
    }
    GuardedSocket *socket = reply.socket();
    QByteArray hello = "retry: " + QByteArray::number(m_settings.retryMs) +
                       "\n: connected to smollama (run " + m_run + ")\n";
    const QByteArray lastEventId = request.value("Last-Event-ID");
    if (lastEventId.isEmpty()) {
        // An id without data sets the client's position without an event: a reconnect before
        // the first event still resumes from here.
        socket->writeStream(hello + "id: " + lastId() + "\n\n");
    } else {
        bool replay = false;
        quint64 from = 0;
        const QByteArray gap = resume(lastEventId, &replay, &from);
        socket->writeStream(hello + '\n');
        if (replay) {
            for (quint64 seq = from; seq <= m_last; ++seq) {
                if (Event *event = stored(seq)) {
                    socket->writeStream(frameOf(*event));
                }
            }
        } else {
            socket->writeStream(gap);
        }
    }
    m_clients.append(socket);
}

} // namespace Smollama::Http
