// SPDX-License-Identifier: GPL-3.0-or-later
#include "ollamaclient.h"

#include "config/config.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

namespace Smollama {

OllamaSettings OllamaSettings::fromConfig(const Config &config)
{
    // The sections are validated and carry the schema's defaults: no fallbacks here.
    OllamaSettings s;
    const QJsonObject o = config.section(QStringLiteral("ollama"));
    const QString url = o.value(QStringLiteral("url")).toString().trimmed();
    if (!url.isEmpty()) {
        s.baseUrl = QUrl::fromUserInput(url);
    } else {
        QUrl u;
        u.setScheme(QStringLiteral("http"));
        u.setHost(o.value(QStringLiteral("host")).toString());
        u.setPort(o.value(QStringLiteral("port")).toInt());
        s.baseUrl = u;
    }
    s.model = o.value(QStringLiteral("model")).toString();
    if (o.contains(QStringLiteral("keep_alive"))) {
        s.keepAlive = o.value(QStringLiteral("keep_alive"));
    }
    s.options = o.value(QStringLiteral("options")).toObject();
    s.think = o.value(QStringLiteral("think")).toBool();
    s.connectTimeoutMs = int(o.value(QStringLiteral("connect_timeout_s")).toDouble() * 1000);
    s.inactivityTimeoutMs = int(o.value(QStringLiteral("timeout_s")).toDouble() * 1000);
    const QJsonObject agent = config.section(QStringLiteral("agent"));
    s.retries = agent.value(QStringLiteral("ollama_retry_attempts")).toInt();
    s.retryBackoffMs =
        int(agent.value(QStringLiteral("ollama_retry_backoff_seconds")).toDouble() * 1000);
    return s;
}

QString OllamaSettings::baseUrlText() const
{
    QString text = baseUrl.toString(QUrl::RemoveUserInfo);
    while (text.endsWith(QLatin1Char('/'))) {
        text.chop(1);
    }
    return text;
}

OllamaClient::OllamaClient(const OllamaSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_nam(new QNetworkAccessManager(this))
{
    // A local server: never go through a system proxy.
    m_nam->setProxy(QNetworkProxy::NoProxy);
}

OllamaClient::~OllamaClient() = default;

QString OllamaClient::unreachableText(const QString &baseUrl)
{
    return tr("Ollama is not reachable at %1 — start it with `ollama serve` or set ollama.host")
        .arg(baseUrl);
}

QStringList OllamaClient::wellKnownToolModels()
{
    return {QStringLiteral("llama3.2:1b"),  QStringLiteral("llama3.2:3b"),
            QStringLiteral("qwen2.5:0.5b"), QStringLiteral("qwen2.5:1.5b"),
            QStringLiteral("qwen3:0.6b"),   QStringLiteral("qwen3:1.7b")};
}

QNetworkRequest OllamaClient::request(const QString &path) const
{
    QUrl url = m_settings.baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/'))) {
        base.chop(1);
    }
    url.setPath(base + path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Accept", "application/x-ndjson, application/json");
    return request;
}

QJsonObject OllamaClient::chatRequestBody(const QJsonArray &messages, const QJsonArray &tools) const
{
    QJsonObject body{{QStringLiteral("model"), m_settings.model},
                     {QStringLiteral("messages"), messages},
                     {QStringLiteral("stream"), true},
                     // Sent always: left out, a thinking model thinks (slow on a Pi).
                     {QStringLiteral("think"), m_settings.think}};
    if (!tools.isEmpty()) {
        body.insert(QStringLiteral("tools"), tools);
    }
    if (!m_settings.keepAlive.isNull() && !m_settings.keepAlive.isUndefined()) {
        body.insert(QStringLiteral("keep_alive"), m_settings.keepAlive);
    }
    if (!m_settings.options.isEmpty()) {
        body.insert(QStringLiteral("options"), m_settings.options);
    }
    return body;
}

OllamaChatReply *OllamaClient::chat(const QJsonArray &messages, const QJsonArray &tools)
{
    const QByteArray body =
        QJsonDocument(chatRequestBody(messages, tools)).toJson(QJsonDocument::Compact);
    return new OllamaChatReply(m_nam, request(QStringLiteral("/api/chat")), body, m_settings.model,
                               m_settings.baseUrlText(), m_settings.connectTimeoutMs,
                               m_settings.inactivityTimeoutMs, m_settings.retries,
                               m_settings.retryBackoffMs, nullptr);
}

void OllamaClient::getJson(const QString &path, const QByteArray *postBody, QObject *context,
                           JsonCallback callback)
{
    QNetworkRequest req = request(path);
    req.setTransferTimeout(m_settings.connectTimeoutMs + 10000);
    QNetworkReply *reply = postBody ? m_nam->post(req, *postBody) : m_nam->get(req);
    const QString base = m_settings.baseUrlText();
    const QString model = m_settings.model;
    // The context's destruction aborts the reply (below), which finishes it at once: by then
    // the context is only a QObject, so the callback must not run. QPointer is cleared before
    // QObject::destroyed is emitted.
    const QPointer<QObject> alive(context);
    connect(reply, &QNetworkReply::finished, context,
            [reply, callback = std::move(callback), base, path, alive] {
                reply->deleteLater();
                if (!alive) {
                    return;
                }
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QByteArray body = reply->readAll();
                const QJsonObject json = QJsonDocument::fromJson(body).object();
                if (status == 0) {
                    callback({}, unreachableText(base));
                } else if (status < 200 || status >= 300) {
                    const QString error = json.value(QStringLiteral("error")).toString();
                    callback(json,
                             tr("Ollama at %1 answered HTTP %2 to %3: %4")
                                 .arg(base, QString::number(status), path,
                                      error.isEmpty() ? QString::fromUtf8(body.left(200)) : error));
                } else {
                    callback(json, {});
                }
            });
    // Without the context the reply still goes away.
    connect(context, &QObject::destroyed, reply, &QNetworkReply::abort);
}

void OllamaClient::version(QObject *context, JsonCallback callback)
{
    getJson(QStringLiteral("/api/version"), nullptr, context, std::move(callback));
}

void OllamaClient::tags(QObject *context, JsonCallback callback)
{
    getJson(QStringLiteral("/api/tags"), nullptr, context, std::move(callback));
}

void OllamaClient::show(const QString &model, QObject *context, JsonCallback callback)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("model"), model}}).toJson(QJsonDocument::Compact);
    getJson(QStringLiteral("/api/show"), &body, context, std::move(callback));
}

void OllamaClient::capabilities(
    const QString &model, QObject *context,
    std::function<void(const QStringList &capabilities, const QString &error)> callback)
{
    show(model, context,
         [model, callback = std::move(callback)](const QJsonObject &answer, const QString &error) {
             if (!error.isEmpty()) {
                 callback({}, error.contains(QLatin1String("HTTP 404"))
                                  ? tr("model '%1' is not installed: ollama pull %1").arg(model)
                                  : error);
                 return;
             }
             QStringList caps;
             for (const QJsonValue &c : answer.value(QStringLiteral("capabilities")).toArray()) {
                 caps.append(c.toString());
             }
             callback(caps, {});
         });
}

void OllamaClient::toolModels(QObject *context,
                              std::function<void(const QStringList &models)> callback)
{
    tags(context, [callback = std::move(callback)](const QJsonObject &answer, const QString &) {
        QStringList models;
        for (const QJsonValue &m : answer.value(QStringLiteral("models")).toArray()) {
            const QJsonObject model = m.toObject();
            const QJsonArray caps = model.value(QStringLiteral("capabilities")).toArray();
            if (caps.contains(QStringLiteral("tools"))) {
                models.append(model.value(QStringLiteral("name")).toString());
            }
        }
        callback(models);
    });
}

} // namespace Smollama
