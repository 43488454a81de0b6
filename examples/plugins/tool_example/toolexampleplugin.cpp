// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolexampleplugin.h"

#include <smollama/pluginfactory.h>

namespace Smollama::ToolExample {

ToolExamplePlugin::ToolExamplePlugin(QObject *parent)
    : QObject(parent)
{
}

ToolExamplePlugin::~ToolExamplePlugin() = default;

Result ToolExamplePlugin::checkDependencies(const QJsonObject &config)
{
    Q_UNUSED(config)
    return Result::ok();
}

Result ToolExamplePlugin::setup(const QJsonObject &config, PluginContext *context)
{
    Q_UNUSED(config)
    Q_UNUSED(context)
    m_unitConvert = std::make_unique<UnitConvertTool>();
    m_uptimeText = std::make_unique<UptimeTextTool>();
    return Result::ok();
}

void ToolExamplePlugin::teardown()
{
    m_unitConvert.reset();
    m_uptimeText.reset();
}

QList<Tool *> ToolExamplePlugin::tools() const
{
    if (!m_unitConvert || !m_uptimeText) {
        return {};
    }
    return {m_unitConvert.get(), m_uptimeText.get()};
}

} // namespace Smollama::ToolExample

// The library's root object: one ToolExamplePlugin per configured instance.
SMOLLAMA_PLUGIN_FACTORY(ToolExamplePluginFactory, Smollama::ToolExample::ToolExamplePlugin)

#include "toolexampleplugin.moc"
