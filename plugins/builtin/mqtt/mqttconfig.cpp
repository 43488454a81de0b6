// SPDX-License-Identifier: GPL-3.0-or-later
#include "mqttconfig.h"

#include <smollama/homepath.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace Smollama::Internal {

namespace {

// The config is validated against the schema in plugin.json and carries its defaults (the host
// fills them in before checkDependencies() and setup()): the values are read as they are, the
// schema is the one place for defaults and bounds.
QString string(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

int integer(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInt();
}

bool boolean(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toBool();
}

// A readable file, or why not.
QString checkReadable(const QString &key, const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return QStringLiteral("%1: %2 does not exist").arg(key, path);
    }
    if (!info.isReadable() || !info.isFile()) {
        return QStringLiteral("%1: %2 is not a readable file").arg(key, path);
    }
    return QString();
}

} // namespace

QString MqttConfig::brokerName() const
{
    return host + QLatin1Char(':') + QString::number(port);
}

std::optional<MqttConfig> MqttConfig::parse(const QJsonObject &config, QString *error,
                                            bool readFiles)
{
    MqttConfig c;
    c.host = string(config, "host");
    c.port = integer(config, "port");
    c.mqtt5 = string(config, "protocol") == QLatin1String("5");
    c.clientId = string(config, "client_id");
    c.username = string(config, "username");
    c.passwordFile = expandHome(string(config, "password_file"));
    c.caFile = expandHome(string(config, "ca_file"));
    c.certFile = expandHome(string(config, "cert_file"));
    c.keyFile = expandHome(string(config, "key_file"));
    c.tlsInsecure = boolean(config, "tls_insecure");
    c.baseTopic = string(config, "base_topic");
    while (c.baseTopic.endsWith(QLatin1Char('/'))) {
        c.baseTopic.chop(1);
    }
    c.qos = integer(config, "qos");
    c.keepaliveS = integer(config, "keepalive_s");
    c.persistentSession = boolean(config, "persistent_session");
    c.reconnectMaxS = integer(config, "reconnect_max_s");
    c.publish = boolean(config, "publish");
    c.receive = boolean(config, "receive");
    c.snapshotIntervalS = config.value(QLatin1String("snapshot_interval_s")).toDouble();
    c.offlineBuffer = integer(config, "offline_buffer");
    c.inboundQueue = integer(config, "inbound_queue");
    c.maxIngestPerS = integer(config, "max_ingest_per_s");
    c.apiUrl = string(config, "api_url");
    c.answerQuestions = boolean(config, "answer_questions");
    const QJsonObject commands = config.value(QLatin1String("commands")).toObject();
    c.commands = boolean(commands, "enabled");
    for (const QJsonValue &v : commands.value(QLatin1String("allow")).toArray()) {
        c.allowedTools.append(v.toString());
    }
    const QJsonObject ha = config.value(QLatin1String("homeassistant")).toObject();
    c.homeAssistant = boolean(ha, "enabled");
    c.homeAssistantPrefix = string(ha, "prefix");
    while (c.homeAssistantPrefix.endsWith(QLatin1Char('/'))) {
        c.homeAssistantPrefix.chop(1);
    }

    const QJsonArray subs = config.value(QLatin1String("subscriptions")).toArray();
    for (const QJsonValue &v : subs) {
        const QJsonObject o = v.toObject();
        MqttSubscription s;
        s.topic = string(o, "topic");
        s.valuePath = string(o, "value");
        s.unit = string(o, "unit");
        s.sourceTemplate = string(o, "source");
        c.subscriptions.append(s);
    }

    if (c.baseTopic.isEmpty()) {
        *error = QStringLiteral("base_topic: must not be empty");
        return std::nullopt;
    }
    if (!c.certFile.isEmpty() != !c.keyFile.isEmpty()) {
        *error = QStringLiteral("cert_file and key_file go together: set both or neither");
        return std::nullopt;
    }
    if (!c.certFile.isEmpty() && c.caFile.isEmpty()) {
        *error = QStringLiteral("cert_file needs ca_file (TLS is on when ca_file is set)");
        return std::nullopt;
    }
    for (const auto &[key, path] :
         {std::pair{"ca_file", c.caFile}, {"cert_file", c.certFile}, {"key_file", c.keyFile}}) {
        if (!path.isEmpty()) {
            const QString problem = checkReadable(QLatin1String(key), path);
            if (!problem.isEmpty()) {
                *error = problem;
                return std::nullopt;
            }
        }
    }
    if (!c.passwordFile.isEmpty()) {
        if (c.username.isEmpty()) {
            *error = QStringLiteral("password_file needs username");
            return std::nullopt;
        }
        const QString problem = checkReadable(QStringLiteral("password_file"), c.passwordFile);
        if (!problem.isEmpty()) {
            *error = problem;
            return std::nullopt;
        }
        if (readFiles) {
            QFile file(c.passwordFile);
            if (!file.open(QIODevice::ReadOnly)) {
                *error = QStringLiteral("password_file: cannot read %1: %2")
                             .arg(c.passwordFile, file.errorString());
                return std::nullopt;
            }
            // The first line; a trailing newline from `echo secret > file` is not part of it.
            c.password = QString::fromUtf8(file.readLine()).remove(QLatin1Char('\n'));
            c.password.remove(QLatin1Char('\r'));
        }
    }
    return c;
}

} // namespace Smollama::Internal
