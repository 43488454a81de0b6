// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Smollama::Http {

/*!
    Follows the bytes of an HTTP/1.1 connection far enough to enforce the API's limits before
    QtHttpServer buffers anything: the size of the request head, a well-formed request line and
    header lines, and the Content-Length of the body. It does not keep bodies; it only counts
    them, so a connection costs at most maxHeaderBytes of memory here.

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

    /*! What feed() found. Anything but Ok ends the connection with that HTTP status. */
    enum class Verdict {
        Ok,                  //!< acceptable so far
        BadRequest,          //!< 400: malformed request line or header
        LengthRequired,      //!< 411: a chunked request body (send Content-Length)
        PayloadTooLarge,     //!< 413: Content-Length over maxBodyBytes
        HeaderFieldsTooLarge //!< 431: request line and headers over maxHeaderBytes
    };

    RequestFramer();
    explicit RequestFramer(const Limits &limits);

    /*! Takes the next bytes of the connection. After a verdict other than Ok, further calls
        return the same verdict. */
    Verdict feed(QByteArrayView data);

    Verdict verdict() const { return m_verdict; }
    /*! Why the verdict is not Ok, for a person ("header line 3 has no ':'"). */
    QString problem() const { return m_problem; }
    /*! True while a request has started but has not fully arrived. */
    bool inRequest() const;
    /*! How many requests have fully arrived (head and body). */
    qint64 completedRequests() const { return m_completed; }
    /*! How many request heads asked for "Expect: 100-continue" before sending their body
        (the connection answers each with an interim 100 Continue). */
    qint64 continueRequests() const { return m_continues; }

    static int statusCode(Verdict verdict);

private:
    Verdict fail(Verdict verdict, const QString &problem);
    Verdict parseHead(const QByteArray &head);

    Limits m_limits;
    QByteArray m_head;
    qint64 m_bodyRemaining = 0;
    int m_blankBytes = 0; //!< empty lines before the next request's head
    bool m_inBody = false;
    qint64 m_completed = 0;
    qint64 m_continues = 0;
    Verdict m_verdict = Verdict::Ok;
    QString m_problem;
};

} // namespace Smollama::Http
