// SPDX-License-Identifier: GPL-3.0-or-later
#include "bme280.h"

#include "registeraccess.h"

#include <QThread>

namespace Smollama::I2cTemp {

namespace {

quint16 u16le(const QByteArray &bytes, int offset)
{
    return static_cast<quint16>(static_cast<quint8>(bytes.at(offset)) |
                                (static_cast<quint8>(bytes.at(offset + 1)) << 8));
}

qint16 s16le(const QByteArray &bytes, int offset)
{
    return static_cast<qint16>(u16le(bytes, offset));
}

quint8 u8(const QByteArray &bytes, int offset)
{
    return static_cast<quint8>(bytes.at(offset));
}

// Sign-extends the 12-bit two's complement value \a value.
qint16 signExtend12(int value)
{
    return static_cast<qint16>((value & 0x800) ? value - 0x1000 : value);
}

// Oversampling x1 for every channel: the datasheet's "weather monitoring" setting (section
// 3.5.1), plenty for a reading every few seconds and the lowest power.
constexpr quint8 s_ctrlHumOsrsH1 = 0x01;
// osrs_t = x1 (bits 7:5 = 001), osrs_p = x1 (bits 4:2 = 001), mode = forced (bits 1:0 = 01).
constexpr quint8 s_ctrlMeasForced = 0x25;
constexpr quint8 s_statusMeasuring = 0x08;

} // namespace

std::optional<Calibration> Bme280::parseCalibration(const QByteArray &calib00,
                                                    const QByteArray &calib26)
{
    if (calib00.size() != s_calib00Length || calib26.size() != s_calib26Length) {
        return std::nullopt;
    }
    Calibration c;
    // 0x88..0x9F: twelve little-endian 16-bit words, dig_T1..dig_T3 and dig_P1..dig_P9.
    c.t1 = u16le(calib00, 0);
    c.t2 = s16le(calib00, 2);
    c.t3 = s16le(calib00, 4);
    c.p1 = u16le(calib00, 6);
    c.p2 = s16le(calib00, 8);
    c.p3 = s16le(calib00, 10);
    c.p4 = s16le(calib00, 12);
    c.p5 = s16le(calib00, 14);
    c.p6 = s16le(calib00, 16);
    c.p7 = s16le(calib00, 18);
    c.p8 = s16le(calib00, 20);
    c.p9 = s16le(calib00, 22);
    // 0xA0 is reserved; 0xA1 is dig_H1.
    c.h1 = u8(calib00, 25);
    // 0xE1..0xE7: dig_H2 (s16), dig_H3 (u8), then dig_H4 and dig_H5, two 12-bit values that
    // share the nibbles of 0xE5, then dig_H6 (s8).
    c.h2 = s16le(calib26, 0);
    c.h3 = u8(calib26, 2);
    c.h4 = signExtend12((u8(calib26, 3) << 4) | (u8(calib26, 4) & 0x0F));
    c.h5 = signExtend12((u8(calib26, 5) << 4) | (u8(calib26, 4) >> 4));
    c.h6 = static_cast<qint8>(u8(calib26, 6));
    return c;
}

std::optional<RawValues> Bme280::parseRawValues(const QByteArray &data)
{
    if (data.size() != s_dataLength) {
        return std::nullopt;
    }
    // Pressure and temperature are 20 bits: msb, lsb and the top nibble of xlsb.
    RawValues raw;
    raw.pressure = (u8(data, 0) << 12) | (u8(data, 1) << 4) | (u8(data, 2) >> 4);
    raw.temperature = (u8(data, 3) << 12) | (u8(data, 4) << 4) | (u8(data, 5) >> 4);
    // Humidity is 16 bits, big-endian.
    raw.humidity = (u8(data, 6) << 8) | u8(data, 7);
    return raw;
}

// The three functions below are the double-precision formulas of the BME280 datasheet,
// section 8.1, with the datasheet's variable names.

double Bme280::compensateTemperature(qint32 adcT, const Calibration &calib, qint32 *tFine)
{
    const double var1 = (double(adcT) / 16384.0 - double(calib.t1) / 1024.0) * double(calib.t2);
    const double x = double(adcT) / 131072.0 - double(calib.t1) / 8192.0;
    const double var2 = x * x * double(calib.t3);
    if (tFine) {
        *tFine = static_cast<qint32>(var1 + var2);
    }
    return (var1 + var2) / 5120.0;
}

double Bme280::compensatePressure(qint32 adcP, double tFine, const Calibration &calib)
{
    double var1 = tFine / 2.0 - 64000.0;
    double var2 = var1 * var1 * double(calib.p6) / 32768.0;
    var2 = var2 + var1 * double(calib.p5) * 2.0;
    var2 = var2 / 4.0 + double(calib.p4) * 65536.0;
    var1 = (double(calib.p3) * var1 * var1 / 524288.0 + double(calib.p2) * var1) / 524288.0;
    var1 = (1.0 + var1 / 32768.0) * double(calib.p1);
    if (var1 == 0.0) {
        return 0; // avoid a division by zero (an all-zero calibration)
    }
    double p = 1048576.0 - double(adcP);
    p = (p - var2 / 4096.0) * 6250.0 / var1;
    var1 = double(calib.p9) * p * p / 2147483648.0;
    var2 = p * double(calib.p8) / 32768.0;
    return p + (var1 + var2 + double(calib.p7)) / 16.0;
}

double Bme280::compensateHumidity(qint32 adcH, double tFine, const Calibration &calib)
{
    double h = tFine - 76800.0;
    h = (double(adcH) - (double(calib.h4) * 64.0 + double(calib.h5) / 16384.0 * h)) *
        (double(calib.h2) / 65536.0 *
         (1.0 + double(calib.h6) / 67108864.0 * h * (1.0 + double(calib.h3) / 67108864.0 * h)));
    h = h * (1.0 - double(calib.h1) * h / 524288.0);
    if (h > 100.0) {
        return 100.0;
    }
    if (h < 0.0) {
        return 0.0;
    }
    return h;
}

Measurement Bme280::compensate(const RawValues &raw, const Calibration &calib)
{
    Measurement m;
    m.temperature = compensateTemperature(raw.temperature, calib, &m.tFine);
    // As in the datasheet's code, t_fine is handed on as a 32-bit integer.
    m.pressure = compensatePressure(raw.pressure, m.tFine, calib);
    m.humidity = compensateHumidity(raw.humidity, m.tFine, calib);
    return m;
}

Bme280::Bme280(RegisterAccess *registers)
    : m_registers(registers)
{
}

bool Bme280::init(QString *error)
{
    m_initialised = false;
    const std::optional<QByteArray> id = m_registers->read(s_regChipId, 1, error);
    if (!id) {
        return false;
    }
    if (u8(*id, 0) != s_chipId) {
        // 0x58 is a BMP280 (no humidity), 0x61 a BME680: similar but not register-compatible.
        *error = QStringLiteral("the chip answered with id 0x%1, not 0x60: not a BME280 (a "
                                "BMP280 says 0x58); check the address and the wiring")
                     .arg(u8(*id, 0), 2, 16, QLatin1Char('0'));
        return false;
    }
    const std::optional<QByteArray> calib00 =
        m_registers->read(s_regCalib00, s_calib00Length, error);
    if (!calib00) {
        return false;
    }
    const std::optional<QByteArray> calib26 =
        m_registers->read(s_regCalib26, s_calib26Length, error);
    if (!calib26) {
        return false;
    }
    const std::optional<Calibration> calib = parseCalibration(*calib00, *calib26);
    if (!calib) {
        *error = QStringLiteral("short read of the BME280 calibration registers");
        return false;
    }
    m_calibration = *calib;
    m_initialised = true;
    return true;
}

std::optional<Measurement> Bme280::measure(QString *error)
{
    if (!m_initialised && !init(error)) {
        return std::nullopt;
    }
    // Forced mode: the chip takes one measurement and goes back to sleep, drawing almost no
    // current (and warming itself up less) between our polls every few seconds. Normal mode
    // would keep measuring on its own timer, which we do not need.
    // ctrl_hum only takes effect after the next write to ctrl_meas, so it goes first.
    if (!m_registers->write(s_regCtrlHum, s_ctrlHumOsrsH1, error) ||
        !m_registers->write(s_regCtrlMeas, s_ctrlMeasForced, error)) {
        return std::nullopt;
    }
    // With x1 oversampling a measurement takes at most 9.3 ms (datasheet section 9.1). Poll
    // the status register's "measuring" bit for up to about 50 ms.
    bool done = false;
    for (int attempt = 0; attempt < 10; ++attempt) {
        const std::optional<QByteArray> status = m_registers->read(s_regStatus, 1, error);
        if (!status) {
            return std::nullopt;
        }
        if ((u8(*status, 0) & s_statusMeasuring) == 0) {
            done = true;
            break;
        }
        QThread::msleep(5);
    }
    if (!done) {
        *error = QStringLiteral("the BME280 did not finish its measurement within 50 ms");
        return std::nullopt;
    }
    // One burst read of 0xF7..0xFE so all three values come from the same measurement.
    const std::optional<QByteArray> data = m_registers->read(s_regData, s_dataLength, error);
    if (!data) {
        return std::nullopt;
    }
    const std::optional<RawValues> raw = parseRawValues(*data);
    if (!raw) {
        *error = QStringLiteral("short read of the BME280 data registers");
        return std::nullopt;
    }
    // 0x80000 / 0x8000 are what the chip reports for a channel that is switched off.
    if (raw->temperature == 0x80000) {
        *error = QStringLiteral("the BME280 returned no temperature (channel skipped)");
        return std::nullopt;
    }
    return compensate(*raw, m_calibration);
}

} // namespace Smollama::I2cTemp
