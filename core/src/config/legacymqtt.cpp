// SPDX-License-Identifier: GPL-3.0-or-later
#include "legacymqtt.h"

#include <QJsonArray>

namespace Smollama::Internal {

LegacyMqtt LegacyMqtt::map(const QJsonObject &section, const QString &node,
                           const QJsonObject &agent)
{
    LegacyMqtt out;
    const auto take = [&](const QJsonValue &value, const QString &from, const QString &to) {
        out.config.insert(to, value);
        out.moved.append({from, to});
    };
    const QJsonValue broker = section.value(QLatin1String("broker"));
    if (broker.isString() && !broker.toString().isEmpty()) {
        take(broker, QStringLiteral("mqtt.broker"), QStringLiteral("host"));
    }
    const QJsonValue port = section.value(QLatin1String("port"));
    if (port.isDouble()) {
        take(port, QStringLiteral("mqtt.port"), QStringLiteral("port"));
    }
    const QJsonValue username = section.value(QLatin1String("username"));
    if (username.isString() && !username.toString().isEmpty()) {
        take(username, QStringLiteral("mqtt.username"), QStringLiteral("username"));
    }
    out.password = section.value(QLatin1String("password")).isString() &&
                   !section.value(QLatin1String("password")).toString().isEmpty();

    // The Python node published on <publish_prefix>/readings, the prefix being <base>/<node>;
    // this one builds <base_topic>/<node>/... from its own name.
    const QJsonObject topics = section.value(QLatin1String("topics")).toObject();
    QString prefix = topics.value(QLatin1String("publish_prefix")).toString();
    while (prefix.endsWith(QLatin1Char('/'))) {
        prefix.chop(1);
    }
    QString base = QStringLiteral("smollama");
    const int slash = prefix.lastIndexOf(QLatin1Char('/'));
    if (slash > 0) {
        base = prefix.left(slash);
        const QString prefixNode = prefix.mid(slash + 1);
        if (prefixNode != node) {
            out.prefixNode = prefixNode;
        }
        if (!base.contains(QLatin1Char('+')) && !base.contains(QLatin1Char('#'))) {
            take(base, QStringLiteral("mqtt.topics.publish_prefix"), QStringLiteral("base_topic"));
        }
    }

    const QJsonValue interval = agent.value(QLatin1String("edge_publish_interval_seconds"));
    if (interval.isDouble() && interval.toDouble() >= 0) {
        take(interval, QStringLiteral("agent.edge_publish_interval_seconds"),
             QStringLiteral("snapshot_interval_s"));
    }

    const QString broadcast = base + QStringLiteral("/broadcast");
    for (const QJsonValue &v : topics.value(QLatin1String("subscribe")).toArray()) {
        const QString topic = v.toString();
        if (topic == broadcast || topic.endsWith(QLatin1String("/ask")) ||
            topic == base + QStringLiteral("/#")) {
            out.questions = true;
        }
    }
    return out;
}

} // namespace Smollama::Internal
