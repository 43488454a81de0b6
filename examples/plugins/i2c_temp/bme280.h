// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace Smollama::I2cTemp {

class RegisterAccess;

/*!
    The BME280's factory calibration ("trimming parameters"), read once from registers
    0x88..0xA1 and 0xE1..0xE7. Every chip has its own; the raw ADC values mean nothing without
    them. Names follow the Bosch datasheet (section 4.2.2).
*/
struct Calibration
{
    quint16 t1 = 0;
    qint16 t2 = 0;
    qint16 t3 = 0;
    quint16 p1 = 0;
    qint16 p2 = 0;
    qint16 p3 = 0;
    qint16 p4 = 0;
    qint16 p5 = 0;
    qint16 p6 = 0;
    qint16 p7 = 0;
    qint16 p8 = 0;
    qint16 p9 = 0;
    quint8 h1 = 0;
    qint16 h2 = 0;
    quint8 h3 = 0;
    qint16 h4 = 0; // 12-bit signed
    qint16 h5 = 0; // 12-bit signed
    qint8 h6 = 0;
};

/*! One compensated measurement. */
struct Measurement
{
    double temperature = 0; //!< °C
    double pressure = 0;    //!< Pa (divide by 100 for hPa)
    double humidity = 0;    //!< % relative humidity, clamped to 0..100
    qint32 tFine = 0;       //!< the datasheet's t_fine, shared by the P and H formulas
};

/*! The raw 20-bit (T, P) and 16-bit (H) ADC values of one measurement. */
struct RawValues
{
    qint32 temperature = 0;
    qint32 pressure = 0;
    qint32 humidity = 0;
};

/*!
    The BME280 register map, calibration parsing, the compensation formulas of the datasheet
    (section 8.1, the double-precision versions) and a forced-mode measurement over a
    RegisterAccess. The compensation functions are static and pure, so they are tested
    against the datasheet's worked example without any chip.
*/
class Bme280
{
public:
    // Registers (datasheet section 5.3).
    static constexpr quint8 s_regCalib00 = 0x88;  //!< dig_T1 .. dig_P9, reserved, dig_H1
    static constexpr int s_calib00Length = 26;    //!< 0x88..0xA1
    static constexpr quint8 s_regChipId = 0xD0;   //!< reads 0x60 on every BME280
    static constexpr quint8 s_regReset = 0xE0;    //!< write 0xB6 for a soft reset
    static constexpr quint8 s_regCalib26 = 0xE1;  //!< dig_H2 .. dig_H6
    static constexpr int s_calib26Length = 7;     //!< 0xE1..0xE7
    static constexpr quint8 s_regCtrlHum = 0xF2;  //!< humidity oversampling
    static constexpr quint8 s_regStatus = 0xF3;   //!< bit 3: measuring
    static constexpr quint8 s_regCtrlMeas = 0xF4; //!< T/P oversampling and the mode
    static constexpr quint8 s_regData = 0xF7;     //!< press[3], temp[3], hum[2]
    static constexpr int s_dataLength = 8;        //!< 0xF7..0xFE
    static constexpr quint8 s_chipId = 0x60;

    /*! Parses the 26 bytes of 0x88..0xA1 and the 7 bytes of 0xE1..0xE7. Returns nothing when a
        block has the wrong length. */
    static std::optional<Calibration> parseCalibration(const QByteArray &calib00,
                                                       const QByteArray &calib26);

    /*! Splits the 8 data bytes of 0xF7..0xFE into the raw ADC values. */
    static std::optional<RawValues> parseRawValues(const QByteArray &data);

    /*! Temperature in °C; sets \a tFine, which pressure and humidity need. */
    static double compensateTemperature(qint32 adcT, const Calibration &calib, qint32 *tFine);
    /*! Pressure in Pa; 0 when the calibration would divide by zero. The datasheet's code
        passes t_fine as a 32-bit integer (what compensate() does); \a tFine is a double so
        the BMP280 datasheet's worked example, which carries t_fine unrounded, can be
        reproduced too. */
    static double compensatePressure(qint32 adcP, double tFine, const Calibration &calib);
    /*! Relative humidity in %, clamped to 0..100. */
    static double compensateHumidity(qint32 adcH, double tFine, const Calibration &calib);
    /*! All three, in the order the datasheet requires (temperature first for t_fine). */
    static Measurement compensate(const RawValues &raw, const Calibration &calib);

    /*! A driver on \a registers; does not take ownership. */
    explicit Bme280(RegisterAccess *registers);

    /*! Checks the chip id and reads the calibration. On failure returns false and sets
        \a error. */
    bool init(QString *error);

    /*! Runs one forced-mode measurement and returns it compensated. */
    std::optional<Measurement> measure(QString *error);

    const Calibration &calibration() const { return m_calibration; }

private:
    RegisterAccess *m_registers;
    Calibration m_calibration;
    bool m_initialised = false;
};

} // namespace Smollama::I2cTemp
