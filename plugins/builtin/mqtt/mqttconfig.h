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
    The instance configuration of the mqtt plugin, read from the validated config (the schema
    in plugin.json has the defaults). The password is read from password_file at parse time and
    never leaves this struct in a log or a status text.
*/
struct MqttConfig
{
    QString host;
    int port = 1883;
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
    int qos = 1;
    int keepaliveS = 30;
    bool persistentSession = true;
    int reconnectMaxS = 60;
    bool publish = true;
    bool receive = true;
    double snapshotIntervalS = 30;
    int offlineBuffer = 10000;
    int inboundQueue = 10000;
    int maxIngestPerS = 5000;
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

    /*! Reads \a config; on a problem (an unreadable password file, cert_file without key_file)
        returns nothing and says why in \a error. \a readFiles false skips reading the password
        (for checkDependencies, which only looks). */
    static std::optional<MqttConfig> parse(const QJsonObject &config, QString *error,
                                           bool readFiles = true);
};

} // namespace Smollama::Internal
