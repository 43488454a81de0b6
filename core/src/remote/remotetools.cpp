// SPDX-License-Identifier: GPL-3.0-or-later
#include "remotetools.h"

#include "remotenode.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

namespace Smollama {

namespace {

// The "error" of the node's JSON answer, else what the network says.
QString errorOf(QNetworkReply *reply, const QByteArray &body)
{
    const QString message =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toString();
    return message.isEmpty() ? reply->errorString() : message;
}

} // namespace

RemoteTools::RemoteTools(RemoteNode *node, QObject *parent)
    : QObject(parent)
    , m_node(node)
{
    connect(m_node, &RemoteNode::onlineChanged, this, [this](bool online) {
        if (online) {
            refresh();
        }
    });
    // An instance that comes up (or goes) brings (or takes) its tools.
    connect(m_node, &RemoteNode::pluginStatusesChanged, this, &RemoteTools::refresh);
    if (m_node->isOnline()) {
        refresh();
    }
}

RemoteTools::~RemoteTools() = default;

void RemoteTools::refresh()
{
    QNetworkReply *reply = m_node->network()->get(m_node->request(QStringLiteral("/api/tools")));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (status == 401 || status == 403) {
            const QString error = errorOf(reply, body);
            m_answered = true;
            if (error != m_listError) {
                m_listError = error;
                Q_EMIT toolsChanged();
            }
            setTokenRefused(true);
            return;
        }
        if (reply->error() != QNetworkReply::NoError) {
            // Gone (the stream tells) or not ready (503): the last tools stay.
            m_answered = m_answered || status != 0;
            return;
        }
        const QJsonArray tools = QJsonDocument::fromJson(body).array();
        m_answered = true;
        if (tools != m_tools || !m_listError.isEmpty()) {
            m_tools = tools;
            m_listError.clear();
            Q_EMIT toolsChanged();
        }
    });
}

void RemoteTools::call(const QString &name, const QJsonObject &arguments, QObject *context,
                       std::function<void(const ToolResult &)> done)
{
    QNetworkRequest request = m_node->request(QStringLiteral("/api/tools/") + name);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    // The node gives a tool 10 s; its answer may take a little longer to arrive.
    request.setTransferTimeout(15000);
    QNetworkReply *reply =
        m_node->network()->post(request, QJsonDocument(arguments).toJson(QJsonDocument::Compact));
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [this, reply, guard, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        ToolResult result = ToolResult::error(errorOf(reply, body));
        if (status == 200) {
            result = ToolResult::ok(
                QJsonDocument::fromJson(body).object().value(QStringLiteral("result")));
            setTokenRefused(false);
        } else if (status == 401 || status == 403) {
            setTokenRefused(true);
        } else if (status == 0) {
            result = ToolResult::error(
                tr("%1 cannot be reached (%2)").arg(m_node->nodeName(), reply->errorString()));
        }
        if (guard) {
            done(result);
        }
    });
}

void RemoteTools::setTokenRefused(bool refused)
{
    if (refused != m_tokenRefused) {
        m_tokenRefused = refused;
        Q_EMIT tokenRefusedChanged();
    }
}

} // namespace Smollama
