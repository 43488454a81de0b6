// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/pluginstatus.h"
#include "runtime/nodeservices.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

namespace Smollama {

class Reading;

namespace Http {
class AgentRoute;
class EventStream;
class GuardedServer;
class GuardedSocket;
class ReadingRoutes;
class Reply;
class Request;
class PluginRoutes;
class ToolRoutes;
} // namespace Http

/*!
    The HTTP API of a running smollama (docs/http-api.md): health, readings and their history,
    plugins, tools, the agent (NDJSON) and a Server-Sent Events stream of readings, plugin
    status changes and rule notifications. JSON objects are the CLI's (Reading::toJson(),
    PluginStatus::toJson()).

    HTTP/1.1 and 1.0 are spoken by Http::GuardedServer and its GuardedSockets (the request
    parser, limits, timeouts, pipelining, HEAD, keep-alive); this class routes each request
    (405 with Allow, JSON 404), checks the token and the CORS origin, and hands the request to
    its route: ReadingRoutes, PluginRoutes, ToolRoutes, AgentRoute, EventStream. Runs in the thread
   it was created in; every handler returns at once (tools and the agent answer asynchronously).
*/
class HttpApi : public QObject
{
    Q_OBJECT

public:
    /*! The http section of the configuration. Its values come only from fromConfig(): the
        defaults and bounds are the schema's (core/src/schemas/config.schema.json, http). */
    struct Settings
    {
        bool enabled = false;
        QString host;
        int port = 0;
        bool publicRead = false;
        qint64 maxBodyBytes = 0;
        int maxHeaderBytes = 0;
        int requestTimeoutMs = 0;
        int idleTimeoutMs = 0;
        int maxConnections = 0;
        int maxEventClients = 0;
        int heartbeatMs = 0;
        int eventReplaySize = 0;
        QStringList corsOrigins;
        /*! \a http: the section of a loaded Config (Config::section("http")): validated, with
            the schema's defaults filled in. */
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
    /*! Ends the open streams properly (their last chunk is sent), closes the connections and
        the listening socket and removes the instance file. */
    void stop();

    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    /*! Where the API is reached: "http://<address>:<port>" with the listening address, or,
        listening on every interface (0.0.0.0, ::), with this machine's first LAN address
        (127.0.0.1 when it has none). Empty when not listening. */
    QString url() const;
    QByteArray token() const { return m_token; }
    int eventClientCount() const;

    /*! The JSON of GET /api/health. */
    QJsonObject health();

private:
    /*! What GET /api/health shows that changes while smollama runs. */
    struct HealthInputs
    {
        qint64 uptimeS = 0;
        QMap<PluginState, int> plugins;
        int sources = 0;
        int eventClients = 0;
        qint64 ollamaCheckedMs = 0;
        QJsonObject memory; //!< the memory watch's figures (a few numbers)
        QString memoryWarning;
        bool operator==(const HealthInputs &o) const
        {
            return uptimeS == o.uptimeS && sources == o.sources && eventClients == o.eventClients &&
                   ollamaCheckedMs == o.ollamaCheckedMs && plugins == o.plugins &&
                   memory == o.memory && memoryWarning == o.memoryWarning;
        }
    };
    HealthInputs healthInputs();
    QJsonObject health(const HealthInputs &inputs) const;
    /*! The body of GET /api/health, built again only when its inputs changed. */
    QByteArray healthBody();

    void handleRequest(const Http::Request &request, Http::GuardedSocket *socket);
    bool authorized(const Http::Request &request) const;
    /*! True for a Host header that names this machine's loopback (localhost, 127.0.0.1, [::1],
        with or without a port), or no Host at all. */
    static bool isLoopbackHost(const QByteArray &hostHeader);

    void onReadings(const QList<Reading> &readings);
    void refreshOllama();

    Sources m_sources;
    Settings m_settings;
    QString m_tokenPath;
    QString m_instancePath;
    QByteArray m_token;
    Http::GuardedServer *m_server = nullptr;
    std::unique_ptr<Http::EventStream> m_events;
    std::unique_ptr<Http::ReadingRoutes> m_readingRoutes;
    std::unique_ptr<Http::ToolRoutes> m_toolRoutes;
    std::unique_ptr<Http::PluginRoutes> m_pluginRoutes;
    std::unique_ptr<Http::AgentRoute> m_agentRoute;
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
    struct HealthCache
    {
        HealthInputs inputs;
        QByteArray body;
    };
    HealthCache m_health;
};

} // namespace Smollama
