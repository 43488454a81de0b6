// SPDX-License-Identifier: GPL-3.0-or-later
#include "mqttcommands.h"

#include "homeassistant.h"
#include "mqttclient.h"
#include "mqttformat.h"

#include <smollama/plugincontext.h>
#include <smollama/toolresult.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <memory>

namespace Smollama::Internal {

Q_LOGGING_CATEGORY(lcMqttCommands, "smollama.mqtt.commands")

namespace {

// Tool calls waiting for their result at once; more are answered "busy". A tool call runs on
// its instance's thread one at a time anyway: a queue would only delay the answers.
constexpr int s_maxPending = 8;
// Requests bigger than this are no tool arguments a person or a script meant.
constexpr int s_maxPayload = 64 * 1024;
// Topics remembered for "logged once"; beyond it nothing more is logged.
constexpr int s_maxWarned = 1000;

const QString s_gpioWrite = QStringLiteral("gpio_write");

} // namespace

MqttCommands::MqttCommands(const MqttConfig &config, const QString &node, PluginContext *context,
                           MqttClient *client, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_node(node)
    , m_context(context)
    , m_client(client)
    , m_toolPrefix(MqttFormat::nodeTopic(config.baseTopic, node, QStringLiteral("tool/")))
{
    if (m_config.commands && !m_config.mqtt5) {
        qCWarning(lcMqttCommands,
                  "%s: commands are on, but protocol is 3.1.1, which has no response topic: "
                  "tool calls on %s+/call cannot be answered and are refused (set protocol: "
                  "\"5\"); Home Assistant switches work with either",
                  qPrintable(context->instanceName()), qPrintable(m_toolPrefix));
    }
}

QStringList MqttCommands::filters() const
{
    if (!m_config.commands) {
        return {};
    }
    QStringList out{m_toolPrefix + QStringLiteral("+/call")};
    if (switchesEnabled()) {
        out << MqttFormat::nodeTopic(m_config.baseTopic, m_node, QStringLiteral("switch/+/+/set"));
    }
    return out;
}

bool MqttCommands::switchesEnabled() const
{
    return m_config.commands && m_config.homeAssistant &&
           m_config.allowedTools.contains(s_gpioWrite);
}

bool MqttCommands::handle(const QString &topic, const QByteArray &payload, bool retained,
                          const QString &responseTopic, const QByteArray &correlationData)
{
    if (!m_config.commands) {
        return false;
    }
    if (retained) {
        const bool ours =
            topic.startsWith(m_toolPrefix) ||
            MqttFormat::topicMatches(
                MqttFormat::nodeTopic(m_config.baseTopic, m_node, QStringLiteral("switch/#")),
                topic);
        if (ours) {
            ++m_refused;
            warnOnce(topic, QStringLiteral("a retained command on %1 was ignored: commands are "
                                           "carried out only when sent, never replayed from the "
                                           "broker (clear it: mosquitto_pub -r -n -t %1)")
                                .arg(topic));
        }
        return ours;
    }
    if (topic.startsWith(m_toolPrefix) && topic.endsWith(QLatin1String("/call"))) {
        const QString tool = topic.mid(m_toolPrefix.size(), topic.size() - m_toolPrefix.size() - 5);
        if (tool.isEmpty() || tool.contains(QLatin1Char('/'))) {
            return false;
        }
        callTool(tool, payload, responseTopic, correlationData);
        return true;
    }
    const auto source = m_commandTopics.constFind(topic);
    if (source != m_commandTopics.cend()) {
        switchCommand(*source, payload);
        return true;
    }
    // A switch that is gone (its instance stopped): ours, but nothing to do.
    return switchesEnabled() &&
           MqttFormat::topicMatches(
               MqttFormat::nodeTopic(m_config.baseTopic, m_node, QStringLiteral("switch/+/+/set")),
               topic);
}

void MqttCommands::callTool(const QString &tool, const QByteArray &payload,
                            const QString &responseTopic, const QByteArray &correlationData)
{
    ++m_calls;
    if (responseTopic.isEmpty()) {
        ++m_refused;
        warnOnce(m_toolPrefix + tool,
                 QStringLiteral("a request to call %1 came without a response topic (an MQTT "
                                "3.1.1 client, or an MQTT 5 request without the response topic "
                                "property): it was not called, as its result could not be "
                                "sent anywhere")
                     .arg(tool));
        return;
    }
    if (!m_config.allowedTools.contains(tool)) {
        answer(tool, responseTopic, correlationData,
               ToolResult::error(QStringLiteral("the tool %1 may not be called over MQTT on node "
                                                "%2: add it to commands.allow of the mqtt "
                                                "instance %3")
                                     .arg(tool, m_node, m_context->instanceName())));
        return;
    }
    QJsonObject arguments;
    if (!payload.trimmed().isEmpty()) {
        QJsonParseError error{};
        const QJsonDocument doc = payload.size() > s_maxPayload
                                      ? QJsonDocument()
                                      : QJsonDocument::fromJson(payload, &error);
        if (!doc.isObject()) {
            answer(tool, responseTopic, correlationData,
                   ToolResult::error(
                       payload.size() > s_maxPayload
                           ? QStringLiteral("the request is larger than %1 bytes").arg(s_maxPayload)
                           : QStringLiteral("the payload must be a JSON object with the tool's "
                                            "arguments (or empty for none)%1")
                                 .arg(error.error == QJsonParseError::NoError
                                          ? QString()
                                          : QStringLiteral(": ") + error.errorString())));
            return;
        }
        arguments = doc.object();
    }
    if (m_pending >= s_maxPending) {
        ++m_busy;
        answer(
            tool, responseTopic, correlationData,
            ToolResult::error(
                QStringLiteral("busy with %1 other tool calls; try again later").arg(m_pending)));
        return;
    }
    ++m_pending;
    m_context->callTool(tool, arguments, this,
                        [this, tool, responseTopic, correlationData](const ToolResult &result) {
                            --m_pending;
                            answer(tool, responseTopic, correlationData, result);
                        });
}

void MqttCommands::answer(const QString &tool, const QString &responseTopic,
                          const QByteArray &correlationData, const ToolResult &result)
{
    QJsonObject out{{QStringLiteral("node"), m_node},
                    {QStringLiteral("tool"), tool},
                    {QStringLiteral("ok"), result.isOk()}};
    if (result.isOk()) {
        ++m_ok;
        out.insert(QStringLiteral("result"), result.value());
    } else {
        ++m_failed;
        out.insert(QStringLiteral("error"), result.message());
    }
    if (!m_client->publishResponse(responseTopic, QJsonDocument(out).toJson(QJsonDocument::Compact),
                                   m_config.qos, correlationData)) {
        warnOnce(responseTopic, QStringLiteral("cannot answer a call of %1 on the response "
                                               "topic %2 (not connected, or not a topic one "
                                               "can publish on)")
                                    .arg(tool, responseTopic));
    }
}

void MqttCommands::switchCommand(const QString &source, const QByteArray &payload)
{
    const Output output = m_outputs.value(source);
    const QByteArray command = payload.trimmed().toUpper();
    QString state;
    if (command == "ON" || command == "TRUE" || command == "1") {
        state = QStringLiteral("on");
    } else if (command == "OFF" || command == "FALSE" || command == "0") {
        state = QStringLiteral("off");
    } else if (command == "TOGGLE") {
        state = QStringLiteral("toggle");
    } else {
        warnOnce(source, QStringLiteral("the switch %1 takes ON, OFF or TOGGLE, not \"%2\"")
                             .arg(source, QString::fromUtf8(payload.left(40))));
        return;
    }
    if (m_pending >= s_maxPending) {
        ++m_busy;
        return;
    }
    ++m_calls;
    ++m_pending;
    QJsonObject arguments{{QStringLiteral("name"), output.pin}, {QStringLiteral("state"), state}};
    if (!output.instance.isEmpty()) {
        arguments.insert(QStringLiteral("instance"), output.instance);
    }
    m_context->callTool(s_gpioWrite, arguments, this, [this, source](const ToolResult &result) {
        --m_pending;
        if (result.isOk()) {
            ++m_ok;
            return;
        }
        ++m_failed;
        qCWarning(lcMqttCommands, "%s: switching %s from Home Assistant failed: %s",
                  qPrintable(m_context->instanceName()), qPrintable(source),
                  qPrintable(result.message()));
    });
}

void MqttCommands::findSwitches(std::function<void(const QSet<QString> &)> done)
{
    if (!switchesEnabled()) {
        done({});
        return;
    }
    const int search = ++m_search;
    // Which instances are gpio instances, then their sources, then which are outputs.
    m_context->callTool(
        QStringLiteral("plugin_status"), {{QStringLiteral("name"), QStringLiteral("gpio")}}, this,
        [this, search, done](const ToolResult &status) {
            QStringList instances;
            for (const QJsonValue &v : status.value().toArray()) {
                const QString instance = v.toObject().value(QLatin1String("instance")).toString();
                if (!instance.isEmpty()) {
                    instances.append(instance);
                }
            }
            if (search != m_search || instances.isEmpty()) {
                if (search == m_search) {
                    m_outputs.clear();
                    m_commandTopics.clear();
                    done({});
                }
                return;
            }
            m_context->callTool(
                QStringLiteral("list_sources"), QJsonObject(), this,
                [this, search, done, instances](const ToolResult &list) {
                    if (search != m_search) {
                        return;
                    }
                    struct Search
                    {
                        int waiting = 0;
                        QHash<QString, Output> found;
                    };
                    auto state = std::make_shared<Search>();
                    auto finish = [this, search, done, state] {
                        if (--state->waiting > 0 || search != m_search) {
                            return;
                        }
                        m_outputs = state->found;
                        m_commandTopics.clear();
                        for (auto it = m_outputs.cbegin(); it != m_outputs.cend(); ++it) {
                            m_commandTopics.insert(
                                HomeAssistant::commandTopic(m_config.baseTopic, m_node, it.key()),
                                it.key());
                        }
                        done(switches());
                    };
                    state->waiting = 1; // this loop's own, so nothing finishes before it ends
                    for (const QJsonValue &v : list.value().toArray()) {
                        const QJsonObject row = v.toObject();
                        const QString node = row.value(QLatin1String("node")).toString();
                        const QString source = row.value(QLatin1String("source")).toString();
                        const int colon = source.indexOf(QLatin1Char(':'));
                        if ((!node.isEmpty() && node != m_node) || colon <= 0 ||
                            !instances.contains(source.left(colon))) {
                            continue;
                        }
                        Output output{instances.size() > 1 ? source.left(colon) : QString(),
                                      source.mid(colon + 1)};
                        ++state->waiting;
                        auto probe = std::make_shared<std::function<void(const Output &)>>();
                        const std::weak_ptr<std::function<void(const Output &)>> weakProbe = probe;
                        *probe = [this, state, finish, source, weakProbe](const Output &o) {
                            const auto probe = weakProbe.lock(); // the callback keeps it alive
                            QJsonObject args{{QStringLiteral("name"), o.pin}};
                            if (!o.instance.isEmpty()) {
                                args.insert(QStringLiteral("instance"), o.instance);
                            }
                            m_context->callTool(
                                QStringLiteral("gpio_read"), args, this,
                                [state, finish, source, probe, o](const ToolResult &pin) {
                                    if (!pin.isOk() && !o.instance.isEmpty()) {
                                        // One of the instances offers no tools (no pins):
                                        // the tool takes no instance argument then.
                                        (*probe)(Output{QString(), o.pin});
                                        return;
                                    }
                                    const QJsonObject row = pin.value().toObject();
                                    if (pin.isOk() && row.value(QLatin1String("mode")).toString() ==
                                                          QLatin1String("output")) {
                                        state->found.insert(source, o);
                                    }
                                    finish();
                                });
                        };
                        (*probe)(output);
                    }
                    finish();
                });
        });
}

QSet<QString> MqttCommands::switches() const
{
    QSet<QString> out;
    for (auto it = m_outputs.cbegin(); it != m_outputs.cend(); ++it) {
        out.insert(it.key());
    }
    return out;
}

QJsonObject MqttCommands::statistics() const
{
    return {{QStringLiteral("calls"), double(m_calls)},
            {QStringLiteral("ok"), double(m_ok)},
            {QStringLiteral("failed"), double(m_failed)},
            {QStringLiteral("refused"), double(m_refused)},
            {QStringLiteral("busy"), double(m_busy)},
            {QStringLiteral("switches"), m_outputs.size()}};
}

void MqttCommands::warnOnce(const QString &topic, const QString &text)
{
    if (m_warned.contains(topic) || m_warned.size() >= s_maxWarned) {
        return;
    }
    m_warned.insert(topic);
    qCWarning(lcMqttCommands, "%s: %s", qPrintable(m_context->instanceName()), qPrintable(text));
}

} // namespace Smollama::Internal
