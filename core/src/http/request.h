// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

namespace Smollama::Http {

/*! Header fields as they are sent: name and value, in order. */
using Headers = QList<QPair<QByteArray, QByteArray>>;

/*!
    One HTTP/1.x request as RequestFramer read it off a connection: the request line, the
    header fields in order (names as sent, values trimmed), and the whole body (at most
    http.max_body_bytes). A value: requests that arrive back to back wait in a queue of these
    until the connection answers them, one after another.
*/
class Request
{
public:
    Request() = default;

    QByteArray method() const { return m_method; }
    bool isHead() const { return m_method == "HEAD"; }
    /*! The request-target as sent ("/api/readings?x=1", or an absolute URL). */
    QByteArray target() const { return m_target; }
    /*! The path and query of the target (an absolute URL is reduced to them). */
    QUrl url() const { return m_url; }
    QUrlQuery query() const { return QUrlQuery(m_url); }
    /*! 0 for HTTP/1.0, 1 for HTTP/1.1 (a later 1.x is answered as 1.1). */
    int minorVersion() const { return m_minor; }

    /*! The first field named \a name (any case), or an empty array. */
    QByteArray value(QByteArrayView name) const;
    /*! How many fields are named \a name (any case). */
    int count(QByteArrayView name) const;
    /*! True when a comma-separated field \a name lists \a token (any case), as in
        "Connection: keep-alive, Upgrade". */
    bool hasToken(QByteArrayView name, QByteArrayView token) const;
    const Headers &headers() const { return m_headers; }

    QByteArray body() const { return m_body; }
    QHostAddress remoteAddress() const { return m_remote; }
    void setRemoteAddress(const QHostAddress &address) { m_remote = address; }

    /*! False when the connection closes after the answer: HTTP/1.1 with "Connection: close",
        HTTP/1.0 without "Connection: keep-alive". */
    bool keepAlive() const;

private:
    friend class RequestFramer;

    QByteArray m_method;
    QByteArray m_target;
    QUrl m_url;
    int m_minor = 1;
    Headers m_headers;
    QByteArray m_body;
    QHostAddress m_remote;
};

} // namespace Smollama::Http
