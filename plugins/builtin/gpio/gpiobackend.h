// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <memory>

namespace Smollama::Internal {

/*! The bias resistor of an input. */
enum class GpioBias {
    None, //!< Disabled: the line floats unless something outside drives it.
    PullUp,
    PullDown,
};

/*! Which logical changes of an input produce edge events. */
enum class GpioEdge {
    None,
    Rising,  //!< The line became on (logically: active_low is applied first).
    Falling, //!< The line became off.
    Both,
};

/*! One edge event of an input line. */
struct GpioEvent
{
    /*! True when the line became (logically) on. */
    bool rising = false;
};

/*!
    The outcome of a GpioBackend call: ok, or what went wrong in a sentence, with a code the
    plugin turns into a plugin status.
*/
struct GpioStatus
{
    enum class Code {
        Ok,
        NoChip,      //!< The chip does not exist here (a missing dependency).
        UnknownChip, //!< The configured chip name matches no chip (a config error).
        Busy,        //!< The line is held by someone else; message is the consumer (may be "").
        Error,       //!< Anything else; message says what failed.
    };

    Code code = Code::Ok;
    QString message;

    bool isOk() const { return code == Code::Ok; }
    static GpioStatus ok() { return {}; }
    static GpioStatus error(const QString &message) { return {Code::Error, message}; }
    static GpioStatus busy(const QString &consumer) { return {Code::Busy, consumer}; }
};

/*!
    The GPIO chip the gpio plugin talks to: libgpiod 1.6 (LibgpiodBackend) or a simulated chip
    (SimGpioBackend). A libgpiod 2.x backend would be a third implementation; nothing outside
    these classes knows the library's API.

    Values are logical: on is electrically high unless the line was requested active-low.
    One backend object opens one chip and holds the lines it requested until releaseAll() or
    its destruction. Not thread-safe: the plugin uses it from its instance's thread.
*/
class GpioBackend
{
public:
    virtual ~GpioBackend() = default;

    /*! "libgpiod" or "sim". */
    virtual QString name() const = 0;

    /*! Opens \a chip: "gpiochip0", "/dev/gpiochip0", a chip label ("pinctrl-rp1"), or empty for
        the default chip. Claims no line, so checkDependencies() may call it. */
    virtual GpioStatus open(const QString &chip) = 0;

    /*! The opened chip's name ("gpiochip0"). */
    virtual QString chipName() const = 0;
    /*! The opened chip's label ("pinctrl-bcm2711"). */
    virtual QString chipLabel() const = 0;
    /*! The number of lines of the opened chip. */
    virtual int lineCount() const = 0;

    /*! Requests line \a offset as an input for \a consumer (the name `gpioinfo` shows). Busy:
        the status message is the consumer that holds the line. */
    virtual GpioStatus requestInput(int offset, const QString &consumer, GpioBias bias,
                                    bool activeLow, GpioEdge edge) = 0;
    /*! Requests line \a offset as an output, driven to the logical value \a on at once. */
    virtual GpioStatus requestOutput(int offset, const QString &consumer, bool activeLow,
                                     bool on) = 0;

    /*! Reads the logical value of a requested line into \a on. */
    virtual GpioStatus value(int offset, bool *on) = 0;
    /*! Drives a requested output to the logical value \a on. */
    virtual GpioStatus setValue(int offset, bool on) = 0;

    /*! A file descriptor that becomes readable when an edge event of input \a offset is
        pending; -1 when the line was requested without edges. The backend owns it. */
    virtual int eventFd(int offset) const = 0;
    /*! Reads the pending events of input \a offset into \a events without blocking. */
    virtual GpioStatus readEvents(int offset, QList<GpioEvent> *events) = 0;

    /*! Releases every requested line and closes the chip. Outputs keep their last value as
        far as the kernel driver allows: set the safe state before. */
    virtual void releaseAll() = 0;

    /*! True when this smollama was built with libgpiod (SMOLLAMA_WITH_GPIO=ON). */
    static bool hasLibgpiod();
    /*! A libgpiod backend; nullptr when built without libgpiod. */
    static std::unique_ptr<GpioBackend> createLibgpiod();
};

} // namespace Smollama::Internal
