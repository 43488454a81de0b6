// SPDX-License-Identifier: GPL-3.0-or-later
#include "lineprotocol.h"

#include <QMetaType>
#include <QVariant>

#include <cmath>

namespace LineExport {

namespace {

// A measurement name escapes ',' and ' ' (not '=').
QString escapeMeasurement(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char(','), QLatin1String("\\,"));
    out.replace(QLatin1Char(' '), QLatin1String("\\ "));
    return out;
}

QString quoted(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    out.replace(QLatin1Char('"'), QLatin1String("\\\""));
    out.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

// The field of a good reading; empty when its value cannot be written (NaN, no value).
QString valueField(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::QString:
        return quoted(value.toString());
    default:
        break;
    }
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok || !std::isfinite(number)) {
        return QString();
    }
    return QString::number(number, 'g', 15);
}

} // namespace

QString escapeTag(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    out.replace(QLatin1Char(','), QLatin1String("\\,"));
    out.replace(QLatin1Char('='), QLatin1String("\\="));
    out.replace(QLatin1Char(' '), QLatin1String("\\ "));
    out.replace(QLatin1Char('\n'), QLatin1String("\\ "));
    return out;
}

QByteArray line(const QString &measurement, const Smollama::Reading &reading)
{
    QString field;
    if (reading.quality() == Smollama::Reading::Quality::Error) {
        field = QStringLiteral("error=") + quoted(reading.message());
    } else {
        const QString value = valueField(reading.value());
        if (value.isEmpty()) {
            return QByteArray();
        }
        field = QStringLiteral("value=") + value;
    }
    QString out = escapeMeasurement(measurement);
    out += QStringLiteral(",node=") + escapeTag(reading.node());
    out += QStringLiteral(",source=") + escapeTag(reading.source());
    if (!reading.unit().isEmpty()) {
        out += QStringLiteral(",unit=") + escapeTag(reading.unit());
    }
    out += QStringLiteral(",quality=") + Smollama::Reading::qualityName(reading.quality());
    out += QLatin1Char(' ') + field;
    if (reading.timestamp().isValid()) {
        out += QLatin1Char(' ') +
               QString::number(qint64(reading.timestamp().toMSecsSinceEpoch()) * 1000000LL);
    }
    return out.toUtf8() + '\n';
}

} // namespace LineExport
