// SPDX-License-Identifier: GPL-3.0-or-later
#include "ollamachatreply.h"

#include "agentlog.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Smollama {

namespace {

QString errorField(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body.trimmed());
    const QString error = doc.object().value(QStringLiteral("error")).toString();
    return error.isEmpty() ? QString::fromUtf8(body.trimmed()).left(300) : error;
}

bool isConnectionFailure(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::ConnectionRefusedError ||
           error == QNetworkReply::HostNotFoundError;
}

} // namespace

OllamaChatReply::OllamaChatReply(QNetworkAccessManager *nam, const QNetworkRequest &request,
                                 const QByteArray &body, const QString &model,
                                 const QString &baseUrl, int connectTimeoutMs,
                                 int inactivityTimeoutMs, int retries, int retryBackoffMs,
                                 QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_request(std::make_unique<QNetworkRequest>(request))
    , m_body(body)
    , m_model(model)
    , m_baseUrl(baseUrl)
    , m_connectTimeoutMs(connectTimeoutMs)
    , m_inactivityTimeoutMs(inactivityTimeoutMs)
    , m_maxRetries(retries)
    , m_retryBackoffMs(retryBackoffMs)
{
    m_connectTimer.setSingleShot(true);
    m_inactivityTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        fail(Error::Unreachable,
             tr("Ollama is not reachable at %1 (no connection within %2 s) — start it with "
                "`ollama serve` or set ollama.host")
                 .arg(m_baseUrl, QString::number(m_connectTimeoutMs / 1000.0)));
    });
    connect(&m_inactivityTimer, &QTimer::timeout, this, [this] {
        fail(Error::Timeout,
             tr("Ollama at %1 sent nothing for %2 s; the model may still be loading on a slow "
                "machine: raise ollama.timeout_s or use a smaller model")
                 .arg(m_baseUrl, QString::number(m_inactivityTimeoutMs / 1000.0)));
    });
    connect(&m_retryTimer, &QTimer::timeout, this, &OllamaChatReply::send);
    // Started from the event loop, so a caller can connect to the signals first.
    QTimer::singleShot(0, this, &OllamaChatReply::send);
}

OllamaChatReply::~OllamaChatReply()
{
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QString OllamaChatReply::errorCode(Error error)
{
    switch (error) {
    case Error::None:
        return {};
    case Error::Unreachable:
        return QStringLiteral("unreachable");
    case Error::ModelNotFound:
        return QStringLiteral("model_not_found");
    case Error::NoToolSupport:
        return QStringLiteral("no_tools");
    case Error::Http:
        return QStringLiteral("http");
    case Error::Stream:
        return QStringLiteral("stream");
    case Error::Timeout:
        return QStringLiteral("timeout");
    case Error::Canceled:
        return QStringLiteral("canceled");
    }
    return QStringLiteral("error");
}

QJsonObject OllamaChatReply::message() const
{
    QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                        {QStringLiteral("content"), m_content}};
    if (!m_thinking.isEmpty()) {
        message.insert(QStringLiteral("thinking"), m_thinking);
    }
    if (!m_toolCalls.isEmpty()) {
        message.insert(QStringLiteral("tool_calls"), m_toolCalls);
    }
    return message;
}

void OllamaChatReply::abort()
{
    fail(Error::Canceled, tr("the request to Ollama was canceled"));
}

void OllamaChatReply::send()
{
    if (m_finished) {
        return;
    }
    m_reply = m_nam->post(*m_request, m_body);
    m_reply->setParent(this);
    m_connectTimer.start(m_connectTimeoutMs);
    connect(m_reply, &QNetworkReply::requestSent, this, [this] {
        m_connectTimer.stop();
        m_inactivityTimer.start(m_inactivityTimeoutMs);
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        m_connectTimer.stop();
        m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        m_inactivityTimer.start(m_inactivityTimeoutMs);
    });
    connect(m_reply, &QNetworkReply::readyRead, this, &OllamaChatReply::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &OllamaChatReply::onReplyFinished);
}

void OllamaChatReply::onReadyRead()
{
    if (m_finished || !m_reply) {
        return;
    }
    m_connectTimer.stop();
    m_inactivityTimer.start(m_inactivityTimeoutMs);
    m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = m_reply->readAll();
    if (!data.isEmpty()) {
        m_gotBytes = true;
    }
    if (m_status < 200 || m_status >= 300) {
        m_errorBody += data;
        return;
    }
    handleEvents(m_parser.feed(data));
}

void OllamaChatReply::handleEvents(const QList<OllamaStreamParser::Event> &events)
{
    using Kind = OllamaStreamParser::Event::Kind;
    for (const OllamaStreamParser::Event &event : events) {
        if (m_finished) {
            return;
        }
        switch (event.kind) {
        case Kind::Thinking:
            m_thinking += event.text;
            Q_EMIT thinkingDelta(event.text);
            break;
        case Kind::Content:
            m_content += event.text;
            Q_EMIT contentDelta(event.text);
            break;
        case Kind::ToolCall:
            m_toolCalls.append(event.object);
            break;
        case Kind::Done:
            m_done = true;
            m_final = event.object;
            finish();
            break;
        case Kind::Error:
            fail(Error::Stream, tr("Ollama reported an error while answering: %1").arg(event.text));
            break;
        }
    }
}

void OllamaChatReply::onReplyFinished()
{
    if (m_finished || !m_reply) {
        return;
    }
    QNetworkReply *reply = m_reply;
    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError netError = reply->error();
    const QByteArray rest = reply->readAll();
    if (m_status == 0) {
        m_connectTimer.stop();
        m_inactivityTimer.stop();
        reply->deleteLater();
        m_reply = nullptr;
        if (!m_gotBytes && isConnectionFailure(netError)) {
            if (m_attempt < m_maxRetries) {
                const int delay = m_retryBackoffMs * (1 << qMin(m_attempt, 10));
                ++m_attempt;
                qCInfo(lcAgent, "Ollama at %s is not reachable (%s); retry %d of %d in %d ms",
                       qPrintable(m_baseUrl), qPrintable(reply->errorString()), m_attempt,
                       m_maxRetries, delay);
                m_retryTimer.start(delay);
                return;
            }
            fail(Error::Unreachable,
                 tr("Ollama is not reachable at %1 — start it with `ollama serve` or set "
                    "ollama.host")
                     .arg(m_baseUrl));
            return;
        }
        fail(m_gotBytes ? Error::Stream : Error::Unreachable,
             m_gotBytes ? tr("the connection to Ollama at %1 was lost: %2")
                              .arg(m_baseUrl, reply->errorString())
                        : tr("Ollama is not reachable at %1 (%2) — start it with `ollama serve` "
                             "or set ollama.host")
                              .arg(m_baseUrl, reply->errorString()));
        return;
    }
    if (m_status < 200 || m_status >= 300) {
        const QString error = errorField(m_errorBody + rest);
        if (m_status == 404) {
            fail(Error::ModelNotFound,
                 tr("model '%1' is not installed: ollama pull %1 (Ollama said: %2)")
                     .arg(m_model, error));
        } else if (m_status == 400 && error.contains(QLatin1String("does not support tools"))) {
            fail(Error::NoToolSupport, tr("model '%1' does not support tools (Ollama said: %2); "
                                          "set ollama.model to a model that does")
                                           .arg(m_model, error));
        } else {
            fail(Error::Http, tr("Ollama at %1 answered HTTP %2: %3")
                                  .arg(m_baseUrl, QString::number(m_status), error));
        }
        return;
    }
    handleEvents(m_parser.feed(rest));
    if (!m_finished) {
        handleEvents(m_parser.finish());
    }
    if (m_finished) {
        return;
    }
    if (netError != QNetworkReply::NoError) {
        fail(
            Error::Stream,
            tr("the connection to Ollama at %1 was lost: %2").arg(m_baseUrl, reply->errorString()));
        return;
    }
    fail(Error::Stream, tr("Ollama's answer ended before it was complete (no \"done\": true); "
                           "Ollama may have stopped or run out of memory"));
}

void OllamaChatReply::fail(Error error, const QString &text)
{
    if (m_finished) {
        return;
    }
    m_error = error;
    m_errorString = text;
    qCDebug(lcAgent, "Chat request failed: %s", qPrintable(text));
    finish();
}

void OllamaChatReply::finish()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_connectTimer.stop();
    m_inactivityTimer.stop();
    m_retryTimer.stop();
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        if (m_reply->isRunning()) {
            m_reply->abort();
        }
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    Q_EMIT finished();
}

} // namespace Smollama
