// SPDX-License-Identifier: GPL-3.0-or-later
#include "homeassistant.h"

#include "mqttformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Smollama::Internal::HomeAssistant {

namespace {

// Lower-case letters, digits and '_': what HA accepts in node and object ids.
QString safeId(const QString &text)
{
    return MqttFormat::renderSource(QString(), text);
}

QString label(const QString &source)
{
    QString id = source.mid(source.indexOf(QLatin1Char(':')) + 1);
    id.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!id.isEmpty()) {
        id[0] = id.at(0).toUpper();
    }
    return id;
}

} // namespace

QString component(const QVariant &value)
{
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        return QStringLiteral("binary_sensor");
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float:
        return QStringLiteral("sensor");
    default:
        return QString();
    }
}

QString deviceClass(const QString &unit, const QString &source)
{
    const QString id = source.toLower();
    if (unit == QStringLiteral("°C") || unit == QStringLiteral("°F") ||
        unit == QLatin1String("K")) {
        return QStringLiteral("temperature");
    }
    if (unit == QLatin1String("%")) {
        if (id.contains(QLatin1String("humid"))) {
            return QStringLiteral("humidity");
        }
        if (id.contains(QLatin1String("battery"))) {
            return QStringLiteral("battery");
        }
        return QString();
    }
    if (unit == QLatin1String("hPa") || unit == QLatin1String("Pa") ||
        unit == QLatin1String("bar") || unit == QLatin1String("mbar")) {
        return QStringLiteral("pressure");
    }
    if (unit == QLatin1String("W") || unit == QLatin1String("kW")) {
        return QStringLiteral("power");
    }
    if (unit == QLatin1String("kWh") || unit == QLatin1String("Wh")) {
        return QStringLiteral("energy");
    }
    if (unit == QLatin1String("V") || unit == QLatin1String("mV")) {
        return QStringLiteral("voltage");
    }
    if (unit == QLatin1String("A") || unit == QLatin1String("mA")) {
        return QStringLiteral("current");
    }
    if (unit == QLatin1String("lx")) {
        return QStringLiteral("illuminance");
    }
    if (unit == QLatin1String("Hz") || unit == QLatin1String("MHz") ||
        unit == QLatin1String("GHz")) {
        return QStringLiteral("frequency");
    }
    if (unit == QLatin1String("MiB") || unit == QLatin1String("GiB") ||
        unit == QLatin1String("KiB") || unit == QLatin1String("B")) {
        return QStringLiteral("data_size");
    }
    if (unit == QLatin1String("s") || unit == QLatin1String("min") || unit == QLatin1String("h")) {
        return QStringLiteral("duration");
    }
    if (unit == QLatin1String("ppm") && id.contains(QLatin1String("co2"))) {
        return QStringLiteral("carbon_dioxide");
    }
    return QString();
}

QString stateClass(const QString &unit)
{
    if (unit == QLatin1String("kWh") || unit == QLatin1String("Wh")) {
        return QStringLiteral("total_increasing");
    }
    return QStringLiteral("measurement");
}

QString deviceId(const QString &node)
{
    return QStringLiteral("smollama_") + safeId(node);
}

QString configTopic(const Device &device, const QString &component, const QString &source)
{
    return device.prefix + QLatin1Char('/') + component + QLatin1Char('/') + deviceId(device.node) +
           QLatin1Char('/') + safeId(source) + QStringLiteral("/config");
}

namespace {

// What every entity of the node has: name, unique_id, state topic, availability, device.
QJsonObject entity(const Device &device, const QString &source, const QString &sourceLabel)
{
    const QString statusTopic =
        MqttFormat::nodeTopic(device.base, device.node, QStringLiteral("status"));
    QJsonObject deviceInfo{{QStringLiteral("identifiers"), QJsonArray{deviceId(device.node)}},
                           {QStringLiteral("name"), device.node},
                           {QStringLiteral("manufacturer"), QStringLiteral("smollama")},
                           {QStringLiteral("model"), QStringLiteral("smollama node")},
                           {QStringLiteral("sw_version"), device.version}};
    if (!device.url.isEmpty()) {
        deviceInfo.insert(QStringLiteral("configuration_url"), device.url);
    }
    return {
        {QStringLiteral("name"), sourceLabel.isEmpty() ? label(source) : sourceLabel},
        {QStringLiteral("unique_id"), deviceId(device.node) + QLatin1Char('_') + safeId(source)},
        {QStringLiteral("state_topic"), MqttFormat::stateTopic(device.base, device.node, source)},
        {QStringLiteral("availability"),
         QJsonArray{QJsonObject{
             {QStringLiteral("topic"), statusTopic},
             {QStringLiteral("value_template"), QStringLiteral("{{ value_json.state }}")}}}},
        {QStringLiteral("device"), deviceInfo}};
}

const QString s_onOffTemplate = QStringLiteral("{{ 'ON' if value_json.value else 'OFF' }}");

} // namespace

QString commandTopic(const QString &base, const QString &node, const QString &source)
{
    QString topic = MqttFormat::stateTopic(base, node, source);
    const QString state = MqttFormat::nodeTopic(base, node, QStringLiteral("state/"));
    return MqttFormat::nodeTopic(base, node, QStringLiteral("switch/")) + topic.mid(state.size()) +
           QStringLiteral("/set");
}

QByteArray switchConfig(const Device &device, const QString &source, const QString &sourceLabel)
{
    QJsonObject doc = entity(device, source, sourceLabel);
    doc.insert(QStringLiteral("value_template"), s_onOffTemplate);
    doc.insert(QStringLiteral("command_topic"), commandTopic(device.base, device.node, source));
    doc.insert(QStringLiteral("payload_on"), QStringLiteral("ON"));
    doc.insert(QStringLiteral("payload_off"), QStringLiteral("OFF"));
    doc.insert(QStringLiteral("state_on"), QStringLiteral("ON"));
    doc.insert(QStringLiteral("state_off"), QStringLiteral("OFF"));
    // HA waits for the state topic to confirm a switch (not optimistic): the state message
    // comes when the output really switched.
    doc.insert(QStringLiteral("optimistic"), false);
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

QByteArray config(const Device &device, const QString &component, const QString &source,
                  const QString &sourceLabel, const QString &unit)
{
    QJsonObject doc = entity(device, source, sourceLabel);
    if (component == QLatin1String("binary_sensor")) {
        doc.insert(QStringLiteral("value_template"), s_onOffTemplate);
    } else {
        doc.insert(QStringLiteral("value_template"), QStringLiteral("{{ value_json.value }}"));
        doc.insert(QStringLiteral("state_class"), stateClass(unit));
        if (!unit.isEmpty()) {
            doc.insert(QStringLiteral("unit_of_measurement"), unit);
        }
    }
    const QString cls = deviceClass(unit, source);
    if (!cls.isEmpty() && component == QLatin1String("sensor")) {
        doc.insert(QStringLiteral("device_class"), cls);
    }
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

} // namespace Smollama::Internal::HomeAssistant
