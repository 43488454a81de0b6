// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/sensorplugin.h>

#include <QObject>

namespace %{ClassName} {

/*! One instance of the %{PluginName} sensor. It reports a demo value: replace read() with your
    hardware access and checkDependencies() with a check that the device is there. */
class %{ClassName}Plugin : public QObject, public Smollama::SensorPlugin
{
    Q_OBJECT
    Q_INTERFACES(Smollama::Plugin Smollama::ReadingProvider)

public:
    Smollama::Result checkDependencies(const QJsonObject &config) override;
    Smollama::Result setup(const QJsonObject &config, Smollama::PluginContext *context) override;
    void teardown() override;
    QList<Smollama::SourceInfo> sources() const override;
    QList<Smollama::Reading> read() override;

private:
    double m_value = 0;
    bool m_ready = false;
};

} // namespace %{ClassName}
