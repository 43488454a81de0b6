// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "modbusconfig.h"

#include <smollama/plugin.h>
#include <smollama/readingprovider.h>
#include <smollama/tool.h>
#include <smollama/toolprovider.h>

#include <QJsonObject>
#include <QObject>

#include <memory>
#include <vector>

namespace Smollama {

namespace Internal {
class ModbusDevice;
} // namespace Internal

/*!
    One instance of the builtin "modbus" plugin: the registers of the configured Modbus TCP
    and RTU devices as readings modbus:<device>_<register>, and the tool modbus_write for
    registers marked writable.

    Each device polls on its own timer, asynchronously, on the instance's thread (see
    ModbusDevice): its readings are published the moment a poll cycle ends, once; read() never
    hands them out again (each reading reaches the bus once) and only reports, with error
    readings of its own time, devices that have not answered their first poll. setup() waits
    for the first answers (at most a few timeouts), so values are there from the start.
*/
class ModbusPlugin : public QObject, public Plugin, public ReadingProvider, public ToolProvider
{
    Q_OBJECT
    Q_INTERFACES(Smollama::Plugin Smollama::ReadingProvider Smollama::ToolProvider)

public:
    explicit ModbusPlugin(QObject *parent = nullptr);
    ~ModbusPlugin() override;

    Result checkDependencies(const QJsonObject &config) override;
    Result setup(const QJsonObject &config, PluginContext *context) override;
    void teardown() override;

    QList<SourceInfo> sources() const override;
    QList<Reading> read() override;

    QList<Tool *> tools() const override;

    /*! Per device: requests sent, poll cycles completed, requests per cycle, connections
        made, whether it is connected now and how long a poll cycle takes (mean_cycle_ms,
        last_cycle_ms). For diagnostics and tests; not part of the SDK. */
    Q_INVOKABLE QJsonObject statistics() const;

private:
    void publish(const QList<Reading> &readings);
    void waitForFirstAnswers();
    void createTools();
    ToolResult write(const QJsonObject &arguments);
    QString writableList() const;

    Internal::ModbusConfig m_config;
    std::vector<std::unique_ptr<Internal::ModbusDevice>> m_devices;
    std::vector<std::unique_ptr<Tool>> m_tools;
    PluginContext *m_context = nullptr;
};

} // namespace Smollama
