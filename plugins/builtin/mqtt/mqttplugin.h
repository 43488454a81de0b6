// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "homeassistant.h"
#include "mqttconfig.h"

#include <smollama/sinkplugin.h>

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>

#include <deque>

class QTimer;

namespace Smollama {

namespace Internal {
class MqttClient;
class MqttCommands;
class MqttIngest;
} // namespace Internal

/*!
    One instance of the builtin "mqtt" plugin: this node in a fleet that shares readings
    through an MQTT broker (docs/mqtt.md).

    As a ReadingSink it gets this node's readings (write(), on the instance's thread) and
    publishes each as retained state on `<base>/<node>/state/<instance>/<id>`, a snapshot of
    all latest values every snapshot_interval_s on `<base>/<node>/readings` in the Python
    smollama's format, and availability on `<base>/<node>/status` (retained "online", the last
    will "offline"). Readings of other nodes that reach write() are not sent back. While the
    broker is away readings wait in a bounded buffer (offline_buffer; the oldest go first,
    counted) and are published after reconnecting.

    It receives the other nodes' snapshots, state and status and readings on foreign topics
    (MqttIngest) and hands them to the node through its context: readings keep the node they
    came from, and the node learns of each node's availability (updateNode()).

    The broker never stops the node: the instance is `degraded` with the reason while it is not
    connected, and reconnects with a capped backoff (MqttClient).
*/
class MqttPlugin : public QObject, public SinkPlugin
{
    Q_OBJECT
    Q_INTERFACES(Smollama::Plugin Smollama::ReadingSink)

public:
    explicit MqttPlugin(QObject *parent = nullptr);
    ~MqttPlugin() override;

    Result checkDependencies(const QJsonObject &config) override;
    Result setup(const QJsonObject &config, PluginContext *context) override;
    void teardown() override;

    void write(const QList<Reading> &readings) override;

    /*! connected, connects, reason, published, delivered, buffered, dropped, in_flight,
        snapshots, discovery (announced entities), and the ingest's figures under "ingest".
        For diagnostics, tests and benchmarks; not part of the SDK. */
    Q_INVOKABLE QJsonObject statistics() const;

private:
    struct Outgoing
    {
        QString topic;
        QByteArray payload;
    };

    void onConnected();
    void onDisconnected(const QString &reason);
    void onMessage(const QString &topic, const QByteArray &payload, bool retained,
                   const QString &responseTopic, const QByteArray &correlationData);
    void enqueue(const QString &topic, const QByteArray &payload);
    void pump();
    bool handleQuestion(const QString &topic, const QByteArray &payload);
    void publishSnapshot();
    void announce(const Reading &reading);
    void announceAll();
    void sweepDiscovery();
    void findSwitches();
    void announceSwitches(const QSet<QString> &sources);
    void removeStaleConfigs(const QSet<QString> &sources);
    QString statusTopic() const;
    QByteArray statusPayload(bool online) const;

    Internal::MqttConfig m_config;
    PluginContext *m_context = nullptr;
    QString m_node;
    QString m_instance;
    Internal::HomeAssistant::Device m_device;
    Internal::MqttClient *m_client = nullptr;     //!< child of this
    Internal::MqttIngest *m_ingest = nullptr;     //!< child of this
    Internal::MqttCommands *m_commands = nullptr; //!< child of this
    QTimer *m_switchTimer = nullptr;              //!< looks for GPIO outputs a little later
    QSet<QString> m_switches;                     //!< sources announced as HA switches
    QTimer *m_snapshotTimer = nullptr;
    std::deque<Outgoing> m_out;
    QHash<QString, Reading> m_latest;    //!< this node's newest reading per source
    QHash<QString, QString> m_announced; //!< HA config topic -> source
    QSet<QString> m_retainedConfigs;     //!< HA configs of this node found at the broker
    bool m_pumping = false;
    bool m_asking = false; //!< a question is with the agent
    qint64 m_published = 0;
    qint64 m_delivered = 0;
    qint64 m_dropped = 0;
    qint64 m_snapshots = 0;
    QElapsedTimer m_clock;
    qint64 m_lastDropLogMs = -1;
};

} // namespace Smollama
