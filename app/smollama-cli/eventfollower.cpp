// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventfollower.h"

#include "cli.h"
#include "instanceclient.h"

#include "util/unixsignalwatcher.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace Smollama::Cli {

EventFollower::EventFollower(const Config &config, EventHandler onEvent, NoteHandler onNote)
    : m_config(config)
    , m_onEvent(std::move(onEvent))
    , m_onNote(std::move(onNote))
{
}

void EventFollower::onLine(const QByteArray &line)
{
    ++m_received;
    if (line.isEmpty()) {
        // The end of an event (the Server-Sent Events rules): its id becomes the last one
        // also when it has no data (the server tells the position that way).
        if (m_hasPendingId) {
            m_lastId = m_pendingId;
            m_hasPendingId = false;
        }
        if (!m_data.isEmpty()) {
            if (m_data.endsWith('\n')) {
                m_data.chop(1);
            }
            const QByteArray name = m_event.isEmpty() ? QByteArrayLiteral("message") : m_event;
            if (name == "gap") {
                const QJsonObject gap = QJsonDocument::fromJson(m_data).object();
                const QString reason = gap.value(QStringLiteral("reason")).toString();
                if (reason == QLatin1String("restarted")) {
                    m_onNote(Tr::tr("smollama restarted while the stream was down: readings "
                                    "from that time are not shown"));
                } else if (reason == QLatin1String("too_old")) {
                    m_onNote(Tr::tr("%n event(s) of the gap are no longer kept by smollama "
                                    "(http.event_replay_size) and are not shown",
                                    "", gap.value(QStringLiteral("missed")).toInt()));
                } else {
                    m_onNote(Tr::tr("smollama did not know where the stream left off: readings "
                                    "may be missing"));
                }
            }
            m_onEvent(name, m_data);
        }
        m_event.clear();
        m_data.clear();
        return;
    }
    if (line.startsWith(':')) {
        return; // a comment (heartbeat)
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
    if (value.startsWith(' ')) {
        value.remove(0, 1);
    }
    if (field == "event") {
        m_event = value;
    } else if (field == "data") {
        m_data += value + '\n';
    } else if (field == "id") {
        if (!value.contains('\0')) {
            m_pendingId = value;
            m_hasPendingId = true;
        }
    } else if (field == "retry") {
        bool ok = false;
        const int ms = value.toInt(&ok);
        if (ok) {
            m_retryMs = qBound(100, ms, 60000);
        }
    }
}

QString EventFollower::run(InstanceClient &first)
{
    UnixSignalWatcher termination;
    bool stop = false;
    QObject::connect(&termination, &UnixSignalWatcher::terminationRequested, &termination,
                     [&stop] { stop = true; });
    InstanceClient client = first;
    bool down = false;
    while (!stop) {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!m_lastId.isEmpty()) {
            headers.append(qMakePair(QByteArray("Last-Event-ID"), m_lastId));
        }
        m_event.clear();
        m_data.clear();
        m_hasPendingId = false;
        m_received = 0;
        const QString url = client.baseUrl().toString();
        const InstanceClient::Result result = client.getStream(
            QStringLiteral("/api/events"), headers,
            [this, &down, url](const QByteArray &line) {
                if (down) {
                    down = false;
                    m_onNote(m_lastId.isEmpty()
                                 ? Tr::tr("Connected again to %1").arg(url)
                                 : Tr::tr("Connected again to %1, resuming after event %2")
                                       .arg(url, QString::fromLatin1(m_lastId)));
                }
                onLine(line);
            },
            &termination);
        if (result.canceled || stop) {
            break;
        }
        // A refusal a retry does not fix (no token, no such endpoint) ends here; a busy or
        // absent instance is asked again.
        if (result.status >= 400 && result.status != 503 && result.status != 502 &&
            result.status != 504) {
            return Tr::tr("the event stream of %1 was refused: %2").arg(url, result.error);
        }
        if (!down) {
            down = true;
            m_onNote(Tr::tr("The event stream of %1 ended (%2); connecting again every %3 s "
                            "(Ctrl+C stops)")
                         .arg(url, result.error)
                         .arg(m_retryMs / 1000.0));
        }
        QEventLoop wait;
        QTimer::singleShot(m_retryMs, &wait, &QEventLoop::quit);
        QObject::connect(&termination, &UnixSignalWatcher::terminationRequested, &wait,
                         &QEventLoop::quit);
        wait.exec();
        if (stop) {
            break;
        }
        // It may be back at another address (http.port: 0 picks a new port each start).
        InstanceClient again(m_config);
        if (again.probe()) {
            client = again;
        }
    }
    return QString();
}

} // namespace Smollama::Cli
