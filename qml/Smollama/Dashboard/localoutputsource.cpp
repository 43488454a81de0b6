// SPDX-License-Identifier: GPL-3.0-or-later
#include "localoutputsource.h"

#include "outputsmodel.h"
#include "tools/toolregistry.h"

namespace Smollama {

LocalOutputSource::LocalOutputSource(ToolRegistry *tools, QObject *parent)
    : OutputSource(parent)
    , m_tools(tools)
{
    if (m_tools) {
        // An instance that comes up late (a setup retry) brings its outputs then.
        connect(m_tools, &ToolRegistry::toolsChanged, this, &OutputSource::outputsChanged,
                Qt::QueuedConnection);
    }
}

QList<OutputSource::Output> LocalOutputSource::outputs() const
{
    QList<Output> out;
    if (!m_tools) {
        return out;
    }
    for (const QString &tool : m_tools->names()) {
        // A tool several instances offer (gpio_write of roof and garden) switches each
        // instance's own outputs: its calls name the instance.
        const QStringList instances = m_tools->instancesOf(tool);
        for (const QString &instance : instances) {
            const QJsonObject parameters = m_tools->instanceParameters(tool, instance);
            for (const QString &name : OutputsModel::switchedOutputs(parameters)) {
                out.append({tool, instance, instances.size() > 1 ? instance : QString(), name});
            }
        }
    }
    return out;
}

void LocalOutputSource::call(const QString &tool, const QJsonObject &arguments, QObject *context,
                             std::function<void(const ToolResult &)> done)
{
    m_tools->callAsync(tool, arguments, context, std::move(done));
}

} // namespace Smollama
