// SPDX-License-Identifier: GPL-3.0-or-later
#include "pluginroutes.h"

#include "reply.h"

#include "plugins/plugininstance.h"
#include "plugins/pluginmanager.h"
#include "util/didyoumean.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Smollama::Http {

PluginRoutes::PluginRoutes(const NodeServices &services)
    : m_services(services)
{
}

void PluginRoutes::list(Reply &reply)
{
    if (!m_services.plugins) {
        reply.sendError(503, "unavailable", QStringLiteral("plugins are not available"));
        return;
    }
    QJsonArray array;
    for (const PluginStatus &s : m_services.plugins->statuses()) {
        array.append(s.toJson());
    }
    reply.sendJson(200, QJsonDocument(array));
}

void PluginRoutes::restart(Reply &reply, const QString &instance)
{
    PluginManager *plugins = m_services.plugins;
    if (!plugins) {
        reply.sendError(503, "unavailable", QStringLiteral("plugins are not available"));
        return;
    }
    if (!plugins->instance(instance)) {
        QStringList names;
        for (const PluginInstance *inst : plugins->instances()) {
            names.append(inst->name());
        }
        reply.sendError(404, "unknown_instance",
                        QStringLiteral("no plugin instance '%1'%2; GET /api/plugins lists them")
                            .arg(instance, didYouMeanSuffix(instance, names)));
        return;
    }
    QString why;
    if (!plugins->restartHostedInstance(instance, &why)) {
        reply.sendError(409, "not_restartable", why);
        return;
    }
    // The new host is set up in the background: 202, and plugin_status events follow.
    reply.sendJson(
        202, QJsonDocument(QJsonObject{{QStringLiteral("instance"), instance},
                                       {QStringLiteral("status"), QStringLiteral("restarting")}}));
}

} // namespace Smollama::Http
