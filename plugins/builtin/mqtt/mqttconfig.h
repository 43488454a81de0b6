// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Smollama::Internal {

/*! One entry of `subscriptions`: a foreign topic whose messages become readings. */
struct MqttSubscription
{
    QString topic;     //!< topic filter, + and # allowed
    QString valuePath; //!< JSON path to the value; empty: the whole payload
    QString unit;
    QString sourceTemplate; //!< {1}, {2}, ... are topic levels; empty: the topic with / as _
};

/*!
    The instance configuration of the mqtt plugin, read from the config setup() receives:
    validated against the schema in plugin.json and completed with its defaults, the one place
    for defaults and bounds (the members' initial values here are only "unset"). The password
    is read from password_file at parse time and never leaves this struct in a log or a status
    text.
*/
struct MqttConfig
{
    QString host;
    int port = 0;
    bool mqtt5 = false;
    QString clientId;
    QString username;
    QString passwordFile;
    QString password; //!< never logged
    QString caFile;
    QString certFile;
    QString keyFile;
    bool tlsInsecure = false;
    QString baseTopic;
    int qos = 0;
    int keepaliveS = 0;
    bool persistentSession = false;
    int reconnectMaxS = 0;
    bool publish = false;
    bool receive = false;
    double snapshotIntervalS = 0;
    int offlineBuffer = 0;
    int inboundQueue = 0;
    int maxIngestPerS = 0;
    QString apiUrl;
    bool answerQuestions = false;
    bool commands = false;    //!< tool calls over MQTT 5 request/response
    QStringList allowedTools; //!< the tools commands may call; empty: none
    bool homeAssistant = false;
    QString homeAssistantPrefix;
    QList<MqttSubscription> subscriptions;

    /*! "host:port", as it appears in every message about the broker. */
    QString brokerName() const;
    bool usesTls() const { return !caFile.isEmpty(); }

    /*! Reads \a config (validated, with the schema's defaults); on a problem the schema cannot
        express (an unreadable password file, cert_file without key_file, a base_topic of only
        slashes) returns nothing and says why in \a error. \a readFiles false skips reading the
       password (for checkDependencies, which only looks). */
    static std::optional<MqttConfig> parse(const QJsonObject &config, QString *error,
                                           bool readFiles = true);
};

} // namespace Smollama::Internal
