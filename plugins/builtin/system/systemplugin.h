// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "systemstats.h"

#include <smollama/sensorplugin.h>

#include <QObject>
#include <QTimer>

#include <memory>

namespace Smollama {

/*!
    One instance of the builtin "system" plugin: CPU temperature, usage and clock, memory, load,
    disk usage per configured mount and uptime of the machine smollama runs on, read from /proc
    and /sys. Nothing here claims hardware, so several instances may coexist.
*/
class SystemPlugin : public QObject, public SensorPlugin
{
    Q_OBJECT
    Q_INTERFACES(Smollama::Plugin Smollama::ReadingProvider)

public:
    explicit SystemPlugin(QObject *parent = nullptr);
    ~SystemPlugin() override;

    Result checkDependencies(const QJsonObject &config) override;
    Result setup(const QJsonObject &config, PluginContext *context) override;
    void teardown() override;

    QList<SourceInfo> sources() const override;
    QList<Reading> read() override;

private:
    QList<Reading> readAll();
    /*! The CPU usage over the window that closes now, published through the context. */
    void publishCpuPercent();

    std::unique_ptr<Internal::SystemStats> m_stats;
    QList<Internal::DiskSource> m_disks;
    QString m_thermalZone;
    PluginContext *m_context = nullptr;
    // Closes the first CPU usage window after setup() (a child: it follows the plugin to the
    // instance's thread).
    QTimer *m_cpuWindow = nullptr;
};

} // namespace Smollama
