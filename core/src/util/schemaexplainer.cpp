// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaexplainer.h"

#include "didyoumean.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QList>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace Smollama::Internal {

namespace {

// The texts keep the translation contexts they were first translated under
// (docs/translations.md): the value descriptions and bounds came from the configuration's
// checks, the rest from the schema's.
class ConfigTr
{
    Q_DECLARE_TR_FUNCTIONS(Config)
};

class SchemaTr
{
    Q_DECLARE_TR_FUNCTIONS(JsonSchema)
};

using Segment = JsonSchema::PathSegment;

QJsonValue valueAt(QJsonValue value, const QList<Segment> &segments)
{
    for (const Segment &s : segments) {
        value = s.index >= 0 ? value.toArray().at(s.index) : value.toObject().value(s.key);
        if (value.isUndefined()) {
            break;
        }
    }
    return value;
}

QString numberText(double value)
{
    return QString::number(value, 'g', 15);
}

QString valueList(const QJsonArray &values)
{
    QStringList names;
    for (const QJsonValue &v : values) {
        names.append(v.isString() ? v.toString() : numberText(v.toDouble()));
    }
    return names.join(QLatin1String(", "));
}

// What a value of each type is called in a YAML file ("a list", not "an array").
QString expectedTypes(const QStringList &types)
{
    QStringList names;
    for (const QString &t : types) {
        if (t == QLatin1String("integer")) {
            names.append(ConfigTr::tr("an integer"));
        } else if (t == QLatin1String("number")) {
            names.append(ConfigTr::tr("a number"));
        } else if (t == QLatin1String("string")) {
            names.append(ConfigTr::tr("a string"));
        } else if (t == QLatin1String("boolean")) {
            names.append(ConfigTr::tr("true or false"));
        } else if (t == QLatin1String("object")) {
            names.append(ConfigTr::tr("a map (key: value)"));
        } else if (t == QLatin1String("array")) {
            names.append(ConfigTr::tr("a list"));
        } else if (t == QLatin1String("null")) {
            names.append(ConfigTr::tr("nothing"));
        }
    }
    return names.join(ConfigTr::tr(" or "));
}

bool hasType(const QJsonValue &value, const QString &type)
{
    if (type == QLatin1String("integer")) {
        const double d = value.toDouble();
        return value.isDouble() && std::isfinite(d) && std::trunc(d) == d;
    }
    if (type == QLatin1String("number")) {
        return value.isDouble();
    }
    if (type == QLatin1String("string")) {
        return value.isString();
    }
    if (type == QLatin1String("boolean")) {
        return value.isBool();
    }
    if (type == QLatin1String("object")) {
        return value.isObject();
    }
    if (type == QLatin1String("array")) {
        return value.isArray();
    }
    return type == QLatin1String("null") && value.isNull();
}

QString boundsText(const QJsonObject &schema)
{
    const QJsonValue min = schema.value(QLatin1String("minimum"));
    const QJsonValue max = schema.value(QLatin1String("maximum"));
    const QJsonValue exclusiveMin = schema.value(QLatin1String("exclusiveMinimum"));
    if (min.isDouble() && max.isDouble()) {
        return ConfigTr::tr("must be between %1 and %2")
            .arg(numberText(min.toDouble()), numberText(max.toDouble()));
    }
    if (exclusiveMin.isDouble()) {
        return ConfigTr::tr("must be greater than %1").arg(numberText(exclusiveMin.toDouble()));
    }
    if (min.isDouble()) {
        return ConfigTr::tr("must be at least %1").arg(numberText(min.toDouble()));
    }
    if (max.isDouble()) {
        return ConfigTr::tr("must be at most %1").arg(numberText(max.toDouble()));
    }
    return QString();
}

bool outOfBounds(const QJsonObject &schema, double value)
{
    const QJsonValue min = schema.value(QLatin1String("minimum"));
    const QJsonValue max = schema.value(QLatin1String("maximum"));
    const QJsonValue exclusiveMin = schema.value(QLatin1String("exclusiveMinimum"));
    return (min.isDouble() && value < min.toDouble()) ||
           (max.isDouble() && value > max.toDouble()) ||
           (exclusiveMin.isDouble() && value <= exclusiveMin.toDouble());
}

// valijson prints limits with six decimals ("1.000000"): shortens those, and only those,
// never values quoted from the schema (enum values, patterns).
QString shortenDecimals(const QString &raw, QString text)
{
    static const QRegularExpression sixDecimals(QStringLiteral("(\\d+)\\.(\\d{6})\\b"));
    if (!raw.contains(sixDecimals) || raw.contains(QLatin1String("enum")) ||
        raw.contains(QLatin1String("regex"))) {
        return text;
    }
    QRegularExpressionMatchIterator it = sixDecimals.globalMatch(text);
    QList<QRegularExpressionMatch> matches;
    while (it.hasNext()) {
        matches.prepend(it.next());
    }
    for (const QRegularExpressionMatch &m : std::as_const(matches)) {
        QString decimals = m.captured(2);
        while (decimals.endsWith(QLatin1Char('0'))) {
            decimals.chop(1);
        }
        text.replace(m.capturedStart(), m.capturedLength(),
                     decimals.isEmpty() ? m.captured(1)
                                        : m.captured(1) + QLatin1Char('.') + decimals);
    }
    return text;
}

} // namespace

QStringList SchemaExplainer::types(const QJsonObject &schema)
{
    const QJsonValue type = schema.value(QLatin1String("type"));
    if (type.isString()) {
        return {type.toString()};
    }
    QStringList out;
    const QJsonArray list = type.toArray();
    for (const QJsonValue &t : list) {
        out.append(t.toString());
    }
    return out;
}

QString SchemaExplainer::describeValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return ConfigTr::tr("an empty value");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return ConfigTr::tr("the number %1").arg(numberText(value.toDouble()));
    case QJsonValue::String: {
        QString text = value.toString();
        if (text.size() > 40) {
            text = text.left(40) + QStringLiteral("...");
        }
        return ConfigTr::tr("the string \"%1\"").arg(text);
    }
    case QJsonValue::Array:
        return ConfigTr::tr("a list");
    case QJsonValue::Object:
        return ConfigTr::tr("a map");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString SchemaExplainer::unknownKey(const QString &shown, const QString &key,
                                    const QStringList &known)
{
    return SchemaTr::tr("unknown key '%1'%2").arg(shown, didYouMeanSuffix(key, known));
}

QString SchemaExplainer::contextPath(const std::vector<std::string> &context)
{
    // Numeric segments are array indices (property names in our schemas never are purely
    // numeric).
    QString path;
    for (std::size_t i = 1; i < context.size(); ++i) {
        QString seg = QString::fromStdString(context[i]);
        if (seg.startsWith(QLatin1Char('[')) && seg.endsWith(QLatin1Char(']'))) {
            seg = seg.mid(1, seg.size() - 2);
        }
        bool isIndex = false;
        const int index = seg.toInt(&isIndex);
        path = isIndex ? JsonSchema::appendIndex(path, index) : JsonSchema::appendKey(path, seg);
    }
    return path;
}

bool SchemaExplainer::isWrapper(const QString &rawMessage)
{
    static const char *const wrappers[] = {
        "Failed to validate against schema associated with property name",
        "Failed to validate item #",
        "Failed to validate against child schema",
        "Failed to validate against dependent schema",
        "Failed to validate against additional properties schema",
        "Failed to validate against additional items schema",
        "Failed to validate against items schema",
    };
    return std::any_of(std::begin(wrappers), std::end(wrappers),
                       [&](const char *w) { return rawMessage.startsWith(QLatin1String(w)); });
}

QString SchemaExplainer::tidy(QString rawMessage)
{
    // valijson's texts are accurate but terse; make the common ones read like sentences.
    rawMessage.replace(QLatin1String("Failed to match against any enum values."),
                       SchemaTr::tr("value is not one of the allowed values"));
    rawMessage.replace(QLatin1String("Missing required property"),
                       SchemaTr::tr("missing required key"));
    if (rawMessage.endsWith(QLatin1Char('.'))) {
        rawMessage.chop(1);
    }
    if (!rawMessage.isEmpty()) {
        rawMessage[0] = rawMessage[0].toLower();
    }
    return rawMessage;
}

SchemaError SchemaExplainer::explain(const QJsonObject &schema, const QJsonValue &document,
                                     const SchemaError &raw)
{
    static const QRegularExpression unknownKeyText(QStringLiteral(
        "could not be validated using 'properties' or 'additionalProperties' constraints: '(.*)'"));
    const QJsonObject node = JsonSchema::schemaAt(schema, raw.path);
    SchemaError e{raw.path, tidy(raw.message)};

    if (const QRegularExpressionMatch m = unknownKeyText.match(raw.message); m.hasMatch()) {
        const QString key = m.captured(1);
        e.path = JsonSchema::appendKey(raw.path, key);
        e.message = unknownKey(key, key, node.value(QLatin1String("properties")).toObject().keys());
        return e;
    }
    if (raw.message.startsWith(QLatin1String("Failed to match against any enum values"))) {
        const QString allowed = valueList(node.value(QLatin1String("enum")).toArray());
        if (!allowed.isEmpty()) {
            e.message = SchemaTr::tr("must be one of: %1").arg(allowed);
        }
    } else if (raw.message.contains(QLatin1String("failed to match regex"), Qt::CaseInsensitive)) {
        const QString pattern = node.value(QLatin1String("pattern")).toString();
        e.message = pattern.isEmpty()
                        ? SchemaTr::tr("has the wrong format")
                        : SchemaTr::tr("has the wrong format (expected to match %1)").arg(pattern);
    } else {
        e.message = shortenDecimals(raw.message, e.message);
    }

    // What the user has to write instead, decided from the value and the schema rather than
    // from the validator's wording.
    const QJsonValue actual = valueAt(document, JsonSchema::splitPath(e.path));
    if (actual.isUndefined() || node.isEmpty()) {
        return e;
    }
    const QStringList allowedTypes = types(node);
    const bool typeOk =
        allowedTypes.isEmpty() || std::any_of(allowedTypes.cbegin(), allowedTypes.cend(),
                                              [&](const QString &t) { return hasType(actual, t); });
    if (!typeOk) {
        e.invalidValue = true;
        e.message = ConfigTr::tr("expected %1, got %2")
                        .arg(expectedTypes(allowedTypes), describeValue(actual));
        return e;
    }
    if (actual.isDouble() && outOfBounds(node, actual.toDouble())) {
        e.invalidValue = true;
        const QString bounds = boundsText(node);
        if (!bounds.isEmpty()) {
            e.message = ConfigTr::tr("%1, got %2").arg(bounds, numberText(actual.toDouble()));
        }
        return e;
    }
    const QJsonValue allowed = node.value(QLatin1String("enum"));
    if (allowed.isArray() && !allowed.toArray().contains(actual)) {
        e.invalidValue = true;
    }
    return e;
}

} // namespace Smollama::Internal
