// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulatedregisters.h"

#include "bme280.h"

namespace Smollama::I2cTemp {

namespace {

void put16le(std::array<quint8, 256> &map, int reg, int value)
{
    map[reg] = static_cast<quint8>(value & 0xFF);
    map[reg + 1] = static_cast<quint8>((value >> 8) & 0xFF);
}

} // namespace

SimulatedRegisters::SimulatedRegisters()
{
    m_map[Bme280::s_regChipId] = Bme280::s_chipId;

    // dig_T1..dig_T3, dig_P1..dig_P9 at 0x88..0x9F (little-endian words).
    const int words[12] = {27504, 26435, -1000, 36477, -10685, 3024,
                           2855,  140,   -7,    15500, -14600, 6000};
    for (int i = 0; i < 12; ++i) {
        put16le(m_map, Bme280::s_regCalib00 + 2 * i, words[i]);
    }
    m_map[0xA1] = 75; // dig_H1
    // dig_H2 = 362, dig_H3 = 0, dig_H4 = 313, dig_H5 = 50, dig_H6 = 30 at 0xE1..0xE7.
    put16le(m_map, 0xE1, 362);
    m_map[0xE3] = 0;
    const int h4 = 313;
    const int h5 = 50;
    m_map[0xE4] = static_cast<quint8>(h4 >> 4);
    m_map[0xE5] = static_cast<quint8>((h4 & 0x0F) | ((h5 & 0x0F) << 4));
    m_map[0xE6] = static_cast<quint8>(h5 >> 4);
    m_map[0xE7] = 30;

    // Raw data at 0xF7..0xFE: press msb/lsb/xlsb, temp msb/lsb/xlsb, hum msb/lsb.
    m_map[0xF7] = static_cast<quint8>(s_adcP >> 12);
    m_map[0xF8] = static_cast<quint8>((s_adcP >> 4) & 0xFF);
    m_map[0xF9] = static_cast<quint8>((s_adcP & 0x0F) << 4);
    m_map[0xFA] = static_cast<quint8>(s_adcT >> 12);
    m_map[0xFB] = static_cast<quint8>((s_adcT >> 4) & 0xFF);
    m_map[0xFC] = static_cast<quint8>((s_adcT & 0x0F) << 4);
    m_map[0xFD] = static_cast<quint8>(s_adcH >> 8);
    m_map[0xFE] = static_cast<quint8>(s_adcH & 0xFF);
}

std::optional<QByteArray> SimulatedRegisters::read(quint8 reg, int count, QString *error)
{
    if (count < 0 || reg + count > int(m_map.size())) {
        *error = QStringLiteral("simulated read past register 0xFF");
        return std::nullopt;
    }
    return QByteArray(reinterpret_cast<const char *>(m_map.data()) + reg, count);
}

bool SimulatedRegisters::write(quint8 reg, quint8 value, QString *error)
{
    Q_UNUSED(error)
    if (reg == Bme280::s_regCtrlMeas) {
        // A forced measurement completes at once: the mode bits drop back to sleep (00) and
        // the status register's "measuring" bit stays clear.
        value &= 0xFC;
    }
    if (reg == Bme280::s_regReset || reg == Bme280::s_regStatus) {
        return true; // not stored
    }
    m_map[reg] = value;
    return true;
}

} // namespace Smollama::I2cTemp
