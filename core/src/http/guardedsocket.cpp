// SPDX-License-Identifier: GPL-3.0-or-later
#include "guardedsocket.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Smollama::Http {

namespace {
// A client that does not read its error answer is cut off after this.
constexpr int s_closeGraceMs = 2000;
// Answers waiting for a client that does not read them, at most.
constexpr qint64 s_maxUnsentBytes = 4 * 1024 * 1024;
} // namespace

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

QByteArray responseBytes(int status, const QList<QPair<QByteArray, QByteArray>> &headers,
                         const QByteArray &body)
{
    QByteArray out;
    out.reserve(160 + body.size());
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\n";
    for (const auto &h : headers) {
        out += h.first;
        out += ": ";
        out += h.second;
        out += "\r\n";
    }
    out += "Content-Length: ";
    out += QByteArray::number(body.size());
    out += "\r\n\r\n";
    out += body;
    return out;
}

QByteArray streamHead(int status, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &h : headers) {
        out += h.first + ": " + h.second + "\r\n";
    }
    out += "Transfer-Encoding: chunked\r\n\r\n";
    return out;
}

QByteArray errorBody(int status, const QByteArray &code, const QString &message)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), message},
                                     {QStringLiteral("code"), QString::fromLatin1(code)},
                                     {QStringLiteral("status"), status}})
               .toJson(QJsonDocument::Compact) +
           '\n';
}

QByteArray chunk(const QByteArray &data)
{
    if (data.isEmpty()) {
        return QByteArrayLiteral("0\r\n\r\n");
    }
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

GuardedSocket::GuardedSocket(const Limits &limits, QObject *parent)
    : QTcpSocket(parent)
    , m_limits(limits)
    , m_framer(limits.framer)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &GuardedSocket::onTimeout);
    // Connected before QtHttpServer connects its own slot, so this runs first on each
    // readyRead and sees the new bytes before they are parsed.
    connect(this, &QTcpSocket::readyRead, this, &GuardedSocket::onReadyRead);
    // A new connection has the request timeout to send its first request.
    m_timer.start(m_limits.requestTimeoutMs);
}

void GuardedSocket::hold(bool on)
{
    m_held = on;
    if (m_closing) {
        return;
    }
    if (on) {
        m_timer.stop();
    } else if (!m_framer.inRequest()) {
        m_timer.start(m_limits.idleTimeoutMs);
    }
}

void GuardedSocket::onReadyRead()
{
    if (m_closing) {
        return;
    }
    if (bytesToWrite() > s_maxUnsentBytes) {
        // A client that sends requests but does not read the answers: drop it before its
        // answers pile up in memory.
        m_closing = true;
        m_timer.stop();
        disconnect(this, &QTcpSocket::readyRead, nullptr, nullptr);
        abort();
        deleteLater();
        return;
    }
    const qint64 before = m_framer.completedRequests();
    const qint64 continuesBefore = m_framer.continueRequests();
    const bool wasInRequest = m_framer.inRequest();
    // In QtHttpServer's read transaction, peek() returns exactly the bytes it has not parsed.
    const QByteArray fresh = peek(bytesAvailable());
    const RequestFramer::Verdict verdict = m_framer.feed(fresh);
    if (verdict != RequestFramer::Verdict::Ok) {
        QByteArray code = "bad_request";
        switch (verdict) {
        case RequestFramer::Verdict::PayloadTooLarge:
            code = "body_too_large";
            break;
        case RequestFramer::Verdict::HeaderFieldsTooLarge:
            code = "headers_too_large";
            break;
        case RequestFramer::Verdict::LengthRequired:
            code = "length_required";
            break;
        default:
            break;
        }
        rejectAndClose(RequestFramer::statusCode(verdict), code, m_framer.problem());
        return;
    }
    const qint64 done = m_framer.completedRequests() - before;
    if (m_held && (done > 0 || m_framer.inRequest())) {
        // Another request while an answer is pending or a stream is open: QtHttpServer would
        // answer it first, out of order.
        rejectAndClose(400, "pipelining",
                       QStringLiteral("send the next request after the answer to the previous "
                                      "one (pipelining is not supported)"));
        return;
    }
    if (done >= 2 || (done >= 1 && m_framer.inRequest())) {
        // Pipelined requests in one read: QtHttpServer 6.4 answers only the first. Close after
        // it, so the client sends the others again on a new connection.
        m_closeAfterResponse = true;
    }
    // curl and others wait for this before sending a body (QtHttpServer 6.4 never sends it).
    for (qint64 i = continuesBefore; i < m_framer.continueRequests(); ++i) {
        write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    if (!m_held) {
        if (m_framer.inRequest()) {
            // The whole request must arrive within the timeout, however slowly it trickles.
            if (!wasInRequest || m_framer.completedRequests() != before) {
                m_timer.start(m_limits.requestTimeoutMs);
            }
        } else if (done > 0 || wasInRequest) {
            // Idle again after a request. Bytes that start nothing (empty lines) do not count
            // as activity: the idle timeout still closes such a connection.
            m_timer.start(m_limits.idleTimeoutMs);
        }
    }
    if (!m_checkQueued) {
        m_checkQueued = true;
        QMetaObject::invokeMethod(this, &GuardedSocket::checkAbandoned, Qt::QueuedConnection);
    }
}

void GuardedSocket::checkAbandoned()
{
    m_checkQueued = false;
    // QtHttpServer 6.4 disconnects every signal of a socket whose bytes its parser refuses
    // and leaves the connection open: answer and close it instead.
    if (!m_closing && state() == QAbstractSocket::ConnectedState &&
        receivers(SIGNAL(readyRead())) == 0) {
        rejectAndClose(400, "bad_request", QStringLiteral("the request is not valid HTTP/1.1"));
    }
}

void GuardedSocket::onTimeout()
{
    if (m_closing || m_held) {
        return;
    }
    if (m_framer.inRequest()) {
        rejectAndClose(408, "timeout",
                       QStringLiteral("the request did not arrive within %1 s "
                                      "(http.request_timeout_seconds)")
                           .arg(m_limits.requestTimeoutMs / 1000.0));
        return;
    }
    // Idle keep-alive connection: close quietly.
    m_closing = true;
    closeWhenWritten();
}

void GuardedSocket::rejectAndClose(int status, const QByteArray &code, const QString &message)
{
    if (m_closing) {
        return;
    }
    m_closing = true;
    // Nothing more is read from this connection, by this guard or by QtHttpServer.
    disconnect(this, &QTcpSocket::readyRead, nullptr, nullptr);
    write(responseBytes(status, {{"Content-Type", "application/json"}, {"Connection", "close"}},
                        errorBody(status, code, message)));
    closeWhenWritten();
}

void GuardedSocket::closeWhenWritten()
{
    m_timer.stop();
    // Deleting twice is harmless; QtHttpServer may also schedule it on disconnected().
    connect(this, &QAbstractSocket::disconnected, this, &QObject::deleteLater,
            Qt::UniqueConnection);
    QTimer::singleShot(s_closeGraceMs, this, [this] {
        if (state() != QAbstractSocket::UnconnectedState) {
            abort();
        }
        deleteLater();
    });
    disconnectFromHost();
}

} // namespace Smollama::Http
