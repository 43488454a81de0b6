// SPDX-License-Identifier: GPL-3.0-or-later
#include "gpioconfig.h"

#include <smollama/names.h>

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>

namespace Smollama::Internal {

namespace {

// The translation context of this file's messages (docs/translations.md).
class GpioConfigTr
{
    Q_DECLARE_TR_FUNCTIONS(GpioPlugin)
};

// "Door Switch" -> "door_switch", "1st" -> "pin_1st": what to write instead of a bad name.
QString suggestedName(const QString &name, int pin)
{
    QString out;
    for (const QChar c : name.toLower()) {
        const bool plain = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                           (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        if (plain) {
            out.append(c);
        } else if (!out.endsWith(QLatin1Char('_'))) {
            out.append(QLatin1Char('_'));
        }
    }
    while (out.endsWith(QLatin1Char('_'))) {
        out.chop(1);
    }
    while (out.startsWith(QLatin1Char('_'))) {
        out.remove(0, 1);
    }
    if (out.isEmpty()) {
        return QStringLiteral("gpio%1").arg(pin);
    }
    if (!out.at(0).isLetter()) {
        out.prepend(QStringLiteral("pin_"));
    }
    return out;
}

QString edgeName(GpioEdge edge)
{
    switch (edge) {
    case GpioEdge::None:
        return QStringLiteral("none");
    case GpioEdge::Rising:
        return QStringLiteral("rising");
    case GpioEdge::Falling:
        return QStringLiteral("falling");
    case GpioEdge::Both:
        return QStringLiteral("both");
    }
    return {};
}

QString biasName(GpioBias bias)
{
    switch (bias) {
    case GpioBias::None:
        return QStringLiteral("none");
    case GpioBias::PullUp:
        return QStringLiteral("up");
    case GpioBias::PullDown:
        return QStringLiteral("down");
    }
    return {};
}

// An enumerated key (the schema lists its values and gives the default).
template<typename T>
T choice(const QJsonObject &object, const char *key, const QHash<QString, T> &choices)
{
    return choices.value(object.value(QLatin1String(key)).toString());
}

} // namespace

QString GpioPinConfig::label() const
{
    return name.isEmpty() ? QStringLiteral("pins[%1]").arg(index)
                          : QStringLiteral("pins[%1] (%2)").arg(index).arg(name);
}

bool GpioConfig::parseState(const QString &text, bool *ok)
{
    *ok = text == QLatin1String("on") || text == QLatin1String("off");
    return text == QLatin1String("on");
}

QString GpioConfig::stateName(bool on)
{
    return on ? QStringLiteral("on") : QStringLiteral("off");
}

Result GpioConfig::parsePin(const QJsonValue &value, int index, GpioPinConfig *pin) const
{
    // The config is validated against the schema in plugin.json and carries its defaults
    // (types, enums, bounds, required keys); what is checked here the schema cannot say.
    pin->index = index;
    const QJsonObject object = value.toObject();
    pin->name = object.value(QLatin1String("name")).toString();
    pin->pin = object.value(QLatin1String("pin")).toInt();
    if (!isValidName(pin->name)) {
        return Result::invalidConfig(
            GpioConfigTr::tr("%1: the name '%2' cannot be a reading id; use lower-case letters, "
                             "digits and '_', starting with a letter, such as '%3'")
                .arg(pin->label(), pin->name, suggestedName(pin->name, pin->pin)));
    }

    const QString label = pin->label();
    static const QHash<QString, bool> modes{{QStringLiteral("input"), false},
                                            {QStringLiteral("output"), true}};
    static const QHash<QString, GpioBias> biases{{QStringLiteral("none"), GpioBias::None},
                                                 {QStringLiteral("up"), GpioBias::PullUp},
                                                 {QStringLiteral("down"), GpioBias::PullDown}};
    static const QHash<QString, GpioEdge> edges{{QStringLiteral("none"), GpioEdge::None},
                                                {QStringLiteral("rising"), GpioEdge::Rising},
                                                {QStringLiteral("falling"), GpioEdge::Falling},
                                                {QStringLiteral("both"), GpioEdge::Both}};
    static const QHash<QString, bool> states{{QStringLiteral("on"), true},
                                             {QStringLiteral("off"), false}};
    pin->output = choice(object, "mode", modes);
    pin->bias = choice(object, "pull", biases);
    pin->edge = choice(object, "edge", edges);
    pin->initial = choice(object, "initial", states);
    pin->safeState = choice(object, "safe_state", states);
    pin->activeLow = object.value(QLatin1String("active_low")).toBool();
    pin->debounceMs = object.value(QLatin1String("debounce_ms")).toInt();

    // Settings of the other mode. Defaults are filled in before this runs, so only values
    // other than the default can be told from "not written".
    if (pin->output) {
        if (pin->edge != GpioEdge::None) {
            return Result::invalidConfig(
                GpioConfigTr::tr("%1: edge '%2' is for inputs; an output has no edge events "
                                 "(remove edge, or make the pin mode: input)")
                    .arg(label, edgeName(pin->edge)));
        }
        if (pin->bias != GpioBias::None) {
            return Result::invalidConfig(
                GpioConfigTr::tr("%1: pull '%2' is for inputs; an output drives the line itself "
                                 "(remove pull, or make the pin mode: input)")
                    .arg(label, biasName(pin->bias)));
        }
        if (pin->debounceMs != 0) {
            return Result::invalidConfig(
                GpioConfigTr::tr("%1: debounce_ms is for inputs with edge events; remove it from "
                                 "this output")
                    .arg(label));
        }
    } else {
        if (pin->initial) {
            return Result::invalidConfig(
                GpioConfigTr::tr("%1: initial is for outputs; an input cannot be set (remove "
                                 "initial, or make the pin mode: output)")
                    .arg(label));
        }
        if (pin->safeState) {
            return Result::invalidConfig(
                GpioConfigTr::tr("%1: safe_state is for outputs; an input is never driven "
                                 "(remove safe_state, or make the pin mode: output)")
                    .arg(label));
        }
        if (pin->debounceMs != 0 && pin->edge == GpioEdge::None) {
            return Result::invalidConfig(
                GpioConfigTr::tr("%1: debounce_ms %2 needs edge events; set edge (rising, "
                                 "falling or both) or remove debounce_ms")
                    .arg(label)
                    .arg(pin->debounceMs));
        }
    }
    return Result::ok();
}

Result GpioConfig::parse(const QJsonObject &config)
{
    m_pins.clear();
    m_simBusy.clear();

    static const QHash<QString, Backend> backends{{QStringLiteral("auto"), Backend::Auto},
                                                  {QStringLiteral("libgpiod"), Backend::Libgpiod},
                                                  {QStringLiteral("sim"), Backend::Sim}};
    m_backend = backends.value(config.value(QLatin1String("backend")).toString());
    m_chip = config.value(QLatin1String("chip")).toString().trimmed();
    const QJsonArray pins = config.value(QLatin1String("pins")).toArray();
    QHash<int, int> byPin;
    QHash<QString, int> byName;
    for (int i = 0; i < pins.size(); ++i) {
        GpioPinConfig pin;
        if (Result r = parsePin(pins.at(i), i, &pin); !r.isOk()) {
            return r;
        }
        if (const auto it = byPin.constFind(pin.pin); it != byPin.constEnd()) {
            return Result::invalidConfig(GpioConfigTr::tr("%1: pin %2 is already used by %3")
                                             .arg(pin.label())
                                             .arg(pin.pin)
                                             .arg(m_pins.at(it.value()).label()));
        }
        if (const auto it = byName.constFind(pin.name); it != byName.constEnd()) {
            const GpioPinConfig &other = m_pins.at(it.value());
            return Result::invalidConfig(
                GpioConfigTr::tr("%1: the name '%2' is already used by pins[%3] (pin %4); each "
                                 "pin needs its own name")
                    .arg(pin.label(), pin.name)
                    .arg(other.index)
                    .arg(other.pin));
        }
        byPin.insert(pin.pin, m_pins.size());
        byName.insert(pin.name, m_pins.size());
        m_pins.append(pin);
    }

    const QJsonValue busyValue = config.value(QLatin1String("sim_busy"));
    if (!busyValue.isUndefined()) {
        if (m_backend != Backend::Sim) {
            return Result::invalidConfig(
                GpioConfigTr::tr("sim_busy is only for backend: sim (it marks simulated lines "
                                 "busy for tests and demos); remove it"));
        }
        const QJsonObject busy = busyValue.toObject();
        for (auto it = busy.constBegin(); it != busy.constEnd(); ++it) {
            bool isNumber = false;
            const int line = it.key().toInt(&isNumber);
            if (!isNumber || line < 0 || !it.value().isString()) {
                return Result::invalidConfig(
                    GpioConfigTr::tr("sim_busy: '%1' must be a line number with the name of "
                                     "the program holding it, e.g. \"17\": \"spi0 CS0\"")
                        .arg(it.key()));
            }
            m_simBusy.insert(line, it.value().toString());
        }
    }
    return Result::ok();
}

Result GpioConfig::checkLines(int lineCount, const QString &chipName) const
{
    for (const GpioPinConfig &pin : m_pins) {
        if (pin.pin >= lineCount) {
            return Result::invalidConfig(
                GpioConfigTr::tr("%1: pin %2 does not exist: %3 has %4 lines (0-%5)")
                    .arg(pin.label())
                    .arg(pin.pin)
                    .arg(chipName)
                    .arg(lineCount)
                    .arg(lineCount - 1));
        }
    }
    return Result::ok();
}

} // namespace Smollama::Internal
