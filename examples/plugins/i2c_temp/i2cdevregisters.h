// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "registeraccess.h"

namespace Smollama::I2cTemp {

/*!
    Register access over Linux i2c-dev: /dev/i2c-<bus>, with the chip's 7-bit address selected
    by ioctl(I2C_SLAVE). A register read is a write of the register number followed by a read
    (the BME280 auto-increments the register address for burst reads); a register write is the
    two bytes register, value.
*/
class I2cDevRegisters : public RegisterAccess
{
public:
    I2cDevRegisters(int bus, int address);
    ~I2cDevRegisters() override;

    I2cDevRegisters(const I2cDevRegisters &) = delete;
    I2cDevRegisters &operator=(const I2cDevRegisters &) = delete;

    /*! "/dev/i2c-<bus>". */
    static QString devicePath(int bus);

    /*! Opens the bus and selects the address. On failure returns false and sets \a error. */
    bool open(QString *error);
    void close();

    std::optional<QByteArray> read(quint8 reg, int count, QString *error) override;
    bool write(quint8 reg, quint8 value, QString *error) override;

private:
    int m_bus;
    int m_address;
    int m_fd = -1;
};

} // namespace Smollama::I2cTemp
