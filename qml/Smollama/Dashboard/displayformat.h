// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

namespace Smollama {

/*!
    ValueFormatter for QML, as the singleton `Format`: the detail page and the chart write
    values exactly as the tiles and smollama-cli do, in the current locale.
*/
class DisplayFormat : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Format)
    QML_SINGLETON

public:
    explicit DisplayFormat(QObject *parent = nullptr);

    /*! "23.1 GiB", "1 d 2 h", "21.4 °C". */
    Q_INVOKABLE QString text(const QVariant &value, const QString &unit) const;
    /*! The number alone, in the unit unitOf() gives. */
    Q_INVOKABLE QString number(const QVariant &value, const QString &unit) const;
    Q_INVOKABLE QString unitOf(const QVariant &value, const QString &unit) const;
    /*! A time of day for a chart's axis ("14:30"), in the locale's short format. */
    Q_INVOKABLE QString time(double msSinceEpoch) const;
};

} // namespace Smollama
