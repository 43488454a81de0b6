// SPDX-License-Identifier: GPL-3.0-or-later
#include "bme280.h"
#include "simulatedregisters.h"

#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginmetadata.h>
#include <smollama/readingprovider.h>
#include <smollama/testing.h>

#include <QFile>
#include <QHash>
#include <QJsonObject>
#include <QTest>

#include <memory>

using Smollama::Reading;
using Smollama::I2cTemp::Bme280;
using Smollama::I2cTemp::Calibration;

namespace {

// The worked example of the Bosch BMP280 datasheet (section 3.12); the BME280 uses the same
// temperature and pressure formulas.
Calibration datasheetCalibration()
{
    Calibration c;
    c.t1 = 27504;
    c.t2 = 26435;
    c.t3 = -1000;
    c.p1 = 36477;
    c.p2 = -10685;
    c.p3 = 3024;
    c.p4 = 2855;
    c.p5 = 140;
    c.p6 = -7;
    c.p7 = 15500;
    c.p8 = -14600;
    c.p9 = 6000;
    // A plausible humidity calibration (values of the order real chips carry).
    c.h1 = 75;
    c.h2 = 362;
    c.h3 = 0;
    c.h4 = 313;
    c.h5 = 50;
    c.h6 = 30;
    return c;
}

constexpr qint32 s_adcT = 519888;
constexpr qint32 s_adcP = 415148;

// The BME280 datasheet's double-precision humidity formula (section 8.1), written out again
// here independently of the plugin's code.
double expectedHumidity(double adcH, double tFine, double h1, double h2, double h3, double h4,
                        double h5, double h6)
{
    double varH = tFine - 76800.0;
    varH = (adcH - (h4 * 64.0 + h5 / 16384.0 * varH)) *
           (h2 / 65536.0 * (1.0 + h6 / 67108864.0 * varH * (1.0 + h3 / 67108864.0 * varH)));
    varH = varH * (1.0 - h1 * varH / 524288.0);
    return qBound(0.0, varH, 100.0);
}

QJsonObject configWith(bool simulate, int bus)
{
    return QJsonObject{{QStringLiteral("bus"), bus},
                       {QStringLiteral("address"), 118},
                       {QStringLiteral("simulate"), simulate},
                       {QStringLiteral("interval_s"), 5}};
}

} // namespace

class tst_Bme280 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void datasheetExample();
    void humidity_data();
    void humidity();
    void calibrationParsing();
    void simulatedMeasurement();
    void builtPlugin();
    void missingBus_data();
    void missingBus();
};

void tst_Bme280::datasheetExample()
{
    const Calibration calib = datasheetCalibration();
    qint32 tFine = 0;
    const double t = Bme280::compensateTemperature(s_adcT, calib, &tFine);
    QCOMPARE(tFine, 128422);
    QVERIFY2(qAbs(t - 25.08) < 0.01, qPrintable(QString::number(t, 'f', 4)));
    // The worked example carries t_fine unrounded (128422.287 = T * 5120).
    const double p = Bme280::compensatePressure(s_adcP, t * 5120.0, calib);
    QVERIFY2(qAbs(p - 100653.27) < 0.01, qPrintable(QString::number(p, 'f', 4)));
    // The BME280 datasheet's code (section 8.1) truncates t_fine to an integer first, which
    // moves the result by about 0.01 Pa; in hPa, the unit the plugin reports, both agree.
    const double pInt = Bme280::compensatePressure(s_adcP, tFine, calib);
    QVERIFY2(qAbs(pInt - 100653.27) < 0.02, qPrintable(QString::number(pInt, 'f', 4)));
    QVERIFY(qAbs(pInt / 100.0 - 1006.53) < 0.01);
}

void tst_Bme280::humidity_data()
{
    QTest::addColumn<int>("adcH");
    QTest::addColumn<int>("tFine");
    QTest::newRow("dry, 25 °C") << 20000 << 128422;
    QTest::newRow("typical room, 25 °C") << 28000 << 128422;
    QTest::newRow("humid, 25 °C") << 34000 << 128422;
    QTest::newRow("typical, 10 °C") << 28000 << 51200;
    QTest::newRow("below range clamps to 0") << 0 << 128422;
    QTest::newRow("above range clamps to 100") << 65535 << 128422;
}

void tst_Bme280::humidity()
{
    QFETCH(int, adcH);
    QFETCH(int, tFine);
    const Calibration calib = datasheetCalibration();
    const double expected = expectedHumidity(adcH, tFine, 75, 362, 0, 313, 50, 30);
    const double actual = Bme280::compensateHumidity(adcH, tFine, calib);
    QVERIFY2(qAbs(actual - expected) < 1e-9,
             qPrintable(QStringLiteral("%1 != %2").arg(actual).arg(expected)));
    QVERIFY(actual >= 0.0 && actual <= 100.0);
}

void tst_Bme280::calibrationParsing()
{
    // The simulated chip stores the datasheet calibration in the real register layout
    // (including the nibble-shared dig_H4/dig_H5); parsing it back must give the same values.
    Smollama::I2cTemp::SimulatedRegisters registers;
    QString error;
    const auto calib00 = registers.read(Bme280::s_regCalib00, Bme280::s_calib00Length, &error);
    const auto calib26 = registers.read(Bme280::s_regCalib26, Bme280::s_calib26Length, &error);
    QVERIFY(calib00 && calib26);
    const std::optional<Calibration> parsed = Bme280::parseCalibration(*calib00, *calib26);
    QVERIFY(parsed);
    const Calibration expected = datasheetCalibration();
    QCOMPARE(parsed->t1, expected.t1);
    QCOMPARE(parsed->t3, expected.t3);
    QCOMPARE(parsed->p2, expected.p2);
    QCOMPARE(parsed->p6, expected.p6);
    QCOMPARE(parsed->p9, expected.p9);
    QCOMPARE(parsed->h1, expected.h1);
    QCOMPARE(parsed->h2, expected.h2);
    QCOMPARE(parsed->h4, expected.h4);
    QCOMPARE(parsed->h5, expected.h5);
    QCOMPARE(parsed->h6, expected.h6);
    QVERIFY(!Bme280::parseCalibration(calib00->left(10), *calib26));
}

void tst_Bme280::simulatedMeasurement()
{
    Smollama::I2cTemp::SimulatedRegisters registers;
    Bme280 chip(&registers);
    QString error;
    QVERIFY2(chip.init(&error), qPrintable(error));
    const auto m = chip.measure(&error);
    QVERIFY2(m, qPrintable(error));
    QCOMPARE(m->tFine, 128422);
    QVERIFY(qAbs(m->temperature - 25.08) < 0.01);
    QVERIFY(qAbs(m->pressure / 100.0 - 1006.53) < 0.01);
    const double h = expectedHumidity(Smollama::I2cTemp::SimulatedRegisters::s_adcH, 128422, 75,
                                      362, 0, 313, 50, 30);
    QVERIFY(qAbs(m->humidity - h) < 1e-9);
    // Forced mode with x1 oversampling was requested, humidity first.
    QCOMPARE(registers.value(Bme280::s_regCtrlHum), quint8(0x01));
    QCOMPARE(registers.value(Bme280::s_regCtrlMeas), quint8(0x24)); // back to sleep
}

void tst_Bme280::builtPlugin()
{
    Smollama::Testing::PluginLibrary library(QStringLiteral(SMOLLAMA_I2C_TEMP_PLUGIN));
    QVERIFY2(library.load(), qPrintable(library.errorString()));
    QCOMPARE(library.metadata().name(), QStringLiteral("i2c_temp"));

    std::unique_ptr<QObject> instance = library.createInstance();
    auto *plugin = qobject_cast<Smollama::Plugin *>(instance.get());
    auto *provider = qobject_cast<Smollama::ReadingProvider *>(instance.get());
    QVERIFY2(plugin && provider, qPrintable(library.errorString()));

    QString invalid;
    const QJsonObject config = library.config(configWith(true, 1), &invalid);
    QVERIFY2(invalid.isEmpty(), qPrintable(invalid));
    Smollama::Testing::FakePluginContext context(QStringLiteral("i2c_temp"), config,
                                                 library.metadata());
    QVERIFY(plugin->checkDependencies(config).isOk());
    const Smollama::Result setup = plugin->setup(config, &context);
    QVERIFY2(setup.isOk(), qPrintable(setup.message()));

    const QList<Smollama::SourceInfo> sources = provider->sources();
    QCOMPARE(sources.size(), 3);
    const QList<Reading> readings = provider->read();
    QCOMPARE(readings.size(), 3);
    QHash<QString, Reading> bySource;
    for (const Reading &r : readings) {
        QCOMPARE(r.quality(), Reading::Quality::Ok);
        bySource.insert(r.source(), r);
    }
    QCOMPARE(bySource.value(QStringLiteral("temperature")).unit(), QStringLiteral("°C"));
    QCOMPARE(bySource.value(QStringLiteral("pressure")).unit(), QStringLiteral("hPa"));
    QCOMPARE(bySource.value(QStringLiteral("humidity")).unit(), QStringLiteral("%"));
    const double t = bySource.value(QStringLiteral("temperature")).value().toDouble();
    const double p = bySource.value(QStringLiteral("pressure")).value().toDouble();
    const double h = bySource.value(QStringLiteral("humidity")).value().toDouble();
    QVERIFY2(t > -40 && t < 85, qPrintable(QString::number(t))); // the chip's range
    QVERIFY2(p > 300 && p < 1100, qPrintable(QString::number(p)));
    QVERIFY2(h > 0 && h < 100, qPrintable(QString::number(h)));
    QVERIFY(qAbs(p - 1006.53) < 0.01);
    plugin->teardown();
}

void tst_Bme280::missingBus_data()
{
    QTest::addColumn<int>("bus");
    QTest::newRow("bus 9") << 9;
    QTest::newRow("bus 42") << 42;
}

void tst_Bme280::missingBus()
{
    QFETCH(int, bus);
    const QString path = QStringLiteral("/dev/i2c-%1").arg(bus);
    if (QFile::exists(path)) {
        QSKIP("this machine has that I2C bus");
    }
    Smollama::Testing::PluginLibrary library(QStringLiteral(SMOLLAMA_I2C_TEMP_PLUGIN));
    std::unique_ptr<QObject> instance = library.createInstance();
    auto *plugin = qobject_cast<Smollama::Plugin *>(instance.get());
    QVERIFY2(plugin, qPrintable(library.errorString()));
    const Smollama::Result result = plugin->checkDependencies(configWith(false, bus));
    QVERIFY(!result.isOk());
    QVERIFY2(result.message().startsWith(QStringLiteral("no I2C bus ") + path),
             qPrintable(result.message()));
    QVERIFY(result.message().contains(QStringLiteral("raspi-config")));
    QVERIFY(result.message().contains(QStringLiteral("simulate: true")));
}

QTEST_GUILESS_MAIN(tst_Bme280)

#include "tst_bme280.moc"
