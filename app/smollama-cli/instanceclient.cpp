// SPDX-License-Identifier: GPL-3.0-or-later
#include "instanceclient.h"

#include "cli.h"

#include "http/apitoken.h"
#include "http/instancefile.h"
#include "util/statepaths.h"
#include "util/unixsignalwatcher.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace Smollama::Cli {

namespace {

// Connection refused answers at once; this bounds a port that accepts but never answers.
constexpr int s_probeTimeoutMs = 1500;

// Made on first use: only commands that reach a running node pay for it.
QNetworkAccessManager &network()
{
    static QNetworkAccessManager manager;
    static const bool once = [] {
        // A proxy from the environment must not stand between the CLI and its own machine.
        manager.setProxy(QNetworkProxy::NoProxy);
        return true;
    }();
    Q_UNUSED(once)
    return manager;
}

QNetworkRequest request(const QUrl &url, const QString &tokenPath, int timeoutMs)
{
    QNetworkRequest r(url);
    r.setTransferTimeout(timeoutMs);
    // The API speaks HTTP/1.1 only.
    r.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // The token when this user can read it: writes need it, and so do reads from an instance
    // bound to another address than loopback (http.host) without http.public_read.
    const QByteArray token = ApiToken::read(tokenPath);
    if (!token.isEmpty()) {
        r.setRawHeader("Authorization", "Bearer " + token);
    }
    return r;
}

InstanceClient::Result finish(QNetworkReply *reply)
{
    InstanceClient::Result result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen()) {
        result.body += reply->readAll();
    }
    if (result.status == 0) {
        result.error = reply->errorString();
    } else if (result.status >= 400) {
        result.error =
            InstanceClient::errorText(result.body, QStringLiteral("HTTP %1").arg(result.status));
    }
    return result;
}

// Whether anything accepts connections at \a url's host and port. Asking this of a plain socket
// first spares the commands that find no running node the start of the HTTP client (its
// thread and its network setup): a refused connection answers at once.
bool accepts(const QUrl &url)
{
    QTcpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    socket.connectToHost(url.host(), quint16(url.port(80)));
    return socket.waitForConnected(s_probeTimeoutMs);
}

} // namespace

InstanceClient::InstanceClient(const Config &config)
{
    // This user's node first, then the service's (/var/lib/smollama, readable by the group
    // smollama): each with the token next to its http.json.
    QString configuredToken;
    for (const QString &dir : StatePaths::instanceStateDirs()) {
        const QString file = StatePaths::instanceFileIn(dir);
        const QString token = StatePaths::apiTokenFileIn(dir);
        const InstanceFile::Info info = InstanceFile::read(file);
        if (info.isValid()) {
            m_candidates.append({info.url(), file, token});
        }
        if (configuredToken.isEmpty() && !ApiToken::read(token).isEmpty()) {
            configuredToken = token;
        }
    }
    const QJsonObject http = config.section(QStringLiteral("http"));
    const int port = http.value(QStringLiteral("port")).toInt();
    if (http.value(QStringLiteral("enabled")).toBool() && port > 0) {
        InstanceFile::Info configured;
        configured.host = http.value(QStringLiteral("host")).toString();
        if (configured.host == QLatin1String("localhost")) {
            configured.host = QStringLiteral("127.0.0.1");
        }
        configured.port = quint16(port);
        const bool listed =
            std::any_of(m_candidates.cbegin(), m_candidates.cend(),
                        [&](const Candidate &c) { return c.url == configured.url(); });
        if (!listed) {
            m_candidates.append(
                {configured.url(), QStringLiteral("http.host/http.port"), configuredToken});
        }
    }
    if (!m_candidates.isEmpty()) {
        m_base = m_candidates.first().url;
        m_origin = m_candidates.first().origin;
        m_tokenPath = m_candidates.first().tokenPath;
    }
}

bool InstanceClient::probe()
{
    // The instance file first; the configured address too, in case the file is stale.
    for (const auto &candidate : std::as_const(m_candidates)) {
        if (!accepts(candidate.url)) {
            continue;
        }
        QNetworkReply *reply =
            network().get(request(candidate.url.resolved(QUrl(QStringLiteral("/api/health"))),
                                  candidate.tokenPath, s_probeTimeoutMs));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const Result result = finish(reply);
        reply->deleteLater();
        const QJsonDocument doc = QJsonDocument::fromJson(result.body);
        // Something else may listen on the port: only smollama's health answer counts.
        if (result.ok() && doc.isObject() && doc.object().contains(QStringLiteral("uptime_s"))) {
            m_base = candidate.url;
            m_origin = candidate.origin;
            m_tokenPath = candidate.tokenPath;
            m_health = doc.object();
            return true;
        }
    }
    return false;
}

InstanceClient::Result InstanceClient::get(const QString &path, int timeoutMs)
{
    QNetworkReply *reply =
        network().get(request(m_base.resolved(QUrl(path)), m_tokenPath, timeoutMs));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const Result result = finish(reply);
    reply->deleteLater();
    return result;
}

InstanceClient::Result
InstanceClient::postStream(const QString &path, const QJsonObject &body,
                           const std::function<void(const QByteArray &line)> &onLine)
{
    QNetworkRequest r = request(m_base.resolved(QUrl(path)), m_tokenPath, 0);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network().post(r, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QByteArray pending;
    QEventLoop loop;
    const auto drain = [&] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 400) {
            return; // an error body, read whole at the end
        }
        pending += reply->readAll();
        qsizetype nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(nl).trimmed();
            pending.remove(0, nl + 1);
            if (!line.isEmpty()) {
                onLine(line);
            }
        }
    };
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, drain);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // Ctrl+C closes the stream; the instance cancels the question.
    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, reply,
                     &QNetworkReply::abort);
    loop.exec();
    drain();
    Result result = finish(reply);
    if (!pending.trimmed().isEmpty() && result.status < 400) {
        onLine(pending.trimmed());
    }
    reply->deleteLater();
    return result;
}

InstanceClient::Result
InstanceClient::getStream(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers,
                          const std::function<void(const QByteArray &line)> &onLine,
                          UnixSignalWatcher *termination)
{
    QNetworkRequest r = request(m_base.resolved(QUrl(path)), m_tokenPath, 0);
    r.setRawHeader("Accept", "text/event-stream");
    for (const auto &h : headers) {
        r.setRawHeader(h.first, h.second);
    }
    QNetworkReply *reply = network().get(r);
    QByteArray pending;
    bool canceled = false;
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() >= 400) {
            return; // an error body, read whole at the end
        }
        pending += reply->readAll();
        qsizetype nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
            QByteArray line = pending.left(nl);
            if (line.endsWith('\r')) {
                line.chop(1);
            }
            pending.remove(0, nl + 1);
            onLine(line);
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (termination) {
        QObject::connect(termination, &UnixSignalWatcher::terminationRequested, reply, [&] {
            canceled = true;
            reply->abort();
        });
    }
    loop.exec();
    Result result = finish(reply);
    result.canceled = canceled;
    if (canceled) {
        result.error.clear(); // stopped on purpose
        result.status = 200;
    } else if (result.error.isEmpty() && result.status < 400) {
        // A stream has no natural end: the server went away or closed it.
        result.error = Tr::tr("the server closed the stream");
    }
    reply->deleteLater();
    return result;
}

QString InstanceClient::errorText(const QByteArray &body, const QString &fallback)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QString error = o.value(QStringLiteral("error")).toString();
    return error.isEmpty() ? fallback : error;
}

} // namespace Smollama::Cli
