// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QQueue>
#include <QTcpServer>

#include <functional>

/*! One request the fake server received. */
struct FakeRequest
{
    QByteArray method;
    QByteArray path;
    QJsonObject body;
};

/*! One answer: NDJSON pieces written as separate HTTP chunks (a piece may end mid-line), or a
    JSON error with its status. */
struct FakeResponse
{
    int status = 200;
    QByteArray contentType = "application/x-ndjson";
    QList<QByteArray> pieces;
    bool stall = false; //!< keep the connection open after the pieces, never finish
    static FakeResponse lines(const QList<QByteArray> &lines);
    static FakeResponse error(int status, const QString &message);
    static FakeResponse json(const QJsonObject &object);
};

/*! The shapes of ollama-api.md's examples. */
namespace FakeChunks {
QByteArray text(const QString &content);
QByteArray done(const QJsonArray &toolCalls = QJsonArray());
QByteArray toolCalls(const QJsonArray &calls);
QJsonObject call(const QString &name, const QJsonObject &arguments, const QString &id = QString(),
                 int index = -1);
} // namespace FakeChunks

/*! A fake Ollama on 127.0.0.1:<free port>, answering /api/chat from a queue (or a handler)
    with real-looking HTTP/1.1 chunked responses. */
class FakeOllama : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<FakeResponse(const FakeRequest &request)>;

    explicit FakeOllama(QObject *parent = nullptr);
    bool listen();
    quint16 port() const;
    QString url() const;

    /*! /api/chat answers, served in order; when empty, the handler (or a 500) answers. */
    void enqueue(const FakeResponse &response);
    void setHandler(Handler handler);
    /*! What GET /api/tags returns. */
    void setTags(const QJsonObject &tags);
    /*! What POST /api/show returns per model; unknown models get 404. */
    QHash<QString, QJsonObject> shows;

    QList<FakeRequest> requests;
    QList<FakeRequest> chatRequests() const;

Q_SIGNALS:
    void requestReceived();

private:
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const FakeRequest &request);

    QTcpServer m_server;
    QQueue<FakeResponse> m_queue;
    Handler m_handler;
    QJsonObject m_tags;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
Q_DECLARE_METATYPE(FakeResponse)
