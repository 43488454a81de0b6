// SPDX-License-Identifier: GPL-3.0-or-later
#include "displayformat.h"

#include "util/valueformatter.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

namespace Smollama {

DisplayFormat::DisplayFormat(QObject *parent)
    : QObject(parent)
{
}

QString DisplayFormat::text(const QVariant &value, const QString &unit) const
{
    return ValueFormatter().text(value, unit);
}

QString DisplayFormat::number(const QVariant &value, const QString &unit) const
{
    return ValueFormatter().format(value, unit).number;
}

QString DisplayFormat::unitOf(const QVariant &value, const QString &unit) const
{
    return ValueFormatter().format(value, unit).unit;
}

QString DisplayFormat::time(double msSinceEpoch) const
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(qint64(msSinceEpoch)).toLocalTime();
    // The short format without seconds (some locales' short format has them): "14:30", "2:30 PM".
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(QRegularExpression(QStringLiteral("[:.]ss?")));
    return QLocale().toString(t.time(), format);
}

} // namespace Smollama
