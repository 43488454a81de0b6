// SPDX-License-Identifier: GPL-3.0-or-later
#include "mqttclient.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <mosquitto.h>
#include <mqtt_protocol.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace Smollama::Internal {

Q_LOGGING_CATEGORY(lcMqttClient, "smollama.mqtt")

namespace {

void initLibrary()
{
    // Once per process; never cleaned up (other instances may still use it).
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
}

// A refused CONNECT that trying again at once will not fix.
bool isPermanentRefusal(bool mqtt5, int rc)
{
    if (mqtt5) {
        return rc == MQTT_RC_BAD_USERNAME_OR_PASSWORD || rc == MQTT_RC_NOT_AUTHORIZED ||
               rc == MQTT_RC_CLIENTID_NOT_VALID || rc == MQTT_RC_BANNED ||
               rc == MQTT_RC_BAD_AUTHENTICATION_METHOD;
    }
    return rc == 2 || rc == 4 || rc == 5;
}

} // namespace

MqttClient::MqttClient(const MqttConfig &config, const QString &clientId, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clientId(clientId)
    , m_miscTimer(new QTimer(this))
    , m_reconnectTimer(new QTimer(this))
{
    m_miscTimer->setInterval(1000);
    connect(m_miscTimer, &QTimer::timeout, this, [this] {
        if (m_mosq && (m_connected || m_connecting)) {
            handleLoopResult(mosquitto_loop_misc(m_mosq), "keep-alive");
            updateWrite();
        }
    });
    m_reconnectTimer->setSingleShot(true);
    connect(m_reconnectTimer, &QTimer::timeout, this, &MqttClient::reconnect);
}

MqttClient::~MqttClient()
{
    m_stopping = true;
    disarmSocket();
    if (m_mosq) {
        mosquitto_destroy(m_mosq);
        m_mosq = nullptr;
    }
}

void MqttClient::setWill(const QString &topic, const QByteArray &payload)
{
    m_willTopic = topic;
    m_willPayload = payload;
}

bool MqttClient::start(QString *error)
{
    initLibrary();
    const QByteArray id = m_clientId.toUtf8();
    // A persistent session (clean session off) keeps our subscriptions and the QoS 1 messages
    // for us at the broker while we are away; it needs a client id.
    m_mosq = mosquitto_new(id.constData(), !m_config.persistentSession || id.isEmpty(), this);
    if (!m_mosq) {
        *error = QStringLiteral("cannot create an MQTT client: %1")
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    if (m_config.mqtt5) {
        mosquitto_int_option(m_mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
        if (m_config.persistentSession) {
            // MQTT 5 keeps a session only with a session expiry interval in CONNECT, and
            // libmosquitto 2.0 sends CONNECT properties only from its blocking connect, which
            // would stall this thread while a broker does not answer.
            qCInfo(lcMqttClient,
                   "persistent_session: with protocol 5 the broker ends the session when the "
                   "connection ends (libmosquitto 2.0 cannot send a session expiry interval "
                   "without blocking); use protocol 3.1.1 to keep queued messages while this "
                   "node is away");
        }
    }
    mosquitto_connect_v5_callback_set(m_mosq, &MqttClient::onConnect);
    mosquitto_disconnect_v5_callback_set(m_mosq, &MqttClient::onDisconnect);
    mosquitto_message_v5_callback_set(m_mosq, &MqttClient::onMessage);
    mosquitto_publish_v5_callback_set(m_mosq, &MqttClient::onPublish);
    mosquitto_log_callback_set(m_mosq, &MqttClient::onLog);
    // Outgoing QoS 1/2 messages in flight at once; the plugin bounds what it hands over.
    mosquitto_int_option(m_mosq, MOSQ_OPT_SEND_MAXIMUM, 1000);

    if (!m_config.username.isEmpty()) {
        const QByteArray user = m_config.username.toUtf8();
        const QByteArray password = m_config.password.toUtf8();
        const int rc = mosquitto_username_pw_set(
            m_mosq, user.constData(),
            m_config.passwordFile.isEmpty() ? nullptr : password.constData());
        if (rc != MOSQ_ERR_SUCCESS) {
            *error = QStringLiteral("username: %1").arg(QString::fromUtf8(mosquitto_strerror(rc)));
            return false;
        }
    }
    if (m_config.usesTls()) {
        const QByteArray ca = m_config.caFile.toLocal8Bit();
        const QByteArray cert = m_config.certFile.toLocal8Bit();
        const QByteArray key = m_config.keyFile.toLocal8Bit();
        const int rc = mosquitto_tls_set(m_mosq, ca.constData(), nullptr,
                                         cert.isEmpty() ? nullptr : cert.constData(),
                                         key.isEmpty() ? nullptr : key.constData(), nullptr);
        if (rc != MOSQ_ERR_SUCCESS) {
            *error = QStringLiteral("TLS files (ca_file %1, cert_file %2, key_file %3) cannot be "
                                    "used: %4")
                         .arg(m_config.caFile, m_config.certFile, m_config.keyFile,
                              QString::fromUtf8(mosquitto_strerror(rc)));
            return false;
        }
        if (m_config.tlsInsecure) {
            mosquitto_tls_insecure_set(m_mosq, true);
        }
    }
    if (!m_willTopic.isEmpty()) {
        const QByteArray topic = m_willTopic.toUtf8();
        mosquitto_will_set(m_mosq, topic.constData(), int(m_willPayload.size()),
                           m_willPayload.constData(), 1, true);
    }

    m_miscTimer->start();
    m_connecting = true;
    const QByteArray host = m_config.host.toUtf8();
    const int rc =
        mosquitto_connect_async(m_mosq, host.constData(), m_config.port, m_config.keepaliveS);
    if (rc != MOSQ_ERR_SUCCESS) {
        lost(describe(rc), false);
        return true; // the node runs on; we try again
    }
    armSocket();
    return true;
}

bool MqttClient::publish(const QString &topic, const QByteArray &payload, int qos, bool retain)
{
    return send(topic.toUtf8(), payload, qos, retain, nullptr);
}

bool MqttClient::publishResponse(const QString &topic, const QByteArray &payload, int qos,
                                 const QByteArray &correlationData)
{
    mosquitto_property *properties = nullptr;
    const auto freeProperties =
        qScopeGuard([&properties] { mosquitto_property_free_all(&properties); });
    if (m_config.mqtt5 && !correlationData.isEmpty()) {
        const int rc = mosquitto_property_add_binary(&properties, MQTT_PROP_CORRELATION_DATA,
                                                     correlationData.constData(),
                                                     uint16_t(qMin(correlationData.size(), 65535)));
        if (rc != MOSQ_ERR_SUCCESS) {
            qCWarning(lcMqttClient, "Cannot attach the correlation data of a response: %s",
                      mosquitto_strerror(rc));
            return false;
        }
    }
    return send(topic.toUtf8(), payload, qos, false, properties);
}

bool MqttClient::send(const QByteArray &t, const QByteArray &payload, int qos, bool retain,
                      const mqtt5__property *properties)
{
    if (!m_mosq || !m_connected) {
        return false;
    }
    int mid = 0;
    // A QoS 0 message may be written, and its callback run, inside mosquitto_publish().
    m_publishing = true;
    const int rc = properties
                       ? mosquitto_publish_v5(m_mosq, &mid, t.constData(), int(payload.size()),
                                              payload.constData(), qos, retain, properties)
                       : mosquitto_publish(m_mosq, &mid, t.constData(), int(payload.size()),
                                           payload.constData(), qos, retain);
    m_publishing = false;
    if (rc != MOSQ_ERR_SUCCESS) {
        if (rc == MOSQ_ERR_NO_CONN || rc == MOSQ_ERR_CONN_LOST || rc == MOSQ_ERR_ERRNO) {
            lost(describe(rc), false);
        } else {
            qCWarning(lcMqttClient, "Cannot publish on %s: %s", t.constData(),
                      mosquitto_strerror(rc));
        }
        return false;
    }
    if (m_doneWhilePublishing.remove(mid)) {
        Q_EMIT delivered();
    } else {
        m_inFlight.insert(mid, qos);
    }
    updateWrite();
    return true;
}

bool MqttClient::subscribe(const QString &filter, int qos)
{
    if (!m_mosq || !m_connected) {
        return false;
    }
    const QByteArray f = filter.toUtf8();
    const int rc = mosquitto_subscribe(m_mosq, nullptr, f.constData(), qos);
    if (rc != MOSQ_ERR_SUCCESS) {
        qCWarning(lcMqttClient, "Cannot subscribe to %s: %s", f.constData(),
                  mosquitto_strerror(rc));
        return false;
    }
    updateWrite();
    return true;
}

void MqttClient::disconnectCleanly(const QString &lastTopic, const QByteArray &lastPayload,
                                   int timeoutMs)
{
    m_stopping = true;
    m_reconnectTimer->stop();
    m_miscTimer->stop();
    if (!m_mosq || !m_connected) {
        disarmSocket();
        return;
    }
    if (!lastTopic.isEmpty()) {
        const QByteArray t = lastTopic.toUtf8();
        int mid = 0;
        mosquitto_publish(m_mosq, &mid, t.constData(), int(lastPayload.size()),
                          lastPayload.constData(), 1, true);
    }
    mosquitto_disconnect(m_mosq);
    // Let the bytes leave: loop_write until nothing is queued or the socket is gone.
    QElapsedTimer timer;
    timer.start();
    while (mosquitto_socket(m_mosq) >= 0 && mosquitto_want_write(m_mosq) &&
           timer.elapsed() < timeoutMs) {
        if (mosquitto_loop_write(m_mosq, 100) != MOSQ_ERR_SUCCESS) {
            break;
        }
        if (mosquitto_want_write(m_mosq)) {
            QThread::msleep(5);
        }
    }
    m_connected = false;
    disarmSocket();
}

void MqttClient::armSocket()
{
    disarmSocket();
    const int fd = mosquitto_socket(m_mosq);
    if (fd < 0) {
        return;
    }
    m_readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, [this] {
        if (!m_mosq) {
            return;
        }
        handleLoopResult(mosquitto_loop_read(m_mosq, 1), "read");
        updateWrite();
    });
    m_writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, [this] {
        if (!m_mosq) {
            return;
        }
        int rc = mosquitto_loop_write(m_mosq, 100);
        if (rc == MOSQ_ERR_SUCCESS && !m_connected && mosquitto_socket(m_mosq) >= 0) {
            // A TLS handshake in progress moves on in loop_read, also when writable.
            rc = mosquitto_loop_read(m_mosq, 1);
        }
        handleLoopResult(rc, "write");
        updateWrite();
    });
    updateWrite();
}

void MqttClient::disarmSocket()
{
    // The notifiers may be the sender of the signal being handled: delete them later.
    for (QSocketNotifier **n : {&m_readNotifier, &m_writeNotifier}) {
        if (*n) {
            (*n)->setEnabled(false);
            (*n)->deleteLater();
            *n = nullptr;
        }
    }
}

void MqttClient::updateWrite()
{
    if (!m_writeNotifier || !m_mosq) {
        return;
    }
    if (mosquitto_socket(m_mosq) < 0) {
        disarmSocket();
        return;
    }
    m_writeNotifier->setEnabled(mosquitto_want_write(m_mosq));
}

void MqttClient::handleLoopResult(int rc, const char *where)
{
    if (rc == MOSQ_ERR_SUCCESS || m_stopping) {
        return;
    }
    qCDebug(lcMqttClient, "%s: %s", where, mosquitto_strerror(rc));
    if (m_connected || m_connecting) {
        lost(describe(rc), rc == MOSQ_ERR_CONN_REFUSED ? m_refused : false);
    }
}

void MqttClient::lost(const QString &reason, bool permanent)
{
    m_connected = false;
    m_connecting = false;
    disarmSocket();
    // QoS 0 messages not yet written are gone with the connection; QoS 1/2 ones stay queued
    // in libmosquitto and are sent again after reconnecting.
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        it = it.value() == 0 ? m_inFlight.erase(it) : std::next(it);
    }
    if (m_stopping) {
        return;
    }
    const QString &text = reason;
    if (text != m_reason) {
        qCWarning(lcMqttClient, "%s", qPrintable(text));
    }
    m_reason = text;
    Q_EMIT disconnected(text);
    scheduleReconnect(permanent || m_refused);
}

void MqttClient::scheduleReconnect(bool permanent)
{
    const int maxMs = m_config.reconnectMaxS * 1000;
    int delay = maxMs;
    if (!permanent) {
        delay = qMin(maxMs, 1000 << qMin(m_attempt, 16));
    }
    ++m_attempt;
    m_reconnectTimer->start(delay);
}

void MqttClient::reconnect()
{
    if (!m_mosq || m_stopping || m_connected) {
        return;
    }
    m_connecting = true;
    m_lastLibError.clear();
    mosquitto_log_callback_set(m_mosq, &MqttClient::onLog);
    const int rc = mosquitto_reconnect_async(m_mosq);
    if (rc != MOSQ_ERR_SUCCESS) {
        lost(describe(rc), false);
        return;
    }
    armSocket();
}

QString MqttClient::describe(int rc) const
{
    const QString broker = m_config.brokerName();
    switch (rc) {
    case MOSQ_ERR_ERRNO: {
        const QString cause = QString::fromLocal8Bit(std::strerror(errno));
        return m_connected ? QStringLiteral("lost the connection to the broker at %1: %2")
                                 .arg(broker, cause)
                           : QStringLiteral("cannot reach the broker at %1: %2").arg(broker, cause);
    }
    case MOSQ_ERR_EAI:
        return QStringLiteral("cannot resolve the broker's host name %1: check host")
            .arg(m_config.host);
    case MOSQ_ERR_TLS:
    case MOSQ_ERR_TLS_HANDSHAKE:
        return QStringLiteral("TLS with the broker at %1 failed: %2 (check ca_file, cert_file, "
                              "key_file and that host matches the broker's certificate)")
            .arg(broker,
                 m_lastLibError.isEmpty() ? QStringLiteral("handshake failed") : m_lastLibError);
    case MOSQ_ERR_CONN_REFUSED:
        if (!m_reason.isEmpty() && m_refused) {
            return m_reason;
        }
        return QStringLiteral("the broker at %1 refused the connection").arg(broker);
    case MOSQ_ERR_KEEPALIVE:
        return QStringLiteral("the broker at %1 stopped answering (keep-alive)").arg(broker);
    case MOSQ_ERR_CONN_LOST:
    case MOSQ_ERR_NO_CONN:
        return QStringLiteral("lost the connection to the broker at %1 (it closed the "
                              "connection)")
            .arg(broker);
    default:
        return QStringLiteral("the connection to the broker at %1 failed: %2")
            .arg(broker, QString::fromUtf8(mosquitto_strerror(rc)));
    }
}

void MqttClient::onConnect(mosquitto *, void *self, int rc, int, const mqtt5__property *)
{
    auto *client = static_cast<MqttClient *>(self);
    if (rc == 0) {
        client->m_connected = true;
        client->m_connecting = false;
        client->m_refused = false;
        client->m_attempt = 0;
        client->m_reason.clear();
        ++client->m_connectCount;
        // libmosquitto formats a log line for every packet while a log callback is set; the
        // lines matter only while connecting (TLS failures), so none while connected.
        mosquitto_log_callback_set(client->m_mosq, nullptr);
        qCInfo(lcMqttClient, "Connected to the broker at %s",
               qPrintable(client->m_config.brokerName()));
        Q_EMIT client->connected();
        return;
    }
    const QString cause = QString::fromUtf8(client->m_config.mqtt5 ? mosquitto_reason_string(rc)
                                                                   : mosquitto_connack_string(rc));
    client->m_refused = isPermanentRefusal(client->m_config.mqtt5, rc);
    QString text = QStringLiteral("the broker at %1 refused the connection: %2")
                       .arg(client->m_config.brokerName(), cause);
    if (client->m_refused) {
        text += QStringLiteral(" (check username and password_file; next try in %1 s)")
                    .arg(client->m_config.reconnectMaxS);
    }
    // libmosquitto closes the socket after this callback; lost() runs from the loop result
    // or the disconnect callback with this reason.
    client->m_connecting = true;
    client->lost(text, client->m_refused);
}

void MqttClient::onDisconnect(mosquitto *, void *self, int rc, const mqtt5__property *)
{
    auto *client = static_cast<MqttClient *>(self);
    if (client->m_stopping || (!client->m_connected && !client->m_connecting)) {
        return;
    }
    client->lost(client->describe(rc == 0 ? MOSQ_ERR_CONN_LOST : rc), false);
}

void MqttClient::onMessage(mosquitto *, void *self, const mosquitto_message *msg,
                           const mqtt5__property *props)
{
    auto *client = static_cast<MqttClient *>(self);
    QString responseTopic;
    QByteArray correlationData;
    if (props) {
        char *topic = nullptr;
        if (mosquitto_property_read_string(props, MQTT_PROP_RESPONSE_TOPIC, &topic, false)) {
            responseTopic = QString::fromUtf8(topic);
            std::free(topic);
        }
        void *data = nullptr;
        uint16_t length = 0;
        if (mosquitto_property_read_binary(props, MQTT_PROP_CORRELATION_DATA, &data, &length,
                                           false)) {
            correlationData = QByteArray(static_cast<const char *>(data), length);
            std::free(data);
        }
    }
    Q_EMIT client->messageReceived(
        QString::fromUtf8(msg->topic),
        QByteArray(static_cast<const char *>(msg->payload), msg->payloadlen), msg->retain,
        responseTopic, correlationData);
}

void MqttClient::onPublish(mosquitto *, void *self, int mid, int, const mqtt5__property *)
{
    auto *client = static_cast<MqttClient *>(self);
    if (client->m_inFlight.remove(mid)) {
        Q_EMIT client->delivered();
    } else if (client->m_publishing) {
        client->m_doneWhilePublishing.insert(mid);
    }
}

void MqttClient::onLog(mosquitto *, void *self, int level, const char *text)
{
    if (level & (MOSQ_LOG_ERR | MOSQ_LOG_WARNING)) {
        auto *client = static_cast<MqttClient *>(self);
        client->m_lastLibError = QString::fromUtf8(text);
        qCDebug(lcMqttClient, "libmosquitto: %s", text);
    }
}

} // namespace Smollama::Internal
