// SPDX-License-Identifier: GPL-3.0-or-later
#include "i2ctempplugin.h"

#include "i2cdevregisters.h"
#include "simulatedregisters.h"

#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <unistd.h>

namespace Smollama::I2cTemp {

namespace {

Q_LOGGING_CATEGORY(lcI2cTemp, "smollama.i2c_temp")

int configBus(const QJsonObject &config)
{
    return config.value(QLatin1String("bus")).toInt(1);
}

int configAddress(const QJsonObject &config)
{
    return config.value(QLatin1String("address")).toInt(0x76);
}

bool configSimulate(const QJsonObject &config)
{
    return config.value(QLatin1String("simulate")).toBool(false);
}

} // namespace

I2cTempPlugin::I2cTempPlugin(QObject *parent)
    : QObject(parent)
{
}

I2cTempPlugin::~I2cTempPlugin() = default;

Result I2cTempPlugin::checkDependencies(const QJsonObject &config)
{
    if (configSimulate(config)) {
        return Result::ok();
    }
    // Only look at the device node: the check must not claim the bus (it also runs in the
    // dry run of `smollama-cli plugin list`).
    const int bus = configBus(config);
    const QString path = I2cDevRegisters::devicePath(bus);
    if (!QFileInfo::exists(path)) {
        // tr(): the plugin's own translations (translations/i2c_temp_de.ts).
        return Result::error(tr("no I2C bus %1: enable I2C with raspi-config "
                                "(Interface Options → I2C) or set simulate: true")
                                 .arg(path));
    }
    if (::access(QFile::encodeName(path).constData(), R_OK | W_OK) != 0) {
        return Result::error(tr("%1 is not readable and writable by this user: add "
                                "it to the i2c group (sudo usermod -aG i2c $USER) "
                                "and log in again")
                                 .arg(path));
    }
    return Result::ok();
}

Result I2cTempPlugin::setup(const QJsonObject &config, PluginContext *context)
{
    const int bus = configBus(config);
    const int address = configAddress(config);
    if (configSimulate(config)) {
        m_registers = std::make_unique<SimulatedRegisters>();
    } else {
        auto device = std::make_unique<I2cDevRegisters>(bus, address);
        QString error;
        if (!device->open(&error)) {
            return Result::error(error);
        }
        m_registers = std::move(device);
    }
    m_chip = std::make_unique<Bme280>(m_registers.get());
    QString error;
    if (!m_chip->init(&error)) {
        m_chip.reset();
        m_registers.reset();
        return Result::error(QStringLiteral("BME280 at 0x%1 on bus %2: %3")
                                 .arg(address, 2, 16, QLatin1Char('0'))
                                 .arg(bus)
                                 .arg(error));
    }
    qCDebug(lcI2cTemp).noquote() << (context ? context->instanceName() : QStringLiteral("i2c_temp"))
                                 << "set up:"
                                 << (configSimulate(config)
                                         ? QStringLiteral("simulated BME280")
                                         : QStringLiteral("BME280 at 0x%1 on %2")
                                               .arg(address, 2, 16, QLatin1Char('0'))
                                               .arg(I2cDevRegisters::devicePath(bus)));
    return Result::ok();
}

void I2cTempPlugin::teardown()
{
    // The chip is left in sleep mode after each forced measurement: nothing to switch off.
    m_chip.reset();
    m_registers.reset();
}

QList<SourceInfo> I2cTempPlugin::sources() const
{
    return {
        {QStringLiteral("temperature"), QStringLiteral("Temperature"), QStringLiteral("°C"),
         QStringLiteral("Air temperature measured by the BME280")},
        {QStringLiteral("pressure"), QStringLiteral("Pressure"), QStringLiteral("hPa"),
         QStringLiteral("Barometric pressure at the sensor (not reduced to sea level)")},
        {QStringLiteral("humidity"), QStringLiteral("Humidity"), QStringLiteral("%"),
         QStringLiteral("Relative humidity measured by the BME280")},
    };
}

QList<Reading> I2cTempPlugin::errorReadings(const QString &message) const
{
    QList<Reading> readings;
    const QList<SourceInfo> infos = sources();
    for (const SourceInfo &info : infos) {
        readings.append(Reading::error(info.id, message, info.unit));
    }
    return readings;
}

QList<Reading> I2cTempPlugin::read()
{
    if (!m_chip) {
        return errorReadings(QStringLiteral("the i2c_temp plugin was read before setup()"));
    }
    QString error;
    const std::optional<Measurement> m = m_chip->measure(&error);
    if (!m) {
        return errorReadings(error);
    }
    return {
        Reading(QStringLiteral("temperature"), m->temperature, QStringLiteral("°C")),
        Reading(QStringLiteral("pressure"), m->pressure / 100.0, QStringLiteral("hPa")),
        Reading(QStringLiteral("humidity"), m->humidity, QStringLiteral("%")),
    };
}

} // namespace Smollama::I2cTemp

// The library's root object: one I2cTempPlugin per configured instance.
SMOLLAMA_PLUGIN_FACTORY(I2cTempPluginFactory, Smollama::I2cTemp::I2cTempPlugin)

#include "i2ctempplugin.moc"
