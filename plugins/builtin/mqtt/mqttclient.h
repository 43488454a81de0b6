// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mqttconfig.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

struct mosquitto;
struct mosquitto_message;
struct mqtt5__property;
class QSocketNotifier;
class QTimer;

namespace Smollama::Internal {

/*!
    One connection to a broker through libmosquitto, driven by the Qt event loop of the thread
    that owns it (the plugin instance's worker thread): a QSocketNotifier reads the socket
    (mosquitto_loop_read), another writes while libmosquitto has data queued
    (mosquitto_loop_write), a 1 s timer runs mosquitto_loop_misc (keep-alive pings). The
    notifiers are made anew for every connection (the socket changes). Every libmosquitto
    callback therefore runs on this thread, inside those calls, and may touch this object
    directly: no second thread, no locks, and the plugin's ReadingSink::write() (same thread)
    publishes without crossing threads.

    Reconnects with a doubling wait from 1 s up to reconnect_max_s; a refused login or a TLS
    failure waits reconnect_max_s at once (no retry storm), and the reason names the broker and
    the cause. The password is handed to libmosquitto and never logged.
*/
class MqttClient : public QObject
{
    Q_OBJECT

public:
    explicit MqttClient(const MqttConfig &config, const QString &clientId,
                        QObject *parent = nullptr);
    ~MqttClient() override;

    /*! Sets the last will (retained) that the broker publishes when this client vanishes. */
    void setWill(const QString &topic, const QByteArray &payload);

    /*! Creates the client and starts connecting; false with \a error when the configuration
        cannot be used (a TLS file libmosquitto refuses). Never blocks on the network beyond
        resolving the host name. */
    bool start(QString *error);

    /*! Publishes now when connected (hands the message to libmosquitto); false when not
        connected or the library refused it. */
    bool publish(const QString &topic, const QByteArray &payload, int qos, bool retain);
    /*! Publishes an MQTT 5 response: not retained, with \a correlationData as the request's
        correlation-data property (left out when empty). Over MQTT 3.1.1 it is sent without
        properties. */
    bool publishResponse(const QString &topic, const QByteArray &payload, int qos,
                         const QByteArray &correlationData);
    bool subscribe(const QString &filter, int qos);

    /*! A clean DISCONNECT after publishing \a lastTopic / \a lastPayload (retained): the broker
        then does not publish the will; the message says the same. Waits at most \a timeoutMs
        for the bytes to leave. */
    void disconnectCleanly(const QString &lastTopic, const QByteArray &lastPayload, int timeoutMs);

    bool isConnected() const { return m_connected; }
    /*! Messages handed to libmosquitto and not yet sent (QoS 0) or acknowledged (QoS 1/2). */
    int inFlight() const { return int(m_inFlight.size()); }
    /*! Why the client is not connected; empty when it is. */
    QString reason() const { return m_reason; }
    int connectCount() const { return m_connectCount; }

Q_SIGNALS:
    void connected();
    /*! The connection is gone or could not be made; \a reason for people. */
    void disconnected(const QString &reason);
    /*! A message arrived. \a responseTopic and \a correlationData are its MQTT 5 properties
        of a request (empty over MQTT 3.1.1 or when the sender set none). */
    void messageReceived(const QString &topic, const QByteArray &payload, bool retained,
                         const QString &responseTopic, const QByteArray &correlationData);
    /*! A published message left (QoS 0) or was acknowledged (QoS 1/2). */
    void delivered();

private:
    static void onConnect(mosquitto *m, void *self, int rc, int flags,
                          const mqtt5__property *props);
    static void onDisconnect(mosquitto *m, void *self, int rc, const mqtt5__property *props);
    static void onMessage(mosquitto *m, void *self, const mosquitto_message *msg,
                          const mqtt5__property *props);
    static void onPublish(mosquitto *m, void *self, int mid, int rc, const mqtt5__property *props);
    static void onLog(mosquitto *m, void *self, int level, const char *text);

    void armSocket();
    void disarmSocket();
    void updateWrite();
    void handleLoopResult(int rc, const char *where);
    void lost(const QString &reason, bool permanent);
    void scheduleReconnect(bool permanent);
    void reconnect();
    QString describe(int rc) const;
    bool send(const QByteArray &topic, const QByteArray &payload, int qos, bool retain,
              const mqtt5__property *properties);

    MqttConfig m_config;
    QString m_clientId;
    QString m_willTopic;
    QByteArray m_willPayload;
    mosquitto *m_mosq = nullptr;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QTimer *m_miscTimer = nullptr;
    QTimer *m_reconnectTimer = nullptr;
    QHash<int, int> m_inFlight; //!< mid -> qos
    QSet<int> m_doneWhilePublishing;
    bool m_publishing = false;
    QString m_reason;
    QString m_lastLibError; //!< the newest error line libmosquitto logged (TLS details)
    bool m_connected = false;
    bool m_connecting = false;
    bool m_refused = false; //!< the broker refused the login: wait long before trying again
    bool m_stopping = false;
    int m_attempt = 0;
    int m_connectCount = 0;
};

} // namespace Smollama::Internal
