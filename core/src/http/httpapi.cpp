// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpapi.h"

#include "agentroute.h"
#include "eventstream.h"
#include "guardedserver.h"
#include "httplog.h"
#include "pluginroutes.h"
#include "readingroutes.h"
#include "reply.h"
#include "request.h"
#include "toolroutes.h"

#include "agent/ollamaclient.h"
#include "agent/ruleengine.h"
#include "http/apitoken.h"
#include "http/instancefile.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "runtime/memorywatch.h"
#include "util/statepaths.h"

#include <smollama/version.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QNetworkInterface>
#include <QUrl>

#include <cmath>

Q_LOGGING_CATEGORY(lcHttp, "smollama.http")

namespace Smollama {

using Http::GuardedSocket;

namespace {

// How long a health answer may reuse the last Ollama check.
constexpr qint64 s_ollamaCheckMs = 30 * 1000;

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

int milliseconds(const QJsonObject &o, const char *key)
{
    return int(std::lround(o.value(QLatin1String(key)).toDouble() * 1000));
}

} // namespace

HttpApi::Settings HttpApi::Settings::fromConfig(const QJsonObject &http)
{
    // Validated against the schema, with its defaults filled in: no fallbacks or clamps here.
    Settings s;
    s.enabled = http.value(QLatin1String("enabled")).toBool();
    s.host = http.value(QLatin1String("host")).toString();
    s.port = http.value(QLatin1String("port")).toInt();
    s.publicRead = http.value(QLatin1String("public_read")).toBool();
    s.maxBodyBytes = http.value(QLatin1String("max_body_bytes")).toInteger();
    s.maxHeaderBytes = http.value(QLatin1String("max_header_bytes")).toInt();
    s.requestTimeoutMs = milliseconds(http, "request_timeout_seconds");
    s.idleTimeoutMs = milliseconds(http, "idle_timeout_seconds");
    s.heartbeatMs = milliseconds(http, "heartbeat_seconds");
    s.maxConnections = http.value(QLatin1String("max_connections")).toInt();
    s.maxEventClients = http.value(QLatin1String("max_event_clients")).toInt();
    s.eventReplaySize = http.value(QLatin1String("event_replay_size")).toInt();
    for (const QJsonValue &v : http.value(QLatin1String("cors_origins")).toArray()) {
        if (!v.toString().isEmpty()) {
            s.corsOrigins.append(v.toString());
        }
    }
    return s;
}

HttpApi::HttpApi(const Sources &sources, const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_sources(sources)
    , m_settings(settings)
    , m_tokenPath(StatePaths::apiTokenFile())
    , m_instancePath(StatePaths::instanceFile())
{
    m_uptime.start();
    Http::EventStream::Settings events;
    events.maxClients = m_settings.maxEventClients;
    events.heartbeatMs = m_settings.heartbeatMs;
    events.replayEvents = m_settings.eventReplaySize;
    m_events = std::make_unique<Http::EventStream>(events);
    m_readingRoutes = std::make_unique<Http::ReadingRoutes>(m_sources);
    m_toolRoutes = std::make_unique<Http::ToolRoutes>(m_sources);
    m_pluginRoutes = std::make_unique<Http::PluginRoutes>(m_sources);
    m_agentRoute = std::make_unique<Http::AgentRoute>(m_sources);
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
    auto *server = new Http::GuardedServer(
        limits, m_settings.maxConnections,
        [this](const Http::Request &request, GuardedSocket *socket) {
            handleRequest(request, socket);
        },
        this);
    if (!server->listen(address, quint16(m_settings.port))) {
        qCWarning(lcHttp,
                  "HTTP API not started: cannot listen on %s:%d (%s). Set http.port to a free "
                  "port (0 picks one) or http.enabled: false; smollama runs on without the API",
                  qPrintable(host), m_settings.port, qPrintable(server->errorString()));
        delete server;
        return false;
    }
    m_server = server;

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
        connect(m_sources.plugins, &PluginManager::statusChanged, this,
                [this](const PluginStatus &status) {
                    m_events->addEvent("plugin_status", status.toJson());
                });
    }
    if (m_sources.rules) {
        connect(m_sources.rules, &RuleEngine::notification, this,
                [this](const QString &rule, const QString &text, const QJsonObject &event) {
                    QJsonObject data = event;
                    data.insert(QStringLiteral("rule"), rule);
                    data.insert(QStringLiteral("text"), text);
                    m_events->addEvent("notification", data);
                });
    }
    m_events->start();
    refreshOllama();
    return true;
}

void HttpApi::stop()
{
    m_events->stop();
    if (m_sources.bus) {
        m_sources.bus->unsubscribe(this);
    }
    if (m_sources.plugins) {
        disconnect(m_sources.plugins, nullptr, this, nullptr);
    }
    if (m_sources.rules) {
        disconnect(m_sources.rules, nullptr, this, nullptr);
    }
    if (m_server) {
        // Open streams end with their last chunk and pending answers become 503s before the
        // connections (children of the server) go with it.
        m_server->shutdown();
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

QString HttpApi::url() const
{
    if (!isListening()) {
        return QString();
    }
    QHostAddress address = serverAddress();
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4 ||
        address == QHostAddress::AnyIPv6) {
        // Every interface: the address other machines of the LAN use, IPv4 first.
        address = QHostAddress::LocalHost;
        QHostAddress v6;
        for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
            const auto flags = iface.flags();
            if (!flags.testFlag(QNetworkInterface::IsUp) ||
                !flags.testFlag(QNetworkInterface::IsRunning) ||
                flags.testFlag(QNetworkInterface::IsLoopBack)) {
                continue;
            }
            for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
                const QHostAddress ip = entry.ip();
                if (ip.protocol() == QAbstractSocket::IPv4Protocol && address.isLoopback()) {
                    address = ip;
                } else if (ip.protocol() == QAbstractSocket::IPv6Protocol && v6.isNull() &&
                           !ip.isLinkLocal()) {
                    v6 = ip;
                }
            }
        }
        if (address.isLoopback() && !v6.isNull()) {
            address = v6;
        }
    }
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(address.toString());
    url.setPort(serverPort());
    return url.toString();
}

int HttpApi::eventClientCount() const
{
    return m_events->clientCount();
}

void HttpApi::handleRequest(const Http::Request &request, GuardedSocket *socket)
{
    // CORS: answers depend on Origin wherever origins are configured (caches must know).
    Http::Headers common;
    if (!m_settings.corsOrigins.isEmpty()) {
        const QByteArray origin = request.value("origin");
        if (!origin.isEmpty() && (m_settings.corsOrigins.contains(QString::fromUtf8(origin)) ||
                                  m_settings.corsOrigins.contains(QStringLiteral("*")))) {
            common.append(qMakePair(QByteArray("Access-Control-Allow-Origin"), origin));
        }
        common.append(qMakePair(QByteArray("Vary"), QByteArray("Origin")));
    }
    const bool corsAllowed = !common.isEmpty() && common.first().first.startsWith("Access");
    Http::Reply reply(socket, common);

    const QStringList raw =
        request.url().path(QUrl::FullyEncoded).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList seg;
    for (const QString &s : raw) {
        seg.append(QUrl::fromPercentEncoding(s.toUtf8()));
    }
    const QByteArray method = request.method();

    enum class R {
        None,
        Health,
        Readings,
        History,
        Nodes,
        Plugins,
        PluginRestart,
        Tools,
        Tool,
        Ask,
        Events
    };
    R r = R::None;
    bool write = false;
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
        } else if (n == 2 && a == QLatin1String("nodes")) {
            r = R::Nodes;
        } else if (n == 2 && a == QLatin1String("plugins")) {
            r = R::Plugins;
        } else if (n == 4 && a == QLatin1String("plugins") &&
                   seg.at(3) == QLatin1String("restart")) {
            r = R::PluginRestart;
            write = true;
        } else if (n == 2 && a == QLatin1String("tools")) {
            r = R::Tools;
        } else if (n == 3 && a == QLatin1String("tools")) {
            r = R::Tool;
            write = true;
        } else if (n == 3 && a == QLatin1String("agent") && seg.at(2) == QLatin1String("ask")) {
            r = R::Ask;
            write = true;
        } else if (n == 2 && a == QLatin1String("events")) {
            r = R::Events;
        }
    }
    if (r == R::None) {
        reply.sendError(404, "not_found",
                        QStringLiteral("no such endpoint: %1 (see docs/http-api.md; the "
                                       "endpoints are under /api/)")
                            .arg(request.url().path()));
        return;
    }
    // Every resource that answers GET answers HEAD alike, without the body.
    const QByteArray allow = write ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET, HEAD");
    if (method == "OPTIONS" && corsAllowed) {
        // CORS preflight for a configured origin.
        reply.send(204, QByteArray(), QByteArray(),
                   {{"Access-Control-Allow-Methods", allow + ", OPTIONS"},
                    {"Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID"},
                    {"Access-Control-Max-Age", "600"}});
        return;
    }
    const bool allowed = write ? method == "POST" : (method == "GET" || method == "HEAD");
    if (!allowed) {
        reply.sendError(405, "method_not_allowed",
                        QStringLiteral("%1 %2 is not supported; use %3")
                            .arg(QString::fromLatin1(method.left(20)), request.url().path(),
                                 QString::fromLatin1(allow)),
                        {{"Allow", allow}});
        return;
    }
    // Token-free reads from this machine name it as this machine: a web page that points its
    // own domain at 127.0.0.1 (DNS rebinding) sends its domain as Host and needs the token.
    // From other machines reads need the token unless http.public_read says otherwise.
    const bool open = !write && (m_settings.publicRead || (request.remoteAddress().isLoopback() &&
                                                           isLoopbackHost(request.value("host"))));
    if (!open && !authorized(request)) {
        // Callers without the token see where it lives, not this machine's folders.
        reply.sendError(401, "unauthorized",
                        m_token.isEmpty()
                            ? QStringLiteral("this endpoint needs the API token, and smollama has "
                                             "none (see its log)")
                            : QStringLiteral("this endpoint needs \"Authorization: Bearer "
                                             "<token>\"; the token is the file api-token in "
                                             "smollama's state folder on its machine: "
                                             "~/.smollama/api-token (/var/lib/smollama/api-token "
                                             "for the service)"),
                        {{"WWW-Authenticate", "Bearer"}});
        return;
    }
    switch (r) {
    case R::Health:
        reply.send(200, "application/json", healthBody());
        break;
    case R::Readings:
        m_readingRoutes->readings(request, reply);
        break;
    case R::Nodes:
        m_readingRoutes->nodes(reply);
        break;
    case R::History:
        m_readingRoutes->history(request, reply, seg.at(2));
        break;
    case R::Plugins:
        m_pluginRoutes->list(reply);
        break;
    case R::PluginRestart:
        m_pluginRoutes->restart(reply, seg.at(2));
        break;
    case R::Tools:
        m_toolRoutes->list(reply);
        break;
    case R::Tool:
        m_toolRoutes->call(request, reply, seg.at(2));
        break;
    case R::Ask:
        m_agentRoute->ask(request, reply);
        break;
    case R::Events:
        m_events->serve(request, reply);
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
    if (host.isEmpty() || host == "127.0.0.1" || host == "localhost" ||
        host.endsWith(".localhost")) {
        return true; // HTTP/1.0 without Host; RFC 6761 loopback names
    }
    const QHostAddress address(QString::fromLatin1(host));
    return !address.isNull() && address.isLoopback();
}

bool HttpApi::authorized(const Http::Request &request) const
{
    const QByteArray header = request.value("authorization");
    static const QByteArray prefix = QByteArrayLiteral("bearer ");
    if (m_token.isEmpty() || header.size() <= prefix.size() ||
        header.left(prefix.size()).toLower() != prefix) {
        return false;
    }
    return ApiToken::equals(header.mid(prefix.size()).trimmed(), m_token);
}

HttpApi::HealthInputs HttpApi::healthInputs()
{
    if (QDateTime::currentMSecsSinceEpoch() - m_ollama.checkedMs > s_ollamaCheckMs) {
        refreshOllama();
    }
    HealthInputs in;
    in.uptimeS = m_uptime.elapsed() / 1000;
    if (m_sources.plugins) {
        in.plugins = m_sources.plugins->stateCounts();
    }
    // The count, not latest(): that copies and sorts every reading.
    in.sources = m_sources.readings ? m_sources.readings->sourceCount() : 0;
    in.eventClients = eventClientCount();
    in.ollamaCheckedMs = m_ollama.checkedMs;
    if (m_sources.memory) {
        in.memory = m_sources.memory->toJson();
        in.memoryWarning = m_sources.memory->warning();
    }
    return in;
}

QByteArray HttpApi::healthBody()
{
    // Every input is counted in constant time (per source); the JSON is built only when one of
    // them changed since the last request, at most about once a second (uptime_s).
    HealthInputs in = healthInputs();
    if (!m_health.body.isEmpty() && in == m_health.inputs) {
        return m_health.body;
    }
    m_health.body = QJsonDocument(health(in)).toJson(QJsonDocument::Compact) + '\n';
    m_health.inputs = std::move(in);
    return m_health.body;
}

QJsonObject HttpApi::health()
{
    return health(healthInputs());
}

QJsonObject HttpApi::health(const HealthInputs &in) const
{
    QJsonObject plugins;
    bool problems = false;
    for (auto it = in.plugins.constBegin(); it != in.plugins.constEnd(); ++it) {
        plugins.insert(PluginStatus::stateName(it.key()), it.value());
        problems = problems || (PluginStatus::isProblem(it.key()) &&
                                it.key() != PluginState::MissingDependencies);
    }
    const QString &safeMode = m_sources.safeModeReason;
    const QString &memoryWarning = in.memoryWarning;

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
        {QStringLiteral("status"), safeMode.isEmpty() && !problems && memoryWarning.isEmpty()
                                       ? QStringLiteral("ok")
                                       : QStringLiteral("degraded")},
        {QStringLiteral("version"), QStringLiteral(SMOLLAMA_VERSION_STRING)},
        {QStringLiteral("node"), m_sources.nodeName},
        {QStringLiteral("pid"), QCoreApplication::applicationPid()},
        {QStringLiteral("uptime_s"), in.uptimeS},
        {QStringLiteral("plugins"), plugins},
        {QStringLiteral("safe_mode"), QJsonObject{{QStringLiteral("on"), !safeMode.isEmpty()},
                                                  {QStringLiteral("reason"), safeMode}}},
        {QStringLiteral("ollama"), ollama},
        {QStringLiteral("sources"), in.sources},
        {QStringLiteral("event_clients"), in.eventClients},
        {QStringLiteral("memory"), in.memory},
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
        m_health.body.clear();
    });
}

void HttpApi::onReadings(const QList<Reading> &readings)
{
    m_readingRoutes->invalidate();
    m_events->addReadings(readings);
}

} // namespace Smollama
