// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "registeraccess.h"

#include <array>

namespace Smollama::I2cTemp {

/*!
    A BME280 register map in memory, used when the config says simulate: true. It answers
    chip id 0x60, holds a fixed set of calibration bytes (the temperature and pressure words
    of the Bosch BMP280 datasheet's worked example plus a plausible humidity set) and fixed raw
    ADC values, so the driver and the compensation code run exactly as on the real bus:
    about 25.08 °C, 1006.53 hPa and 43.9 %.
*/
class SimulatedRegisters : public RegisterAccess
{
public:
    // The raw ADC values the simulated chip reports.
    static constexpr qint32 s_adcT = 519888;
    static constexpr qint32 s_adcP = 415148;
    static constexpr qint32 s_adcH = 28000;

    SimulatedRegisters();

    std::optional<QByteArray> read(quint8 reg, int count, QString *error) override;
    bool write(quint8 reg, quint8 value, QString *error) override;

    /*! Registers written so far, for tests: the last value of \a reg. */
    quint8 value(quint8 reg) const { return m_map.at(reg); }

private:
    std::array<quint8, 256> m_map{};
};

} // namespace Smollama::I2cTemp
