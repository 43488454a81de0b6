// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "requestframer.h"

#include <QTcpSocket>
#include <QTimer>

namespace Smollama::Http {

/*!
    A connection of the HTTP API that watches its own bytes before QtHttpServer parses them
    (QtHttpServer 6.4 buffers whole requests and has no size limit or timeout):
    - RequestFramer limits the head and the declared body size; a request over a limit gets
      its status (400, 411, 413, 431) with a JSON error and the connection closes before the
      body is read;
    - a request (also the first one of a new connection) must arrive completely within the
      request timeout (slow clients, slowloris: 408), and an idle keep-alive connection closes
      after the idle timeout;
    - a client that sends requests without reading the answers is dropped once 4 MiB wait;
    - a request QtHttpServer's own parser refuses gets a 400 instead of a connection left open
      with nothing listening to it.
    While a response is pending or a stream (events, agent) is open, hold() stops the timers.
*/
class GuardedSocket : public QTcpSocket
{
    Q_OBJECT

public:
    struct Limits
    {
        RequestFramer::Limits framer;
        int requestTimeoutMs = 10000;
        int idleTimeoutMs = 30000;
    };

    explicit GuardedSocket(const Limits &limits, QObject *parent = nullptr);

    /*! True while a response is pending or a stream is open: no timeout applies. */
    void hold(bool on);
    bool isHeld() const { return m_held; }
    /*! True when the client pipelined requests: the connection closes after the next answer
        (QtHttpServer 6.4 would drop the others unanswered; the client sends them again). */
    bool closeAfterResponse() const { return m_closeAfterResponse; }

    /*! Answers \a status with a JSON error and closes the connection; the socket deletes
        itself once closed. */
    void rejectAndClose(int status, const QByteArray &code, const QString &message);

    /*! The guard of \a socket when it is one of the API's connections. */
    static GuardedSocket *of(QTcpSocket *socket) { return qobject_cast<GuardedSocket *>(socket); }

private:
    void onReadyRead();
    void onTimeout();
    void checkAbandoned();
    void closeWhenWritten();

    Limits m_limits;
    RequestFramer m_framer;
    QTimer m_timer;
    bool m_held = false;
    bool m_closing = false;
    bool m_checkQueued = false;
    bool m_closeAfterResponse = false;
};

/*! The HTTP/1.1 bytes of one whole response (status line, headers, Content-Length, body). */
QByteArray responseBytes(int status, const QList<QPair<QByteArray, QByteArray>> &headers,
                         const QByteArray &body);
/*! The head of a streamed response (Transfer-Encoding: chunked), to be followed by chunk()s. */
QByteArray streamHead(int status, const QList<QPair<QByteArray, QByteArray>> &headers);
/*! {"error": message, "code": code, "status": status} as compact JSON. */
QByteArray errorBody(int status, const QByteArray &code, const QString &message);
/*! The reason phrase of \a status ("Not Found"). */
QByteArray reasonPhrase(int status);
/*! One chunk of a chunked body (an empty \a data is the last chunk). */
QByteArray chunk(const QByteArray &data);

} // namespace Smollama::Http
