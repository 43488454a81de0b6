// SPDX-License-Identifier: GPL-3.0-or-later
#include "%{PluginName}plugin.h"

#include <smollama/functiontool.h>
#include <smollama/pluginfactory.h>

#include <QJsonArray>

namespace %{ClassName} {

%{ClassName}Plugin::%{ClassName}Plugin() = default;
%{ClassName}Plugin::~%{ClassName}Plugin() = default;

Smollama::Result %{ClassName}Plugin::checkDependencies(const QJsonObject &config)
{
    // Look, never claim: this also runs in the dry run of `smollama-cli plugin list`.
    Q_UNUSED(config)
    return Smollama::Result::ok();
}

Smollama::Result %{ClassName}Plugin::setup(const QJsonObject &config,
                                           Smollama::PluginContext *context)
{
    Q_UNUSED(context)
    // The config was validated against plugin.json's configSchema, defaults filled in.
    const QString prefix = config.value(QLatin1String("prefix")).toString();
    // A tool is a name, a description for the model, a JSON Schema of its arguments and a
    // function. The host validates the arguments against the schema before the call, and an
    // exception the function throws becomes an error result with its what().
    m_echo = std::make_unique<Smollama::FunctionTool>(
        QStringLiteral("%{PluginName}_echo"),
        QStringLiteral("Repeats the given text. Use it to test the %{PluginName} plugin."),
        QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                    {QStringLiteral("properties"),
                     QJsonObject{{QStringLiteral("text"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                              {QStringLiteral("description"),
                                               QStringLiteral("What to repeat")}}}}},
                    {QStringLiteral("required"), QJsonArray{QStringLiteral("text")}}},
        [prefix](const QJsonObject &arguments) {
            return Smollama::ToolResult::ok(prefix +
                                            arguments.value(QLatin1String("text")).toString());
        });
    return Smollama::Result::ok();
}

void %{ClassName}Plugin::teardown()
{
    m_echo.reset();
}

QList<Smollama::Tool *> %{ClassName}Plugin::tools() const
{
    if (!m_echo) {
        return {}; // not set up
    }
    return {m_echo.get()};
}

} // namespace %{ClassName}

// The library's root object: one %{ClassName}Plugin per configured instance.
SMOLLAMA_PLUGIN_FACTORY(%{ClassName}Factory, %{ClassName}::%{ClassName}Plugin)

#include "%{PluginName}plugin.moc"
