// SPDX-License-Identifier: GPL-3.0-or-later
#include "agentroute.h"

#include "guardedsocket.h"
#include "reply.h"

#include "agent/agent.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QUuid>

namespace Smollama::Http {

AgentRoute::AgentRoute(const NodeServices &services)
    : m_services(services)
{
}

void AgentRoute::ask(const Request &request, Reply &reply)
{
    if (!m_services.agent) {
        reply.sendError(503, "unavailable", QStringLiteral("the agent is not available"));
        return;
    }
    const std::optional<QJsonObject> body = Reply::jsonBody(request, reply, false);
    if (!body) {
        return;
    }
    const QJsonValue promptValue = body->value(QStringLiteral("prompt"));
    const QString prompt = promptValue.toString().trimmed();
    if (!promptValue.isString() || prompt.isEmpty()) {
        reply.sendError(400, "bad_request",
                        QStringLiteral("\"prompt\" must be a non-empty string, e.g. {\"prompt\": "
                                       "\"How warm is the CPU?\"}"));
        return;
    }
    const QJsonValue conversationValue = body->value(QStringLiteral("conversation"));
    if (!conversationValue.isUndefined() && !conversationValue.isNull() &&
        !conversationValue.isString()) {
        reply.sendError(400, "bad_request",
                        QStringLiteral("\"conversation\" must be a string (an id of your choice)"));
        return;
    }
    QString conversation = conversationValue.toString().trimmed();
    if (conversation.isEmpty()) {
        conversation =
            QStringLiteral("http-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    } else if (m_services.agent->isBusy(conversation)) {
        reply.sendError(
            409, "busy",
            QStringLiteral("conversation '%1' is answering another question; wait for it "
                           "or use another id")
                .arg(conversation));
        return;
    }

    if (!reply.beginStream("application/x-ndjson")) {
        return; // the client is gone
    }
    QPointer<GuardedSocket> socket = reply.socket();

    // Lives as long as the stream: with the socket, or until the run finishes.
    auto *stream = new QObject(socket);
    QPointer<Agent> agent = m_services.agent;
    const auto finish = [socket, stream, agent] {
        if (agent) {
            QObject::disconnect(agent, nullptr, stream, nullptr);
        }
        if (socket) {
            socket->endStream();
        }
        stream->deleteLater();
    };
    QObject::connect(agent, &Agent::event, stream, [socket, conversation](const QJsonObject &e) {
        if (socket && e.value(QStringLiteral("conversation")).toString() == conversation) {
            socket->writeStream(QJsonDocument(e).toJson(QJsonDocument::Compact) + '\n');
        }
    });
    QObject::connect(agent, &Agent::runFinished, stream, [conversation, finish](const QString &c) {
        if (c == conversation) {
            finish();
        }
    });
    // A client that goes away cancels its question.
    QObject::connect(socket, &QAbstractSocket::disconnected, stream, [agent, stream, conversation] {
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

} // namespace Smollama::Http
