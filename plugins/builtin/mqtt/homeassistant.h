// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QVariant>

/*!
    Home Assistant MQTT discovery (docs/mqtt.md): each node is one HA device, each numeric
    source a `sensor` and each on/off source a `binary_sensor`, announced retained on
    `<prefix>/<component>/smollama_<node>/<instance>_<id>/config` and reading its state from
    our retained state topic. Pure functions, also compiled into tests/mqtt.
*/
namespace Smollama::Internal::HomeAssistant {

struct Device
{
    QString prefix; //!< discovery prefix, "homeassistant"
    QString base;   //!< our base topic
    QString node;
    QString version; //!< smollama's version, sw_version
    QString url;     //!< configuration_url; empty: left out
};

/*! "sensor" for a number, "binary_sensor" for a bool, empty for anything else. */
QString component(const QVariant &value);

/*! HA's device_class for a unit (and, for %, the source id): temperature, humidity, pressure,
    power, energy, voltage, current, illuminance, frequency, data_size, duration,
    carbon_dioxide; empty when none fits. */
QString deviceClass(const QString &unit, const QString &source);

/*! "total_increasing" for energy (kWh, Wh), "measurement" otherwise. */
QString stateClass(const QString &unit);

/*! The node's HA device id, "smollama_<node>" as a safe id. */
QString deviceId(const QString &node);

/*! `<prefix>/<component>/smollama_<node>/<instance>_<id>/config`. */
QString configTopic(const Device &device, const QString &component, const QString &source);

/*! `<base>/<node>/switch/<instance>/<id>/set`: where Home Assistant sends ON/OFF for the
    GPIO output \a source. */
QString commandTopic(const QString &base, const QString &node, const QString &source);

/*! The discovery payload of the GPIO output \a source as a `switch`: its state from our
    retained state topic, commands ("ON", "OFF") on commandTopic(). */
QByteArray switchConfig(const Device &device, const QString &source, const QString &label);

/*! The discovery payload of \a source ("system:cpu_temp") as \a component, with its \a label
    (empty: made from the id) and \a unit. */
QByteArray config(const Device &device, const QString &component, const QString &source,
                  const QString &label, const QString &unit);

} // namespace Smollama::Internal::HomeAssistant
