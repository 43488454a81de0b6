// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gpiobackend.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>

namespace Smollama::Internal {

/*!
    A simulated GPIO chip (backend: sim) for desktops, demos and tests.

    Simulated chips live in a registry of the process keyed by chip name, so two instances on
    one simulated chip see each other's lines as busy, like on real hardware. Inputs start at
    the level their bias gives (pull-up: high) and are driven with drive(); outputs record
    every electrical level written (the history), so tests can check active_low and the safe
    state. Edge events travel through a pipe per line: the plugin watches the same kind of file
    descriptor as with libgpiod.

    The chip has 54 lines (like a Raspberry Pi 5's header chip) and the label "smollama-sim".
*/
class SimGpioBackend : public GpioBackend
{
public:
    SimGpioBackend();
    ~SimGpioBackend() override;

    SimGpioBackend(const SimGpioBackend &) = delete;
    SimGpioBackend &operator=(const SimGpioBackend &) = delete;

    static constexpr int s_lineCount = 54;

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

    /*! Marks line \a offset as held by another program called \a consumer until releaseAll()
        (the config's sim_busy), so the busy-line path can be shown without hardware. */
    GpioStatus holdForOther(int offset, const QString &consumer);

    /*! Sets input \a offset, requested by this backend, to the logical value \a on, queueing
        the edge event its edge setting asks for. */
    GpioStatus drive(int offset, bool on);

    /*! The registry's view of simulated chip \a chip: {"chip", "label", "lines": {"<offset>":
        {"requested", "consumer", "direction", "active_low", "level", "history"}}}; level and
        history are electrical (0/1). Lines stay listed after release, with their history. */
    static QJsonObject chipState(const QString &chip);

    /*! The registry key of \a chip: "/dev/gpiochip0" and "" become "gpiochip0". */
    static QString normalizedChipName(const QString &chip);

private:
    QString m_chip;
    bool m_open = false;
    QSet<int> m_held;           // lines this backend requested or holds for others
    QHash<int, int> m_eventFds; // offset -> read end of the line's event pipe
};

} // namespace Smollama::Internal
