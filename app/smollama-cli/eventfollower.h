// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/config.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace Smollama::Cli {

class InstanceClient;

/*!
    Follows the event stream (/api/events) of the running smollama as a browser's EventSource
    does: it remembers the id of the last event, and when the stream ends (the instance
    stopped, restarted or the connection broke) it waits the stream's retry time, finds the
    instance again (it may be back on another port) and reconnects with Last-Event-ID, so the
    events of the gap are replayed. When the instance cannot replay them (it restarted, or the
    gap is longer than it keeps) its "gap" event becomes a note.
*/
class EventFollower
{
public:
    /*! An event: its name ("reading", "plugin_status", ...) and its data. */
    using EventHandler = std::function<void(const QByteArray &name, const QByteArray &data)>;
    /*! Something the user should know (reconnecting, events missed), one line. */
    using NoteHandler = std::function<void(const QString &note)>;

    EventFollower(const Config &config, EventHandler onEvent, NoteHandler onNote);

    /*! Follows until Ctrl+C or SIGTERM (returns an empty string) or until the instance refuses
        the stream for a reason a retry does not fix (returns it, e.g. a 401). */
    QString run(InstanceClient &client);

    /*! The id of the last event received. */
    QByteArray lastEventId() const { return m_lastId; }

private:
    void onLine(const QByteArray &line);

    Config m_config;
    EventHandler m_onEvent;
    NoteHandler m_onNote;
    QByteArray m_lastId;
    QByteArray m_pendingId;
    bool m_hasPendingId = false;
    QByteArray m_event;
    QByteArray m_data;
    int m_retryMs = 3000;
    int m_received = 0;
};

} // namespace Smollama::Cli
