// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Smollama::I2cTemp {

/*!
    Byte-wide register access to one I2C chip: all the BME280 driver needs. Two implementations
    exist, I2cDevRegisters (the real bus through /dev/i2c-N) and SimulatedRegisters (a register
    map in memory), so the same driver and compensation code run on both.
*/
class RegisterAccess
{
public:
    virtual ~RegisterAccess() = default;

    /*! Reads \a count consecutive registers starting at \a reg. On failure returns nothing and
        sets \a error. */
    virtual std::optional<QByteArray> read(quint8 reg, int count, QString *error) = 0;

    /*! Writes \a value to register \a reg. On failure returns false and sets \a error. */
    virtual bool write(quint8 reg, quint8 value, QString *error) = 0;
};

} // namespace Smollama::I2cTemp
