// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mqttconfig.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace Smollama {
class PluginContext;
class ToolResult;
} // namespace Smollama

namespace Smollama::Internal {

class MqttClient;

/*!
    Commands over MQTT (opt-in: commands.enabled, docs/mqtt.md), on the instance's thread.

    Tool calls as MQTT 5 request/response: a request on `<base>/<node>/tool/<tool>/call` whose
    payload is the tool's arguments (a JSON object; empty means none) and whose properties name
    a response topic and correlation data is answered on that response topic with the same
    correlation data: {"node", "tool", "ok": true, "result"} or {"node", "tool", "ok": false,
    "error"}. Only tools on commands.allow are called, through the node's tool registry
    (PluginContext::callTool(), validated as for the agent). A request without a response topic
    (an MQTT 3.1.1 client, or none set) is not called: nobody could learn its result; it is
    counted and logged once per topic. At most a few calls wait at once; more are answered
    "busy" (a flood cannot queue work).

    GPIO outputs as Home Assistant switches (with gpio_write allowed): findSwitches() asks the
    node which gpio instances run (plugin_status), their sources (list_sources) and which are
    outputs (gpio_read); a message "ON", "OFF" or "TOGGLE" on
    `<base>/<node>/switch/<instance>/<pin>/set` calls gpio_write. The new state reaches the
    broker as the output's reading, on its retained state topic.
*/
class MqttCommands : public QObject
{
    Q_OBJECT

public:
    /*! \a context and \a client must outlive this object. */
    MqttCommands(const MqttConfig &config, const QString &node, PluginContext *context,
                 MqttClient *client, QObject *parent = nullptr);

    /*! The topic filters to subscribe to after every connect. */
    QStringList filters() const;

    /*! Handles a message on a command topic; false when \a topic is not one (the message is
        someone else's). A \a retained command is never carried out: the broker would hand it
        over again on every connect. */
    bool handle(const QString &topic, const QByteArray &payload, bool retained,
                const QString &responseTopic, const QByteArray &correlationData);

    /*! True when GPIO outputs become Home Assistant switches: Home Assistant discovery and
        commands on, gpio_write allowed. */
    bool switchesEnabled() const;

    /*! Finds this node's GPIO outputs; \a done runs on this thread with their sources
        ("relays:pump"), which from then on take commands. */
    void findSwitches(std::function<void(const QSet<QString> &sources)> done);

    /*! The GPIO outputs found by the last findSwitches(). */
    QSet<QString> switches() const;

    /*! calls, answered (ok), failed (error answers), refused (no response topic), busy. */
    QJsonObject statistics() const;

private:
    struct Output
    {
        QString instance; //!< the gpio instance; empty when it is the only one
        QString pin;
    };

    void callTool(const QString &tool, const QByteArray &payload, const QString &responseTopic,
                  const QByteArray &correlationData);
    void answer(const QString &tool, const QString &responseTopic,
                const QByteArray &correlationData, const ToolResult &result);
    void switchCommand(const QString &source, const QByteArray &payload);
    void warnOnce(const QString &topic, const QString &text);

    MqttConfig m_config;
    QString m_node;
    PluginContext *m_context = nullptr;
    MqttClient *m_client = nullptr;
    QString m_toolPrefix;                    //!< <base>/<node>/tool/
    QHash<QString, Output> m_outputs;        //!< source -> the GPIO output behind it
    QHash<QString, QString> m_commandTopics; //!< switch command topic -> source
    QSet<QString> m_warned;                  //!< topics already logged about
    int m_pending = 0;
    int m_search = 0; //!< the newest findSwitches(); older answers are dropped
    qint64 m_calls = 0;
    qint64 m_ok = 0;
    qint64 m_failed = 0;
    qint64 m_refused = 0;
    qint64 m_busy = 0;
};

} // namespace Smollama::Internal
