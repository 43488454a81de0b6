// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gpioconfig.h"

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
class GpioBackend;
class SimGpioBackend;
} // namespace Internal

/*!
    One instance of the builtin "gpio" plugin: the configured lines of one GPIO chip, as
    readings gpio:<name> (bool) and as the tools gpio_read, gpio_write and, with the simulated
    chip, gpio_simulate.

    Inputs with an edge setting are published the moment the edge arrives: the line's event
    file descriptor is watched by a QSocketNotifier created in setup(), so it lives on the
    instance's thread and its event loop. With debounce_ms the value is published once the line
    has been quiet that long. Outputs start at their `initial` state and are left in their
    `safe_state` at teardown(), active_low honoured.
*/
class GpioPlugin : public QObject, public Plugin, public ReadingProvider, public ToolProvider
{
    Q_OBJECT
    Q_INTERFACES(Smollama::Plugin Smollama::ReadingProvider Smollama::ToolProvider)

public:
    explicit GpioPlugin(QObject *parent = nullptr);
    ~GpioPlugin() override;

    Result checkDependencies(const QJsonObject &config) override;
    Result setup(const QJsonObject &config, PluginContext *context) override;
    void teardown() override;

    QList<SourceInfo> sources() const override;
    QList<Reading> read() override;

    QList<Tool *> tools() const override;

    /*! With backend: sim, the simulated chip as SimGpioBackend::chipState() describes it
        (electrical levels and the history of every output), also after teardown(); an empty
        object with real hardware. For tests and, later, the HTTP API; not part of the SDK. */
    Q_INVOKABLE QJsonObject simulatedChip() const;

private:
    struct Line;

    Result openBackend(const QJsonObject &config, Internal::GpioConfig *parsed,
                       std::unique_ptr<Internal::GpioBackend> *backend) const;
    Result claimLines();
    void createTools();
    void releaseLines();

    void readEvents(Line *line);
    void settled(Line *line);
    void publish(Line *line, bool on);

    Line *findLine(const QString &name) const;
    QString pinList(bool outputsOnly, bool inputsOnly) const;
    QJsonObject outputNameSchema() const;
    QJsonObject pinState(const Line *line, bool on) const;
    ToolResult readPin(const QJsonObject &arguments);
    ToolResult writePin(const QJsonObject &arguments);
    ToolResult simulatePin(const QJsonObject &arguments);

    Internal::GpioConfig m_config;
    std::unique_ptr<Internal::GpioBackend> m_backend;
    Internal::SimGpioBackend *m_sim = nullptr; // m_backend when it is the simulated chip
    std::vector<std::unique_ptr<Line>> m_lines;
    std::vector<std::unique_ptr<Tool>> m_tools;
    PluginContext *m_context = nullptr;
    QString m_instance;
    QString m_simChip; // kept after teardown() for simulatedChip()
};

} // namespace Smollama
