// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/nodeservices.h"

#include <QAbstractHttpServer>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <optional>

class QTcpSocket;

namespace Smollama {

class Reading;
struct PluginStatus;

namespace Http {
class GuardedServer;
class GuardedSocket;
} // namespace Http

/*!
    The HTTP API of a running smollama (docs/http-api.md): health, readings and their history,
    plugins, tools, the agent (NDJSON) and a Server-Sent Events stream of readings, plugin
    status changes and rule notifications. JSON objects are the CLI's (Reading::toJson(),
    PluginStatus::toJson()).

    Built on QtHttpServer 6.4's QAbstractHttpServer with its own routing (405 with Allow, JSON
    404) and a GuardedServer that enforces the limits QtHttpServer lacks (body and header size,
    request and idle timeouts, connection count). Runs in the thread it was created in; every
    handler returns at once (tools and the agent answer asynchronously).
*/
class HttpApi : public QAbstractHttpServer
{
    Q_OBJECT

public:
    /*! The http section of the configuration. */
    struct Settings
    {
        bool enabled = true;
        QString host = QStringLiteral("127.0.0.1");
        int port = 8080;
        bool publicRead = false;
        qint64 maxBodyBytes = 64 * 1024;
        int maxHeaderBytes = 16 * 1024;
        int requestTimeoutMs = 10000;
        int idleTimeoutMs = 30000;
        int maxConnections = 64;
        int maxEventClients = 16;
        int heartbeatMs = 15000;
        QStringList corsOrigins;
        static Settings fromConfig(const QJsonObject &http);
    };

    /*! What the API serves (null parts answer 503). */
    using Sources = NodeServices;

    HttpApi(const Sources &sources, const Settings &settings, QObject *parent = nullptr);
    ~HttpApi() override;

    /*! StatePaths::apiTokenFile() and StatePaths::instanceFile() unless set (tests). */
    void setTokenPath(const QString &path);
    void setInstanceFilePath(const QString &path);

    /*! Creates or reads the token and listens. A busy port or bad address is logged as a
        warning naming the http.* key and returns false; the process runs on without the API. */
    bool start();
    /*! Closes the streams and the listening socket and removes the instance file. */
    void stop();

    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    QByteArray token() const { return m_token; }
    int eventClientCount() const { return int(m_eventClients.size()); }

    /*! The JSON of GET /api/health. */
    QJsonObject health();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Reply;
    void route(const QHttpServerRequest &request, Reply &reply);
    void sendJson(Reply &reply, int status, const QJsonDocument &doc);
    void sendError(Reply &reply, int status, const QByteArray &code, const QString &message,
                   const QList<QPair<QByteArray, QByteArray>> &extra = {});
    void send(Reply &reply, int status, const QByteArray &contentType, const QByteArray &body,
              const QList<QPair<QByteArray, QByteArray>> &extra = {});
    bool authorized(const QHttpServerRequest &request) const;
    /*! True for a Host header that names this machine's loopback (localhost, 127.0.0.1, [::1],
        with or without a port), or no Host at all. */
    static bool isLoopbackHost(const QByteArray &hostHeader);
    std::optional<QJsonObject> jsonBody(const QHttpServerRequest &request, Reply &reply,
                                        bool allowEmpty);

    void getReadings(Reply &reply);
    void getHistory(const QHttpServerRequest &request, Reply &reply, const QString &source);
    void getPlugins(Reply &reply);
    void getTools(Reply &reply);
    void postTool(const QHttpServerRequest &request, Reply &reply, const QString &name);
    void postAsk(const QHttpServerRequest &request, Reply &reply);
    void getEvents(Reply &reply);

    void broadcast(const QByteArray &event, const QJsonObject &data);
    void onReadings(const QList<Reading> &readings);
    void refreshOllama();

    Sources m_sources;
    Settings m_settings;
    QString m_tokenPath;
    QString m_instancePath;
    QByteArray m_token;
    Http::GuardedServer *m_server = nullptr;
    QList<QPointer<Http::GuardedSocket>> m_eventClients;
    QTimer m_heartbeat;
    QElapsedTimer m_uptime;
    bool m_instanceFileWritten = false;

    struct OllamaState
    {
        std::optional<bool> reachable;
        QString version;
        QString error;
        qint64 checkedMs = 0;
        bool pending = false;
    };
    OllamaState m_ollama;

    struct ReadingsCache
    {
        QByteArray body;
        qint64 builtMs = 0;
        bool dirty = true;
    };
    ReadingsCache m_readingsCache;
};

} // namespace Smollama
