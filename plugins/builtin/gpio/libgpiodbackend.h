// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gpiobackend.h"

#include <QHash>

struct gpiod_chip;
struct gpiod_line;

namespace Smollama::Internal {

/*!
    The GPIO chip through libgpiod's 1.6 API (Debian 12, Raspberry Pi OS bookworm). Kept thin:
    every libgpiod call of the plugin is in this class, so a libgpiod 2.x backend can be added
    beside it. Only compiled with SMOLLAMA_WITH_GPIO=ON.
*/
class LibgpiodBackend : public GpioBackend
{
public:
    LibgpiodBackend();
    ~LibgpiodBackend() override;

    LibgpiodBackend(const LibgpiodBackend &) = delete;
    LibgpiodBackend &operator=(const LibgpiodBackend &) = delete;

    QString name() const override;
    GpioStatus open(const QString &chip) override;
    QString chipName() const override;
    QString chipLabel() const override;
    int lineCount() const override;
    GpioStatus requestInput(int offset, const QString &consumer, GpioBias bias, bool activeLow,
                            GpioEdge edge) override;
    GpioStatus requestOutput(int offset, const QString &consumer, bool activeLow, bool on) override;
    GpioStatus value(int offset, bool *on) override;
    GpioStatus setValue(int offset, bool on) override;
    int eventFd(int offset) const override;
    GpioStatus readEvents(int offset, QList<GpioEvent> *events) override;
    void releaseAll() override;

    /*! The device path of the chip to use when none is configured: the first /dev/gpiochip*
        whose label is a Raspberry Pi header chip (pinctrl-bcm2711, pinctrl-bcm2835,
        pinctrl-rp1), else /dev/gpiochip0. */
    static QString defaultChipPath();

private:
    GpioStatus requested(int offset, gpiod_line **line) const;
    GpioStatus requestFailed(gpiod_line *line, int offset, int error);

    gpiod_chip *m_chip = nullptr;
    QHash<int, gpiod_line *> m_lines;
};

} // namespace Smollama::Internal
