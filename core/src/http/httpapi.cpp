// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpapi.h"

#include "agent/agent.h"
#include "agent/ollamaclient.h"
#include "agent/ruleengine.h"
#include "guardedserver.h"
#include "history/readinghistory.h"
#include "http/apitoken.h"
#include "http/instancefile.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "tools/toolregistry.h"
#include "util/didyoumean.h"
#include "util/statepaths.h"

#include <smollama/version.h>

#include <QCoreApplication>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMap>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

#include <cmath>

Q_LOGGING_CATEGORY(lcHttp, "smollama.http")

namespace Smollama {

using Http::GuardedSocket;

namespace {

// An event-stream client that lets this much pile up unread is dropped.
constexpr qint64 s_maxEventBacklog = 1024 * 1024;
// How long GET /api/readings may serve the same JSON when no reading arrived meanwhile.
constexpr qint64 s_readingsCacheMs = 1000;
// How long a health answer may reuse the last Ollama check.
constexpr qint64 s_ollamaCheckMs = 30 * 1000;

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

int intSetting(const QJsonObject &o, const char *key, int fallback, int min, int max)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble()) {
        return fallback;
    }
    return qBound(min, int(v.toDouble()), max);
}

} // namespace

struct HttpApi::Reply
{
    QPointer<QTcpSocket> socket;
    bool close = false;
    QByteArray allowOrigin;
    bool sent = false;
};

HttpApi::Settings HttpApi::Settings::fromConfig(const QJsonObject &http)
{
    Settings s;
    s.enabled = http.value(QStringLiteral("enabled")).toBool(true);
    s.host = http.value(QStringLiteral("host")).toString(s.host);
    s.port = intSetting(http, "port", s.port, 0, 65535);
    s.publicRead = http.value(QStringLiteral("public_read")).toBool(false);
    s.maxBodyBytes = intSetting(http, "max_body_bytes", int(s.maxBodyBytes), 0, 64 << 20);
    s.maxHeaderBytes = intSetting(http, "max_header_bytes", s.maxHeaderBytes, 1024, 1 << 20);
    const QJsonValue request = http.value(QStringLiteral("request_timeout_seconds"));
    if (request.isDouble()) {
        s.requestTimeoutMs = qMax(100, int(request.toDouble() * 1000));
    }
    const QJsonValue idle = http.value(QStringLiteral("idle_timeout_seconds"));
    if (idle.isDouble()) {
        s.idleTimeoutMs = qMax(100, int(idle.toDouble() * 1000));
    }
    const QJsonValue heartbeat = http.value(QStringLiteral("heartbeat_seconds"));
    if (heartbeat.isDouble()) {
        s.heartbeatMs = qMax(100, int(heartbeat.toDouble() * 1000));
    }
    s.maxConnections = intSetting(http, "max_connections", s.maxConnections, 1, 100000);
    s.maxEventClients = intSetting(http, "max_event_clients", s.maxEventClients, 0, 10000);
    for (const QJsonValue &v : http.value(QStringLiteral("cors_origins")).toArray()) {
        if (!v.toString().isEmpty()) {
            s.corsOrigins.append(v.toString());
        }
    }
    return s;
}

HttpApi::HttpApi(const Sources &sources, const Settings &settings, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_sources(sources)
    , m_settings(settings)
    , m_tokenPath(StatePaths::apiTokenFile())
    , m_instancePath(StatePaths::instanceFile())
{
    m_uptime.start();
    m_heartbeat.setInterval(m_settings.heartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, [this] {
        const QByteArray frame = Http::chunk(QByteArrayLiteral(": heartbeat\n\n"));
        for (const QPointer<GuardedSocket> &client : std::as_const(m_eventClients)) {
            if (client) {
                client->write(frame);
            }
        }
    });
}

HttpApi::~HttpApi()
{
    stop();
}

void HttpApi::setTokenPath(const QString &path)
{
    m_tokenPath = path;
}

void HttpApi::setInstanceFilePath(const QString &path)
{
    m_instancePath = path;
}

bool HttpApi::start()
{
    if (m_server) {
        return true;
    }
    QString error;
    bool created = false;
    m_token = ApiToken::loadOrCreate(m_tokenPath, &error, &created);
    if (m_token.isEmpty()) {
        qCWarning(lcHttp, "HTTP API: %s; tools and the agent cannot be used over HTTP",
                  qPrintable(error));
    } else {
        qCInfo(lcHttp, "HTTP API token: %s%s", qPrintable(m_tokenPath),
               created ? " (created)" : "");
    }

    QHostAddress address;
    const QString host = m_settings.host.trimmed();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        address = QHostAddress::LocalHost;
    } else if (!address.setAddress(host)) {
        qCWarning(lcHttp,
                  "HTTP API not started: http.host '%s' is not an IP address (use 127.0.0.1, "
                  "0.0.0.0 or this machine's address)",
                  qPrintable(host));
        return false;
    }
    Http::GuardedSocket::Limits limits;
    limits.framer.maxBodyBytes = m_settings.maxBodyBytes;
    limits.framer.maxHeaderBytes = m_settings.maxHeaderBytes;
    limits.requestTimeoutMs = m_settings.requestTimeoutMs;
    limits.idleTimeoutMs = m_settings.idleTimeoutMs;
    auto *server = new Http::GuardedServer(limits, m_settings.maxConnections, this);
    if (!server->listen(address, quint16(m_settings.port))) {
        qCWarning(lcHttp,
                  "HTTP API not started: cannot listen on %s:%d (%s). Set http.port to a free "
                  "port (0 picks one) or http.enabled: false; smollama runs on without the API",
                  qPrintable(host), m_settings.port, qPrintable(server->errorString()));
        delete server;
        return false;
    }
    m_server = server;
    bind(server);

    InstanceFile::Info info;
    info.pid = QCoreApplication::applicationPid();
    info.host = host;
    info.port = server->serverPort();
    if (InstanceFile::write(m_instancePath, info, &error)) {
        m_instanceFileWritten = true;
    } else {
        qCWarning(lcHttp,
                  "HTTP API: cannot write %s (%s); smollama-cli finds the API only at "
                  "the configured address",
                  qPrintable(m_instancePath), qPrintable(error));
    }
    const bool loopback = address.isLoopback();
    qCInfo(lcHttp, "HTTP API on %s (port %d)%s", qPrintable(info.url().toString()), int(info.port),
           loopback ? ""
                    : (m_settings.publicRead ? ", reads open to the network (http.public_read)"
                                             : ", token needed from other hosts"));

    if (m_sources.bus) {
        m_sources.bus->subscribe(this, [this](const QList<Reading> &batch) { onReadings(batch); });
    }
    if (m_sources.plugins) {
        connect(
            m_sources.plugins, &PluginManager::statusChanged, this,
            [this](const PluginStatus &status) { broadcast("plugin_status", status.toJson()); });
    }
    if (m_sources.rules) {
        connect(m_sources.rules, &RuleEngine::notification, this,
                [this](const QString &rule, const QString &text, const QJsonObject &event) {
                    QJsonObject data = event;
                    data.insert(QStringLiteral("rule"), rule);
                    data.insert(QStringLiteral("text"), text);
                    broadcast("notification", data);
                });
    }
    m_heartbeat.start();
    refreshOllama();
    return true;
}

void HttpApi::stop()
{
    m_heartbeat.stop();
    if (m_sources.bus) {
        m_sources.bus->unsubscribe(this);
    }
    if (m_sources.plugins) {
        disconnect(m_sources.plugins, nullptr, this, nullptr);
    }
    if (m_sources.rules) {
        disconnect(m_sources.rules, nullptr, this, nullptr);
    }
    for (const QPointer<GuardedSocket> &client : std::as_const(m_eventClients)) {
        if (client) {
            client->write(Http::chunk(QByteArray()));
            client->disconnectFromHost();
        }
    }
    m_eventClients.clear();
    if (m_server) {
        m_server->close();
        // The connections (children of the server) go with it: pending tool answers and agent
        // streams are dropped.
        delete m_server;
        m_server = nullptr;
    }
    if (m_instanceFileWritten) {
        InstanceFile::remove(m_instancePath, QCoreApplication::applicationPid());
        m_instanceFileWritten = false;
    }
}

bool HttpApi::isListening() const
{
    return m_server && m_server->isListening();
}

quint16 HttpApi::serverPort() const
{
    return m_server ? m_server->serverPort() : 0;
}

QHostAddress HttpApi::serverAddress() const
{
    return m_server ? m_server->serverAddress() : QHostAddress();
}

void HttpApi::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers everything; kept for QAbstractHttpServer's contract.
    Reply reply;
    reply.socket = socket;
    sendError(reply, 404, "not_found",
              QStringLiteral("no such endpoint: %1").arg(request.url().path()));
}

bool HttpApi::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Reply reply;
    reply.socket = socket;
    const auto *guard = GuardedSocket::of(socket);
    reply.close = request.value("connection").compare("close", Qt::CaseInsensitive) == 0 ||
                  (guard && guard->closeAfterResponse());
    const QByteArray origin = request.value("origin");
    if (!origin.isEmpty() && (m_settings.corsOrigins.contains(QString::fromUtf8(origin)) ||
                              m_settings.corsOrigins.contains(QStringLiteral("*")))) {
        reply.allowOrigin = origin;
    }
    route(request, reply);
    return true;
}

void HttpApi::route(const QHttpServerRequest &request, Reply &reply)
{
    const QStringList raw =
        request.url().path(QUrl::FullyEncoded).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList seg;
    for (const QString &s : raw) {
        seg.append(QUrl::fromPercentEncoding(s.toUtf8()));
    }
    const QByteArray method = methodName(request.method());

    enum class R { None, Health, Readings, History, Plugins, Tools, Tool, Ask, Events };
    R r = R::None;
    QByteArray allow = "GET";
    if (seg.value(0) == QLatin1String("api")) {
        const QString a = seg.value(1);
        const int n = int(seg.size());
        if (n == 2 && a == QLatin1String("health")) {
            r = R::Health;
        } else if (n == 2 && a == QLatin1String("readings")) {
            r = R::Readings;
        } else if (n == 4 && a == QLatin1String("readings") &&
                   seg.at(3) == QLatin1String("history")) {
            r = R::History;
        } else if (n == 2 && a == QLatin1String("plugins")) {
            r = R::Plugins;
        } else if (n == 2 && a == QLatin1String("tools")) {
            r = R::Tools;
        } else if (n == 3 && a == QLatin1String("tools")) {
            r = R::Tool;
            allow = "POST";
        } else if (n == 3 && a == QLatin1String("agent") && seg.at(2) == QLatin1String("ask")) {
            r = R::Ask;
            allow = "POST";
        } else if (n == 2 && a == QLatin1String("events")) {
            r = R::Events;
        }
    }
    if (r == R::None) {
        sendError(reply, 404, "not_found",
                  QStringLiteral("no such endpoint: %1 (see docs/http-api.md; the endpoints "
                                 "are under /api/)")
                      .arg(request.url().path()));
        return;
    }
    if (method == "OPTIONS" && !reply.allowOrigin.isEmpty()) {
        // CORS preflight for a configured origin.
        send(reply, 204, QByteArray(), QByteArray(),
             {{"Access-Control-Allow-Methods", allow + ", OPTIONS"},
              {"Access-Control-Allow-Headers", "Authorization, Content-Type"},
              {"Access-Control-Max-Age", "600"}});
        return;
    }
    if (method != allow) {
        sendError(
            reply, 405, "method_not_allowed",
            QStringLiteral("%1 %2 is not supported; use %3")
                .arg(QString::fromLatin1(method), request.url().path(), QString::fromLatin1(allow)),
            {{"Allow", allow}});
        return;
    }
    const bool write = allow == "POST";
    // Token-free reads from this machine name it as this machine: a web page that points its
    // own domain at 127.0.0.1 (DNS rebinding) sends its domain as Host and needs the token.
    const bool open = !write && (m_settings.publicRead || (request.remoteAddress().isLoopback() &&
                                                           isLoopbackHost(request.value("host"))));
    if (!open && !authorized(request)) {
        sendError(reply, 401, "unauthorized",
                  m_token.isEmpty()
                      ? QStringLiteral("this endpoint needs the API token, and smollama has none "
                                       "(see its log)")
                      : QStringLiteral("this endpoint needs \"Authorization: Bearer <token>\"; "
                                       "the token is in %1 on the smollama machine")
                            .arg(m_tokenPath),
                  {{"WWW-Authenticate", "Bearer"}});
        return;
    }
    switch (r) {
    case R::Health:
        sendJson(reply, 200, QJsonDocument(health()));
        break;
    case R::Readings:
        getReadings(reply);
        break;
    case R::History:
        getHistory(request, reply, seg.at(2));
        break;
    case R::Plugins:
        getPlugins(reply);
        break;
    case R::Tools:
        getTools(reply);
        break;
    case R::Tool:
        postTool(request, reply, seg.at(2));
        break;
    case R::Ask:
        postAsk(request, reply);
        break;
    case R::Events:
        getEvents(reply);
        break;
    case R::None:
        break;
    }
}

bool HttpApi::isLoopbackHost(const QByteArray &hostHeader)
{
    QByteArray host = hostHeader.trimmed().toLower();
    if (host.startsWith('[')) { // [::1]:8080
        host = host.mid(1, host.indexOf(']') - 1);
    } else if (host.count(':') == 1) { // 127.0.0.1:8080, localhost:8080
        host = host.left(host.indexOf(':'));
    }
    if (host.isEmpty() || host == "localhost" || host.endsWith(".localhost")) {
        return true; // HTTP/1.0 without Host; RFC 6761 loopback names
    }
    const QHostAddress address(QString::fromLatin1(host));
    return !address.isNull() && address.isLoopback();
}

bool HttpApi::authorized(const QHttpServerRequest &request) const
{
    const QByteArray header = request.value("authorization");
    static const QByteArray prefix = QByteArrayLiteral("bearer ");
    if (m_token.isEmpty() || header.size() <= prefix.size() ||
        header.left(prefix.size()).toLower() != prefix) {
        return false;
    }
    return ApiToken::equals(header.mid(prefix.size()).trimmed(), m_token);
}

void HttpApi::send(Reply &reply, int status, const QByteArray &contentType, const QByteArray &body,
                   const QList<QPair<QByteArray, QByteArray>> &extra)
{
    if (reply.sent || !reply.socket) {
        return;
    }
    reply.sent = true;
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!contentType.isEmpty()) {
        headers.append(qMakePair(QByteArray("Content-Type"), contentType));
    }
    headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    if (!reply.allowOrigin.isEmpty()) {
        headers.append(qMakePair(QByteArray("Access-Control-Allow-Origin"), reply.allowOrigin));
        headers.append(qMakePair(QByteArray("Vary"), QByteArray("Origin")));
    }
    headers += extra;
    if (reply.close) {
        headers.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
    }
    reply.socket->write(Http::responseBytes(status, headers, body));
    if (reply.close) {
        reply.socket->disconnectFromHost();
    }
}

void HttpApi::sendJson(Reply &reply, int status, const QJsonDocument &doc)
{
    send(reply, status, "application/json", doc.toJson(QJsonDocument::Compact) + '\n');
}

void HttpApi::sendError(Reply &reply, int status, const QByteArray &code, const QString &message,
                        const QList<QPair<QByteArray, QByteArray>> &extra)
{
    send(reply, status, "application/json", Http::errorBody(status, code, message), extra);
}

std::optional<QJsonObject> HttpApi::jsonBody(const QHttpServerRequest &request, Reply &reply,
                                             bool allowEmpty)
{
    const QByteArray body = request.body();
    if (body.trimmed().isEmpty()) {
        if (allowEmpty) {
            return QJsonObject();
        }
        sendError(reply, 400, "bad_request",
                  QStringLiteral("the request needs a JSON object as its body"));
        return std::nullopt;
    }
    const QByteArray type = request.value("content-type").trimmed().toLower();
    if (!type.startsWith("application/json")) {
        sendError(reply, 415, "unsupported_media_type",
                  QStringLiteral("the body must be JSON with \"Content-Type: application/json\" "
                                 "(got '%1')")
                      .arg(QString::fromUtf8(type.isEmpty() ? QByteArray("none") : type.left(80))));
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        sendError(reply, 400, "invalid_json",
                  QStringLiteral("the body is not valid JSON: %1 at offset %2")
                      .arg(error.errorString())
                      .arg(error.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        sendError(reply, 400, "invalid_json",
                  QStringLiteral("the body must be a JSON object ({...}), not %1")
                      .arg(doc.isArray() ? QStringLiteral("an array") : QStringLiteral("a value")));
        return std::nullopt;
    }
    return doc.object();
}

QJsonObject HttpApi::health()
{
    QMap<QString, int> counts;
    bool problems = false;
    if (m_sources.plugins) {
        for (const PluginStatus &s : m_sources.plugins->statuses()) {
            counts[PluginStatus::stateName(s.state)] += 1;
            problems = problems || (PluginStatus::isProblem(s.state) &&
                                    s.state != PluginState::MissingDependencies);
        }
    }
    QJsonObject plugins;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        plugins.insert(it.key(), it.value());
    }
    const QString &safeMode = m_sources.safeModeReason;

    if (QDateTime::currentMSecsSinceEpoch() - m_ollama.checkedMs > s_ollamaCheckMs) {
        refreshOllama();
    }
    QJsonObject ollama;
    ollama.insert(QStringLiteral("reachable"),
                  m_ollama.reachable ? QJsonValue(*m_ollama.reachable) : QJsonValue());
    if (m_sources.ollama) {
        ollama.insert(QStringLiteral("model"), m_sources.ollama->settings().model);
        ollama.insert(QStringLiteral("url"), m_sources.ollama->settings().baseUrlText());
    }
    if (!m_ollama.version.isEmpty()) {
        ollama.insert(QStringLiteral("version"), m_ollama.version);
    }
    if (!m_ollama.error.isEmpty()) {
        ollama.insert(QStringLiteral("error"), m_ollama.error);
    }
    if (m_ollama.checkedMs > 0) {
        ollama.insert(QStringLiteral("checked_at"), isoTime(m_ollama.checkedMs));
    }

    return QJsonObject{
        {QStringLiteral("status"),
         safeMode.isEmpty() && !problems ? QStringLiteral("ok") : QStringLiteral("degraded")},
        {QStringLiteral("version"), QStringLiteral(SMOLLAMA_VERSION_STRING)},
        {QStringLiteral("node"), m_sources.nodeName},
        {QStringLiteral("pid"), QCoreApplication::applicationPid()},
        {QStringLiteral("uptime_s"), qint64(m_uptime.elapsed() / 1000)},
        {QStringLiteral("plugins"), plugins},
        {QStringLiteral("safe_mode"), QJsonObject{{QStringLiteral("on"), !safeMode.isEmpty()},
                                                  {QStringLiteral("reason"), safeMode}}},
        {QStringLiteral("ollama"), ollama},
        {QStringLiteral("sources"),
         m_sources.readings ? int(m_sources.readings->latest().size()) : 0},
        {QStringLiteral("event_clients"), eventClientCount()},
    };
}

void HttpApi::refreshOllama()
{
    if (!m_sources.ollama || m_ollama.pending) {
        return;
    }
    m_ollama.pending = true;
    m_sources.ollama->version(this, [this](const QJsonObject &answer, const QString &error) {
        m_ollama.pending = false;
        m_ollama.checkedMs = QDateTime::currentMSecsSinceEpoch();
        m_ollama.reachable = error.isEmpty();
        m_ollama.error = error;
        m_ollama.version = answer.value(QStringLiteral("version")).toString();
    });
}

void HttpApi::getReadings(Reply &reply)
{
    if (!m_sources.readings) {
        sendError(reply, 503, "unavailable", QStringLiteral("readings are not available"));
        return;
    }
    // Building the JSON of every source costs far more than serving it: it is kept until a
    // reading arrives on the bus, and at most s_readingsCacheMs (stale marks depend on time).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_readingsCache.dirty || now - m_readingsCache.builtMs > s_readingsCacheMs ||
        now < m_readingsCache.builtMs) {
        QJsonArray array;
        for (const Reading &r : m_sources.readings->latest()) {
            array.append(r.toJson());
        }
        m_readingsCache.body = QJsonDocument(array).toJson(QJsonDocument::Compact) + '\n';
        m_readingsCache.builtMs = now;
        m_readingsCache.dirty = false;
    }
    send(reply, 200, "application/json", m_readingsCache.body);
}

void HttpApi::getHistory(const QHttpServerRequest &request, Reply &reply, const QString &source)
{
    if (!m_sources.history) {
        sendError(reply, 503, "unavailable", QStringLiteral("the history is not available"));
        return;
    }
    const QUrlQuery query = request.query();
    double minutes = 60;
    if (query.hasQueryItem(QStringLiteral("minutes"))) {
        bool ok = false;
        minutes = query.queryItemValue(QStringLiteral("minutes")).toDouble(&ok);
        if (!ok || !(minutes >= 1 && minutes <= 1440)) {
            sendError(reply, 400, "bad_request",
                      QStringLiteral("minutes must be a number from 1 to 1440 (got '%1')")
                          .arg(query.queryItemValue(QStringLiteral("minutes")).left(40)));
            return;
        }
    }
    int maxPoints = 0;
    if (query.hasQueryItem(QStringLiteral("max_points"))) {
        bool ok = false;
        maxPoints = query.queryItemValue(QStringLiteral("max_points")).toInt(&ok);
        if (!ok || maxPoints < 1 || maxPoints > 100000) {
            sendError(reply, 400, "bad_request",
                      QStringLiteral("max_points must be a whole number from 1 to 100000"));
            return;
        }
    }
    QStringList known = m_sources.history->sources();
    if (m_sources.readings) {
        for (const Reading &r : m_sources.readings->latest()) {
            if (!known.contains(r.source())) {
                known.append(r.source());
            }
        }
    }
    if (!known.contains(source)) {
        sendError(reply, 404, "unknown_source",
                  QStringLiteral("no source '%1'%2; GET /api/readings lists them")
                      .arg(source, didYouMeanSuffix(source, known)));
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = now - qint64(minutes * 60000.0);
    const HistorySummary s = m_sources.history->summary(source, from, now);
    QJsonArray points;
    for (const HistoryPoint &p : m_sources.history->points(source, from, now, maxPoints)) {
        points.append(QJsonObject{{QStringLiteral("t"), isoTime(p.timestampMs)},
                                  {QStringLiteral("value"), number(p.value)},
                                  {QStringLiteral("min"), number(p.min)},
                                  {QStringLiteral("max"), number(p.max)}});
    }
    QJsonObject out{{QStringLiteral("source"), source},
                    {QStringLiteral("unit"), m_sources.history->unit(source)},
                    {QStringLiteral("minutes"), minutes},
                    {QStringLiteral("from"), isoTime(from)},
                    {QStringLiteral("to"), isoTime(now)},
                    {QStringLiteral("count"), s.count},
                    {QStringLiteral("min"), number(s.min)},
                    {QStringLiteral("max"), number(s.max)},
                    {QStringLiteral("avg"), number(s.avg)},
                    {QStringLiteral("last"), number(s.last)},
                    {QStringLiteral("points"), points}};
    if (const auto err = m_sources.history->lastError(source)) {
        out.insert(QStringLiteral("last_error"),
                   QJsonObject{{QStringLiteral("t"), isoTime(err->timestampMs)},
                               {QStringLiteral("message"), err->message}});
    }
    sendJson(reply, 200, QJsonDocument(out));
}

void HttpApi::getPlugins(Reply &reply)
{
    if (!m_sources.plugins) {
        sendError(reply, 503, "unavailable", QStringLiteral("plugins are not available"));
        return;
    }
    QJsonArray array;
    for (const PluginStatus &s : m_sources.plugins->statuses()) {
        array.append(s.toJson());
    }
    sendJson(reply, 200, QJsonDocument(array));
}

void HttpApi::getTools(Reply &reply)
{
    if (!m_sources.tools) {
        sendError(reply, 503, "unavailable", QStringLiteral("tools are not available yet"));
        return;
    }
    QJsonArray array;
    for (const QJsonValue &v : m_sources.tools->ollamaTools()) {
        const QJsonObject f = v.toObject().value(QStringLiteral("function")).toObject();
        const QString name = f.value(QStringLiteral("name")).toString();
        array.append(
            QJsonObject{{QStringLiteral("name"), name},
                        {QStringLiteral("description"), f.value(QStringLiteral("description"))},
                        {QStringLiteral("parameters"), f.value(QStringLiteral("parameters"))},
                        {QStringLiteral("owner"), m_sources.tools->owner(name)}});
    }
    sendJson(reply, 200, QJsonDocument(array));
}

void HttpApi::postTool(const QHttpServerRequest &request, Reply &reply, const QString &name)
{
    if (!m_sources.tools) {
        sendError(reply, 503, "unavailable", QStringLiteral("tools are not available yet"));
        return;
    }
    if (!m_sources.tools->contains(name)) {
        sendError(reply, 404, "unknown_tool",
                  QStringLiteral("no tool '%1'%2; GET /api/tools lists them")
                      .arg(name, didYouMeanSuffix(name, m_sources.tools->names())));
        return;
    }
    const std::optional<QJsonObject> arguments = jsonBody(request, reply, true);
    if (!arguments) {
        return;
    }
    const QString invalid = m_sources.tools->validate(name, *arguments);
    if (!invalid.isEmpty()) {
        sendError(reply, 400, "invalid_arguments", invalid);
        return;
    }
    auto *guard = GuardedSocket::of(reply.socket);
    if (guard) {
        guard->hold(true);
    }
    // The tool answers later, on this thread; the socket may be gone by then.
    Reply later = reply;
    reply.sent = true;
    m_sources.tools->callAsync(
        name, *arguments, reply.socket, [this, later, name](const ToolResult &result) mutable {
            if (auto *g = GuardedSocket::of(later.socket)) {
                g->hold(false);
            }
            if (result.isOk()) {
                sendJson(later, 200,
                         QJsonDocument(QJsonObject{{QStringLiteral("tool"), name},
                                                   {QStringLiteral("result"), result.value()}}));
            } else {
                send(later, 422, "application/json",
                     QJsonDocument(
                         QJsonObject{{QStringLiteral("tool"), name},
                                     {QStringLiteral("error"), result.errorMessage()},
                                     {QStringLiteral("code"), QStringLiteral("tool_failed")},
                                     {QStringLiteral("status"), 422}})
                             .toJson(QJsonDocument::Compact) +
                         '\n');
            }
        });
}

void HttpApi::postAsk(const QHttpServerRequest &request, Reply &reply)
{
    if (!m_sources.agent) {
        sendError(reply, 503, "unavailable", QStringLiteral("the agent is not available"));
        return;
    }
    const std::optional<QJsonObject> body = jsonBody(request, reply, false);
    if (!body) {
        return;
    }
    const QJsonValue promptValue = body->value(QStringLiteral("prompt"));
    const QString prompt = promptValue.toString().trimmed();
    if (!promptValue.isString() || prompt.isEmpty()) {
        sendError(reply, 400, "bad_request",
                  QStringLiteral("\"prompt\" must be a non-empty string, e.g. {\"prompt\": "
                                 "\"How warm is the CPU?\"}"));
        return;
    }
    const QJsonValue conversationValue = body->value(QStringLiteral("conversation"));
    if (!conversationValue.isUndefined() && !conversationValue.isNull() &&
        !conversationValue.isString()) {
        sendError(reply, 400, "bad_request",
                  QStringLiteral("\"conversation\" must be a string (an id of your choice)"));
        return;
    }
    QString conversation = conversationValue.toString().trimmed();
    if (conversation.isEmpty()) {
        conversation =
            QStringLiteral("http-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    } else if (m_sources.agent->isBusy(conversation)) {
        sendError(reply, 409, "busy",
                  QStringLiteral("conversation '%1' is answering another question; wait for it "
                                 "or use another id")
                      .arg(conversation));
        return;
    }

    QPointer<QTcpSocket> socket = reply.socket;
    if (auto *guard = GuardedSocket::of(socket)) {
        guard->hold(true);
    }
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/x-ndjson"},
                                                 {"Cache-Control", "no-store"}};
    if (!reply.allowOrigin.isEmpty()) {
        headers.append(qMakePair(QByteArray("Access-Control-Allow-Origin"), reply.allowOrigin));
    }
    reply.sent = true;
    socket->write(Http::streamHead(200, headers));

    // Lives as long as the stream: with the socket, or until the run finishes.
    auto *stream = new QObject(socket);
    QPointer<Agent> agent = m_sources.agent;
    const bool close = reply.close;
    const auto finish = [socket, stream, agent, close] {
        if (agent) {
            QObject::disconnect(agent, nullptr, stream, nullptr);
        }
        if (socket && socket->state() == QAbstractSocket::ConnectedState) {
            socket->write(Http::chunk(QByteArray()));
            if (auto *guard = GuardedSocket::of(socket)) {
                guard->hold(false);
            }
            if (close) {
                socket->disconnectFromHost();
            }
        }
        stream->deleteLater();
    };
    connect(agent, &Agent::event, stream, [socket, conversation](const QJsonObject &e) {
        if (socket && socket->state() == QAbstractSocket::ConnectedState &&
            e.value(QStringLiteral("conversation")).toString() == conversation) {
            socket->write(Http::chunk(QJsonDocument(e).toJson(QJsonDocument::Compact) + '\n'));
        }
    });
    connect(agent, &Agent::runFinished, stream, [conversation, finish](const QString &c) {
        if (c == conversation) {
            finish();
        }
    });
    // A client that goes away cancels its question.
    connect(socket, &QAbstractSocket::disconnected, stream, [agent, stream, conversation] {
        if (agent) {
            QObject::disconnect(agent, nullptr, stream, nullptr);
            if (agent->isBusy(conversation)) {
                agent->cancel(conversation);
            }
        }
    });
    if (!agent->ask(prompt, conversation)) {
        finish(); // the error event (queue full) has been streamed
    }
}

void HttpApi::getEvents(Reply &reply)
{
    auto *guard = GuardedSocket::of(reply.socket);
    if (!guard) {
        sendError(reply, 500, "internal", QStringLiteral("not an API connection"));
        return;
    }
    m_eventClients.removeIf([](const QPointer<GuardedSocket> &c) {
        return !c || c->state() != QAbstractSocket::ConnectedState;
    });
    if (m_eventClients.size() >= m_settings.maxEventClients) {
        sendError(reply, 503, "too_many_event_clients",
                  QStringLiteral("%1 event-stream clients are connected, the limit "
                                 "(http.max_event_clients); try again later")
                      .arg(m_settings.maxEventClients),
                  {{"Retry-After", "10"}});
        return;
    }
    guard->hold(true);
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "text/event-stream"},
                                                 {"Cache-Control", "no-store"},
                                                 {"X-Accel-Buffering", "no"}};
    if (!reply.allowOrigin.isEmpty()) {
        headers.append(qMakePair(QByteArray("Access-Control-Allow-Origin"), reply.allowOrigin));
    }
    reply.sent = true;
    guard->write(Http::streamHead(200, headers));
    guard->write(Http::chunk(QByteArrayLiteral("retry: 3000\n: connected to smollama\n\n")));
    m_eventClients.append(guard);
}

void HttpApi::broadcast(const QByteArray &event, const QJsonObject &data)
{
    if (m_eventClients.isEmpty()) {
        return;
    }
    const QByteArray frame =
        Http::chunk("event: " + event +
                    "\ndata: " + QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n");
    for (qsizetype i = m_eventClients.size() - 1; i >= 0; --i) {
        GuardedSocket *client = m_eventClients.at(i);
        if (!client || client->state() != QAbstractSocket::ConnectedState) {
            m_eventClients.removeAt(i);
            continue;
        }
        if (client->bytesToWrite() > s_maxEventBacklog) {
            qCInfo(lcHttp, "HTTP API: dropping an event-stream client that does not read");
            m_eventClients.removeAt(i);
            client->abort();
            continue;
        }
        client->write(frame);
    }
}

void HttpApi::onReadings(const QList<Reading> &readings)
{
    m_readingsCache.dirty = true;
    if (m_eventClients.isEmpty()) {
        return;
    }
    for (const Reading &r : readings) {
        broadcast("reading", r.toJson());
    }
}

} // namespace Smollama
