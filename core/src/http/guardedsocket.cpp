// SPDX-License-Identifier: GPL-3.0-or-later
#include "guardedsocket.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cerrno>
#include <sys/socket.h>

namespace Smollama::Http {

namespace {
// A client that does not read its error answer is cut off after this.
constexpr int s_closeGraceMs = 2000;
// Answers waiting for a client that does not read them, at most.
constexpr qint64 s_maxUnsentBytes = 4 * 1024 * 1024;
// Requests read ahead of the one being answered (pipelining), at most; beyond that the bytes
// wait in the socket and then in the kernel, which slows the client down.
constexpr qsizetype s_maxQueuedRequests = 32;
constexpr qint64 s_maxQueuedBytes = 256 * 1024;
constexpr qint64 s_readBufferBytes = 256 * 1024;

bool hasBody(int status)
{
    return status >= 200 && status != 204 && status != 304;
}
} // namespace

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
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
    case 501:
        return "Not Implemented";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Status";
    }
}

QByteArray httpDate()
{
    // Formatting a date costs more than the rest of a small answer: once a second is enough.
    // Only the thread of the API calls this.
    static thread_local qint64 s_second = -1;
    static thread_local QByteArray s_text;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != s_second) {
        s_second = now;
        s_text = QLocale::c()
                     .toString(QDateTime::fromSecsSinceEpoch(now, Qt::UTC),
                               QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                     .toLatin1();
    }
    return s_text;
}

QByteArray responseHead(int status, const Headers &headers, qsizetype reserve)
{
    QByteArray out;
    out.reserve(256 + reserve);
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\nDate: ";
    out += httpDate();
    out += "\r\n";
    for (const auto &h : headers) {
        out += h.first;
        out += ": ";
        out += h.second;
        out += "\r\n";
    }
    return out;
}

QByteArray responseBytes(int status, const Headers &headers, const QByteArray &body)
{
    QByteArray out = responseHead(status, headers, body.size());
    out += "Content-Length: ";
    out += QByteArray::number(body.size());
    out += "\r\n\r\n";
    out += body;
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

GuardedSocket::GuardedSocket(const Limits &limits, QObject *parent)
    : QTcpSocket(parent)
    , m_limits(limits)
    , m_framer(limits.framer)
{
    // What the framer has not taken yet stays here, and beyond this in the kernel.
    setReadBufferSize(s_readBufferBytes);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &GuardedSocket::onTimeout);
    connect(this, &QTcpSocket::readyRead, this, &GuardedSocket::readPending);
    connect(this, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
    // A new connection has the request timeout to send its first request.
    m_timer.start(m_limits.requestTimeoutMs);
}

void GuardedSocket::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void GuardedSocket::readPending()
{
    if (m_closing) {
        return;
    }
    if (bytesToWrite() > s_maxUnsentBytes) {
        // A client that sends requests but does not read the answers: drop it before its
        // answers pile up in memory.
        m_closing = true;
        m_timer.stop();
        abort();
        deleteLater();
        return;
    }
    const bool wasInRequest = m_framer.inRequest();
    const qint64 before = m_framer.completedRequests();
    // Read ahead of the answer in progress only so far; the rest waits (TCP slows the client).
    while (m_framer.verdict() == RequestFramer::Verdict::Ok && bytesAvailable() > 0 &&
           m_framer.queuedRequests() < s_maxQueuedRequests &&
           m_framer.queuedBytes() < s_maxQueuedBytes) {
        m_framer.feed(read(qMin<qint64>(bytesAvailable(), 64 * 1024)));
    }
    // curl and others wait for this before sending a body. Only when nothing is answered
    // before it: an interim answer must not land in the middle of another one.
    if (m_framer.awaitingContinue() && m_framer.continueRequests() > m_continuesAnswered &&
        !m_answering && !m_framer.hasRequest()) {
        m_continuesAnswered = m_framer.continueRequests();
        send(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    }
    const qint64 handedOut = m_handedOut;
    dispatch();
    if (m_closing || m_answering) {
        return;
    }
    const bool progressed = m_framer.completedRequests() != before || m_handedOut != handedOut;
    if (m_framer.inRequest()) {
        // The whole request must arrive within the timeout, however slowly it trickles.
        if (!wasInRequest || progressed || !m_timer.isActive()) {
            m_timer.start(m_limits.requestTimeoutMs);
        }
    } else if (progressed || wasInRequest || !m_timer.isActive()) {
        // Idle again after a request. Bytes that start nothing (empty lines) do not count as
        // activity: the idle timeout still closes such a connection.
        m_timer.start(m_limits.idleTimeoutMs);
    }
}

void GuardedSocket::dispatch()
{
    m_dispatchQueued = false;
    if (m_dispatching) {
        return;
    }
    m_dispatching = true;
    while (!m_closing && !m_answering && m_framer.hasRequest()) {
        if (bytesToWrite() > s_maxUnsentBytes) {
            m_dispatching = false;
            readPending(); // drops the connection
            return;
        }
        m_request = m_framer.takeRequest();
        m_request.setRemoteAddress(peerAddress());
        m_answering = true;
        ++m_handedOut;
        m_timer.stop();
        if (m_handler) {
            m_handler(m_request, this);
        } else {
            respond(503, {{"Content-Type", "application/json"}},
                    errorBody(503, "unavailable", QStringLiteral("the server is starting")));
        }
    }
    m_dispatching = false;
    if (m_closing || m_answering || m_framer.hasRequest()) {
        return;
    }
    if (m_framer.verdict() != RequestFramer::Verdict::Ok) {
        // Every request before the bad one has its answer; now the refusal.
        QByteArray code = "bad_request";
        switch (m_framer.verdict()) {
        case RequestFramer::Verdict::PayloadTooLarge:
            code = "body_too_large";
            break;
        case RequestFramer::Verdict::HeaderFieldsTooLarge:
            code = "headers_too_large";
            break;
        case RequestFramer::Verdict::NotImplemented:
            code = "not_implemented";
            break;
        case RequestFramer::Verdict::VersionNotSupported:
            code = "version_not_supported";
            break;
        default:
            break;
        }
        rejectAndClose(RequestFramer::statusCode(m_framer.verdict()), code, m_framer.problem());
    }
}

bool GuardedSocket::closesAfterAnswer() const
{
    return !m_request.keepAlive();
}

void GuardedSocket::respond(int status, const Headers &headers, const QByteArray &body)
{
    if (!m_answering || m_streaming || m_closing) {
        return;
    }
    const bool close = closesAfterAnswer();
    QByteArray out = responseHead(status, headers, body.size());
    if (hasBody(status)) {
        // For HEAD too: the length GET would have.
        out += "Content-Length: ";
        out += QByteArray::number(body.size());
        out += "\r\n";
    }
    if (close) {
        out += "Connection: close\r\n";
    } else if (m_request.minorVersion() == 0) {
        out += "Connection: keep-alive\r\n";
    }
    out += "\r\n";
    if (!m_request.isHead() && hasBody(status)) {
        out += body;
    }
    send(out);
    finishAnswer(close);
}

bool GuardedSocket::beginStream(int status, const Headers &headers)
{
    if (!m_answering || m_streaming || m_closing) {
        return false;
    }
    // HTTP/1.0 has no chunks: the body ends when the connection does.
    m_chunked = m_request.minorVersion() >= 1;
    const bool close = !m_chunked || closesAfterAnswer();
    QByteArray out = responseHead(status, headers, 0);
    if (m_chunked) {
        out += "Transfer-Encoding: chunked\r\n";
    }
    if (close) {
        out += "Connection: close\r\n";
    }
    out += "\r\n";
    write(out); // with the first events (writeStream())
    if (m_request.isHead()) {
        finishAnswer(close);
        return false;
    }
    m_streaming = true;
    return true;
}

void GuardedSocket::writeStream(const QByteArray &data)
{
    if (!m_streaming || data.isEmpty()) {
        return;
    }
    if (m_chunked) {
        // Streamed pieces stay in QAbstractSocket's buffer until the event loop's next pass:
        // the events of one batch of readings leave in one write() rather than one each.
        QByteArray chunk;
        chunk.reserve(data.size() + 12);
        chunk += QByteArray::number(data.size(), 16);
        chunk += "\r\n";
        chunk += data;
        chunk += "\r\n";
        write(chunk);
    } else {
        write(data);
    }
}

void GuardedSocket::endStream()
{
    if (!m_streaming) {
        return;
    }
    m_streaming = false;
    if (m_chunked) {
        write("0\r\n\r\n", 5);
    }
    finishAnswer(!m_chunked || closesAfterAnswer());
}

void GuardedSocket::send(const QByteArray &bytes)
{
    // For whole answers. QAbstractSocket only buffers what is written: it turns its write
    // notifier on, and hands the bytes to the kernel when the event loop next reports the socket
    // writable. That costs each answer another pass of the event loop, two wake-ups of it (with
    // the GLib dispatcher each change of a notifier writes to its eventfd), and the answer waits
    // behind every other connection's request read in the same pass (issue 19). So when nothing
    // is queued before them, the bytes go to the kernel now; what it does not take (a slow
    // client, a full socket buffer) is queued in QAbstractSocket as before, behind them. An
    // error is left to QAbstractSocket too: it meets it again on its own write and reports it
    // the usual way.
    qsizetype sent = 0;
    if (bytesToWrite() == 0 && state() == QAbstractSocket::ConnectedState) {
        const qintptr fd = socketDescriptor();
        while (fd >= 0 && sent < bytes.size()) {
            const ssize_t n = ::send(int(fd), bytes.constData() + sent, size_t(bytes.size() - sent),
                                     MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent += qsizetype(n);
            } else if (n < 0 && errno == EINTR) {
                continue;
            } else {
                break;
            }
        }
    }
    if (sent < bytes.size()) {
        write(sent == 0 ? bytes : bytes.mid(sent));
    }
}

void GuardedSocket::finishAnswer(bool close)
{
    m_answering = false;
    m_request = Request();
    if (close) {
        m_closing = true;
        disconnect(this, &QTcpSocket::readyRead, this, &GuardedSocket::readPending);
        closeWhenWritten();
        return;
    }
    if (m_dispatching || m_dispatchQueued) {
        return; // the dispatch loop goes on with the next request
    }
    // An answer that came later (a tool, the end of a stream): the next request, from the
    // event loop rather than from inside whoever answered.
    m_dispatchQueued = true;
    QMetaObject::invokeMethod(this, &GuardedSocket::readPending, Qt::QueuedConnection);
    armTimer();
}

void GuardedSocket::armTimer()
{
    if (m_closing || m_answering) {
        m_timer.stop();
    } else if (m_framer.inRequest()) {
        m_timer.start(m_limits.requestTimeoutMs);
    } else {
        m_timer.start(m_limits.idleTimeoutMs);
    }
}

void GuardedSocket::onTimeout()
{
    if (m_closing || m_answering) {
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

void GuardedSocket::shutdown()
{
    if (m_closing) {
        return;
    }
    if (m_streaming) {
        endStream(); // the last chunk: the client sees a complete answer
    } else if (m_answering) {
        respond(503, {{"Content-Type", "application/json"}},
                errorBody(503, "stopping", QStringLiteral("smollama is stopping")));
    }
    m_closing = true;
    m_timer.stop();
    disconnect(this, &QTcpSocket::readyRead, nullptr, nullptr);
    // The server goes away with its connections right after this: hand what is written to
    // the kernel now.
    flush();
    disconnectFromHost();
}

void GuardedSocket::rejectAndClose(int status, const QByteArray &code, const QString &message)
{
    if (m_closing) {
        return;
    }
    m_closing = true;
    // Nothing more is read from this connection.
    disconnect(this, &QTcpSocket::readyRead, this, &GuardedSocket::readPending);
    write(responseBytes(status, {{"Content-Type", "application/json"}, {"Connection", "close"}},
                        errorBody(status, code, message)));
    closeWhenWritten();
}

void GuardedSocket::closeWhenWritten()
{
    m_timer.stop();
    QTimer::singleShot(s_closeGraceMs, this, [this] {
        if (state() != QAbstractSocket::UnconnectedState) {
            abort();
        }
        deleteLater();
    });
    disconnectFromHost();
}

} // namespace Smollama::Http
