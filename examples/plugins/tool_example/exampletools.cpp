// SPDX-License-Identifier: GPL-3.0-or-later
#include "exampletools.h"

#include <QFile>
#include <QJsonArray>
#include <QStringList>

#include <cmath>

namespace Smollama::ToolExample {

namespace {

std::optional<double> toKelvin(double value, const QString &unit)
{
    if (unit == QLatin1String("C")) {
        return value + 273.15;
    }
    if (unit == QLatin1String("F")) {
        return (value - 32.0) * 5.0 / 9.0 + 273.15;
    }
    if (unit == QLatin1String("K")) {
        return value;
    }
    return std::nullopt;
}

std::optional<double> fromKelvin(double kelvin, const QString &unit)
{
    if (unit == QLatin1String("C")) {
        return kelvin - 273.15;
    }
    if (unit == QLatin1String("F")) {
        return (kelvin - 273.15) * 9.0 / 5.0 + 32.0;
    }
    if (unit == QLatin1String("K")) {
        return kelvin;
    }
    return std::nullopt;
}

QString plural(qint64 n, const char *unit)
{
    return QStringLiteral("%1 %2%3")
        .arg(n)
        .arg(QLatin1String(unit))
        .arg(n == 1 ? QString() : QStringLiteral("s"));
}

} // namespace

QString UnitConvertTool::name() const
{
    return QStringLiteral("unit_convert");
}

QString UnitConvertTool::description() const
{
    return QStringLiteral("Converts a temperature between Celsius (C), Fahrenheit (F) and "
                          "Kelvin (K). Use it instead of doing the arithmetic yourself.");
}

QJsonObject UnitConvertTool::parametersSchema() const
{
    const QJsonObject unit{
        {QStringLiteral("type"), QStringLiteral("string")},
        {QStringLiteral("enum"),
         QJsonArray{QStringLiteral("C"), QStringLiteral("F"), QStringLiteral("K")}}};
    return QJsonObject{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("value"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("number")},
                                  {QStringLiteral("description"),
                                   QStringLiteral("The temperature to convert")}}},
                     {QStringLiteral("from"), unit},
                     {QStringLiteral("to"), unit}}},
        {QStringLiteral("required"),
         QJsonArray{QStringLiteral("value"), QStringLiteral("from"), QStringLiteral("to")}},
        {QStringLiteral("additionalProperties"), false}};
}

std::optional<double> UnitConvertTool::convert(double value, const QString &from, const QString &to)
{
    const std::optional<double> kelvin = toKelvin(value, from);
    if (!kelvin || *kelvin < 0.0) {
        return std::nullopt;
    }
    return fromKelvin(*kelvin, to);
}

ToolResult UnitConvertTool::call(const QJsonObject &arguments)
{
    const double value = arguments.value(QLatin1String("value")).toDouble();
    const QString from = arguments.value(QLatin1String("from")).toString();
    const QString to = arguments.value(QLatin1String("to")).toString();
    const std::optional<double> kelvin = toKelvin(value, from);
    if (!kelvin || !fromKelvin(0, to)) {
        return ToolResult::error(
            QStringLiteral("unknown unit '%1': use \"C\", \"F\" or \"K\"").arg(kelvin ? to : from));
    }
    if (*kelvin < 0.0) {
        return ToolResult::error(
            QStringLiteral("%1 %2 is below absolute zero").arg(value).arg(from));
    }
    // Round to what a thermometer shows; the model should not quote 15 digits.
    const double result = std::round(*convert(value, from, to) * 100.0) / 100.0;
    return ToolResult::ok(
        QJsonObject{{QStringLiteral("value"), result}, {QStringLiteral("unit"), to}});
}

UptimeTextTool::UptimeTextTool(const QString &uptimeFile)
    : m_uptimeFile(uptimeFile)
{
}

QString UptimeTextTool::name() const
{
    return QStringLiteral("uptime_text");
}

QString UptimeTextTool::description() const
{
    return QStringLiteral("Tells how long this machine has been running since its last boot, "
                          "in words.");
}

QJsonObject UptimeTextTool::parametersSchema() const
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), QJsonObject()},
                       {QStringLiteral("additionalProperties"), false}};
}

QString UptimeTextTool::formatDuration(qint64 seconds)
{
    const qint64 days = seconds / 86400;
    const qint64 hours = (seconds % 86400) / 3600;
    const qint64 minutes = (seconds % 3600) / 60;
    QStringList parts;
    if (days > 0) {
        parts.append(plural(days, "day"));
    }
    if (hours > 0) {
        parts.append(plural(hours, "hour"));
    }
    if (minutes > 0 || parts.isEmpty()) {
        parts.append(plural(minutes, "minute"));
    }
    return parts.join(QStringLiteral(", "));
}

ToolResult UptimeTextTool::call(const QJsonObject &arguments)
{
    Q_UNUSED(arguments)
    QFile file(m_uptimeFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return ToolResult::error(
            QStringLiteral("cannot read %1: %2").arg(m_uptimeFile, file.errorString()));
    }
    // /proc/uptime: "<seconds since boot> <idle seconds of all CPUs>".
    bool ok = false;
    const double seconds = file.readAll().split(' ').value(0).trimmed().toDouble(&ok);
    if (!ok || seconds < 0) {
        return ToolResult::error(QStringLiteral("%1 has no uptime in it").arg(m_uptimeFile));
    }
    const qint64 whole = static_cast<qint64>(seconds);
    return ToolResult::ok(QJsonObject{{QStringLiteral("text"), formatDuration(whole)},
                                      {QStringLiteral("seconds"), whole}});
}

} // namespace Smollama::ToolExample
