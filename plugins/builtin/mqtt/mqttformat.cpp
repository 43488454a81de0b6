// SPDX-License-Identifier: GPL-3.0-or-later
#include "mqttformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>

namespace Smollama::Internal::MqttFormat {

namespace {

const QString s_node = QStringLiteral("node");
const QString s_source = QStringLiteral("source");
const QString s_value = QStringLiteral("value");
const QString s_unit = QStringLiteral("unit");
const QString s_timestamp = QStringLiteral("timestamp");
const QString s_quality = QStringLiteral("quality");
const QString s_message = QStringLiteral("message");
const QString s_state = QStringLiteral("state");

QJsonObject parseObject(const QByteArray &payload, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not JSON (%1 at offset %2)")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return {};
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("not a JSON object");
        return {};
    }
    return doc.object();
}

Reading::Quality qualityFromName(const QString &name, bool *ok)
{
    *ok = true;
    if (name.isEmpty() || name == QLatin1String("ok")) {
        return Reading::Quality::Ok;
    }
    if (name == QLatin1String("stale")) {
        return Reading::Quality::Stale;
    }
    if (name == QLatin1String("error")) {
        return Reading::Quality::Error;
    }
    *ok = false;
    return Reading::Quality::Ok;
}

} // namespace

QString topicLevel(const QString &name)
{
    if (name.isEmpty()) {
        return QStringLiteral("_");
    }
    QString out = name;
    for (QChar &c : out) {
        if (c == QLatin1Char('/') || c == QLatin1Char('+') || c == QLatin1Char('#') ||
            c == QChar(0)) {
            c = QLatin1Char('_');
        }
    }
    return out;
}

QString nodeTopic(const QString &base, const QString &node, const QString &leaf)
{
    return base + QLatin1Char('/') + topicLevel(node) + QLatin1Char('/') + leaf;
}

QString stateTopic(const QString &base, const QString &node, const QString &source)
{
    const int colon = source.indexOf(QLatin1Char(':'));
    const QString instance = colon < 0 ? QStringLiteral("_") : source.left(colon);
    const QString id = colon < 0 ? source : source.mid(colon + 1);
    return nodeTopic(base, node, QStringLiteral("state/")) + topicLevel(instance) +
           QLatin1Char('/') + topicLevel(id);
}

QString isoWithOffset(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) +
           QStringLiteral("+00:00");
}

QDateTime parseTime(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?)"
                       R"((Z|[+-]\d{2}:?\d{2})?$)"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch()) {
        return {};
    }
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    int ms = 0;
    if (m.hasCaptured(7) && !m.captured(7).isEmpty()) {
        ms = (m.captured(7) + QStringLiteral("00")).left(3).toInt();
    }
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), ms);
    if (!date.isValid() || !time.isValid()) {
        return {};
    }
    QDateTime result(date, time, QTimeZone::utc());
    const QString zone = m.captured(8);
    if (!zone.isEmpty() && zone != QLatin1String("Z")) {
        QString digits = zone.mid(1);
        digits.remove(QLatin1Char(':'));
        const int offset = (digits.left(2).toInt() * 60 + digits.mid(2, 2).toInt()) * 60;
        result = result.addSecs(zone.startsWith(QLatin1Char('-')) ? offset : -offset);
    }
    return result;
}

QJsonValue valueToJson(const QVariant &value)
{
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = value.toDouble();
        return std::isfinite(d) ? QJsonValue(d) : QJsonValue();
    }
    case QMetaType::QString:
        return value.toString();
    default:
        return value.isValid() && !value.isNull() ? QJsonValue(value.toString()) : QJsonValue();
    }
}

QByteArray snapshot(const QString &node, const QList<Reading> &readings, const QDateTime &now)
{
    QJsonArray list;
    for (const Reading &r : readings) {
        if (r.quality() == Reading::Quality::Error || !r.value().isValid()) {
            continue;
        }
        list.append(QJsonObject{{s_source, r.source()},
                                {s_value, valueToJson(r.value())},
                                {s_unit, r.unit().isEmpty() ? QJsonValue() : QJsonValue(r.unit())},
                                {QStringLiteral("ts"), isoWithOffset(r.timestamp())}});
    }
    const QJsonObject doc{{s_node, node},
                          {s_timestamp, now.toMSecsSinceEpoch() / 1000.0},
                          {QStringLiteral("readings"), list}};
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

QByteArray state(const Reading &reading)
{
    QJsonObject doc{{s_node, reading.node()},
                    {s_source, reading.source()},
                    {s_value, valueToJson(reading.value())},
                    {s_unit, reading.unit()},
                    {s_timestamp, reading.timestamp().toUTC().toString(Qt::ISODateWithMs)},
                    {s_quality, Reading::qualityName(reading.quality())}};
    if (!reading.message().isEmpty()) {
        doc.insert(s_message, reading.message());
    }
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

QByteArray status(bool online, const QString &node, const QString &version, const QString &url)
{
    QJsonObject doc{{s_state, online ? QStringLiteral("online") : QStringLiteral("offline")},
                    {s_node, node},
                    {QStringLiteral("version"), version}};
    if (!url.isEmpty()) {
        doc.insert(QStringLiteral("url"), url);
    }
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

bool parseSnapshot(const QString &node, const QByteArray &payload, QList<Reading> *readings,
                   QString *error)
{
    const QJsonObject doc = parseObject(payload, error);
    if (doc.isEmpty()) {
        if (error->isEmpty()) {
            *error = QStringLiteral("an empty object");
        }
        return false;
    }
    const QJsonValue list = doc.value(QLatin1String("readings"));
    if (!list.isArray()) {
        *error = QStringLiteral("no \"readings\" array");
        return false;
    }
    // The snapshot's own time, for entries without "ts".
    QDateTime snapshotTime;
    const QJsonValue stamp = doc.value(s_timestamp);
    if (stamp.isDouble()) {
        snapshotTime =
            QDateTime::fromMSecsSinceEpoch(qint64(stamp.toDouble() * 1000.0), QTimeZone::utc());
    } else if (stamp.isString()) {
        snapshotTime = parseTime(stamp.toString());
    }
    if (!snapshotTime.isValid()) {
        snapshotTime = QDateTime::currentDateTimeUtc();
    }
    int skipped = 0;
    for (const QJsonValue &v : list.toArray()) {
        const QJsonObject entry = v.toObject();
        const QString source = entry.value(s_source).toString();
        const QJsonValue value = entry.value(s_value);
        if (source.isEmpty() || value.isObject() || value.isArray() || value.isUndefined()) {
            ++skipped;
            continue;
        }
        QDateTime ts = snapshotTime;
        if (entry.value(QLatin1String("ts")).isString()) {
            const QDateTime parsed = parseTime(entry.value(QLatin1String("ts")).toString());
            if (parsed.isValid()) {
                ts = parsed;
            }
        }
        Reading r(source, readingValue(value), entry.value(s_unit).toString(), ts);
        if (value.isNull()) {
            r.setQuality(Reading::Quality::Error);
            r.setMessage(QStringLiteral("no value"));
        }
        r.setNode(node);
        readings->append(r);
    }
    if (readings->isEmpty() && skipped > 0) {
        *error = QStringLiteral("no entry of \"readings\" has a source and a value");
        return false;
    }
    return true;
}

bool parseState(const QString &node, const QByteArray &payload, Reading *reading, QString *error)
{
    const QJsonObject doc = parseObject(payload, error);
    if (!error->isEmpty()) {
        return false;
    }
    const QString source = doc.value(s_source).toString();
    if (source.isEmpty()) {
        *error = QStringLiteral("no \"source\"");
        return false;
    }
    const QDateTime ts = parseTime(doc.value(s_timestamp).toString());
    if (!ts.isValid()) {
        *error = QStringLiteral("no valid \"timestamp\"");
        return false;
    }
    const QJsonValue value = doc.value(s_value);
    if (value.isObject() || value.isArray()) {
        *error = QStringLiteral("\"value\" is not a number, bool or text");
        return false;
    }
    bool known = false;
    const Reading::Quality quality = qualityFromName(doc.value(s_quality).toString(), &known);
    if (!known) {
        *error = QStringLiteral("unknown \"quality\"");
        return false;
    }
    Reading r(source, readingValue(value), doc.value(s_unit).toString(), ts);
    r.setQuality(quality);
    r.setMessage(doc.value(s_message).toString());
    r.setNode(node);
    *reading = r;
    return true;
}

bool parseStatus(const QByteArray &payload, QJsonObject *facts, QString *error)
{
    const QByteArray plain = payload.trimmed().toLower();
    if (plain == "online" || plain == "offline") {
        facts->insert(QStringLiteral("online"), plain == "online");
        return true;
    }
    const QJsonObject doc = parseObject(payload, error);
    if (!error->isEmpty()) {
        return false;
    }
    const QString state = doc.value(s_state).toString();
    if (state != QLatin1String("online") && state != QLatin1String("offline")) {
        *error = QStringLiteral("\"state\" is neither online nor offline");
        return false;
    }
    facts->insert(QStringLiteral("online"), state == QLatin1String("online"));
    for (const char *key : {"version", "url"}) {
        const QString text = doc.value(QLatin1String(key)).toString();
        if (!text.isEmpty()) {
            facts->insert(QLatin1String(key), text);
        }
    }
    return true;
}

bool jsonPath(const QJsonValue &root, const QString &path, QJsonValue *value)
{
    QString p = path.trimmed();
    if (p.startsWith(QLatin1String("$"))) {
        p = p.mid(1);
    }
    QJsonValue current = root;
    // Steps: .name, name, [index], ["name"].
    static const QRegularExpression step(
        QStringLiteral(R"(\G(?:\.?([^.\[\]]+)|\[(\d+)\]|\[\"([^\"]*)\"\]))"));
    int pos = 0;
    while (pos < p.size()) {
        const QRegularExpressionMatch m = step.match(p, pos);
        if (!m.hasMatch() || m.capturedLength() == 0) {
            return false;
        }
        pos = m.capturedEnd();
        if (m.hasCaptured(2) && !m.captured(2).isEmpty()) {
            const QJsonArray array = current.toArray();
            const int index = m.captured(2).toInt();
            if (!current.isArray() || index >= array.size()) {
                return false;
            }
            current = array.at(index);
        } else {
            const QString key = !m.captured(1).isEmpty() ? m.captured(1) : m.captured(3);
            if (!current.isObject() || !current.toObject().contains(key)) {
                return false;
            }
            current = current.toObject().value(key);
        }
    }
    *value = current;
    return true;
}

QVariant plainValue(const QByteArray &payload)
{
    const QString text = QString::fromUtf8(payload).trimmed();
    bool ok = false;
    const double number = text.toDouble(&ok);
    if (ok && std::isfinite(number)) {
        return number;
    }
    const QString lower = text.toLower();
    if (lower == QLatin1String("on") || lower == QLatin1String("true")) {
        return true;
    }
    if (lower == QLatin1String("off") || lower == QLatin1String("false")) {
        return false;
    }
    return text;
}

QVariant readingValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double:
        return value.toDouble();
    case QJsonValue::String: {
        // Tasmota and Zigbee2MQTT send "ON"/"OFF" for switches.
        const QString lower = value.toString().toLower();
        if (lower == QLatin1String("on")) {
            return true;
        }
        if (lower == QLatin1String("off")) {
            return false;
        }
        return value.toString();
    }
    default:
        return QVariant();
    }
}

QString renderSource(const QString &pattern, const QString &topic)
{
    const QStringList levels = topic.split(QLatin1Char('/'));
    QString text = pattern.isEmpty() ? topic : pattern;
    if (!pattern.isEmpty()) {
        static const QRegularExpression placeholder(QStringLiteral(R"(\{(\d+)\})"));
        QString out;
        int last = 0;
        auto it = placeholder.globalMatch(pattern);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            out += pattern.mid(last, m.capturedStart() - last);
            const int index = m.captured(1).toInt();
            if (index >= 1 && index <= levels.size()) {
                out += levels.at(index - 1);
            }
            last = m.capturedEnd();
        }
        out += pattern.mid(last);
        text = out;
    }
    QString id;
    id.reserve(text.size());
    for (const QChar c : text.toLower()) {
        const bool keep = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                          (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        if (keep) {
            id += c;
        } else if (!id.endsWith(QLatin1Char('_'))) {
            id += QLatin1Char('_');
        }
    }
    while (id.startsWith(QLatin1Char('_'))) {
        id.remove(0, 1);
    }
    while (id.endsWith(QLatin1Char('_'))) {
        id.chop(1);
    }
    return id.isEmpty() ? QStringLiteral("value") : id;
}

bool topicMatches(const QString &filter, const QString &topic)
{
    const QStringList f = filter.split(QLatin1Char('/'));
    const QStringList t = topic.split(QLatin1Char('/'));
    // Wildcards do not match topics starting with $ ($SYS).
    if (topic.startsWith(QLatin1Char('$')) && !filter.startsWith(QLatin1Char('$'))) {
        return false;
    }
    for (int i = 0; i < f.size(); ++i) {
        if (f.at(i) == QLatin1String("#")) {
            return i == f.size() - 1;
        }
        if (i >= t.size()) {
            return false;
        }
        if (f.at(i) != QLatin1String("+") && f.at(i) != t.at(i)) {
            return false;
        }
    }
    return f.size() == t.size();
}

} // namespace Smollama::Internal::MqttFormat
