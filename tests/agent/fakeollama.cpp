// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakeollama.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    default:
        return "Internal Server Error";
    }
}

} // namespace

FakeResponse FakeResponse::lines(const QList<QByteArray> &lines)
{
    FakeResponse r;
    for (const QByteArray &l : lines) {
        r.pieces.append(l + '\n');
    }
    return r;
}

FakeResponse FakeResponse::error(int status, const QString &message)
{
    FakeResponse r;
    r.status = status;
    r.contentType = "application/json; charset=utf-8";
    r.pieces.append(compact({{QStringLiteral("error"), message}}));
    return r;
}

FakeResponse FakeResponse::json(const QJsonObject &object)
{
    FakeResponse r;
    r.contentType = "application/json; charset=utf-8";
    r.pieces.append(compact(object));
    return r;
}

namespace FakeChunks {

QByteArray text(const QString &content)
{
    return compact({{QStringLiteral("model"), QStringLiteral("llama3.2")},
                    {QStringLiteral("created_at"), QStringLiteral("2023-08-04T08:52:19.40Z")},
                    {QStringLiteral("message"),
                     QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                 {QStringLiteral("content"), content}}},
                    {QStringLiteral("done"), false}});
}

QByteArray done(const QJsonArray &toolCalls)
{
    QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                        {QStringLiteral("content"), QString()}};
    if (!toolCalls.isEmpty()) {
        message.insert(QStringLiteral("tool_calls"), toolCalls);
    }
    return compact({{QStringLiteral("model"), QStringLiteral("llama3.2")},
                    {QStringLiteral("created_at"), QStringLiteral("2023-08-04T19:22:45.499127Z")},
                    {QStringLiteral("message"), message},
                    {QStringLiteral("done"), true},
                    {QStringLiteral("done_reason"), QStringLiteral("stop")},
                    {QStringLiteral("total_duration"), qint64(4883583458)},
                    {QStringLiteral("eval_count"), 282}});
}

QByteArray toolCalls(const QJsonArray &calls)
{
    return compact({{QStringLiteral("model"), QStringLiteral("llama3.2")},
                    {QStringLiteral("created_at"), QStringLiteral("2025-07-07T20:22:19.184789Z")},
                    {QStringLiteral("message"),
                     QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                 {QStringLiteral("content"), QString()},
                                 {QStringLiteral("tool_calls"), calls}}},
                    {QStringLiteral("done"), false}});
}

QJsonObject call(const QString &name, const QJsonObject &arguments, const QString &id, int index)
{
    QJsonObject function{{QStringLiteral("name"), name}, {QStringLiteral("arguments"), arguments}};
    if (index >= 0) {
        function.insert(QStringLiteral("index"), index);
    }
    QJsonObject c{{QStringLiteral("function"), function}};
    if (!id.isEmpty()) {
        c.insert(QStringLiteral("id"), id);
    }
    return c;
}

} // namespace FakeChunks

FakeOllama::FakeOllama(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QObject::destroyed, this,
                    [this, socket] { m_buffers.remove(socket); });
        }
    });
    m_tags = QJsonObject{{QStringLiteral("models"), QJsonArray()}};
}

bool FakeOllama::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

quint16 FakeOllama::port() const
{
    return m_server.serverPort();
}

QString FakeOllama::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

void FakeOllama::enqueue(const FakeResponse &response)
{
    m_queue.enqueue(response);
}

void FakeOllama::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void FakeOllama::setTags(const QJsonObject &tags)
{
    m_tags = tags;
}

QList<FakeRequest> FakeOllama::chatRequests() const
{
    QList<FakeRequest> out;
    for (const FakeRequest &r : requests) {
        if (r.path == "/api/chat") {
            out.append(r);
        }
    }
    return out;
}

void FakeOllama::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        return;
    }
    const QList<QByteArray> headerLines = buffer.left(end).split('\n');
    qsizetype length = 0;
    for (const QByteArray &line : headerLines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length") {
            length = line.mid(colon + 1).trimmed().toLongLong();
        }
    }
    if (buffer.size() < end + 4 + length) {
        return;
    }
    const QList<QByteArray> requestLine = headerLines.value(0).trimmed().split(' ');
    FakeRequest request;
    request.method = requestLine.value(0);
    request.path = requestLine.value(1);
    request.body = QJsonDocument::fromJson(buffer.mid(end + 4, length)).object();
    buffer.clear();
    requests.append(request);
    respond(socket, request);
    Q_EMIT requestReceived();
}

void FakeOllama::respond(QTcpSocket *socket, const FakeRequest &request)
{
    FakeResponse response;
    if (request.path == "/api/chat") {
        if (!m_queue.isEmpty()) {
            response = m_queue.dequeue();
        } else if (m_handler) {
            response = m_handler(request);
        } else {
            response = FakeResponse::error(500, QStringLiteral("fake: no answer queued"));
        }
    } else if (request.path == "/api/tags") {
        response = FakeResponse::json(m_tags);
    } else if (request.path == "/api/show") {
        const QString model = request.body.value(QStringLiteral("model")).toString();
        response =
            shows.contains(model)
                ? FakeResponse::json(shows.value(model))
                : FakeResponse::error(404, QStringLiteral("model '%1' not found").arg(model));
    } else if (request.path == "/api/version") {
        response = FakeResponse::json({{QStringLiteral("version"), QStringLiteral("0.12.10")}});
    } else {
        response = FakeResponse::error(404, QStringLiteral("404 page not found"));
    }
    socket->write("HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                  reason(response.status) + "\r\nContent-Type: " + response.contentType +
                  "\r\nDate: Tue, 24 Nov 2026 10:00:00 GMT\r\nTransfer-Encoding: "
                  "chunked\r\nConnection: close\r\n\r\n");
    QPointer<QTcpSocket> guard(socket);
    int delay = 0;
    for (const QByteArray &piece : std::as_const(response.pieces)) {
        // Separate writes a few ms apart, so the client sees them in separate reads.
        QTimer::singleShot(delay, this, [guard, piece] {
            if (guard) {
                guard->write(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
                guard->flush();
            }
        });
        delay += 5;
    }
    if (!response.stall) {
        QTimer::singleShot(delay, this, [guard] {
            if (guard) {
                guard->write("0\r\n\r\n");
                guard->flush();
                guard->disconnectFromHost();
            }
        });
    }
}
