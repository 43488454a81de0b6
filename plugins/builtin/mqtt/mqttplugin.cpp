// SPDX-License-Identifier: GPL-3.0-or-later
#include "mqttplugin.h"

#include "mqttclient.h"
#include "mqttcommands.h"
#include "mqttformat.h"
#include "mqttingest.h"

#include <smollama/pluginfactory.h>
#include <smollama/version.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSysInfo>
#include <QTimer>

namespace Smollama {

Q_LOGGING_CATEGORY(lcMqtt, "smollama.mqtt.plugin")

namespace {

// Messages handed to libmosquitto and not yet sent or acknowledged; beyond it they wait in
// our own bounded buffer, so libmosquitto's queue (unbounded) stays small.
constexpr int s_maxInFlight = 1000;

} // namespace

using namespace Internal;

MqttPlugin::MqttPlugin(QObject *parent)
    : QObject(parent)
{
}

MqttPlugin::~MqttPlugin() = default;

Result MqttPlugin::checkDependencies(const QJsonObject &config)
{
    // Look, never claim: the files must be there; the broker is not needed to start.
    QString error;
    if (!MqttConfig::parse(config, &error, false)) {
        return Result::error(error);
    }
    return Result::ok();
}

Result MqttPlugin::setup(const QJsonObject &config, PluginContext *context)
{
    QString error;
    const std::optional<MqttConfig> parsed = MqttConfig::parse(config, &error);
    if (!parsed) {
        return Result::error(error);
    }
    m_config = *parsed;
    m_context = context;
    m_clock.start();
    m_instance = context->instanceName();
    m_node = context->nodeName();
    if (m_node.isEmpty()) {
        m_node = QSysInfo::machineHostName();
    }
    m_device = {m_config.homeAssistantPrefix, m_config.baseTopic, m_node,
                QStringLiteral(SMOLLAMA_VERSION_STRING), m_config.apiUrl};

    const QString clientId = m_config.clientId.isEmpty()
                                 ? QStringLiteral("smollama-%1-%2").arg(m_node, m_instance)
                                 : m_config.clientId;
    m_client = new MqttClient(m_config, clientId, this);
    if (m_config.publish) {
        m_client->setWill(statusTopic(), statusPayload(false));
    }
    m_ingest = new MqttIngest(m_config, m_node, this);
    m_ingest->setReadingHandler([this](const Reading &r) { m_context->publish(r); });
    m_ingest->setNodeHandler([this](const QString &node, const QJsonObject &facts) {
        m_context->updateNode(node, facts);
    });

    m_commands = new MqttCommands(m_config, m_node, context, m_client, this);
    m_switchTimer = new QTimer(this);
    m_switchTimer->setSingleShot(true);
    m_switchTimer->setInterval(500); // new sources come in bursts: one search after them
    connect(m_switchTimer, &QTimer::timeout, this, &MqttPlugin::findSwitches);

    connect(m_client, &MqttClient::connected, this, &MqttPlugin::onConnected);
    connect(m_client, &MqttClient::disconnected, this, &MqttPlugin::onDisconnected);
    connect(m_client, &MqttClient::messageReceived, this, &MqttPlugin::onMessage);
    connect(m_client, &MqttClient::delivered, this, [this] {
        ++m_delivered;
        pump();
    });

    m_snapshotTimer = new QTimer(this);
    connect(m_snapshotTimer, &QTimer::timeout, this, [this] {
        publishSnapshot();
        sweepDiscovery();
    });
    if (m_config.snapshotIntervalS > 0) {
        m_snapshotTimer->start(qMax(100, int(m_config.snapshotIntervalS * 1000)));
    }

    m_context->setDegraded(
        QStringLiteral("connecting to the broker at %1").arg(m_config.brokerName()));
    if (!m_client->start(&error)) {
        return Result::error(error);
    }
    return Result::ok();
}

void MqttPlugin::teardown()
{
    if (m_snapshotTimer) {
        m_snapshotTimer->stop();
    }
    if (m_client) {
        // A clean goodbye: the will is not sent, so say "offline" ourselves.
        m_client->disconnectCleanly(m_config.publish ? statusTopic() : QString(),
                                    statusPayload(false), 2000);
    }
    delete m_commands;
    m_commands = nullptr;
    delete m_switchTimer;
    m_switchTimer = nullptr;
    delete m_client;
    m_client = nullptr;
    delete m_ingest;
    m_ingest = nullptr;
    delete m_snapshotTimer;
    m_snapshotTimer = nullptr;
    m_out.clear();
    m_context = nullptr;
}

void MqttPlugin::write(const QList<Reading> &readings)
{
    if (!m_config.publish || !m_client) {
        return;
    }
    for (const Reading &r : readings) {
        // Readings received from other nodes are theirs to publish.
        if (!r.node().isEmpty() && r.node() != m_node) {
            continue;
        }
        Reading local = r;
        if (local.node().isEmpty()) {
            local.setNode(m_node);
        }
        const bool fresh = !m_latest.contains(local.source());
        m_latest.insert(local.source(), local);
        if (m_config.homeAssistant && fresh && m_client->isConnected()) {
            announce(local);
        }
        enqueue(MqttFormat::stateTopic(m_config.baseTopic, m_node, local.source()),
                MqttFormat::state(local));
    }
    pump();
}

void MqttPlugin::enqueue(const QString &topic, const QByteArray &payload)
{
    const size_t capacity = size_t(qMax(m_config.offlineBuffer, 1));
    if (m_config.offlineBuffer == 0 && !m_client->isConnected()) {
        ++m_dropped;
        return;
    }
    while (m_out.size() >= capacity) {
        m_out.pop_front();
        ++m_dropped;
        if (m_lastDropLogMs < 0 || m_clock.elapsed() - m_lastDropLogMs >= 10000) {
            m_lastDropLogMs = m_clock.elapsed();
            qCWarning(lcMqtt,
                      "%s: the offline buffer is full (offline_buffer: %d); the oldest readings "
                      "are dropped: %lld so far",
                      qPrintable(m_instance), m_config.offlineBuffer,
                      static_cast<long long>(m_dropped));
        }
    }
    m_out.push_back({topic, payload});
}

void MqttPlugin::pump()
{
    // delivered() may come from inside publish() (QoS 0): no second pump inside the first.
    if (m_pumping) {
        return;
    }
    m_pumping = true;
    const auto done = qScopeGuard([this] { m_pumping = false; });
    while (!m_out.empty() && m_client->isConnected() && m_client->inFlight() < s_maxInFlight) {
        const Outgoing &next = m_out.front();
        if (!m_client->publish(next.topic, next.payload, m_config.qos, true)) {
            return;
        }
        ++m_published;
        m_out.pop_front();
    }
}

void MqttPlugin::onConnected()
{
    m_context->setDegraded(QString());
    for (const QString &filter : m_ingest->filters()) {
        m_client->subscribe(filter, m_config.qos);
    }
    for (const QString &filter : m_commands->filters()) {
        m_client->subscribe(filter, m_config.qos);
    }
    if (m_config.answerQuestions) {
        m_client->subscribe(m_config.baseTopic + QStringLiteral("/broadcast"), m_config.qos);
        m_client->subscribe(
            MqttFormat::nodeTopic(m_config.baseTopic, m_node, QStringLiteral("ask")), m_config.qos);
    }
    if (m_config.publish) {
        m_client->publish(statusTopic(), statusPayload(true), 1, true);
        if (m_config.homeAssistant) {
            // Our retained entity configs: those of sources that are gone get removed.
            m_retainedConfigs.clear();
            m_client->subscribe(m_config.homeAssistantPrefix + QStringLiteral("/+/") +
                                    HomeAssistant::deviceId(m_node) + QStringLiteral("/+/config"),
                                1);
            m_client->subscribe(m_config.homeAssistantPrefix + QStringLiteral("/status"), 1);
            announceAll();
            if (m_commands->switchesEnabled()) {
                m_switchTimer->start();
            }
        }
    }
    pump();
}

void MqttPlugin::onDisconnected(const QString &reason)
{
    if (m_context) {
        m_context->setDegraded(reason);
    }
}

void MqttPlugin::onMessage(const QString &topic, const QByteArray &payload, bool retained,
                           const QString &responseTopic, const QByteArray &correlationData)
{
    if (m_commands->handle(topic, payload, retained, responseTopic, correlationData)) {
        return;
    }
    if (m_config.homeAssistant &&
        topic.startsWith(m_config.homeAssistantPrefix + QLatin1Char('/'))) {
        if (topic == m_config.homeAssistantPrefix + QStringLiteral("/status")) {
            if (payload.trimmed() == "online") {
                announceAll(); // Home Assistant restarted
            }
        } else if (topic.endsWith(QLatin1String("/config")) &&
                   topic.contains(QLatin1Char('/') + HomeAssistant::deviceId(m_node) +
                                  QLatin1Char('/'))) {
            if (payload.isEmpty()) {
                m_retainedConfigs.remove(topic);
            } else {
                m_retainedConfigs.insert(topic);
            }
        }
        return;
    }
    if (m_config.answerQuestions && handleQuestion(topic, payload)) {
        return;
    }
    m_ingest->enqueue(topic, payload);
}

bool MqttPlugin::handleQuestion(const QString &topic, const QByteArray &payload)
{
    if (topic != m_config.baseTopic + QStringLiteral("/broadcast") &&
        topic != MqttFormat::nodeTopic(m_config.baseTopic, m_node, QStringLiteral("ask"))) {
        return false;
    }
    QString question = QString::fromUtf8(payload).trimmed();
    const QJsonDocument doc = QJsonDocument::fromJson(payload);
    if (doc.isObject()) {
        question = doc.object().value(QLatin1String("question")).toString().trimmed();
    }
    if (question.isEmpty() || payload.size() > 4096) {
        return true; // nothing to ask, or not a question a person typed
    }
    const QString answerTopic =
        MqttFormat::nodeTopic(m_config.baseTopic, m_node, QStringLiteral("answer"));
    auto reply = [this, answerTopic, question](const QString &answer, const QString &error) {
        QJsonObject out{{QStringLiteral("node"), m_node}, {QStringLiteral("question"), question}};
        if (error.isEmpty()) {
            out.insert(QStringLiteral("answer"), answer);
        } else {
            out.insert(QStringLiteral("error"), error);
        }
        if (m_client) {
            m_client->publish(answerTopic, QJsonDocument(out).toJson(QJsonDocument::Compact),
                              m_config.qos, false);
        }
    };
    // One question at a time: a small model answers slowly, and a flood of questions must
    // not queue up hours of work.
    if (m_asking) {
        reply(QString(), QStringLiteral("busy with another question; ask again later"));
        return true;
    }
    m_asking = true;
    m_context->ask(question, this, [this, reply](const QString &answer, const QString &error) {
        m_asking = false;
        reply(answer, error);
    });
    return true;
}

void MqttPlugin::publishSnapshot()
{
    if (!m_config.publish || !m_client || !m_client->isConnected() || m_latest.isEmpty()) {
        return;
    }
    // The Python smollama publishes its snapshots with QoS 0, not retained.
    m_client->publish(
        MqttFormat::nodeTopic(m_config.baseTopic, m_node, QStringLiteral("readings")),
        MqttFormat::snapshot(m_node, m_latest.values(), QDateTime::currentDateTimeUtc()), 0, false);
    ++m_snapshots;
}

void MqttPlugin::announce(const Reading &reading)
{
    const QString component = HomeAssistant::component(reading.value());
    if (component.isEmpty()) {
        return;
    }
    if (component == QLatin1String("binary_sensor") && m_commands->switchesEnabled()) {
        if (m_switches.contains(reading.source())) {
            announceSwitches({reading.source()});
            return;
        }
        m_switchTimer->start(); // it may be a GPIO output
    }
    const QString topic = HomeAssistant::configTopic(m_device, component, reading.source());
    if (m_client->publish(
            topic,
            HomeAssistant::config(m_device, component, reading.source(), QString(), reading.unit()),
            1, true)) {
        m_announced.insert(topic, reading.source());
    }
}

void MqttPlugin::announceAll()
{
    m_announced.clear();
    for (const Reading &r : std::as_const(m_latest)) {
        announce(r);
    }
}

void MqttPlugin::findSwitches()
{
    if (!m_commands || !m_client || !m_client->isConnected()) {
        return;
    }
    m_commands->findSwitches([this](const QSet<QString> &sources) {
        const QSet<QString> fresh = sources - m_switches;
        m_switches = sources;
        announceSwitches(fresh);
    });
}

void MqttPlugin::announceSwitches(const QSet<QString> &sources)
{
    for (const QString &source : sources) {
        // A GPIO output is a switch, not also a binary sensor.
        const QString sensor =
            HomeAssistant::configTopic(m_device, QStringLiteral("binary_sensor"), source);
        if (m_announced.remove(sensor) > 0 || m_retainedConfigs.remove(sensor)) {
            m_client->publish(sensor, QByteArray(), 1, true);
        }
        const QString topic =
            HomeAssistant::configTopic(m_device, QStringLiteral("switch"), source);
        if (m_client->publish(topic, HomeAssistant::switchConfig(m_device, source, QString()), 1,
                              true)) {
            m_announced.insert(topic, source);
        }
    }
}

void MqttPlugin::sweepDiscovery()
{
    if (!m_config.homeAssistant || !m_client || !m_client->isConnected()) {
        return;
    }
    // The node's own list of sources says what still exists; a source of a stopped instance
    // is gone from it. Without an answer, what this instance has seen counts.
    m_context->callTool(
        QStringLiteral("list_sources"), QJsonObject(), this, [this](const ToolResult &result) {
            QSet<QString> sources;
            for (auto it = m_latest.cbegin(); it != m_latest.cend(); ++it) {
                sources.insert(it.key());
            }
            if (result.isOk()) {
                QSet<QString> listed;
                for (const QJsonValue &v : result.value().toArray()) {
                    const QJsonObject row = v.toObject();
                    const QString node = row.value(QLatin1String("node")).toString();
                    if (node.isEmpty() || node == m_node) {
                        listed.insert(row.value(QLatin1String("source")).toString());
                    }
                }
                sources.intersect(listed);
            }
            removeStaleConfigs(sources);
        });
}

void MqttPlugin::removeStaleConfigs(const QSet<QString> &sources)
{
    if (!m_client || !m_client->isConnected()) {
        return;
    }
    QSet<QString> keep;
    for (const QString &source : sources) {
        if (m_switches.contains(source)) {
            keep.insert(HomeAssistant::configTopic(m_device, QStringLiteral("switch"), source));
            continue;
        }
        for (const char *component : {"sensor", "binary_sensor"}) {
            keep.insert(HomeAssistant::configTopic(m_device, QLatin1String(component), source));
        }
    }
    QSet<QString> stale = m_retainedConfigs;
    for (auto it = m_announced.cbegin(); it != m_announced.cend(); ++it) {
        stale.insert(it.key());
    }
    for (const QString &topic : std::as_const(stale)) {
        if (keep.contains(topic)) {
            continue;
        }
        // An empty retained config removes the entity from Home Assistant.
        if (m_client->publish(topic, QByteArray(), 1, true)) {
            qCInfo(lcMqtt, "%s: removed the Home Assistant entity %s (its source is gone)",
                   qPrintable(m_instance), qPrintable(topic));
            m_retainedConfigs.remove(topic);
            const QString source = m_announced.take(topic);
            m_latest.remove(source);
        }
    }
}

QString MqttPlugin::statusTopic() const
{
    return MqttFormat::nodeTopic(m_config.baseTopic, m_node, QStringLiteral("status"));
}

QByteArray MqttPlugin::statusPayload(bool online) const
{
    return MqttFormat::status(online, m_node, QStringLiteral(SMOLLAMA_VERSION_STRING),
                              m_config.apiUrl);
}

QJsonObject MqttPlugin::statistics() const
{
    QJsonObject out{{QStringLiteral("published"), double(m_published)},
                    {QStringLiteral("delivered"), double(m_delivered)},
                    {QStringLiteral("buffered"), double(m_out.size())},
                    {QStringLiteral("dropped"), double(m_dropped)},
                    {QStringLiteral("snapshots"), double(m_snapshots)},
                    {QStringLiteral("discovery"), double(m_announced.size())}};
    if (m_client) {
        out.insert(QStringLiteral("connected"), m_client->isConnected());
        out.insert(QStringLiteral("connects"), m_client->connectCount());
        out.insert(QStringLiteral("reason"), m_client->reason());
        out.insert(QStringLiteral("in_flight"), m_client->inFlight());
    }
    if (m_ingest) {
        out.insert(QStringLiteral("ingest"), m_ingest->statistics());
    }
    if (m_commands) {
        out.insert(QStringLiteral("commands"), m_commands->statistics());
    }
    return out;
}

} // namespace Smollama

SMOLLAMA_PLUGIN_FACTORY(MqttPluginFactory, Smollama::MqttPlugin)

#include "mqttplugin.moc"
