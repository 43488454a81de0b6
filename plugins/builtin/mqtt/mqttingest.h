// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mqttconfig.h"

#include <smollama/reading.h>

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>

#include <deque>
#include <functional>

class QTimer;

namespace Smollama::Internal {

/*!
    Turns received MQTT messages into readings and node facts, on the instance's thread.

    Messages wait in a bounded queue (inbound_queue; when full, new ones are dropped and
    counted) and are turned into readings at most max_ingest_per_s per second, a slice at a
    time, so a flood of messages can neither fill the memory nor the reading bus, and the
    socket keeps being read in between.

    Topics under base_topic: `<node>/readings` (the Python snapshot; the node comes from the
    topic, as the Python master takes it), `<node>/state/...` (ours, with quality) and
    `<node>/status` (availability). This node's own topics are ignored. A reading is taken once
    per node + source + timestamp: QoS 1 duplicates, retained copies and a snapshot repeating a
    state message change nothing. Foreign topics (subscriptions) become readings of this node.
    A malformed payload is counted and logged once per topic.
*/
class MqttIngest : public QObject
{
    Q_OBJECT

public:
    using ReadingHandler = std::function<void(const Reading &reading)>;
    using NodeHandler = std::function<void(const QString &node, const QJsonObject &facts)>;

    MqttIngest(const MqttConfig &config, const QString &localNode, QObject *parent = nullptr);
    ~MqttIngest() override;

    /*! Readings of other nodes have node() set; readings of foreign topics have the local id
        ("zigbee_kitchen_temperature") and no node (the host gives them this node's). */
    void setReadingHandler(ReadingHandler handler) { m_onReading = std::move(handler); }
    void setNodeHandler(NodeHandler handler) { m_onNode = std::move(handler); }

    /*! The topic filters to subscribe to. */
    QStringList filters() const;

    /*! Queues a received message; false when the queue is full (dropped, counted). */
    bool enqueue(const QString &topic, const QByteArray &payload);

    /*! Handles one message now (the queue's worker; public for tests). */
    void handle(const QString &topic, const QByteArray &payload);

    /*! received, dropped, malformed, duplicates, readings, queued. */
    QJsonObject statistics() const;

private:
    struct Message
    {
        QString topic;
        QByteArray payload;
    };

    void drain();
    void handleFleet(const QString &node, const QStringList &rest, const QString &topic,
                     const QByteArray &payload);
    bool handleForeign(const QString &topic, const QByteArray &payload);
    void take(const Reading &reading);
    void markSeen(const QString &node);
    void malformed(const QString &topic, const QString &why);

    MqttConfig m_config;
    QString m_localNode;
    QString m_prefix; //!< base_topic + '/'
    ReadingHandler m_onReading;
    NodeHandler m_onNode;
    std::deque<Message> m_queue;
    QTimer *m_drainTimer = nullptr;
    QElapsedTimer m_clock;
    double m_tokens = 0;
    qint64 m_lastRefillMs = 0;
    QHash<QString, qint64> m_lastTimestamp; //!< node \x1f source -> newest taken (ms)
    QSet<QString> m_stateNodes;             //!< nodes that publish state topics (C++)
    QHash<QString, bool> m_online;
    QSet<QString> m_reportedTopics; //!< malformed topics already logged
    qint64 m_received = 0;
    qint64 m_dropped = 0;
    qint64 m_droppedReported = 0;
    qint64 m_malformed = 0;
    qint64 m_duplicates = 0;
    qint64 m_readings = 0;
    qint64 m_lastDropLogMs = -1;
};

} // namespace Smollama::Internal
