// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "request.h"
#include "requestframer.h"

#include <QTcpSocket>
#include <QTimer>

#include <functional>

namespace Smollama::Http {

/*!
    One connection of the HTTP API: it reads the requests (RequestFramer), hands them to the
    API one at a time and in order, and writes the answers as HTTP/1.1 strict clients expect:
    - requests sent back to back (pipelined) are all answered, in order; the next one is handed
      out only when the answer to the previous one is complete (also when that answer comes
      later, from a tool);
    - HEAD is answered with the head GET would have (Content-Length included) and no body;
    - HTTP/1.0: the connection closes after the answer unless the request asked for
      keep-alive, and streams are close-delimited (never chunked); HTTP/1.1 keeps it open
      unless "Connection: close";
    - a request over a limit gets its status (400, 413, 431, 501, 505) with a JSON error and
      the connection closes before the body is read;
    - a request (also the first one of a new connection) must arrive completely within the
      request timeout (slow clients, slowloris: 408), and an idle keep-alive connection closes
      after the idle timeout; no timeout applies while an answer is pending or a stream is open;
    - a client that sends requests without reading the answers is dropped once 4 MiB wait.
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

    /*! Called with each request; the handler answers it now or later, with respond() or a
        stream. The next request waits until then. */
    using Handler = std::function<void(const Request &request, GuardedSocket *socket)>;

    explicit GuardedSocket(const Limits &limits, QObject *parent = nullptr);

    void setHandler(Handler handler);

    /*! True from handing a request out until its answer is complete. */
    bool isAnswering() const { return m_answering; }
    /*! True while a streamed answer (beginStream()) is open. */
    bool isStreaming() const { return m_streaming; }
    /*! The request being answered. */
    const Request &request() const { return m_request; }

    /*! Answers the current request: the status line, \a headers, Date, Content-Length and,
        unless the request is HEAD, \a body. */
    void respond(int status, const Headers &headers, const QByteArray &body);
    /*! Starts a streamed answer: chunked for HTTP/1.1, close-delimited for HTTP/1.0. Returns
        false when there is nothing to stream to: a HEAD request (its answer, the head alone,
        is then complete) or no request being answered. */
    bool beginStream(int status, const Headers &headers);
    /*! A piece of the streamed body (one chunk for HTTP/1.1). */
    void writeStream(const QByteArray &data);
    /*! Ends the stream (the last chunk, or the close for HTTP/1.0); the next request follows. */
    void endStream();

    /*! The server stops: an open stream ends properly (its last chunk is sent), a pending
        answer becomes a 503, and the connection closes once that is written. */
    void shutdown();

    /*! Answers \a status with a JSON error and closes the connection; the socket deletes
        itself once closed. */
    void rejectAndClose(int status, const QByteArray &code, const QString &message);

    /*! The guard of \a socket when it is one of the API's connections. */
    static GuardedSocket *of(QObject *socket) { return qobject_cast<GuardedSocket *>(socket); }

private:
    void readPending();
    void dispatch();
    // A whole answer (or interim answer): to the kernel at once when nothing is queued.
    void send(const QByteArray &bytes);
    void finishAnswer(bool close);
    void armTimer();
    void onTimeout();
    void closeWhenWritten();
    bool closesAfterAnswer() const;

    Limits m_limits;
    RequestFramer m_framer;
    Handler m_handler;
    Request m_request;
    QTimer m_timer;
    qint64 m_continuesAnswered = 0;
    qint64 m_handedOut = 0;
    bool m_answering = false;
    bool m_streaming = false;
    bool m_chunked = false;
    bool m_dispatching = false;
    bool m_dispatchQueued = false;
    bool m_closing = false;
};

/*! The status line, Date and \a headers of a response, without the empty line that ends the
    head; \a reserve is room for what follows. */
QByteArray responseHead(int status, const Headers &headers, qsizetype reserve);
/*! The bytes of one whole response (status line, headers, Content-Length, body). */
QByteArray responseBytes(int status, const Headers &headers, const QByteArray &body);
/*! {"error": message, "code": code, "status": status} as compact JSON. */
QByteArray errorBody(int status, const QByteArray &code, const QString &message);
/*! The reason phrase of \a status ("Not Found"). */
QByteArray reasonPhrase(int status);
/*! The current time as an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT"), made once a second. */
QByteArray httpDate();

} // namespace Smollama::Http
