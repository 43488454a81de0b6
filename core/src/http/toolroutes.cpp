// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolroutes.h"

#include "guardedsocket.h"
#include "reply.h"

#include "tools/toolregistry.h"
#include "util/didyoumean.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Smollama::Http {

ToolRoutes::ToolRoutes(const NodeServices &services)
    : m_services(services)
{
}

void ToolRoutes::list(Reply &reply)
{
    if (!m_services.tools) {
        reply.sendError(503, "unavailable", QStringLiteral("tools are not available yet"));
        return;
    }
    QJsonArray array;
    for (const QJsonValue &v : m_services.tools->ollamaTools()) {
        const QJsonObject f = v.toObject().value(QStringLiteral("function")).toObject();
        const QString name = f.value(QStringLiteral("name")).toString();
        QJsonObject tool{{QStringLiteral("name"), name},
                         {QStringLiteral("description"), f.value(QStringLiteral("description"))},
                         {QStringLiteral("parameters"), f.value(QStringLiteral("parameters"))},
                         {QStringLiteral("owner"), m_services.tools->owner(name)}};
        const QStringList instances = m_services.tools->instancesOf(name);
        if (instances.size() > 1) {
            tool.insert(QStringLiteral("instances"), QJsonArray::fromStringList(instances));
        }
        array.append(tool);
    }
    reply.sendJson(200, QJsonDocument(array));
}

void ToolRoutes::call(const Request &request, Reply &reply, const QString &name)
{
    if (!m_services.tools) {
        reply.sendError(503, "unavailable", QStringLiteral("tools are not available yet"));
        return;
    }
    if (!m_services.tools->contains(name)) {
        reply.sendError(404, "unknown_tool",
                        QStringLiteral("no tool '%1'%2; GET /api/tools lists them")
                            .arg(name, didYouMeanSuffix(name, m_services.tools->names())));
        return;
    }
    const std::optional<QJsonObject> arguments = Reply::jsonBody(request, reply, true);
    if (!arguments) {
        return;
    }
    const QString invalid = m_services.tools->validate(name, *arguments);
    if (!invalid.isEmpty()) {
        reply.sendError(400, "invalid_arguments", invalid);
        return;
    }
    // The tool answers later, on this thread; the connection may be gone by then.
    GuardedSocket *socket = reply.socket();
    m_services.tools->callAsync(
        name, *arguments, socket, [later = reply.later(), name](const ToolResult &result) mutable {
            if (result.isOk()) {
                later.sendJson(
                    200, QJsonDocument(QJsonObject{{QStringLiteral("tool"), name},
                                                   {QStringLiteral("result"), result.value()}}));
            } else {
                later.sendJson(422, QJsonDocument(QJsonObject{
                                        {QStringLiteral("tool"), name},
                                        {QStringLiteral("error"), result.message()},
                                        {QStringLiteral("code"), QStringLiteral("tool_failed")},
                                        {QStringLiteral("status"), 422}}));
            }
        });
}

} // namespace Smollama::Http
