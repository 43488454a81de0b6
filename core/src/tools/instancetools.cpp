// SPDX-License-Identifier: GPL-3.0-or-later
#include "instancetools.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>
#include <QStringList>

namespace Smollama::Internal::InstanceTools {

namespace {

// The translation context of these texts (docs/translations.md): they are read by the model.
class InstanceToolsTr
{
    Q_DECLARE_TR_FUNCTIONS(ToolRegistry)
};

QStringList instanceNames(const QList<Variant> &variants)
{
    QStringList names;
    for (const Variant &v : variants) {
        names.append(v.instance);
    }
    return names;
}

// Joins two schemas of the same property: the enum values of both, in order, once each.
QJsonObject joinProperty(QJsonObject into, const QJsonObject &other)
{
    const QJsonArray mine = into.value(QLatin1String("enum")).toArray();
    const QJsonArray theirs = other.value(QLatin1String("enum")).toArray();
    if (mine.isEmpty() || theirs.isEmpty()) {
        return into;
    }
    QJsonArray joined = mine;
    for (const QJsonValue &value : theirs) {
        if (!joined.contains(value)) {
            joined.append(value);
        }
    }
    into.insert(QStringLiteral("enum"), joined);
    return into;
}

} // namespace

QJsonObject mergedParameters(const QString &plugin, const QList<Variant> &variants)
{
    QJsonObject merged{{QStringLiteral("type"), QStringLiteral("object")}};
    QJsonObject properties;
    QSet<QString> required;
    bool first = true;
    bool closed = false;
    for (const Variant &v : variants) {
        const QJsonObject own = v.parameters.value(QLatin1String("properties")).toObject();
        for (auto it = own.begin(); it != own.end(); ++it) {
            const QJsonObject property = it.value().toObject();
            properties.insert(it.key(),
                              properties.contains(it.key())
                                  ? joinProperty(properties.value(it.key()).toObject(), property)
                                  : property);
        }
        QSet<QString> needed;
        for (const QJsonValue &key : v.parameters.value(QLatin1String("required")).toArray()) {
            needed.insert(key.toString());
        }
        required = first ? needed : required.intersect(needed);
        first = false;
        closed = closed ||
                 v.parameters.value(QLatin1String("additionalProperties")).toBool(true) == false;
    }
    const QStringList names = instanceNames(variants);
    properties.insert(argumentName(),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                  {QStringLiteral("enum"), QJsonArray::fromStringList(names)},
                                  {QStringLiteral("description"),
                                   InstanceToolsTr::tr("Which %1 instance to use: %2")
                                       .arg(plugin, names.join(QLatin1String(", ")))}});
    QStringList requiredList = required.values();
    requiredList.sort();
    requiredList.prepend(argumentName());
    merged.insert(QStringLiteral("properties"), properties);
    merged.insert(QStringLiteral("required"), QJsonArray::fromStringList(requiredList));
    if (closed) {
        merged.insert(QStringLiteral("additionalProperties"), false);
    }
    return merged;
}

QString mergedDescription(const QString &plugin, const QList<Variant> &variants)
{
    const QStringList names = instanceNames(variants);
    bool same = true;
    for (const Variant &v : variants) {
        same = same && v.description == variants.first().description;
    }
    if (same) {
        return variants.first().description + QLatin1Char(' ') +
               InstanceToolsTr::tr("Set instance to the %1 instance to use (%2).")
                   .arg(plugin, names.join(QLatin1String(", ")));
    }
    QStringList parts;
    parts << InstanceToolsTr::tr("Offered by the %1 instances %2; set instance to one of them.")
                 .arg(plugin, names.join(QLatin1String(", ")));
    for (const Variant &v : variants) {
        parts << InstanceToolsTr::tr("instance %1: %2").arg(v.instance, v.description);
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace Smollama::Internal::InstanceTools
