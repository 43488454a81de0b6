// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gpiobackend.h"

#include <smollama/result.h>

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace Smollama::Internal {

/*! One entry of the gpio plugin's `pins` list. */
struct GpioPinConfig
{
    /*! The position in `pins`, for messages. */
    int index = 0;
    /*! The line offset (the BCM number on a Raspberry Pi). */
    int pin = 0;
    QString name;
    bool output = false;
    GpioBias bias = GpioBias::None;
    bool activeLow = false;
    GpioEdge edge = GpioEdge::None;
    int debounceMs = 0;
    /*! Logical state of an output at setup. */
    bool initial = false;
    /*! Logical state an output is left in at teardown. */
    bool safeState = false;

    /*! "pins[2] (door)", how messages name the pin. */
    QString label() const;
};

/*!
    The gpio plugin's configuration, read from the validated config object (schema defaults
    filled in) and checked for what the schema cannot say: a pin or name used twice, settings
    of the other mode (an edge on an output), names that cannot be reading ids, lines beyond
    the chip. Every problem is a Result::invalidConfig() whose message names the pin by index
    and name.
*/
class GpioConfig
{
public:
    enum class Backend { Auto, Libgpiod, Sim };

    /*! Reads \a config; on failure the object is left partly filled. */
    Result parse(const QJsonObject &config);

    /*! Checks the pins against a chip with \a lineCount lines called \a chipName. */
    Result checkLines(int lineCount, const QString &chipName) const;

    Backend backend() const { return m_backend; }
    /*! As configured: empty picks the default chip. */
    QString chip() const { return m_chip; }
    const QList<GpioPinConfig> &pins() const { return m_pins; }
    /*! sim_busy: line offset -> the consumer that holds it. */
    const QMap<int, QString> &simBusy() const { return m_simBusy; }

    /*! "on"/"off" as a bool; \a ok false for anything else. */
    static bool parseState(const QString &text, bool *ok);
    /*! "on" or "off". */
    static QString stateName(bool on);

private:
    Result parsePin(const QJsonValue &value, int index, GpioPinConfig *pin) const;

    Backend m_backend = Backend::Auto;
    QString m_chip;
    QList<GpioPinConfig> m_pins;
    QMap<int, QString> m_simBusy;
};

} // namespace Smollama::Internal
