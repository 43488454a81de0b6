// SPDX-License-Identifier: GPL-3.0-or-later
#include "valueformat.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace Smollama::Internal {

QString formatValue(const QVariant &value)
{
    if (!value.isValid() || value.isNull()) {
        return QStringLiteral("—");
    }
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QCoreApplication::translate("Smollama::Dashboard", "on")
                              : QCoreApplication::translate("Smollama::Dashboard", "off");
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return QLocale().toString(value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float: {
        const double v = value.toDouble();
        if (!std::isfinite(v)) {
            return QStringLiteral("—");
        }
        const double a = std::fabs(v);
        const int decimals = a >= 100 ? 0 : (a >= 10 ? 1 : 2);
        return QLocale().toString(v, 'f', decimals);
    }
    default:
        return value.toString();
    }
}

QString qualityKey(const Reading &reading)
{
    if (!reading.isValid()) {
        return QStringLiteral("none");
    }
    return Reading::qualityName(reading.quality());
}

} // namespace Smollama::Internal
