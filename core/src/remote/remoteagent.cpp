// SPDX-License-Identifier: GPL-3.0-or-later
#include "remoteagent.h"

#include "remotenode.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Smollama {

RemoteAgent::RemoteAgent(RemoteNode *node, QObject *parent)
    : QObject(parent)
    , m_node(node)
{
}

RemoteAgent::~RemoteAgent()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QString RemoteAgent::nodeLabel() const
{
    return m_node->nodeName();
}

bool RemoteAgent::ask(const QString &question, const QString &conversation)
{
    if (m_reply) {
        return false;
    }
    m_conversation = conversation;
    m_buffer.clear();
    m_ended = false;
    m_canceled = false;
    QNetworkRequest request = m_node->request(QStringLiteral("/api/agent/ask"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    // The answer streams: the timeout counts silence, not the whole answer.
    request.setTransferTimeout(m_timeoutMs);
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("prompt"), question},
                                  {QStringLiteral("conversation"), conversation}})
            .toJson(QJsonDocument::Compact);
    m_reply = m_node->network()->post(request, body);
    connect(m_reply, &QNetworkReply::readyRead, this, &RemoteAgent::onData);
    connect(m_reply, &QNetworkReply::finished, this, &RemoteAgent::onFinished);
    return true;
}

void RemoteAgent::cancel()
{
    if (m_reply) {
        m_canceled = true;
        m_reply->abort(); // finished() follows at once
    }
}

void RemoteAgent::onData()
{
    // An error answer (401, 409 …) is one JSON object: read whole in onFinished().
    if (m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200) {
        return;
    }
    m_buffer += m_reply->readAll();
    int end = 0;
    while ((end = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(end).trimmed();
        m_buffer.remove(0, end + 1);
        if (!line.isEmpty()) {
            handleLine(line);
        }
    }
}

void RemoteAgent::handleLine(const QByteArray &line)
{
    const QJsonObject e = QJsonDocument::fromJson(line).object();
    const QString type = e.value(QStringLiteral("type")).toString();
    const QString name = e.value(QStringLiteral("name")).toString();
    if (type == QLatin1String("delta")) {
        Q_EMIT delta(m_conversation, e.value(QStringLiteral("text")).toString());
    } else if (type == QLatin1String("tool_call")) {
        Q_EMIT toolCalled(m_conversation, name, e.value(QStringLiteral("arguments")).toObject());
    } else if (type == QLatin1String("tool_result")) {
        const bool failedCall = e.contains(QStringLiteral("error"));
        Q_EMIT toolAnswered(
            m_conversation, name, !failedCall,
            e.value(failedCall ? QStringLiteral("error") : QStringLiteral("result")));
    } else if (type == QLatin1String("answer")) {
        m_ended = true;
        Q_EMIT answered(m_conversation, e.value(QStringLiteral("text")).toString());
    } else if (type == QLatin1String("error")) {
        m_ended = true;
        // Ollama's problems on that node, as it words them, with the node named.
        Q_EMIT failed(m_conversation,
                      QStringLiteral("%1: %2").arg(nodeLabel(),
                                                   e.value(QStringLiteral("message")).toString()),
                      e.value(QStringLiteral("code")).toString());
    }
}

void RemoteAgent::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 200) {
        m_buffer += reply->readAll();
        if (!m_buffer.trimmed().isEmpty()) {
            handleLine(m_buffer.trimmed());
        }
        m_buffer.clear();
    }
    const QString node = nodeLabel();
    if (m_canceled) {
        finish(tr("Stopped."), QStringLiteral("canceled"));
    } else if (m_ended) {
        finish(QString(), QString());
    } else if (status == 401) {
        finish(m_node->hasToken()
                   ? tr("%1 refused the API token: copy the file api-token from that node again "
                        "into the --token-file (or dashboard.remotes token_file).")
                         .arg(node)
                   : tr("%1 answers questions only with its API token: start with --token-file "
                        "FILE (or token_file in dashboard.remotes), FILE holding the node's "
                        "api-token.")
                         .arg(node),
               QStringLiteral("unauthorized"));
    } else if (status >= 400) {
        const QString message = QJsonDocument::fromJson(reply->readAll())
                                    .object()
                                    .value(QStringLiteral("error"))
                                    .toString();
        finish(tr("%1 did not take the question (HTTP %2): %3")
                   .arg(node)
                   .arg(status)
                   .arg(message.isEmpty() ? reply->errorString() : message),
               status == 409 ? QStringLiteral("busy") : QStringLiteral("http"));
    } else if (reply->error() == QNetworkReply::OperationCanceledError) {
        finish(tr("%1 stopped answering (nothing for %n s); ask again when it is back.", nullptr,
                  m_timeoutMs / 1000)
                   .arg(node),
               QStringLiteral("timeout"));
    } else if (reply->error() != QNetworkReply::NoError) {
        finish(tr("%1 cannot be reached (%2); ask again when it is back.")
                   .arg(node, reply->errorString()),
               QStringLiteral("unreachable"));
    } else {
        finish(tr("%1 ended the answer before it was complete.").arg(node),
               QStringLiteral("incomplete"));
    }
}

void RemoteAgent::finish(const QString &message, const QString &code)
{
    if (!message.isEmpty()) {
        Q_EMIT failed(m_conversation, message, code);
    }
    Q_EMIT runFinished(m_conversation);
}

void RemoteAgent::checkHealth(QObject *context, HealthCallback callback)
{
    QNetworkReply *reply = m_node->network()->get(m_node->request(QStringLiteral("/api/health")));
    connect(reply, &QNetworkReply::finished, context, [this, reply, callback] {
        reply->deleteLater();
        const QString node = nodeLabel();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError && status == 0) {
            callback(QStringLiteral("unreachable"),
                     tr("%1 cannot be reached (%2)").arg(node, reply->errorString()));
            return;
        }
        const QJsonObject ollama = QJsonDocument::fromJson(reply->readAll())
                                       .object()
                                       .value(QStringLiteral("ollama"))
                                       .toObject();
        const QJsonValue reachable = ollama.value(QStringLiteral("reachable"));
        const QString model = ollama.value(QStringLiteral("model")).toString();
        if (status == 401) {
            callback(QStringLiteral("unreachable"),
                     tr("%1 wants its API token (--token-file)").arg(node));
        } else if (!m_node->hasToken()) {
            callback(QStringLiteral("nomodel"),
                     tr("%1 answers questions only with its API token (--token-file)").arg(node));
        } else if (reachable.isNull() || reachable.isUndefined()) {
            callback(QStringLiteral("checking"), tr("%1 is checking its Ollama").arg(node));
        } else if (!reachable.toBool()) {
            callback(QStringLiteral("unreachable"), tr("%1 cannot reach its Ollama").arg(node));
        } else {
            callback(QStringLiteral("ok"),
                     tr("%1: Ollama %2, model %3")
                         .arg(node, ollama.value(QStringLiteral("version")).toString(), model));
        }
    });
}

} // namespace Smollama
