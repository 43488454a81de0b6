// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QLocale>
#include <QString>
#include <QVariant>

namespace Smollama {

/*! A value as a person reads it: the number (or text) and the unit to write after it. */
struct FormattedValue
{
    QString number; //!< "23.1", "1 d 2 h", "on", "—"
    QString unit;   //!< "GiB", "GHz", or empty (a duration carries its units in number)

    /*! "23.1 GiB", "1 d 2 h", "on". */
    QString text() const;
};

/*!
    The one place that turns a reading's value into text, for the dashboard's tiles and
    charts and for smollama-cli's tables, so that they agree:

    - durations (unit s, ms, min, h) of a minute or more as their two largest parts,
      "1 d 2 h", "3 min 20 s";
    - bytes (B, KiB…TiB, kB…TB) in the largest unit of their family that keeps the number
      below 1000, with 3 significant digits: "23.1 GiB", "512 MiB", "0.977 GiB";
    - frequencies (Hz, kHz, MHz, GHz) likewise: "2.10 GHz", "600 MHz";
    - other numbers with as many decimals as their size deserves (1024, 21.4, 3.72), without
      a thousands separator below 10 000 (a 4-digit value reads better as "2096");
    - booleans as "on"/"off", strings as they are, no value as "—".

    Decimal point and thousands separator follow the locale (German: "12,5", "93.600").
*/
class SMOLLAMA_EXPORT ValueFormatter
{
public:
    explicit ValueFormatter(const QLocale &locale = QLocale());

    /*! \a value, whose unit is \a unit, split into number and unit. */
    FormattedValue format(const QVariant &value, const QString &unit = QString()) const;
    /*! format(value, unit).text(). */
    QString text(const QVariant &value, const QString &unit = QString()) const;

    /*! \a value as a plain number (no unit conversion). */
    QString number(double value) const;
    /*! \a seconds as "1 d 2 h", "5 min 3 s", "42 s", "250 ms". */
    QString duration(double seconds) const;

    /*! True when \a unit is one the formatter converts (a duration, bytes or a frequency):
        a chart's axis labels then need the unit in each label. */
    static bool convertsUnit(const QString &unit);

private:
    QString significant(double value, int digits) const;
    QString grouped(double value, int decimals) const;

    QLocale m_locale;
};

} // namespace Smollama
