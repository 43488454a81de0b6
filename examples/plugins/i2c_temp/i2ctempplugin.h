// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bme280.h"
#include "registeraccess.h"

#include <smollama/sensorplugin.h>

#include <QObject>

#include <memory>

namespace Smollama::I2cTemp {

/*!
    One instance of the example "i2c_temp" plugin: a BME280 on /dev/i2c-<bus> at 0x76 or 0x77,
    or a simulated one. Sources: temperature (°C), pressure (hPa), humidity (%).
*/
class I2cTempPlugin : public QObject, public SensorPlugin
{
    Q_OBJECT
    Q_INTERFACES(Smollama::Plugin Smollama::ReadingProvider)

public:
    explicit I2cTempPlugin(QObject *parent = nullptr);
    ~I2cTempPlugin() override;

    Result checkDependencies(const QJsonObject &config) override;
    Result setup(const QJsonObject &config, PluginContext *context) override;
    void teardown() override;

    QList<SourceInfo> sources() const override;
    QList<Reading> read() override;

private:
    QList<Reading> errorReadings(const QString &message) const;

    std::unique_ptr<RegisterAccess> m_registers;
    std::unique_ptr<Bme280> m_chip;
};

} // namespace Smollama::I2cTemp
