// SPDX-License-Identifier: GPL-3.0-or-later
#include "valueformatter.h"

#include <QCoreApplication>

#include <array>
#include <cmath>

namespace Smollama {

namespace {

struct UnitStep
{
    const char *name;
    double factor; // in the family's base unit
};

// Each family in ascending order; a value moves to the largest unit in which it is >= 1.
constexpr std::array<UnitStep, 6> s_binaryBytes{{{"B", 1},
                                                 {"KiB", 1024.0},
                                                 {"MiB", 1024.0 * 1024},
                                                 {"GiB", 1024.0 * 1024 * 1024},
                                                 {"TiB", 1024.0 * 1024 * 1024 * 1024},
                                                 {"PiB", 1024.0 * 1024 * 1024 * 1024 * 1024}}};
constexpr std::array<UnitStep, 6> s_decimalBytes{
    {{"B", 1}, {"kB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"PB", 1e15}}};
constexpr std::array<UnitStep, 4> s_frequencies{
    {{"Hz", 1}, {"kHz", 1e3}, {"MHz", 1e6}, {"GHz", 1e9}}};
constexpr std::array<UnitStep, 4> s_durations{{{"ms", 1e-3}, {"s", 1}, {"min", 60}, {"h", 3600}}};

template<std::size_t N>
const UnitStep *find(const std::array<UnitStep, N> &family, const QString &unit)
{
    for (const UnitStep &step : family) {
        if (unit == QLatin1String(step.name)) {
            return &step;
        }
    }
    return nullptr;
}

} // namespace

QString FormattedValue::text() const
{
    return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}

ValueFormatter::ValueFormatter(const QLocale &locale)
    : m_locale(locale)
{
}

bool ValueFormatter::convertsUnit(const QString &unit)
{
    return find(s_binaryBytes, unit) || find(s_decimalBytes, unit) || find(s_frequencies, unit) ||
           find(s_durations, unit);
}

QString ValueFormatter::grouped(double value, int decimals) const
{
    // 2096 MHz or 1024 MiB read better without a separator; 93,600 needs one.
    QLocale locale = m_locale;
    if (std::fabs(value) < 10000) {
        locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
    }
    return locale.toString(value, 'f', decimals);
}

QString ValueFormatter::significant(double value, int digits) const
{
    const double a = std::fabs(value);
    if (a == 0) {
        return grouped(0, 0);
    }
    int decimals = std::max(0, digits - 1 - int(std::floor(std::log10(a))));
    // 9.996 with two decimals rounds up to 10.00: one decimal fewer keeps 3 digits.
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(a * scale) / scale;
    if (decimals > 0 && std::floor(std::log10(rounded)) > std::floor(std::log10(a))) {
        --decimals;
    }
    return grouped(value, std::min(decimals, 9));
}

QString ValueFormatter::number(double value) const
{
    if (!std::isfinite(value)) {
        return QStringLiteral("—");
    }
    const double a = std::fabs(value);
    if (a >= 100) {
        return grouped(value, 0);
    }
    if (a >= 10) {
        return grouped(value, 1);
    }
    if (a >= 0.01 || a == 0) {
        return grouped(value, 2);
    }
    return significant(value, 3);
}

QString ValueFormatter::duration(double seconds) const
{
    if (!std::isfinite(seconds)) {
        return QStringLiteral("—");
    }
    const double a = std::fabs(seconds);
    const QString sign = seconds < 0 ? m_locale.negativeSign() : QString();
    if (a < 1 && a > 0) {
        return sign + number(a * 1000) + QStringLiteral(" ms");
    }
    if (a < 60) {
        return sign + number(a) + QStringLiteral(" s");
    }
    // The two largest parts, as uptime(1) and people do: "1 d 2 h", not "93,600 s".
    const qint64 total = qint64(std::llround(a));
    const std::array<std::pair<qint64, const char *>, 4> parts{{{total / 86400, "d"},
                                                                {total % 86400 / 3600, "h"},
                                                                {total % 3600 / 60, "min"},
                                                                {total % 60, "s"}}};
    QLocale plain = m_locale;
    plain.setNumberOptions(plain.numberOptions() | QLocale::OmitGroupSeparator);
    QStringList out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].first == 0) {
            continue;
        }
        out.append(plain.toString(parts[i].first) + QLatin1Char(' ') +
                   QLatin1String(parts[i].second));
        if (i + 1 < parts.size() && parts[i + 1].first != 0) {
            out.append(plain.toString(parts[i + 1].first) + QLatin1Char(' ') +
                       QLatin1String(parts[i + 1].second));
        }
        break;
    }
    return sign + out.join(QLatin1Char(' '));
}

FormattedValue ValueFormatter::format(const QVariant &value, const QString &unit) const
{
    if (!value.isValid() || value.isNull()) {
        return {QStringLiteral("—"), QString()};
    }
    const int type = value.typeId();
    if (type == QMetaType::Bool) {
        // The dashboard's words (and their translations) since the first version.
        return {value.toBool() ? QCoreApplication::translate("Smollama::Dashboard", "on")
                               : QCoreApplication::translate("Smollama::Dashboard", "off"),
                QString()};
    }
    const bool isInteger = type == QMetaType::Int || type == QMetaType::UInt ||
                           type == QMetaType::LongLong || type == QMetaType::ULongLong ||
                           type == QMetaType::Long || type == QMetaType::ULong ||
                           type == QMetaType::Short || type == QMetaType::UShort;
    const bool isReal = type == QMetaType::Double || type == QMetaType::Float;
    if (!isInteger && !isReal) {
        return {value.toString(), unit};
    }
    const double v = value.toDouble();
    if (!std::isfinite(v)) {
        return {QStringLiteral("—"), unit};
    }

    if (const UnitStep *step = find(s_durations, unit)) {
        const double seconds = v * step->factor;
        const double a = std::fabs(seconds);
        if (a >= 60) {
            return {duration(seconds), QString()};
        }
        if (a < 1 && a > 0) {
            return {number(seconds * 1000), QStringLiteral("ms")};
        }
        return {isInteger && unit == QLatin1String("s") ? grouped(v, 0) : number(seconds),
                QStringLiteral("s")};
    }

    const auto scaled = [&](const auto &family, const UnitStep &from) -> FormattedValue {
        const double base = v * from.factor;
        const double a = std::fabs(base);
        if (a == 0) {
            return {grouped(0, 0), unit};
        }
        std::size_t i = 0;
        while (i + 1 < family.size() && a >= family[i + 1].factor) {
            ++i;
        }
        // 1000 to 1023 MiB would need a fourth digit: the next unit keeps three.
        if (i + 1 < family.size() && a / family[i].factor >= 999.5) {
            ++i;
        }
        const double shown = base / family[i].factor;
        // Whole bytes have no decimals.
        const QString text = i == 0 && family[0].factor == 1 && unit.endsWith(QLatin1Char('B'))
                                 ? grouped(std::round(shown), 0)
                                 : significant(shown, 3);
        return {text, QLatin1String(family[i].name)};
    };
    if (const UnitStep *step = find(s_binaryBytes, unit)) {
        return scaled(s_binaryBytes, *step);
    }
    if (const UnitStep *step = find(s_decimalBytes, unit)) {
        return scaled(s_decimalBytes, *step);
    }
    if (const UnitStep *step = find(s_frequencies, unit)) {
        return scaled(s_frequencies, *step);
    }
    if (isInteger) {
        return {grouped(v, 0), unit};
    }
    return {number(v), unit};
}

QString ValueFormatter::text(const QVariant &value, const QString &unit) const
{
    return format(value, unit).text();
}

} // namespace Smollama
