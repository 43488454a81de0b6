// SPDX-License-Identifier: GPL-3.0-or-later
#include "%{PluginName}plugin.h"

#include <smollama/pluginfactory.h>

namespace %{ClassName} {

namespace {

const QString s_source = QStringLiteral("demo");
const QString s_unit = QStringLiteral("°C");

} // namespace

Smollama::Result %{ClassName}Plugin::checkDependencies(const QJsonObject &config)
{
    // Look, never claim: this also runs in the dry run of `smollama-cli plugin list`. Check
    // here that the device node, bus or kernel interface you need exists, and say how to fix
    // it when it does not.
    Q_UNUSED(config)
    return Smollama::Result::ok();
}

Smollama::Result %{ClassName}Plugin::setup(const QJsonObject &config,
                                           Smollama::PluginContext *context)
{
    Q_UNUSED(context) // needed only to publish() readings outside the poll cycle
    // The config was validated against plugin.json's configSchema, defaults filled in.
    m_value = config.value(QLatin1String("demo_value")).toDouble();
    m_ready = true;
    return Smollama::Result::ok();
}

void %{ClassName}Plugin::teardown()
{
    m_ready = false;
}

QList<Smollama::SourceInfo> %{ClassName}Plugin::sources() const
{
    return {{s_source, QStringLiteral("Demo value"), s_unit,
             QStringLiteral("A demo reading of the %{PluginName} plugin")}};
}

QList<Smollama::Reading> %{ClassName}Plugin::read()
{
    if (!m_ready) {
        return {Smollama::Reading::error(s_source, QStringLiteral("not set up"), s_unit)};
    }
    return {Smollama::Reading(s_source, m_value, s_unit)};
}

} // namespace %{ClassName}

// The library's root object: one %{ClassName}Plugin per configured instance.
SMOLLAMA_PLUGIN_FACTORY(%{ClassName}Factory, %{ClassName}::%{ClassName}Plugin)

#include "%{PluginName}plugin.moc"
