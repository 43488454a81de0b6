// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "request.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Smollama::Http {

/*!
    Reads HTTP/1.x requests off the bytes of a connection: the API's own request parser. It
    enforces the limits while the bytes arrive (the size of the request head, a well-formed
    request line and header lines, the size of the body, sent with Content-Length or in chunks
    (Transfer-Encoding: chunked, as Node's http sends a body by default), applies the rules strict
    clients expect (an HTTP/1.1 request names exactly one Host), and queues each complete
    request (head and body) as a Request, in order, so requests sent back to back (pipelined)
    are all answered, one after another.

    A pure state machine over bytes (no sockets, no Qt event loop): feed() it what arrives, in
    any split, and it says whether the stream is still acceptable. That also makes it the place
    to fuzz the request parsing.
*/
class RequestFramer
{
public:
    struct Limits
    {
        int maxHeaderBytes = 16 * 1024;
        qint64 maxBodyBytes = 64 * 1024;
    };

    /*! What feed() found. Anything but Ok ends the connection with that HTTP status (after
        the answers to the requests queued before it). */
    enum class Verdict {
        Ok,                   //!< acceptable so far
        BadRequest,           //!< 400: malformed request line, header or chunk; missing or
                              //!< double Host; both Content-Length and Transfer-Encoding
        NotImplemented,       //!< 501: a transfer coding other than chunked
        PayloadTooLarge,      //!< 413: Content-Length over maxBodyBytes
        HeaderFieldsTooLarge, //!< 431: request line and headers over maxHeaderBytes
        VersionNotSupported   //!< 505: HTTP/2 or later spoken in HTTP/1 framing
    };

    RequestFramer();
    explicit RequestFramer(const Limits &limits);

    /*! Takes the next bytes of the connection. After a verdict other than Ok, further calls
        return the same verdict and read nothing. */
    Verdict feed(QByteArrayView data);

    Verdict verdict() const { return m_verdict; }
    /*! Why the verdict is not Ok, for a person ("header line 3 has no ':'"). */
    QString problem() const { return m_problem; }
    /*! True while a request has started but has not fully arrived. */
    bool inRequest() const;
    /*! How many requests have fully arrived (head and body). */
    qint64 completedRequests() const { return m_completed; }
    /*! How many request heads asked for "Expect: 100-continue" before sending their body. */
    qint64 continueRequests() const { return m_continues; }
    /*! True while the body of a request that asked for "Expect: 100-continue" has not begun
        to arrive (the connection may answer with an interim 100 Continue). */
    bool awaitingContinue() const { return m_inBody && m_expectContinue && m_bodyStarted == 0; }

    /*! Complete requests not yet taken, oldest first. */
    bool hasRequest() const { return !m_queue.isEmpty(); }
    qsizetype queuedRequests() const { return m_queue.size(); }
    /*! The bytes the queued requests hold (heads and bodies). */
    qint64 queuedBytes() const { return m_queuedBytes; }
    /*! Removes and returns the oldest complete request (hasRequest() must be true). */
    Request takeRequest();

    static int statusCode(Verdict verdict);

private:
    Verdict fail(Verdict verdict, const QString &problem);
    Verdict parseHead(const QByteArray &head);
    Verdict feedChunked(QByteArrayView &data);
    bool takeLine(QByteArrayView &data, QByteArray *line);
    void complete();

    enum class Chunk { Size, Data, DataEnd, Trailer };

    Limits m_limits;
    QByteArray m_head;
    Request m_current;
    qint64 m_currentBytes = 0;
    qint64 m_bodyRemaining = 0;
    qint64 m_bodyStarted = 0;
    int m_blankBytes = 0; //!< empty lines before the next request's head
    bool m_inBody = false;
    bool m_chunked = false;
    Chunk m_chunk = Chunk::Size;
    QByteArray m_line; //!< a chunk-size or trailer line so far
    qint64 m_trailerBytes = 0;
    bool m_expectContinue = false;
    qint64 m_completed = 0;
    qint64 m_continues = 0;
    QList<Request> m_queue;
    qint64 m_queuedBytes = 0;
    Verdict m_verdict = Verdict::Ok;
    QString m_problem;
};

} // namespace Smollama::Http
