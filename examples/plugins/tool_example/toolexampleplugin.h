// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exampletools.h"

#include <smollama/toolplugin.h>

#include <QObject>

#include <memory>

namespace Smollama::ToolExample {

/*!
    One instance of the example "tool_example" plugin: offers unit_convert and uptime_text.
    Both are pure (no hardware, no state), so there is nothing to check or claim.
*/
class ToolExamplePlugin : public QObject, public ToolPlugin
{
    Q_OBJECT
    Q_INTERFACES(Smollama::Plugin Smollama::ToolProvider)

public:
    explicit ToolExamplePlugin(QObject *parent = nullptr);
    ~ToolExamplePlugin() override;

    Result checkDependencies(const QJsonObject &config) override;
    Result setup(const QJsonObject &config, PluginContext *context) override;
    void teardown() override;

    /*! The instance keeps ownership of the tools. */
    QList<Tool *> tools() const override;

private:
    std::unique_ptr<UnitConvertTool> m_unitConvert;
    std::unique_ptr<UptimeTextTool> m_uptimeText;
};

} // namespace Smollama::ToolExample
