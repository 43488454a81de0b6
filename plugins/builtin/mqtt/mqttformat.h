// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QVariant>

/*!
    The wire formats of the mqtt plugin (docs/mqtt.md has the topic table):

    - `<base>/<node>/readings`: the Python smollama's snapshot,
      {"node", "timestamp" (epoch seconds), "readings": [{"source", "value", "unit", "ts"}]};
    - `<base>/<node>/state/<instance>/<id>`: one source's newest reading, retained,
      {"node", "source", "value", "unit", "timestamp", "quality", "message"};
    - `<base>/<node>/status`: availability, retained, {"state": "online"|"offline", "node",
      "version", "url"}; a plain "online"/"offline" is understood too.

    Pure functions: no broker, no state. Compiled into tests/mqtt as well.
*/
namespace Smollama::Internal::MqttFormat {

/*! \a name as one topic level: '/', '+', '#' and NUL become '_', so a node, instance or source
    name can never add a level or a wildcard; an empty name becomes "_". */
QString topicLevel(const QString &name);

/*! `<base>/<node>/<leaf>` with the node made a safe level. */
QString nodeTopic(const QString &base, const QString &node, const QString &leaf);

/*! `<base>/<node>/state/<instance>/<id>` for the qualified \a source ("system:cpu_temp"). */
QString stateTopic(const QString &base, const QString &node, const QString &source);

/*! ISO 8601 with milliseconds and an explicit "+00:00" offset, which Python's
    datetime.fromisoformat() reads in every Python 3 version (it does not read "Z" before 3.11). */
QString isoWithOffset(const QDateTime &time);

/*! Reads ISO 8601 with "Z", an offset or none (taken as UTC), with 0 to 9 fraction digits.
    Invalid on anything else. */
QDateTime parseTime(const QString &text);

QJsonValue valueToJson(const QVariant &value);

/*! The Python smollama's snapshot of \a readings (error readings left out: the Python format
    has no quality) as node \a node at \a now. */
QByteArray snapshot(const QString &node, const QList<Reading> &readings, const QDateTime &now);

/*! The retained state message of one reading. */
QByteArray state(const Reading &reading);

/*! The status (availability) message. */
QByteArray status(bool online, const QString &node, const QString &version, const QString &url);

/*! Readings of a snapshot received on `<base>/<node>/readings`; \a node comes from the topic,
    as the Python master takes it. False with \a error on a payload that is not a snapshot. */
bool parseSnapshot(const QString &node, const QByteArray &payload, QList<Reading> *readings,
                   QString *error);

/*! The reading of a state message of \a node. False with \a error when malformed. */
bool parseState(const QString &node, const QByteArray &payload, Reading *reading, QString *error);

/*! What a status message says: {"online": bool, "version", "url"} (only the keys it has).
    False with \a error when it is neither our JSON nor plain online/offline. */
bool parseStatus(const QByteArray &payload, QJsonObject *facts, QString *error);

/*! The value at \a path in \a root: "temperature", "$.state.power", "sensors[0].value".
    False when the path does not lead to a value. */
bool jsonPath(const QJsonValue &root, const QString &path, QJsonValue *value);

/*! A whole payload as a value: a number, ON/OFF/true/false as a bool, else the text. */
QVariant plainValue(const QByteArray &payload);

/*! A JSON value as a reading value (number, bool or string); null for objects and arrays. */
QVariant readingValue(const QJsonValue &value);

/*! The source id of a message on \a topic: \a pattern with {1}, {2}, ... replaced by topic
    levels (1 is the first); an empty pattern gives the whole topic. The result is made a
    source id: lower-case letters, digits and '_' ("zigbee2mqtt/Living Room" →
    "zigbee2mqtt_living_room"). */
QString renderSource(const QString &pattern, const QString &topic);

/*! True when \a topic matches the subscription \a filter (+ one level, # the rest), as the
    broker decides it. */
bool topicMatches(const QString &filter, const QString &topic);

} // namespace Smollama::Internal::MqttFormat
