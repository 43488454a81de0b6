// SPDX-License-Identifier: GPL-3.0-or-later
#include "pluginstatus.h"

#include <QJsonArray>

namespace Smollama {

QString PluginStatus::stateName(PluginState state)
{
    switch (state) {
    case PluginState::Loaded:
        return QStringLiteral("loaded");
    case PluginState::Degraded:
        return QStringLiteral("degraded");
    case PluginState::Retrying:
        return QStringLiteral("retrying");
    case PluginState::Restarting:
        return QStringLiteral("restarting");
    case PluginState::Stuck:
        return QStringLiteral("stuck");
    case PluginState::Enabled:
        return QStringLiteral("enabled");
    case PluginState::Disabled:
        return QStringLiteral("disabled");
    case PluginState::MissingDependencies:
        return QStringLiteral("missing_dependencies");
    case PluginState::InvalidConfig:
        return QStringLiteral("invalid_config");
    case PluginState::Incompatible:
        return QStringLiteral("incompatible");
    case PluginState::Failed:
        return QStringLiteral("failed");
    case PluginState::Conflict:
        return QStringLiteral("conflict");
    }
    return QStringLiteral("failed");
}

bool PluginStatus::isProblem(PluginState state)
{
    return state != PluginState::Loaded && state != PluginState::Enabled &&
           state != PluginState::Disabled;
}

QJsonObject PluginStatus::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("name"), name);
    o.insert(QLatin1String("instance"), instance);
    o.insert(QLatin1String("version"), version);
    o.insert(QLatin1String("author"), author);
    o.insert(QLatin1String("description"), description);
    if (types.size() == 1) {
        o.insert(QLatin1String("type"), types.first());
    } else {
        o.insert(QLatin1String("type"), QJsonArray::fromStringList(types));
    }
    o.insert(QLatin1String("dependencies"), QJsonArray::fromStringList(dependencies));
    o.insert(QLatin1String("path"), path);
    o.insert(QLatin1String("status"), stateName(state));
    o.insert(QLatin1String("reason"), reason);
    o.insert(QLatin1String("builtin"), builtin);
    o.insert(QLatin1String("isolation"), isolation);
    if (sinkQueue > 0) {
        o.insert(QLatin1String("sink"),
                 QJsonObject{{QLatin1String("queue"), sinkQueue},
                             {QLatin1String("delivered"), double(sinkDelivered)},
                             {QLatin1String("dropped"), double(sinkDropped)}});
    }
    return o;
}

PluginStatus PluginStatus::fromJson(const QJsonObject &o)
{
    PluginStatus s;
    s.name = o.value(QLatin1String("name")).toString();
    s.instance = o.value(QLatin1String("instance")).toString();
    s.version = o.value(QLatin1String("version")).toString();
    s.author = o.value(QLatin1String("author")).toString();
    s.description = o.value(QLatin1String("description")).toString();
    const QJsonValue type = o.value(QLatin1String("type"));
    if (type.isArray()) {
        for (const QJsonValue &t : type.toArray()) {
            s.types.append(t.toString());
        }
    } else if (!type.toString().isEmpty()) {
        s.types.append(type.toString());
    }
    for (const QJsonValue &d : o.value(QLatin1String("dependencies")).toArray()) {
        s.dependencies.append(d.toString());
    }
    s.path = o.value(QLatin1String("path")).toString();
    const QString status = o.value(QLatin1String("status")).toString();
    s.state = PluginState::Failed;
    for (PluginState candidate :
         {PluginState::Loaded, PluginState::Degraded, PluginState::Retrying,
          PluginState::Restarting, PluginState::Stuck, PluginState::Enabled, PluginState::Disabled,
          PluginState::MissingDependencies, PluginState::InvalidConfig, PluginState::Incompatible,
          PluginState::Failed, PluginState::Conflict}) {
        if (stateName(candidate) == status) {
            s.state = candidate;
        }
    }
    s.reason = o.value(QLatin1String("reason")).toString();
    s.builtin = o.value(QLatin1String("builtin")).toBool();
    s.isolation = o.value(QLatin1String("isolation")).toString();
    const QJsonObject sink = o.value(QLatin1String("sink")).toObject();
    s.sinkQueue = sink.value(QLatin1String("queue")).toInt();
    s.sinkDelivered = qint64(sink.value(QLatin1String("delivered")).toDouble());
    s.sinkDropped = qint64(sink.value(QLatin1String("dropped")).toDouble());
    return s;
}

} // namespace Smollama
