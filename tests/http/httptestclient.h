// SPDX-License-Identifier: GPL-3.0-or-later
// A raw HTTP/1.1 client for tests whose server runs in the same thread: it waits by running
// the event loop, never by blocking, and reads exactly what the server sent.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QMap>
#include <QTcpSocket>

#include <memory>

struct HttpTestResponse
{
    int status = 0;                       //!< 0: no complete response (closed or timed out)
    QMap<QByteArray, QByteArray> headers; //!< names in lower case
    QByteArray body;                      //!< chunked bodies decoded
    bool closed = false;                  //!< the server closed the connection
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QByteArray describe() const
    {
        return "status " + QByteArray::number(status) + ", body: " + body.left(400);
    }
};

class HttpTestClient
{
public:
    explicit HttpTestClient(quint16 port)
        : m_socket(std::make_unique<QTcpSocket>())
    {
        m_socket->connectToHost(QStringLiteral("127.0.0.1"), port);
        QObject::connect(m_socket.get(), &QTcpSocket::readyRead, m_socket.get(),
                         [this] { m_buffer += m_socket->readAll(); });
        QObject::connect(m_socket.get(), &QTcpSocket::disconnected, m_socket.get(),
                         [this] { m_closed = true; });
        waitFor([this] { return m_socket->state() == QAbstractSocket::ConnectedState; }, 3000);
    }

    bool isConnected() const { return m_socket->state() == QAbstractSocket::ConnectedState; }
    bool isClosed() const
    {
        return m_closed || m_socket->state() == QAbstractSocket::UnconnectedState;
    }
    QTcpSocket *socket() const { return m_socket.get(); }
    QByteArray &buffer() { return m_buffer; }

    void send(const QByteArray &bytes)
    {
        m_socket->write(bytes);
        m_socket->flush();
    }

    /*! Sends a request with Content-Length (when a body is given) and waits for its answer
        (for HEAD: the head alone). */
    HttpTestResponse request(const QByteArray &method, const QByteArray &path,
                             const QByteArray &body = QByteArray(),
                             const QList<QPair<QByteArray, QByteArray>> &headers = {},
                             int timeoutMs = 5000)
    {
        QByteArray out = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (const auto &h : headers) {
            out += h.first + ": " + h.second + "\r\n";
        }
        if (!body.isEmpty() || method == "POST") {
            out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        }
        out += "\r\n" + body;
        send(out);
        return response(timeoutMs, method == "HEAD");
    }

    /*! Waits for one whole response (Content-Length, chunked, or until close); the answer to
        a HEAD request (\a head) has no body whatever its headers say. */
    HttpTestResponse response(int timeoutMs = 5000, bool head = false)
    {
        HttpTestResponse r;
        waitFor([&] { return parse(r, false, head); }, timeoutMs);
        if (r.status == 0 && isClosed()) {
            parse(r, true, head);
        }
        r.closed = isClosed();
        return r;
    }

    /*! Runs the event loop until \a done or the time is up. */
    template<typename F>
    static bool waitFor(F done, int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!done()) {
            if (deadline.hasExpired()) {
                return false;
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        }
        return true;
    }

    /*! Reads the stream so far: true when \a needle has arrived. */
    bool waitForText(const QByteArray &needle, int timeoutMs)
    {
        return waitFor([&] { return m_buffer.contains(needle); }, timeoutMs);
    }

private:
    // Parses one response from the front of the buffer; consumes it when complete.
    bool parse(HttpTestResponse &r, bool atClose, bool head)
    {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        QMap<QByteArray, QByteArray> headers;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0) {
                headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                               lines.at(i).mid(colon + 1).trimmed());
            }
        }
        const QByteArray rest = m_buffer.mid(headEnd + 4);
        QByteArray body;
        qsizetype used = 0;
        const int status = statusLine.value(1).toInt();
        if (head || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            // No body, whatever the headers say.
        } else if (headers.contains("content-length")) {
            const qsizetype length = headers.value("content-length").toLongLong();
            if (rest.size() < length) {
                return false;
            }
            body = rest.left(length);
            used = length;
        } else if (headers.value("transfer-encoding").toLower() == "chunked") {
            qsizetype pos = 0;
            while (true) {
                const qsizetype nl = rest.indexOf("\r\n", pos);
                if (nl < 0) {
                    if (!atClose) {
                        return false;
                    }
                    break;
                }
                bool ok = false;
                const qsizetype size = rest.mid(pos, nl - pos).toLongLong(&ok, 16);
                if (!ok) {
                    return false;
                }
                if (size == 0) {
                    used = nl + 4;
                    break;
                }
                if (rest.size() < nl + 2 + size + 2) {
                    if (!atClose) {
                        return false;
                    }
                    break;
                }
                body += rest.mid(nl + 2, size);
                pos = nl + 2 + size + 2;
            }
            if (used == 0 && !atClose) {
                return false;
            }
        } else {
            if (!atClose) {
                return false;
            }
            body = rest;
            used = rest.size();
        }
        r.status = statusLine.value(1).toInt();
        r.headers = headers;
        r.body = body;
        m_buffer.remove(0, headEnd + 4 + used);
        return true;
    }

    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
    bool m_closed = false;
};
