// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboard.h"

#include "runtime/noderuntime.h"

namespace Smollama {

Dashboard::Dashboard(NodeRuntime *runtime, QObject *parent)
    : QObject(parent)
    , m_readings(new ReadingsModel(runtime->readings(), runtime->history(), runtime->bus(), this))
    , m_history(new HistoryModel(runtime->history(), this))
    , m_plugins(new PluginsModel(runtime->plugins(), this))
    , m_conversation(
          new ConversationModel(runtime->agent(), runtime->rules(), runtime->ollama(), this))
    , m_outputs(new OutputsModel(runtime->tools(), runtime->readings(), runtime->bus(), this))
    , m_nodeName(runtime->config().nodeName())
    , m_safeModeReason(runtime->safeModeReason())
{
    m_dark = configuredTheme(runtime) != QLatin1String("light");
}

Dashboard::~Dashboard() = default;

void Dashboard::setDark(bool dark)
{
    if (dark != m_dark) {
        m_dark = dark;
        Q_EMIT darkChanged();
    }
}

QString Dashboard::configuredTheme(const NodeRuntime *runtime)
{
    return runtime->config()
        .section(QStringLiteral("dashboard"))
        .value(QStringLiteral("theme"))
        .toString();
}

} // namespace Smollama
