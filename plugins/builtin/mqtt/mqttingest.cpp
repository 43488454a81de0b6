// SPDX-License-Identifier: GPL-3.0-or-later
#include "mqttingest.h"

#include "mqttformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>

namespace Smollama::Internal {

Q_LOGGING_CATEGORY(lcMqttIngest, "smollama.mqtt.ingest")

namespace {

// Messages handled in one go before the event loop runs again (socket, timers, write()).
constexpr int s_slice = 200;
// At most this many malformed topics are remembered for "logged once".
constexpr int s_maxReportedTopics = 1000;

} // namespace

MqttIngest::MqttIngest(const MqttConfig &config, const QString &localNode, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_localNode(localNode)
    , m_prefix(config.baseTopic + QLatin1Char('/'))
    , m_drainTimer(new QTimer(this))
{
    m_drainTimer->setSingleShot(true);
    connect(m_drainTimer, &QTimer::timeout, this, &MqttIngest::drain);
    m_clock.start();
    m_tokens = qMin(double(m_config.maxIngestPerS), double(s_slice));
}

MqttIngest::~MqttIngest() = default;

QStringList MqttIngest::filters() const
{
    QStringList out;
    if (m_config.receive) {
        out << m_prefix + QStringLiteral("+/readings") << m_prefix + QStringLiteral("+/state/#")
            << m_prefix + QStringLiteral("+/status");
    }
    for (const MqttSubscription &s : m_config.subscriptions) {
        if (!out.contains(s.topic)) {
            out << s.topic;
        }
    }
    return out;
}

bool MqttIngest::enqueue(const QString &topic, const QByteArray &payload)
{
    ++m_received;
    if (int(m_queue.size()) >= m_config.inboundQueue) {
        ++m_dropped;
        const qint64 now = m_clock.elapsed();
        if (m_lastDropLogMs < 0 || now - m_lastDropLogMs >= 10000) {
            qCWarning(lcMqttIngest,
                      "More MQTT messages arrive than can be taken (max_ingest_per_s %d, "
                      "inbound_queue %d): %lld dropped so far",
                      m_config.maxIngestPerS, m_config.inboundQueue,
                      static_cast<long long>(m_dropped));
            m_lastDropLogMs = now;
        }
        return false;
    }
    m_queue.push_back({topic, payload});
    if (!m_drainTimer->isActive()) {
        m_drainTimer->start(0);
    }
    return true;
}

void MqttIngest::drain()
{
    const qint64 now = m_clock.elapsed();
    m_tokens = qMin(double(m_config.maxIngestPerS),
                    m_tokens + (now - m_lastRefillMs) * m_config.maxIngestPerS / 1000.0);
    m_lastRefillMs = now;
    int n = qMin(int(m_tokens), s_slice);
    while (n > 0 && !m_queue.empty()) {
        const Message m = std::move(m_queue.front());
        m_queue.pop_front();
        handle(m.topic, m.payload);
        m_tokens -= 1;
        --n;
    }
    if (!m_queue.empty()) {
        // Out of tokens: wait for the next one; else give the event loop a turn.
        const int wait = m_tokens >= 1 ? 0 : qMax(1, int(1000.0 / m_config.maxIngestPerS));
        m_drainTimer->start(wait);
    }
}

void MqttIngest::handle(const QString &topic, const QByteArray &payload)
{
    if (handleForeign(topic, payload)) {
        return;
    }
    if (!m_config.receive || !topic.startsWith(m_prefix)) {
        return;
    }
    const QStringList rest = topic.mid(m_prefix.size()).split(QLatin1Char('/'));
    if (rest.size() < 2 || rest.first().isEmpty()) {
        return;
    }
    const QString node = rest.first();
    if (node == MqttFormat::topicLevel(m_localNode)) {
        return; // our own messages
    }
    handleFleet(node, rest, topic, payload);
}

void MqttIngest::handleFleet(const QString &node, const QStringList &rest, const QString &topic,
                             const QByteArray &payload)
{
    const QString kind = rest.at(1);
    QString error;
    if (kind == QLatin1String("readings") && rest.size() == 2) {
        if (m_stateNodes.contains(node)) {
            return; // a smollama of ours: its state messages carry the same and more
        }
        QList<Reading> readings;
        if (!MqttFormat::parseSnapshot(node, payload, &readings, &error)) {
            malformed(topic, error);
            return;
        }
        markSeen(node);
        for (const Reading &r : std::as_const(readings)) {
            take(r);
        }
    } else if (kind == QLatin1String("state") && rest.size() >= 4) {
        if (payload.isEmpty()) {
            return; // a retained state being removed
        }
        Reading r;
        if (!MqttFormat::parseState(node, payload, &r, &error)) {
            malformed(topic, error);
            return;
        }
        // No markSeen(): retained state of a node that is offline arrives too; its status
        // topic says whether it is online.
        m_stateNodes.insert(node);
        take(r);
    } else if (kind == QLatin1String("status") && rest.size() == 2) {
        if (payload.isEmpty()) {
            return;
        }
        QJsonObject facts;
        if (!MqttFormat::parseStatus(payload, &facts, &error)) {
            malformed(topic, error);
            return;
        }
        const bool online = facts.value(QLatin1String("online")).toBool();
        const auto known = m_online.constFind(node);
        if (known == m_online.cend() || known.value() != online) {
            qCInfo(lcMqttIngest, "Node %s is %s", qPrintable(node), online ? "online" : "offline");
        }
        m_online.insert(node, online);
        if (m_onNode) {
            m_onNode(node, facts);
        }
    }
}

bool MqttIngest::handleForeign(const QString &topic, const QByteArray &payload)
{
    bool matched = false;
    for (const MqttSubscription &s : std::as_const(m_config.subscriptions)) {
        if (!MqttFormat::topicMatches(s.topic, topic)) {
            continue;
        }
        matched = true;
        QVariant value;
        if (s.valuePath.isEmpty()) {
            value = MqttFormat::plainValue(payload);
        } else {
            const QJsonDocument doc = QJsonDocument::fromJson(payload);
            QJsonValue found;
            const QJsonValue root =
                doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
            if (doc.isNull() || !MqttFormat::jsonPath(root, s.valuePath, &found) ||
                found.isObject() || found.isArray() || found.isNull()) {
                // Zigbee2MQTT sends several kinds of messages on one topic: only a payload
                // that is no JSON at all is malformed; a missing key is just not this value.
                if (doc.isNull()) {
                    malformed(topic, QStringLiteral("not JSON, but subscription value '%1' "
                                                    "expects a JSON payload")
                                         .arg(s.valuePath));
                }
                continue;
            }
            value = MqttFormat::readingValue(found);
        }
        Reading r(MqttFormat::renderSource(s.sourceTemplate, topic), value, s.unit);
        take(r);
    }
    return matched;
}

void MqttIngest::take(const Reading &reading)
{
    const QString key = reading.node() + QChar(0x1f) + reading.source();
    const qint64 ms = reading.timestamp().toMSecsSinceEpoch();
    const auto it = m_lastTimestamp.constFind(key);
    if (it != m_lastTimestamp.cend() && ms <= it.value() && !reading.node().isEmpty()) {
        ++m_duplicates;
        return;
    }
    m_lastTimestamp.insert(key, ms);
    ++m_readings;
    if (m_onReading) {
        m_onReading(reading);
    }
}

void MqttIngest::markSeen(const QString &node)
{
    // A node that sends readings is online (a Python node has no status topic).
    if (!m_online.value(node, false)) {
        m_online.insert(node, true);
        if (m_onNode) {
            m_onNode(node, QJsonObject{{QStringLiteral("online"), true}});
        }
    }
}

void MqttIngest::malformed(const QString &topic, const QString &why)
{
    ++m_malformed;
    if (!m_reportedTopics.contains(topic) && m_reportedTopics.size() < s_maxReportedTopics) {
        m_reportedTopics.insert(topic);
        qCWarning(lcMqttIngest,
                  "Ignoring a malformed message on %s: %s (further ones on this "
                  "topic are only counted)",
                  qPrintable(topic), qPrintable(why));
    }
}

QJsonObject MqttIngest::statistics() const
{
    return {{QStringLiteral("received"), double(m_received)},
            {QStringLiteral("dropped"), double(m_dropped)},
            {QStringLiteral("malformed"), double(m_malformed)},
            {QStringLiteral("duplicates"), double(m_duplicates)},
            {QStringLiteral("readings"), double(m_readings)},
            {QStringLiteral("queued"), double(m_queue.size())}};
}

} // namespace Smollama::Internal
