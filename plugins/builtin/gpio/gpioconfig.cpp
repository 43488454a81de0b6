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

// Reads an enumerated string key of a pin; absent keys keep \a fallback.
template<typename T>
Result readChoice(const QJsonObject &object, const char *key, const QHash<QString, T> &choices,
                  const QString &pinLabel, T *out)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined()) {
        return Result::ok();
    }
    const auto it = choices.constFind(value.toString());
    if (!value.isString() || it == choices.constEnd()) {
        QStringList names = choices.keys();
        names.sort();
        return Result::invalidConfig(
            GpioConfigTr::tr("%1: %2 must be one of: %3")
                .arg(pinLabel, QLatin1String(key), names.join(QLatin1String(", "))));
    }
    *out = it.value();
    return Result::ok();
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
    pin->index = index;
    if (!value.isObject()) {
        return Result::invalidConfig(
            GpioConfigTr::tr("pins[%1]: expected an object such as {pin: 17, name: door}")
                .arg(index));
    }
    const QJsonObject object = value.toObject();
    const QJsonValue nameValue = object.value(QLatin1String("name"));
    if (nameValue.isString()) {
        pin->name = nameValue.toString();
    }
    const QJsonValue pinValue = object.value(QLatin1String("pin"));
    const double number = pinValue.toDouble(-1);
    if (!pinValue.isDouble() || number < 0 || number != static_cast<int>(number)) {
        return Result::invalidConfig(
            GpioConfigTr::tr("%1: 'pin' must be the line offset, a whole number such as 17 (the "
                             "BCM number on a Raspberry Pi)")
                .arg(pin->label()));
    }
    pin->pin = static_cast<int>(number);
    if (pin->name.isEmpty()) {
        return Result::invalidConfig(
            GpioConfigTr::tr("pins[%1] (pin %2): 'name' is missing; give the pin a name such as "
                             "'%3', it becomes the reading gpio:%3")
                .arg(index)
                .arg(pin->pin)
                .arg(QStringLiteral("gpio%1").arg(pin->pin)));
    }
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
    for (Result r : {readChoice(object, "mode", modes, label, &pin->output),
                     readChoice(object, "pull", biases, label, &pin->bias),
                     readChoice(object, "edge", edges, label, &pin->edge),
                     readChoice(object, "initial", states, label, &pin->initial),
                     readChoice(object, "safe_state", states, label, &pin->safeState)}) {
        if (!r.isOk()) {
            return r;
        }
    }
    const QJsonValue activeLow = object.value(QLatin1String("active_low"));
    if (!activeLow.isUndefined() && !activeLow.isBool()) {
        return Result::invalidConfig(
            GpioConfigTr::tr("%1: active_low must be true or false").arg(label));
    }
    pin->activeLow = activeLow.toBool(false);
    const QJsonValue debounce = object.value(QLatin1String("debounce_ms"));
    const double ms = debounce.toDouble(0);
    if (!debounce.isUndefined() &&
        (!debounce.isDouble() || ms < 0 || ms > 10000 || ms != static_cast<int>(ms))) {
        return Result::invalidConfig(
            GpioConfigTr::tr("%1: debounce_ms must be a whole number of milliseconds from 0 to "
                             "10000")
                .arg(label));
    }
    pin->debounceMs = static_cast<int>(ms);

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
    const QJsonValue backendValue = config.value(QLatin1String("backend"));
    m_backend = Backend::Auto;
    if (!backendValue.isUndefined()) {
        const auto it = backends.constFind(backendValue.toString());
        if (it == backends.constEnd()) {
            return Result::invalidConfig(
                GpioConfigTr::tr("backend must be one of: auto, libgpiod, sim"));
        }
        m_backend = it.value();
    }

    const QJsonValue chipValue = config.value(QLatin1String("chip"));
    if (!chipValue.isUndefined() && !chipValue.isString()) {
        return Result::invalidConfig(
            GpioConfigTr::tr("chip must be a chip name such as \"gpiochip0\", or \"\" for the "
                             "default chip"));
    }
    m_chip = chipValue.toString().trimmed();

    const QJsonValue pinsValue = config.value(QLatin1String("pins"));
    if (!pinsValue.isUndefined() && !pinsValue.isArray()) {
        return Result::invalidConfig(
            GpioConfigTr::tr("pins must be a list such as [{pin: 17, name: door}]"));
    }
    const QJsonArray pins = pinsValue.toArray();
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
