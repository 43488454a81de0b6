// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ollamachatreply.h"

#include <smollama/smollama_export.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkRequest;

namespace Smollama {

class Config;

/*! How to reach Ollama and what to send with every chat. */
struct SMOLLAMA_EXPORT OllamaSettings
{
    QUrl baseUrl = QUrl(QStringLiteral("http://localhost:11434"));
    QString model = QStringLiteral("llama3.2:1b");
    QJsonValue keepAlive = QStringLiteral("5m");
    QJsonObject options; //!< temperature, num_ctx, ... passed as they are
    bool think = false;
    int connectTimeoutMs = 5000;
    /*! The longest silence while waiting for (the rest of) an answer. */
    int inactivityTimeoutMs = 120000;
    int retries = 3;           //!< connection failures only, never after bytes arrived
    int retryBackoffMs = 2000; //!< doubled for every further retry

    /*! ollama.url (or http://host:port), model, keep_alive, options, think, connect_timeout_s,
        timeout_s and agent.ollama_retry_attempts / ollama_retry_backoff_seconds. */
    static OllamaSettings fromConfig(const Config &config);
    /*! "http://localhost:11434" without a trailing slash, for messages. */
    QString baseUrlText() const;
};

/*!
    Speaks Ollama's HTTP API: streamed /api/chat with tools, and /api/version, /api/tags and
    /api/show for status checks. Lives in one thread (a QNetworkAccessManager inside).
*/
class SMOLLAMA_EXPORT OllamaClient : public QObject
{
    Q_OBJECT

public:
    using JsonCallback = std::function<void(const QJsonObject &answer, const QString &error)>;

    explicit OllamaClient(const OllamaSettings &settings, QObject *parent = nullptr);
    ~OllamaClient() override;

    const OllamaSettings &settings() const { return m_settings; }
    void setSettings(const OllamaSettings &settings) { m_settings = settings; }

    /*! Starts a streamed chat with \a messages and \a tools (left out when empty). think is
        sent as configured (false by default, which also keeps thinking models fast). The caller
        owns the reply. */
    OllamaChatReply *chat(const QJsonArray &messages, const QJsonArray &tools = QJsonArray());
    /*! The request body chat() sends (for tests and logs). */
    QJsonObject chatRequestBody(const QJsonArray &messages, const QJsonArray &tools) const;

    /*! GET /api/version → {"version": "..."}. */
    void version(QObject *context, JsonCallback callback);
    /*! GET /api/tags → {"models": [...]}. */
    void tags(QObject *context, JsonCallback callback);
    /*! POST /api/show for \a model → {..., "capabilities": [...]}. */
    void show(const QString &model, QObject *context, JsonCallback callback);

    /*! The capabilities of \a model from /api/show ("completion", "tools", "thinking", ...),
        or an error text (model not installed: "model 'x' is not installed: ollama pull x"). */
    void capabilities(
        const QString &model, QObject *context,
        std::function<void(const QStringList &capabilities, const QString &error)> callback);

    /*! The installed models whose capabilities (from /api/tags, Ollama 0.30+) include "tools";
        \a callback gets an empty list when the server does not say. */
    void toolModels(QObject *context, std::function<void(const QStringList &models)> callback);

    /*! The error text for an unreachable server at \a baseUrl. */
    static QString unreachableText(const QString &baseUrl);
    /*! Small models known to support tools, to suggest when the configured one does not. */
    static QStringList wellKnownToolModels();

private:
    QNetworkRequest request(const QString &path) const;
    void getJson(const QString &path, const QByteArray *postBody, QObject *context,
                 JsonCallback callback);

    OllamaSettings m_settings;
    QNetworkAccessManager *m_nam;
};

} // namespace Smollama
